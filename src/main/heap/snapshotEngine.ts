// What the heap domain uses of the analysis engine (the public entry, index.ts): snapshots
// opened once and kept (each answers pages of rows from its worker), the diff of two opened
// snapshots with their new objects, and leaks of three.
import type { HeapDiffReport, HeapLeakReport, HeapLoadProgress, HeapObjectRow, HeapPage, HeapPageQuery } from '../../shared/heapTypes'
import { diffSnapshots, findLeaks, openSnapshot, type HeapSnapshotHandle } from './index'

export type OpenedSnapshot = HeapSnapshotHandle

export interface SnapshotEngine {
  open(file: string, options: { onProgress?: (progress: HeapLoadProgress) => void }): Promise<OpenedSnapshot>
  /** Constructors that changed from `before` to `after`, by |sizeDelta| descending. */
  diff(before: OpenedSnapshot, after: OpenedSnapshot): Promise<HeapDiffReport>
  /** Objects of a constructor in `after` whose id is not in `before`. */
  newObjects(before: OpenedSnapshot, after: OpenedSnapshot, constructorName: string, query: HeapPageQuery): Promise<HeapPage<HeapObjectRow>>
  /** Objects allocated between baseline and target that are still alive in final, grouped by retainer path. */
  leaks(baseline: OpenedSnapshot, target: OpenedSnapshot, final: OpenedSnapshot): Promise<HeapLeakReport>
}

export function heapSnapshotEngine(): SnapshotEngine {
  // Which baseline each snapshot's "new objects" currently refer to (the engine keeps one per snapshot).
  const baselineOf = new WeakMap<OpenedSnapshot, OpenedSnapshot>()
  return {
    open: (file, options) => openSnapshot(file, { onProgress: options.onProgress }),
    diff: (before, after) => diffSnapshots(before, after),
    async newObjects(before, after, constructorName, query) {
      if (baselineOf.get(after) !== before) {
        await after.setBaseline(await before.reachableIds())
        baselineOf.set(after, before)
      }
      return after.objects(constructorName, { ...query, onlyNew: true })
    },
    leaks: (baseline, target, final) => findLeaks(baseline, target, final)
  }
}
