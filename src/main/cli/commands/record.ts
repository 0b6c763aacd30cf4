import path from 'node:path'
import type { SessionInfo } from '../../../shared/sessionTypes'
import type { TargetInfo } from '../../../shared/targetTypes'
import { toUserErrorPayload } from '../../../shared/userError'
import { UsageError } from '../cliErrors'
import { createCliWorkbench, out, waitForStopSignal } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine, parseDuration } from '../commandLine'
import { describeTarget, formatExit } from '../consoleLineFormat'
import { attachModeOptionSpec, attachModesHelp, attachRequestFrom, splitLaunchCommand } from './attach'

const help = `Usage: spyglass record (--pid N | --port N [--host H] | --ws URL | -- <node command line>) -o FILE.spyglass [options]

Record everything Spyglass captures from a Node.js process (console, exceptions, output, its
worker threads) into a session file, until the duration ends, the target exits or Ctrl-C.
While recording, data streams to an autosave folder: if this command is killed, nothing
captured is lost (see spyglass recover). A target that dies mid-recording still yields a
complete file with its exit recorded.

${attachModesHelp('record')}
Options:
  -o, --output FILE     the .spyglass file to write (required)
  --duration T          stop after T (10s, 500ms, 2m, 1h)
  --cpu                 also record a CPU profile of the whole recording (sampled every
                        millisecond), stored in the session as a standard .cpuprofile
  --heap-snapshots      also take heap snapshots (arrives with the heap view)
  --metrics-interval T  also sample host and process metrics every T (arrives with the System view)
  --json                print the result as one JSON object on stdout
  -h, --help            show this help
`

/** Capabilities the session format has room for but that this build cannot capture yet. */
const notYet: Array<{ option: 'heap-snapshots' | 'metrics-interval'; what: string }> = [
  { option: 'heap-snapshots', what: 'heap snapshots are not recorded yet (the heap view is not part of this build)' },
  { option: 'metrics-interval', what: 'metric samples are not recorded yet (the System view is not part of this build)' }
]

type End = 'target' | 'duration' | 'signal'

export const recordCommand: CliCommand = {
  name: 'record',
  summary: 'record a process into a .spyglass session file',
  help,
  async run(args) {
    const { own, launch } = splitLaunchCommand(args)
    const { values } = parseCommandLine('record', own, {
      ...attachModeOptionSpec,
      output: { type: 'string', short: 'o' },
      duration: { type: 'string' },
      cpu: { type: 'boolean', default: false },
      'heap-snapshots': { type: 'boolean', default: false },
      'metrics-interval': { type: 'string' },
      json: { type: 'boolean', default: false }
    })
    const request = attachRequestFrom(values, launch, 'record')
    if (!values.output) throw new UsageError('record needs -o FILE.spyglass')
    const file = path.resolve(values.output)
    const durationMs = parseDuration(values.duration)
    if (values['metrics-interval'] !== undefined) parseDuration(values['metrics-interval'])
    for (const { option, what } of notYet) {
      if (values[option] !== undefined && values[option] !== false) out.error(`spyglass: --${option}: ${what}; recording without it`)
    }

    const workbench = createCliWorkbench('cli')
    const stop = waitForStopSignal()
    let timer: NodeJS.Timeout | undefined
    let session: SessionInfo | null = null
    try {
      const target = await Promise.race([workbench.invoke('targets.attach', request), stop.stopped.then(() => null)])
      if (!target) return 0
      session = await workbench.invoke('sessions.record', { targetId: target.id })
      if (values.cpu) await workbench.profiler.start(target.id)
      out.error(`spyglass: recording ${describeTarget(target)} into ${file}${values.json ? '' : ' — Ctrl-C to stop'}`)
      const sessionId = session.id
      const end = await Promise.race<End>([
        workbench.sessions.stopped(sessionId).then((): End => 'target'),
        new Promise<End>((resolve) => {
          if (durationMs !== undefined) timer = setTimeout(() => resolve('duration'), durationMs)
        }),
        stop.stopped.then((): End => 'signal')
      ])
      // A target that exited had its profile collected on its way out; one still running stops here.
      if (workbench.profiler.isRunning(target.id)) await workbench.profiler.stop(target.id)
      const stopped = await workbench.invoke('sessions.stop', { sessionId })
      await workbench.invoke('sessions.save', { sessionId, path: file })
      report(stopped, file, end, workbench.targets.get(target.id), values.json)
      return 0
    } catch (error) {
      if (session) {
        out.error(`spyglass: the recording is kept in the autosave folder; recover it with \`spyglass recover\` (${toUserErrorPayload(error).message.split('\n')[0]})`)
      }
      throw error
    } finally {
      clearTimeout(timer)
      stop.dispose()
      await workbench.dispose()
    }
  }
}

function report(session: SessionInfo, file: string, end: End, target: TargetInfo | null, json: boolean): void {
  const durationMs = (session.endedAt ?? Date.now()) - session.startedAt
  if (json) {
    out.line(JSON.stringify({ file, events: session.counts.events, byLevel: session.counts.byLevel, dropped: session.counts.dropped, durationMs, end, exit: session.target.exit }, null, 2))
    return
  }
  const { byLevel } = session.counts
  const why = end === 'target' ? (target?.state === 'exited' ? `; ${formatExit(session.target.exit)}` : '; the target went away') : end === 'duration' ? '' : '; stopped'
  out.error(
    `spyglass: wrote ${file} — ${session.counts.events} events (${byLevel.error} errors, ${byLevel.warn} warnings) over ${(durationMs / 1000).toFixed(1)} s${why}`
  )
}
