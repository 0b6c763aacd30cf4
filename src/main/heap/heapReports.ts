// The reports the CLI prints with --json (shapes fixed by issue 6), made from a handle.
import type { HeapSummaryReport } from '../../shared/heapTypes'
import type { HeapSnapshotHandle } from './heapSnapshotHandle'

/** {nodeCount, edgeCount, totalSize, constructors} with every constructor, by retained size. */
export async function summaryReport(handle: HeapSnapshotHandle): Promise<HeapSummaryReport> {
  const info = handle.loaded
  return { nodeCount: info.nodeCount, edgeCount: info.edgeCount, totalSize: info.totalSize, constructors: await handle.allConstructors() }
}
