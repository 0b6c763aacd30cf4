// The debugger part of `spyglass inspect`: from a session's debugger stream
// (streams/debugger.ndjson), how often and where the target stopped, and what logpoints printed.
// Read back from disk, so every line is validated; a line that is not a record is skipped and
// counted, never trusted.
import path from 'node:path'
import { z } from 'zod'
import type { PauseReason } from '../../shared/debuggerTypes'
import { ndjsonLines } from '../sessions/ndjsonLines'
import type { SessionSource } from '../sessions/sessionSource'
import { debuggerStreamName } from './debuggerRecorderStream'

/** Added in format 1. */
export const debuggerStreamEntry = `streams/${debuggerStreamName}.ndjson`

const reasons = ['breakpoint', 'step', 'exception', 'promiseRejection', 'debuggerStatement', 'pause', 'other'] as const
const location = z.object({ url: z.string(), line: z.number(), column: z.number() }).nullable()
const recordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pause'), time: z.number(), targetId: z.string(), reason: z.enum(reasons), location, breakpointIds: z.array(z.string()) }),
  z.object({ type: z.literal('resume'), time: z.number(), targetId: z.string() }),
  z.object({ type: z.literal('logpoint'), time: z.number(), targetId: z.string(), breakpointId: z.string(), text: z.string(), location }),
  z.object({ type: z.literal('breakpoint'), time: z.number(), breakpoint: z.object({ id: z.string() }) })
])

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
  if (!source.entryNames.includes(debuggerStreamEntry)) return summary
  const places = new Map<string, { url: string; line: number; count: number }>()
  const breakpointIds = new Set<string>()
  // A recording cut short may end in half a line: that line is dropped, the rest is kept.
  for await (const line of ndjsonLines(await source.openEntry(debuggerStreamEntry), { maxLineBytes: 16 * 1024 * 1024, keepUnterminated: false })) {
    if (line === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      summary.skipped++
      continue
    }
    const parsed = recordSchema.safeParse(json)
    if (!parsed.success) {
      summary.skipped++
      continue
    }
    const record = parsed.data
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
