import path from 'node:path'
import type { RecoverableSession } from '../../../shared/sessionTypes'
import { UsageError } from '../cliErrors'
import { createCliWorkbench, out } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine } from '../commandLine'

const help = `Usage: spyglass recover [ID -o FILE.spyglass | ID --discard] [--json]

Recordings stream to an autosave folder as they go. One whose recorder was killed, or that was
never saved, can be recovered into a session file with everything it had captured.

Without an ID, lists the recoverable recordings.

Options:
  -o, --output FILE  write the recording ID into FILE
  --discard          delete the recording ID instead
  --json             machine-readable output
  -h, --help         show this help
`

export const recoverCommand: CliCommand = {
  name: 'recover',
  summary: 'list, recover or discard recordings that were never saved',
  help,
  async run(args) {
    const split = args.findIndex((a) => !a.startsWith('-'))
    const id = split >= 0 && (split === 0 || !['-o', '--output'].includes(args[split - 1])) ? args[split] : undefined
    const rest = id === undefined ? args : args.filter((_, i) => i !== split)
    const { values } = parseCommandLine('recover', rest, {
      output: { type: 'string', short: 'o' },
      discard: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false }
    })
    if (id === undefined && (values.output || values.discard)) throw new UsageError('name the recording to recover (spyglass recover lists them)')
    if (id !== undefined && !values.output && !values.discard) throw new UsageError('recover ID needs -o FILE.spyglass or --discard')
    if (values.output && values.discard) throw new UsageError('-o and --discard do not go together')
    const workbench = createCliWorkbench('cli')
    try {
      const offers = await workbench.invoke('sessions.recoverable', undefined)
      if (id === undefined) {
        if (values.json) out.line(JSON.stringify(offers, null, 2))
        else printOffers(offers)
        return 0
      }
      const match = offers.filter((o) => o.id === id || o.id.startsWith(id))
      if (match.length !== 1) throw new UsageError(match.length === 0 ? `no recoverable recording ${id} (spyglass recover lists them)` : `${id} matches several recordings; give more of the id`)
      const offer = match[0]
      if (values.discard) {
        await workbench.invoke('sessions.discard', { id: offer.id })
        if (values.json) out.line(JSON.stringify({ discarded: offer.id }))
        else out.error(`spyglass: discarded ${offer.id}`)
        return 0
      }
      const result = await workbench.sessions.recoverInto(offer.id, path.resolve(values.output!))
      if (values.json) out.line(JSON.stringify({ id: offer.id, ...result }, null, 2))
      else out.error(`spyglass: wrote ${result.file} — ${result.counts.events} events recovered from ${offer.title}`)
      return 0
    } finally {
      await workbench.dispose()
    }
  }
}

function printOffers(offers: RecoverableSession[]): void {
  if (offers.length === 0) {
    out.line('nothing to recover')
    return
  }
  for (const offer of offers) {
    const state = offer.finished ? 'stopped, not saved' : 'interrupted'
    out.line(`${offer.id}  ${new Date(offer.startedAt).toISOString()}  ${offer.events} events  ${state}  ${offer.title}`)
  }
}
