// The heap domain's part of the API contract (merged into the one contract in api.ts).
// Snapshots stay where they were analysed (a worker of the main process); the Memory view holds
// their ids and fetches rows a page at a time. The heap trend crosses as columns of numbers.
import { z } from 'zod'
import { defineEvents, defineRequests, noParams, optionalParams, payload, result, type EventTypes, type RequestTypes } from './contract'
import type {
  HeapConstructorRow,
  HeapDiffRow,
  HeapEdgeRow,
  HeapLeakReport,
  HeapObjectDetail,
  HeapObjectRow,
  HeapPage,
  HeapRetainerPath,
  HeapSnapshotInfo,
  HeapSummarySort
} from './heapTypes'

/** What a forced GC freed: V8's used heap just before and just after. */
export interface HeapGcResult {
  beforeBytes: number
  afterBytes: number
  freedBytes: number
}

/** capture: taken here; import: a file from disk; session: inside an opened .spyglass session. */
export type HeapSnapshotSource = 'capture' | 'import' | 'session'
/** The steps of the leak finder a snapshot was taken for. */
export type LeakStep = 'baseline' | 'target' | 'final'

export interface HeapSnapshotItem {
  id: string
  /** What the list shows: the file name, or "<target> at <time>". */
  name: string
  source: HeapSnapshotSource
  targetId: string | null
  /** The recording it was added to, when its target was being recorded. */
  sessionId: string | null
  file: string
  capturedAt: number
  fileBytes: number
  /** capturing: the target is still sending it; loading: being analysed. */
  state: 'capturing' | 'loading' | 'ready' | 'failed'
  /** Why it failed (one line). */
  error: string | null
  /** The forced GC before it was taken. */
  gc: HeapGcResult | null
  /** Set once analysed. */
  nodeCount: number | null
  edgeCount: number | null
  totalSize: number | null
  /** The leak-finder step it was taken for. */
  leakStep: LeakStep | null
}

export interface HeapProgress {
  snapshotId: string
  phase: 'gc' | 'snapshotting' | 'writing' | 'parsing' | 'done' | 'failed'
  /** For snapshotting: objects of `total`; for writing and parsing: bytes (total 0: unknown). */
  done: number
  total: number
}

/** A GC the target reported (PerformanceObserver 'gc' entries) or one Spyglass forced. */
export interface HeapGcMark {
  time: number
  kind: 'major' | 'minor' | 'incremental' | 'weakcb' | 'forced'
  durationMs: number
}

/** The leak verdict on a heap series (see heapTrend.ts in the engine). */
export interface HeapTrendVerdict {
  /** Slope of the post-GC floor (Theil–Sen), bytes per second; 0 until there is enough to judge. */
  slopeBytesPerSec: number
  /** The fitted rise of the floor over the series. */
  riseBytes: number
  /** The fitted floor at the first GC. */
  floorBytes: number | null
  leakSuspected: boolean
  /** Why, in one line. */
  reason: string
  samples: number
  minima: number
  spanMs: number
}

/** A target's heap over time, oldest first (the most recent hour at most). */
export interface HeapTrendSeries {
  targetId: string
  intervalMs: number
  time: number[]
  usedBytes: number[]
  totalBytes: number[]
  gcTime: number[]
  gcKind: HeapGcMark['kind'][]
  gcDurationMs: number[]
  /** Over the whole series held, not just the part returned. */
  verdict: HeapTrendVerdict
}

/**
 * A sampling heap profile as a tree in columns, preorder (node 0 the root): allocation sites and
 * the bytes still allocated by them (and their callees) when sampling stopped.
 */
export interface HeapSamplingProfile {
  targetId: string
  startedAt: number
  stoppedAt: number
  intervalBytes: number
  count: number
  parent: number[]
  depth: number[]
  functionName: string[]
  url: string[]
  /** 1-based, 0 where unknown. */
  line: number[]
  selfBytes: number[]
  totalBytes: number[]
  /** Allocation sites by self bytes, largest first (indices into the columns). */
  topSites: number[]
}

export interface HeapSamplingStatus {
  targetId: string
  running: boolean
  startedAt: number | null
  intervalBytes: number | null
}

/** The one-click leak finder on one target: baseline → the user's action → target → final. */
export interface LeakFlowState {
  targetId: string
  /**
   * What comes next: take the baseline; run the action, then take the target snapshot; let it
   * settle (or undo it), then take the final one; the analysis; done (leaks found) or failed.
   */
  step: 'baseline' | 'action' | 'final' | 'analysing' | 'done' | 'failed'
  /** True while a snapshot is being taken or analysed. */
  busy: boolean
  baselineId: string | null
  targetSnapshotId: string | null
  finalId: string | null
  /** What each step's forced GC freed. */
  gc: Partial<Record<LeakStep, HeapGcResult>>
  /** The leaks found, once done. */
  leaks: HeapLeakReport | null
  error: string | null
}

const targetId = z.object({ targetId: z.string().min(1) })
const snapshotId = z.object({ snapshotId: z.string().min(1) })
const page = { offset: z.number().int().min(0).optional(), limit: z.number().int().min(0).max(10_000).optional() }
const nodeId = z.number().int().min(0)
const summarySort = z.enum(['retainedSize', 'shallowSize', 'count', 'name']) satisfies z.ZodType<HeapSummarySort>

