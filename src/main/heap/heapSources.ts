// A snapshot given to diffs and leak finding: a file (opened here and closed when done) or a
// handle the caller already holds (left open for the caller to drill into).
import { openSnapshot, type HeapSnapshotHandle, type OpenSnapshotOptions } from './heapSnapshotHandle'

export type HeapSnapshotSource = string | HeapSnapshotHandle

export interface OpenedSource {
  handle: HeapSnapshotHandle
  /** Disposes the handle if it was opened here. */
  release(): Promise<void>
}

export async function openSource(source: HeapSnapshotSource, options: OpenSnapshotOptions): Promise<OpenedSource> {
  if (typeof source !== 'string') return { handle: source, release: async () => {} }
  const handle = await openSnapshot(source, options)
  return { handle, release: () => handle.dispose() }
}

/** Opens several sources at once; if one fails, the others that opened are released. */
export async function openSources(sources: HeapSnapshotSource[], options: (index: number) => OpenSnapshotOptions): Promise<OpenedSource[]> {
  const settled = await Promise.allSettled(sources.map((source, k) => openSource(source, options(k))))
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) {
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.release() : undefined)))
    throw failed.reason
  }
  return settled.map((s) => (s as PromiseFulfilledResult<OpenedSource>).value)
}
