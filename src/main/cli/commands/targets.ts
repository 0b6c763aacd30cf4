import type { LocalNodeProcess } from '../../../shared/targetTypes'
import { textTable } from '../../../shared/textTable'
import { createCliWorkbench, out } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine } from '../commandLine'

const help = `Usage: spyglass targets [--json]

List the Node.js processes on this machine and the inspector endpoint of those that have one.

Options:
  --json           print an array of {pid, command, inspector: {port, wsUrl} | null}
  -h, --help       show this help
`

export const targetsCommand: CliCommand = {
  name: 'targets',
  summary: 'list local Node.js processes and their inspector endpoints',
  help,
  async run(args) {
    const { values } = parseCommandLine('targets', args, {
      json: { type: 'boolean', default: false }
    })
    const workbench = createCliWorkbench('cli')
    try {
      const processes = await workbench.invoke('targets.discover', undefined)
      if (values.json) out.line(JSON.stringify(processes, null, 2))
      else printTable(processes)
      return 0
    } finally {
      await workbench.dispose()
    }
  }
}

function printTable(processes: LocalNodeProcess[]): void {
  if (processes.length === 0) {
    out.line('no Node.js processes found')
    return
  }
  const rows = processes.map((p) => [String(p.pid), p.inspector ? inspectorAddress(p.inspector.wsUrl, p.inspector.port) : '-', p.command])
  for (const line of textTable(rows, { header: ['PID', 'INSPECTOR', 'COMMAND'] })) out.line(line)
}

function inspectorAddress(wsUrl: string, port: number): string {
  try {
    return new URL(wsUrl).host
  } catch {
    // Not every endpoint reports a parseable URL; the port alone still tells the user where to look.
    return `:${port}`
  }
}
