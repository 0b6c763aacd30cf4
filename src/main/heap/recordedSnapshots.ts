// `spyglass record --heap-snapshots`: a snapshot (after a forced GC) when the recording starts and
// one when it ends, both into the session with their summaries. A target that ends by itself gets
// its last snapshot on its way out, while the inspector still holds it.
import type { TargetManager } from '../targets'
import type { HeapDomain } from './heapDomain'

export interface RecordedSnapshots {
  start(): Promise<void>
  /** Takes the last snapshot unless it was taken already (on the target's way out). */
  end(): Promise<void>
}

export function recordHeapSnapshots(heap: HeapDomain, targets: TargetManager, targetId: string, warn: (message: string) => void): RecordedSnapshots {
  let ending: Promise<void> | null = null
  const take = async (when: string, collectGarbage = true): Promise<void> => {
    try {
      const taken = await heap.handlers['heap.take']({ targetId, collectGarbage })
      const settled = await heap.library.settled(taken.id)
      if (settled.state === 'failed') warn(`the heap snapshot at ${when} could not be analysed (${settled.error}); it is in the session without a summary`)
    } catch (error) {
      warn(`no heap snapshot at ${when}: ${(error as Error).message.split('\n')[0]}`)
    }
  }
  const end = (onTheWayOut = false): Promise<void> => {
    // HeapProfiler.collectGarbage is answered from a task, which a program on its way out never
    // runs (the request hangs): the snapshot, which collects garbage itself, is taken without it.
    ending ??= targets.get(targetId)?.state === 'attached' ? take('the end', !onTheWayOut) : Promise.resolve(warn('no heap snapshot at the end: the target had gone'))
    return ending
  }
  targets.onFinishing(async (finishing) => {
    if (finishing === targetId) await end(true)
  })
  return { start: () => take('the start'), end: () => end() }
}
