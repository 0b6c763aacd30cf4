// The `spyglass` command (bundled to out/main/cli.js, started by bin/spyglass.mjs).
// Each subcommand is a module under commands/; all of them drive the same Workbench as the
// desktop app, without a window.
import { textTable } from '../../shared/textTable'
import { appVersion, out } from './cliContext'
import type { CliCommand } from './cliCommand'
import { reportFailure } from './cliErrors'
import { asksForHelp, takeVerbose } from './commandLine'
import { setLogLevel } from '../log'
import { attachCommand } from './commands/attach'
import { demoCommand } from './commands/demo'
import { openDesktopApp } from './commands/desktop'
import { exportCommand } from './commands/export'
import { gpuCommand } from './commands/gpu'
import { heapCommand } from './commands/heap'
import { inspectCommand } from './commands/inspect'
import { profileCommand } from './commands/profile'
import { recordCommand } from './commands/record'
import { recoverCommand } from './commands/recover'
import { serveCommand } from './commands/serve'
import { targetsCommand } from './commands/targets'

const commands: CliCommand[] = [serveCommand, targetsCommand, attachCommand, recordCommand, recoverCommand, inspectCommand, exportCommand, profileCommand, heapCommand, gpuCommand, demoCommand]

function generalHelp(): string {
  return [
    `Spyglass ${appVersion} — a debugging workbench for Node.js`,
    '',
    'Usage: spyglass [command] [options]',
    '',
    'Without a command, opens the desktop app (or the browser workbench where Electron cannot run).',
    '',
    'Commands:',
    ...textTable(commands.map((c) => [c.name, c.summary]), { indent: '  ' }),
    '',
    'Run `spyglass <command> --help` for its options. Every command also takes --verbose: what',
    'best-effort calls dropped (a request to a target that went away…) as debug lines on stderr.',
    'Environment: SPYGLASS_CONFIG_DIR (settings folder), SPYGLASS_NO_BROWSER=1 (never open a browser),',
    'SPYGLASS_NO_ELECTRON=1 (use the browser workbench), SPYGLASS_LOG=debug|info|warn (as --verbose).'
  ].join('\n')
}

/** Runs one command line and returns its exit code; failures are printed as one line, never thrown. */
export async function runCli(argv: string[]): Promise<number> {
  const { args, verbose } = takeVerbose(argv)
  if (verbose) setLogLevel('debug')
  const [first, ...rest] = args
  try {
    if (first === undefined) return await openDesktopApp()
    if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
      out.line(generalHelp())
      return 0
    }
    if (first === '--version' || first === '-v') {
      out.line(appVersion)
      return 0
    }
    if (first === 'help') return await runCli([rest[0], '--help'])
    const command = commands.find((c) => c.name === first)
    if (!command) {
      const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`
      out.error(`spyglass: ${what} (run spyglass --help)`)
      return 2
    }
    if (asksForHelp(rest)) {
      out.line(command.help.trimEnd())
      return 0
    }
    return await command.run(rest)
  } catch (error) {
    return reportFailure(error, out.error)
  }
}

/**
 * The process entry: sets the exit code and, should a stray handle (a socket still closing)
 * keep the loop alive, exits anyway shortly after.
 */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  installLastResortHandlers()
  const code = await runCli(argv)
  process.exitCode = code
  setTimeout(() => process.exit(code), 2000).unref()
}

/**
 * Keeps the promise of one-line errors even for bugs: an uncaught exception ends the process
 * with one line; a stray rejection is reported in one line and the command (a running server,
 * say) goes on.
 */
function installLastResortHandlers(): void {
  process.on('uncaughtException', (error) => {
    reportFailure(error, out.error)
    process.exit(1)
  })
  process.on('unhandledRejection', (reason) => {
    reportFailure(reason, out.error)
  })
}
