import { z } from 'zod'
import type { ProfilerRequests } from './profilerApi'
import { profileCategoryLabels, type ProfileCategory } from './profileTypes'

// Params of the profiler requests arrive from the wire: each is validated by its schema here.
const targetId = z.object({ targetId: z.string().min(1) })
const profileId = z.object({ profileId: z.string().min(1) })
const ms = z.number().finite().min(0)
const widthPx = z.number().int().min(1).max(16_384)
const categories = Object.keys(profileCategoryLabels) as [ProfileCategory, ...ProfileCategory[]]

export const profilerParamSchemas: { [N in keyof ProfilerRequests]: z.ZodType } = {
  'profiler.list': z.union([z.undefined(), z.null(), z.object({}).strict()]).transform(() => undefined),
  'profiler.status': targetId,
  'profiler.start': targetId.extend({
    // V8 samples no faster than about every 50 µs; a second is the slowest that still says anything.
    intervalUs: z.number().int().min(50).max(1_000_000).optional(),
    durationMs: z.number().int().min(1).max(24 * 3600 * 1000).optional(),
    untilBreakpoint: z.boolean().optional(),
    callCounts: z.boolean().optional()
  }),
  'profiler.stop': targetId,
  'profiler.import': z
    .object({ path: z.string().min(1).optional(), name: z.string().min(1).max(255).optional() })
    .strict()
    .nullish()
    .transform((p) => p ?? {}),
  'profiler.remove': profileId,
  'profiler.functions': profileId.extend({
    sort: z.enum(['self', 'total', 'name', 'calls']).optional(),
    descending: z.boolean().optional(),
    search: z.string().max(1000).optional(),
    category: z.enum(categories).optional(),
    packageName: z.string().optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(0).max(10_000).optional()
  }),
  'profiler.groups': profileId,
  'profiler.flame': profileId.extend({ focus: z.number().int().min(0).optional(), startMs: ms.optional(), endMs: ms.optional(), widthPx: widthPx.optional() }),
  'profiler.flameChart': profileId.extend({ startMs: ms.optional(), endMs: ms.optional(), widthPx: widthPx.optional() }),
  'profiler.sandwich': profileId.extend({ functionIndex: z.number().int().min(0) }),
  'profiler.nodesOf': profileId.extend({ functionIndex: z.number().int().min(0) }),
  'profiler.export': profileId.extend({ path: z.string().min(1).optional() })
}
