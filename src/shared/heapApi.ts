// The heap domain's part of the API contract (merged into ApiRequests / ApiEvents in api.ts).
// Snapshots stay where they were analysed (a worker of the main process); the Memory view holds
// their ids and fetches rows a page at a time. The heap trend crosses as columns of numbers.
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

export interface HeapRequests {
  'heap.list': { params: void; result: HeapSnapshotItem[] }
  /** Force a GC (by default), snapshot the target, save it and analyse it. */
  'heap.take': { params: { targetId: string; collectGarbage?: boolean }; result: HeapSnapshotItem }
  /**
   * Import a .heapsnapshot (Node or Chrome); without a path the desktop app asks (null: cancelled).
   * `name`: what the list calls it (the browser's upload lands under another name).
   */
  'heap.import': { params: { path?: string; name?: string }; result: HeapSnapshotItem | null }
  /** Write a snapshot as a standard .heapsnapshot; without a path the desktop app asks (null: cancelled). */
  'heap.export': { params: { snapshotId: string; path?: string }; result: { file: string } | null }
  /** Forget a snapshot (and delete the file Spyglass took; an imported file stays). */
  'heap.remove': { params: { snapshotId: string }; result: void }
  /** Force a full GC in the target, measuring what it freed. */
  'heap.collectGarbage': { params: { targetId: string }; result: HeapGcResult }
  /** The target's heap over time (samples after `since`, epoch ms) and the leak verdict. */
  'heap.trend': { params: { targetId: string; since?: number }; result: HeapTrendSeries }
  'heap.samplingStatus': { params: { targetId: string }; result: HeapSamplingStatus }
  'heap.samplingStart': { params: { targetId: string; intervalBytes?: number }; result: HeapSamplingStatus }
  'heap.samplingStop': { params: { targetId: string }; result: HeapSamplingProfile }
  /** The analysis facts of a snapshot (counts, sizes, timings). */
  'heap.info': { params: { snapshotId: string }; result: HeapSnapshotInfo }
  /** Constructors, a page at a time. */
  'heap.summary': {
    params: { snapshotId: string; sort?: HeapSummarySort; search?: string; offset?: number; limit?: number }
    result: HeapPage<HeapConstructorRow>
  }
  /** The objects of one constructor, largest retained first; with `newSince`, only those not in that snapshot (a diff's new objects). */
  'heap.objects': { params: { snapshotId: string; constructorName: string; newSince?: string; offset?: number; limit?: number }; result: HeapPage<HeapObjectRow> }
  'heap.object': { params: { snapshotId: string; nodeId: number }; result: HeapObjectDetail }
  /** Fields of an object (of the root, for containment from the GC roots, without nodeId). */
  'heap.children': { params: { snapshotId: string; nodeId?: number; offset?: number; limit?: number }; result: HeapPage<HeapEdgeRow> }
  'heap.retainers': { params: { snapshotId: string; nodeId: number; offset?: number; limit?: number }; result: HeapPage<HeapEdgeRow> }
  /** Shortest paths from a GC root to the object (weak edges skipped). */
  'heap.retainerPaths': { params: { snapshotId: string; nodeId: number; maxPaths?: number; maxDepth?: number }; result: HeapRetainerPath[] }
  /** Constructors that changed from `beforeId` to `afterId`, by |size delta| descending, a page at a time. */
  'heap.diff': { params: { beforeId: string; afterId: string; search?: string; offset?: number; limit?: number }; result: HeapPage<HeapDiffRow> }
  /** Objects allocated between baseline and target and still alive in final, grouped by retainer path. */
  'heap.leaks': { params: { baselineId: string; targetId: string; finalId: string }; result: HeapLeakReport }
  'heap.leakFlow': { params: { targetId: string }; result: LeakFlowState | null }
  /** Take the step the flow waits for (baseline, then target, then final and the analysis). */
  'heap.leakFlowNext': { params: { targetId: string }; result: LeakFlowState }
  'heap.leakFlowCancel': { params: { targetId: string }; result: void }
}

export interface HeapEvents {
  /** The whole snapshot list, whenever one is added, analysed, fails or is removed. */
  'heap.changed': HeapSnapshotItem[]
  /** Capture and analysis progress (a few updates a second at most). */
  'heap.progress': HeapProgress
  /** New heap samples of these targets (at most once a second): fetch `heap.trend` since the last. */
  'heap.trendTick': { targetIds: string[] }
  'heap.leakFlowChanged': LeakFlowState
}

export const heapRequestNames: { [N in keyof HeapRequests]: true } = {
  'heap.list': true,
  'heap.take': true,
  'heap.import': true,
  'heap.export': true,
  'heap.remove': true,
  'heap.collectGarbage': true,
  'heap.trend': true,
  'heap.samplingStatus': true,
  'heap.samplingStart': true,
  'heap.samplingStop': true,
  'heap.info': true,
  'heap.summary': true,
  'heap.objects': true,
  'heap.object': true,
  'heap.children': true,
  'heap.retainers': true,
  'heap.retainerPaths': true,
  'heap.diff': true,
  'heap.leaks': true,
  'heap.leakFlow': true,
  'heap.leakFlowNext': true,
  'heap.leakFlowCancel': true
}
export const heapEventNames: { [N in keyof HeapEvents]: true } = {
  'heap.changed': true,
  'heap.progress': true,
  'heap.trendTick': true,
  'heap.leakFlowChanged': true
}
