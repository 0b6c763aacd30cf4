// The debugger part of `spyglass inspect`: from a session's debugger stream
// (streams/debugger.ndjson), how often and where the target stopped, and what logpoints printed.
// Read back from disk, so every line is validated; a line that is not a record is skipped and
// counted, never trusted.
import path from 'node:path'
import type { PauseReason } from '../../shared/debuggerTypes'
import type { SessionSource } from '../sessions'
import { readDebuggerRecords } from './debuggerRecords'

export interface DebuggerSessionSummary {
  pauses: number
  byReason: Partial<Record<PauseReason, number>>
  /** Where the target stopped, most often first (at most ten places). */
  topLocations: Array<{ url: string; line: number; count: number }>
  logpointLines: number
  /** Breakpoints set or changed during the recording (distinct ids). */
  breakpoints: number
  /** Lines that were not valid records. */
  skipped: number
}

export async function summarizeDebuggerRecords(source: SessionSource): Promise<DebuggerSessionSummary> {
  const summary: DebuggerSessionSummary = { pauses: 0, byReason: {}, topLocations: [], logpointLines: 0, breakpoints: 0, skipped: 0 }
  const places = new Map<string, { url: string; line: number; count: number }>()
  const breakpointIds = new Set<string>()
  for await (const record of readDebuggerRecords(source, () => summary.skipped++)) {
    if (record.type === 'pause') {
      summary.pauses++
      summary.byReason[record.reason] = (summary.byReason[record.reason] ?? 0) + 1
      if (record.location) {
        const key = `${record.location.url}:${record.location.line}`
        const place = places.get(key) ?? { url: record.location.url, line: record.location.line, count: 0 }
        place.count++
        places.set(key, place)
      }
    } else if (record.type === 'logpoint') summary.logpointLines++
    else if (record.type === 'breakpoint') breakpointIds.add(record.breakpoint.id)
  }
  summary.breakpoints = breakpointIds.size
  summary.topLocations = [...places.values()].sort((a, b) => b.count - a.count).slice(0, 10)
  return summary
}

/** Lines for people; none when the debugger was not used during the recording. */
export function formatDebuggerSummary(summary: DebuggerSessionSummary): string[] {
  if (summary.pauses === 0 && summary.logpointLines === 0 && summary.breakpoints === 0) return []
  const reasons = Object.entries(summary.byReason).map(([reason, count]) => `${reason} ${count}`)
  const lines = [`Debugger: ${summary.pauses} pause${summary.pauses === 1 ? '' : 's'}${reasons.length ? ` (${reasons.join(', ')})` : ''}, ${summary.logpointLines} logpoint line${summary.logpointLines === 1 ? '' : 's'}, ${summary.breakpoints} breakpoint${summary.breakpoints === 1 ? '' : 's'}`]
  for (const place of summary.topLocations.slice(0, 5)) lines.push(`  ${place.count}× stopped at ${path.basename(place.url)}:${place.line}`)
  lines.push('')
  return lines
}
