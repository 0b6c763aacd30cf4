import { createCliWorkbench } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine, parseDuration } from '../commandLine'
import { attachAndFollow, followOptionSpec, followOptionsHelp } from '../consoleFollower'

const help = `Usage: spyglass demo [--json] [--duration T]

Launch the bundled demo program under the inspector and stream its console, the quickest way
to see what Spyglass captures.

Options:
${followOptionsHelp}`

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'launch the bundled demo program and stream its console',
  help,
  async run(args) {
    const { values } = parseCommandLine('demo', args, followOptionSpec)
    const durationMs = parseDuration(values.duration)
    const workbench = createCliWorkbench('cli')
    return attachAndFollow(workbench, () => workbench.invoke('targets.launchDemo', undefined), { json: values.json, durationMs })
  }
}
