// The errors domain's part of the API contract: a process's error groups (its workers included)
// as a window of rows, one group in detail, and the error rate over time.
import { z } from 'zod'
import { defineEvents, defineRequests, payload, result, type EventTypes, type RequestTypes } from './contract'
import {
  errorCategories,
  errorSeverities,
  errorSorts,
  type ErrorGroupDetail,
  type ErrorGroupFilter,
  type ErrorGroupSummary,
  type ErrorRateSeries,
  type ErrorsChanged
} from './errorTypes'

const targetId = z.object({ targetId: z.string().min(1) })

const errorGroupFilter = z.object({
  categories: z.array(z.enum(errorCategories)).optional(),
  severities: z.array(z.enum(errorSeverities)).optional(),
  text: z.string().optional()
}) satisfies z.ZodType<ErrorGroupFilter>

export const errorsRequests = defineRequests({
  /** Error groups of a target's process (its workers included), a window of rows. */
  'errors.groups': {
    params: targetId.extend({
      filter: errorGroupFilter.optional(),
      sort: z.enum(errorSorts).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(0).max(10_000).optional()
    }),
    result: result<{ total: number; occurrences: number; groups: ErrorGroupSummary[] }>()
  },
  'errors.group': { params: targetId.extend({ fingerprint: z.string().min(1) }), result: result<ErrorGroupDetail>() },
  /** Errors per time bucket and severity, for the error-rate chart. */
  'errors.rate': { params: targetId, result: result<ErrorRateSeries>() }
})

export const errorsEvents = defineEvents({
  /** A process's error groups changed (at most twice a second); fetch the rows again. */
  'errors.changed': payload<ErrorsChanged>()
})

export type ErrorsRequests = RequestTypes<typeof errorsRequests>
export type ErrorsEvents = EventTypes<typeof errorsEvents>
