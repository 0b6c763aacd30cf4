import { createCliWorkbench, out } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine, parseDuration, rejectPositionals } from '../commandLine'
import { attachAndFollow } from '../consoleFollower'

const help = `Usage: spyglass demo [--json] [--duration T]

Launch the bundled demo program under the inspector and stream its console, the quickest way
to see what Spyglass captures.

Options:
  --json           print each event as one JSON object per line (NDJSON)
  --duration T     stop after T (10s, 500ms, 2m, 1h)
  -h, --help       show this help
`

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'launch the bundled demo program and stream its console',
  help,
  async run(args) {
    const { values, positionals } = parseCommandLine('demo', args, {
      json: { type: 'boolean', default: false },
      duration: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    })
    if (values.help) {
      out.line(help.trimEnd())
      return 0
    }
    rejectPositionals('demo', positionals)
    const durationMs = parseDuration(values.duration)
    const workbench = createCliWorkbench('cli')
    return attachAndFollow(workbench, () => workbench.invoke('targets.launchDemo', undefined), { json: values.json, durationMs })
  }
}
