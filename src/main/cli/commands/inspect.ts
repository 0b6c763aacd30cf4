import { openSessionFile } from '../../sessions'
import { formatSessionSummary, summarizeSession } from '../../sessionParts'
import { ErrorCatalog } from '../../errors'
import { createCliSettings, out } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseFileCommandLine } from '../commandLine'

const help = `Usage: spyglass inspect FILE.spyglass [--json]

Summarise a saved session without opening the workbench: the target and how it ended, the
duration, event counts by level and source, events dropped, the error groups (category,
severity, fix hint), the most frequent warnings and errors, notes and the entries in the file. Reads the events once, as a stream: sessions of any
size are fine.

Options:
  --json           print one JSON object: {file, format, title, target, targets, startedAt,
                   endedAt, durationMs, events: {total, byLevel, bySource, dropped},
                   topMessages, errors, profiles, heap, metrics, notes, entries}
                   errors: [{fingerprint, type, code, message, count, category, severity,
                   hint, firstSeen, lastSeen, topFrame, …}]; profiles, heap and metrics stay
                   empty until Spyglass records them
  -h, --help       show this help
`

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'summarise a .spyglass session file (target, duration, counts, error groups)',
  help,
  async run(args) {
    const { values, file } = parseFileCommandLine('inspect', args, {
      json: { type: 'boolean', default: false }
    })
    const source = await openSessionFile(file)
    try {
      // The user's own error patterns (settings) explain groups here as they do in the workbench.
      const errorCatalog = ErrorCatalog.withUserFile(createCliSettings().get().errorPatternsFile)
      const summary = await summarizeSession(source, { errorCatalog })
      if (values.json) out.line(JSON.stringify(summary, null, 2))
      else for (const line of formatSessionSummary(summary)) out.line(line)
      return 0
    } finally {
      await source.close()
    }
  }
}
