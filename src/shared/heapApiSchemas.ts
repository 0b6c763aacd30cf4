import { z } from 'zod'
import type { HeapRequests } from './heapApi'

// Params of the heap requests arrive from the wire: each is validated by its schema here.
const targetId = z.object({ targetId: z.string().min(1) })
const snapshotId = z.object({ snapshotId: z.string().min(1) })
const page = { offset: z.number().int().min(0).optional(), limit: z.number().int().min(0).max(10_000).optional() }
const nodeId = z.number().int().min(0)
const noParams = z.union([z.undefined(), z.null(), z.object({}).strict()]).transform(() => undefined)

export const heapParamSchemas: { [N in keyof HeapRequests]: z.ZodType } = {
  'heap.list': noParams,
  'heap.take': targetId.extend({ collectGarbage: z.boolean().optional() }),
  'heap.import': z
    .object({ path: z.string().min(1).optional(), name: z.string().min(1).max(300).optional() })
    .strict()
    .nullish()
    .transform((p) => p ?? {}),
  'heap.export': snapshotId.extend({ path: z.string().min(1).optional() }),
  'heap.remove': snapshotId,
  'heap.collectGarbage': targetId,
  'heap.trend': targetId.extend({ since: z.number().finite().optional() }),
  'heap.samplingStatus': targetId,
  // V8 samples an allocation every `intervalBytes` on average; below 1 KB the overhead dominates.
  'heap.samplingStart': targetId.extend({ intervalBytes: z.number().int().min(1024).max(64 * 1024 * 1024).optional() }),
  'heap.samplingStop': targetId,
  'heap.info': snapshotId,
  'heap.summary': snapshotId.extend({ sort: z.enum(['retainedSize', 'shallowSize', 'count', 'name']).optional(), search: z.string().max(1000).optional(), ...page }),
  'heap.objects': snapshotId.extend({ constructorName: z.string(), newSince: z.string().min(1).optional(), ...page }),
  'heap.object': snapshotId.extend({ nodeId }),
  'heap.children': snapshotId.extend({ nodeId: nodeId.optional(), ...page }),
  'heap.retainers': snapshotId.extend({ nodeId, ...page }),
  'heap.retainerPaths': snapshotId.extend({ nodeId, maxPaths: z.number().int().min(1).max(50).optional(), maxDepth: z.number().int().min(1).max(1000).optional() }),
  'heap.diff': z.object({ beforeId: z.string().min(1), afterId: z.string().min(1), search: z.string().max(1000).optional(), ...page }),
  'heap.leaks': z.object({ baselineId: z.string().min(1), targetId: z.string().min(1), finalId: z.string().min(1) }),
  'heap.leakFlow': targetId,
  'heap.leakFlowNext': targetId,
  'heap.leakFlowCancel': targetId
}
