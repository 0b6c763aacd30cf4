// The console's part of a saved session: event counts by level and source, events dropped before
// the recording began, and the most frequent warnings and errors (counted in bounded memory).
import { consoleLevels, occurrencesOf, type ConsoleLevel, type ConsoleSource } from '../../shared/consoleTypes'
import { textTable } from '../../shared/textTable'
import { emptyLevelCounts, oneLine, summaryLabel, type SessionPart } from '../sessions'
import { FrequentMessageCounter, topMessageCount, type FrequentMessage } from './frequentMessages'

const consoleSources: readonly ConsoleSource[] = ['console', 'exception', 'stdout', 'stderr', 'spyglass']

export interface ConsoleSessionSummary {
  events: {
    /** Recounted from the events entry, not copied from the manifest. */
    total: number
    byLevel: Record<ConsoleLevel, number>
    bySource: Record<ConsoleSource, number>
    /** Events the target produced that the session does not hold (evicted before recording began). */
    dropped: number
  }
  /** The most frequent warning and error messages, most frequent first. */
  topMessages: FrequentMessage[]
  /** True when the messages were too many and varied to count exactly (counts are then lower bounds). */
  topMessagesApproximate: boolean
}

export const consoleSessionPart: SessionPart<ConsoleSessionSummary> = {
  name: 'console',
  summarize(source) {
    const byLevel = emptyLevelCounts()
    const bySource = Object.fromEntries(consoleSources.map((s) => [s, 0])) as Record<ConsoleSource, number>
    const messages = new FrequentMessageCounter()
    let total = 0
    return {
      onEvent(event) {
        const times = occurrencesOf(event)
        total += times
        byLevel[event.level] += times
        bySource[event.source] += times
        if (event.level === 'warn' || event.level === 'error') messages.add(event.level, event.text, times)
      },
      finish: () => ({
        events: { total, byLevel, bySource, dropped: source.manifest.counts.dropped },
        topMessages: messages.top(topMessageCount),
        topMessagesApproximate: messages.approximate
      })
    }
  },
  format({ events, topMessages, topMessagesApproximate }) {
    const lines: string[] = []
    const levels = consoleLevels.map((l) => `${l} ${events.byLevel[l]}`).join(', ')
    lines.push(`${summaryLabel('Events')}${events.total} (${levels})`)
    const sources = consoleSources.filter((s) => events.bySource[s] > 0).map((s) => `${s} ${events.bySource[s]}`)
    if (sources.length > 0) lines.push(`${summaryLabel('Sources')}${sources.join(', ')}`)
    lines.push(`${summaryLabel('Dropped')}${events.dropped === 0 ? 'none' : `${events.dropped} (evicted before the recording began)`}`)
    lines.push('')
    if (topMessages.length === 0) {
      lines.push('Top problems: none (no warnings or errors)')
    } else {
      lines.push(`Top problems (most frequent warnings and errors${topMessagesApproximate ? ', counts approximate' : ''}):`)
      lines.push(...textTable(topMessages.map((m) => [`${m.count}×`, m.level, oneLine(m.text)]), { align: ['right'], indent: '  ', gap: ' ' }))
    }
    lines.push('')
    return lines
  }
}
