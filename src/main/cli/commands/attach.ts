import type { AttachRequest } from '../../../shared/targetTypes'
import { UsageError } from '../cliErrors'
import { createCliWorkbench } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine, parseDuration, parseIntegerOption } from '../commandLine'
import { attachAndFollow, attachRequestOf, followOptionSpec, followOptionsHelp } from '../consoleFollower'

/** The help text of the attach modes, for every command that attaches. */
export function attachModesHelp(command: string): string {
  return `Modes (exactly one):
  --pid N          a running Node process; its inspector is enabled if it has none yet
  --port N         an inspector already listening on this port (see --host)
  --host H         host of that inspector (default 127.0.0.1; the inspector runs code, so
                   name another host only if you trust the network)
  --ws URL         an inspector WebSocket URL (ws://127.0.0.1:9229/<id>)
  -- CMD ARGS…     launch CMD under the inspector, e.g. spyglass ${command} -- node app.js
`
}

const help = `Usage: spyglass attach (--pid N | --port N [--host H] | --ws URL | -- <node command line>) [options]

Attach to a Node.js process and stream its console to the terminal, one line per event
(time, level, text, location), until the target exits, the duration ends or Ctrl-C.

${attachModesHelp('attach')}
Options:
${followOptionsHelp}`

/** The options that pick a target, for every command that attaches. */
export const attachModeOptionSpec = {
  pid: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  ws: { type: 'string' }
} as const

export const attachCommand: CliCommand = {
  name: 'attach',
  summary: 'attach to a process (--pid, --port, --ws or -- command) and stream its console',
  help,
  async run(args) {
    const { own, launch } = splitLaunchCommand(args)
    const { values } = parseCommandLine('attach', own, { ...attachModeOptionSpec, ...followOptionSpec })
    const request = attachRequestFrom(values, launch)
    const durationMs = parseDuration(values.duration)
    const workbench = createCliWorkbench('cli')
    return attachAndFollow(workbench, attachRequestOf(workbench, request), { json: values.json, durationMs })
  }
}

/** Everything after `--` is the program to launch, options included. */
export function splitLaunchCommand(args: string[]): { own: string[]; launch: string[] | null } {
  const split = args.indexOf('--')
  return { own: split < 0 ? args : args.slice(0, split), launch: split < 0 ? null : args.slice(split + 1) }
}

/** The attach mode from `--pid | --port [--host] | --ws | -- <command>` (shared with `record`). */
export function attachRequestFrom(
  values: { pid?: string; port?: string; host?: string; ws?: string },
  launch: string[] | null,
  command = 'attach'
): AttachRequest {
  const modes = [values.pid !== undefined && '--pid', values.port !== undefined && '--port', values.ws !== undefined && '--ws', launch !== null && '-- <command>'].filter(Boolean)
  if (modes.length === 0) throw new UsageError(`${command} needs one of --pid, --port, --ws or -- <command> (see spyglass ${command} --help)`)
  if (modes.length > 1) throw new UsageError(`${command} takes one mode, got ${modes.join(' and ')}`)
  if (values.host !== undefined && values.port === undefined) throw new UsageError('--host goes with --port')
  if (values.pid !== undefined) return { kind: 'pid', pid: parseIntegerOption('pid', values.pid, 1, 2 ** 31 - 1)! }
  if (values.port !== undefined) {
    const port = parseIntegerOption('port', values.port, 1, 65535)!
    return values.host === undefined ? { kind: 'port', port } : { kind: 'port', port, host: values.host }
  }
  if (values.ws !== undefined) {
    if (!/^wss?:\/\//i.test(values.ws)) throw new UsageError(`--ws needs a ws:// URL, got "${values.ws}"`)
    return { kind: 'ws', url: values.ws }
  }
  if (!launch || launch.length === 0) throw new UsageError('nothing to launch after --')
  return { kind: 'launch', command: launch, cwd: process.cwd() }
}