export const heapRequests = defineRequests({
  'heap.list': { params: noParams, result: result<HeapSnapshotItem[]>() },
  /** Force a GC (by default), snapshot the target, save it and analyse it. */
  'heap.take': { params: targetId.extend({ collectGarbage: z.boolean().optional() }), result: result<HeapSnapshotItem>() },
  /**
   * Import a .heapsnapshot (Node or Chrome); without a path the desktop app asks (null: cancelled).
   * `name`: what the list calls it (the browser's upload lands under another name).
   */
  'heap.import': {
    params: optionalParams(z.object({ path: z.string().min(1).optional(), name: z.string().min(1).max(300).optional() }).strict()),
    result: result<HeapSnapshotItem | null>()
  },
  /** Write a snapshot as a standard .heapsnapshot; without a path the desktop app asks (null: cancelled). */
  'heap.export': { params: snapshotId.extend({ path: z.string().min(1).optional() }), result: result<{ file: string } | null>() },
  /** Forget a snapshot (and delete the file Spyglass took; an imported file stays). */
  'heap.remove': { params: snapshotId, result: result<void>() },
  /** Force a full GC in the target, measuring what it freed. */
  'heap.collectGarbage': { params: targetId, result: result<HeapGcResult>() },
  /** The target's heap over time (samples after `since`, epoch ms) and the leak verdict. */
  'heap.trend': { params: targetId.extend({ since: z.number().finite().optional() }), result: result<HeapTrendSeries>() },
  'heap.samplingStatus': { params: targetId, result: result<HeapSamplingStatus>() },
  'heap.samplingStart': {
    // V8 samples an allocation every `intervalBytes` on average; below 1 KB the overhead dominates.
    params: targetId.extend({ intervalBytes: z.number().int().min(1024).max(64 * 1024 * 1024).optional() }),
    result: result<HeapSamplingStatus>()
  },
  'heap.samplingStop': { params: targetId, result: result<HeapSamplingProfile>() },
  /** The analysis facts of a snapshot (counts, sizes, timings). */
  'heap.info': { params: snapshotId, result: result<HeapSnapshotInfo>() },
  /** Constructors, a page at a time. */
  'heap.summary': {
    params: snapshotId.extend({ sort: summarySort.optional(), search: z.string().max(1000).optional(), ...page }),
    result: result<HeapPage<HeapConstructorRow>>()
  },
  /** The objects of one constructor, largest retained first; with `newSince`, only those not in that snapshot (a diff's new objects). */
  'heap.objects': {
    params: snapshotId.extend({ constructorName: z.string(), newSince: z.string().min(1).optional(), ...page }),
    result: result<HeapPage<HeapObjectRow>>()
  },
  'heap.object': { params: snapshotId.extend({ nodeId }), result: result<HeapObjectDetail>() },
  /** Fields of an object (of the root, for containment from the GC roots, without nodeId). */
  'heap.children': { params: snapshotId.extend({ nodeId: nodeId.optional(), ...page }), result: result<HeapPage<HeapEdgeRow>>() },
  'heap.retainers': { params: snapshotId.extend({ nodeId, ...page }), result: result<HeapPage<HeapEdgeRow>>() },
  /** Shortest paths from a GC root to the object (weak edges skipped). */
  'heap.retainerPaths': {
    params: snapshotId.extend({ nodeId, maxPaths: z.number().int().min(1).max(50).optional(), maxDepth: z.number().int().min(1).max(1000).optional() }),
    result: result<HeapRetainerPath[]>()
  },
  /** Constructors that changed from `beforeId` to `afterId`, by |size delta| descending, a page at a time. */
  'heap.diff': {
    params: z.object({ beforeId: z.string().min(1), afterId: z.string().min(1), search: z.string().max(1000).optional(), ...page }),
    result: result<HeapPage<HeapDiffRow>>()
  },
  /** Objects allocated between baseline and target and still alive in final, grouped by retainer path. */
  'heap.leaks': {
    params: z.object({ baselineId: z.string().min(1), targetId: z.string().min(1), finalId: z.string().min(1) }),
    result: result<HeapLeakReport>()
  },
  'heap.leakFlow': { params: targetId, result: result<LeakFlowState | null>() },
  /** Take the step the flow waits for (baseline, then target, then final and the analysis). */
  'heap.leakFlowNext': { params: targetId, result: result<LeakFlowState>() },
  'heap.leakFlowCancel': { params: targetId, result: result<void>() }
})

export const heapEvents = defineEvents({
  /** The whole snapshot list, whenever one is added, analysed, fails or is removed. */
  'heap.changed': payload<HeapSnapshotItem[]>(),
  /** Capture and analysis progress (a few updates a second at most). */
  'heap.progress': payload<HeapProgress>(),
  /** New heap samples of these targets (at most once a second): fetch `heap.trend` since the last. */
  'heap.trendTick': payload<{ targetIds: string[] }>(),
  'heap.leakFlowChanged': payload<LeakFlowState>()
})

export type HeapRequests = RequestTypes<typeof heapRequests>
export type HeapEvents = EventTypes<typeof heapEvents>
