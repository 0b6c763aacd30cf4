// What openSnapshot and its worker say to each other (heapSnapshotHandle.ts ↔ heapWorkerEntry.ts).
// The worker loads one snapshot, then answers calls of HeapQueries' methods by
// name: the graph stays in the worker, only rows and id arrays cross.
import type { HeapLoadProgress, HeapSnapshotInfo } from '../../shared/heapTypes'
import type { UserErrorPayload } from '../../shared/userError'
import type { HeapQueries } from './heapQueries'
import type { HeapEdgeColumns } from './heapSnapshotParser'

/**
 * The young generation of the heap workers, in MB. V8's default (3 × 16 MB semi-spaces) stays
 * resident once the strings section has churned through it; 8 MB keeps peak RSS within twice
 * the file size at a few extra scavenges.
 */
export const heapWorkerYoungGenerationMb = 8

/** In workerData, so that the entry module starts only in a worker we started. */
export const heapWorkerTag = 'spyglass-heap-worker'

export interface HeapWorkerRequest {
  tag: typeof heapWorkerTag
  /** 'snapshot': analyse and answer queries; 'edges': only read the edges, for a snapshot worker. */
  role: 'snapshot' | 'edges'
  file: string
  memoryLimitBytes?: number
  /** Files from this size up are read by two threads (Infinity: never). */
  parallelReadFromBytes?: number
}

/** The query methods that can be called across the worker boundary. */
export const heapQueryMethods = [
  'info',
  'summary',
  'allConstructors',
  'objects',
  'object',
  'children',
  'retainers',
  'retainerPaths',
  'reachableIds',
  'classDelta',
  'setBaseline',
  'newIdsSince',
  'leaks'
] as const satisfies readonly (keyof HeapQueries)[]

export type HeapQueryMethod = (typeof heapQueryMethods)[number]

export type HeapQueryCall = { [M in HeapQueryMethod]: { id: number; method: M; args: Parameters<HeapQueries[M]> } }[HeapQueryMethod]

/** What the edges helper posts to the snapshot worker that started it. */
export type HeapEdgesMessage = { type: 'edges'; edges: HeapEdgeColumns } | { type: 'failed'; error: UserErrorPayload }

export type HeapWorkerMessage =
  | { type: 'progress'; progress: HeapLoadProgress }
  | { type: 'ready'; info: HeapSnapshotInfo }
  | { type: 'failed'; error: UserErrorPayload }
  | { type: 'reply'; id: number; result: unknown }
  | { type: 'reply-error'; id: number; error: UserErrorPayload }
