// Leak finding over three snapshots of one process (memlab's method): take a baseline, run the
// action, take a target, undo the action (or run it again), take a final. Objects allocated
// between baseline and target (in the target, not in the baseline, by V8 id) that are still
// alive in the final snapshot are what the action leaked; leakGroups.ts groups and ranks them.
// Baseline and target are analysed at once (two workers), then the final, each released as soon
// as its part is done so that at most two snapshots are in memory.
import type { HeapLeakReport, HeapLoadProgress } from '../../shared/heapTypes'
import type { OpenSnapshotOptions } from './heapSnapshotHandle'
import { openSource, openSources, type HeapSnapshotSource } from './heapSources'
import { createLogger } from '../log'

const log = createLogger('heap')

export type LeakSnapshotRole = 'baseline' | 'target' | 'final'

export interface FindLeaksOptions extends Omit<OpenSnapshotOptions, 'onProgress'> {
  onProgress?: (snapshot: LeakSnapshotRole, progress: HeapLoadProgress) => void
}

export async function findLeaks(baseline: HeapSnapshotSource, target: HeapSnapshotSource, final: HeapSnapshotSource, options: FindLeaksOptions = {}): Promise<HeapLeakReport> {
  const withRole = (role: LeakSnapshotRole): OpenSnapshotOptions => ({ ...options, onProgress: options.onProgress && ((p) => options.onProgress?.(role, p)) })
  const [base, tgt] = await openSources([baseline, target], (k) => withRole(k === 0 ? 'baseline' : 'target'))
  let baselineIds: Uint32Array
  try {
    baselineIds = await base.handle.reachableIds()
  } catch (error) {
    await Promise.all([base.release(), tgt.release()])
    throw error
  }
  await base.release()
  // The final snapshot loads while the target works out its new objects.
  const finalOpening = openSource(final, withRole('final'))
  let suspects: Uint32Array
  try {
    suspects = await tgt.handle.newIdsSince(baselineIds)
  } catch (error) {
    await tgt.release()
    await finalOpening.then((f) => f.release()).catch(log.dropped('releasing the final snapshot failed'))
    throw error
  }
  await tgt.release()
  const fin = await finalOpening
  try {
    return await fin.handle.leaks(suspects)
  } finally {
    await fin.release()
  }
}
