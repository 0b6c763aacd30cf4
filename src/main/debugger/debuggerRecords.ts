// Reading a session's debugger stream (streams/debugger.ndjson) back: every line is validated; a
// line that is not a record is skipped and counted, never trusted. `spyglass inspect` summarizes
// the records, the Sources view of an opened session lists them.
import { z } from 'zod'
import type { DebuggerRecord } from '../../shared/debuggerTypes'
import { ndjsonLines, type SessionSource } from '../sessions'
import { debuggerStreamName } from './debuggerRecorderStream'

/** Added in format 1. */
export const debuggerStreamEntry = `streams/${debuggerStreamName}.ndjson`

const reasons = ['breakpoint', 'step', 'exception', 'promiseRejection', 'debuggerStatement', 'pause', 'other'] as const
const location = z.object({ url: z.string(), line: z.number(), column: z.number() })
const hitCondition = z.object({ op: z.enum(['==', '>=', '%']), count: z.number() })
const breakpoint = z.object({
  id: z.string(),
  rootId: z.string(),
  kind: z.enum(['line', 'function']),
  url: z.string().nullable(),
  line: z.number().nullable(),
  column: z.number().nullable(),
  functionName: z.string().nullable(),
  condition: z.string().nullable(),
  logMessage: z.string().nullable(),
  hitCondition: hitCondition.nullable(),
  enabled: z.boolean(),
  state: z.enum(['bound', 'pending', 'disabled', 'error']),
  locations: z.array(z.object({ targetId: z.string(), location, generated: location })),
  hits: z.number(),
  message: z.string().nullable()
})
const recordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('pause'),
    time: z.number(),
    targetId: z.string(),
    reason: z.enum(reasons),
    description: z.string(),
    location: location.nullable(),
    functionName: z.string().nullable().optional(),
    breakpointIds: z.array(z.string())
  }),
  z.object({ type: z.literal('resume'), time: z.number(), targetId: z.string() }),
  z.object({ type: z.literal('logpoint'), time: z.number(), targetId: z.string(), breakpointId: z.string(), text: z.string(), location: location.nullable() }),
  z.object({ type: z.literal('breakpoint'), time: z.number(), breakpoint }),
  z.object({
    type: z.literal('source'),
    time: z.number(),
    targetId: z.string(),
    url: z.string(),
    text: z.string(),
    language: z.enum(['javascript', 'typescript', 'json', 'other'])
  })
])

/** A source record holds a whole file: lines up to this size are read. */
const maxLineBytes = 16 * 1024 * 1024

/**
 * Yields the valid records of a session's debugger stream (none when it has no stream); `onSkipped`
 * is called for each line that is not one. A recording cut short may end in half a line: that
 * line is dropped, the rest is kept.
 */
export async function* readDebuggerRecords(source: SessionSource, onSkipped: () => void): AsyncGenerator<DebuggerRecord> {
  if (!source.entryNames.includes(debuggerStreamEntry)) return
  for await (const line of ndjsonLines(await source.openEntry(debuggerStreamEntry), { maxLineBytes, keepUnterminated: false })) {
    if (line === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      onSkipped()
      continue
    }
    const parsed = recordSchema.safeParse(json)
    if (parsed.success) yield parsed.data as DebuggerRecord
    else onSkipped()
  }
}
