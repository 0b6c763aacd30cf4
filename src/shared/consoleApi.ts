// The console domain's part of the API contract: a target's stored events as a window of rows,
// objects expanded on demand, and new events pushed in batches.
import { z } from 'zod'
import { defineEvents, defineRequests, payload, result, type EventTypes, type RequestTypes } from './contract'
import { consoleLevels, consoleSources, type ConsoleBatch, type ConsoleEvent, type ConsoleFilter, type ConsoleStats, type PropertyRow } from './consoleTypes'

const targetId = z.object({ targetId: z.string().min(1) })

const consoleFilter = z.object({
  levels: z.array(z.enum(consoleLevels)).optional(),
  text: z.string().optional(),
  sources: z.array(z.enum(consoleSources)).optional()
}) satisfies z.ZodType<ConsoleFilter>

export const consoleRequests = defineRequests({
  /** Events currently stored for a target, filtered, as a window of rows. */
  'console.query': {
    params: targetId.extend({
      filter: consoleFilter.optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(0).max(100_000).optional()
    }),
    result: result<{ total: number; events: ConsoleEvent[]; stats: ConsoleStats }>()
  },
  /** Lazily expand an object printed by the target. */
  'console.getProperties': { params: targetId.extend({ objectId: z.string().min(1) }), result: result<PropertyRow[]>() },
  'console.clear': { params: targetId, result: result<void>() }
})

export const consoleEvents = defineEvents({
  /** Console events, batched (about ten batches a second at most). */
  'console.batch': payload<ConsoleBatch>()
})

export type ConsoleRequests = RequestTypes<typeof consoleRequests>
export type ConsoleEvents = EventTypes<typeof consoleEvents>
