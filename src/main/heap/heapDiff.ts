// The diff of two snapshots of one process, A (before) and B (after), by constructor: counts
// and shallow sizes in each, and — by V8 object id, which stays with an object for its life —
// how many objects of each constructor are new in B or gone since A. Both snapshots are
// analysed at once, each in its own worker (two cores); each worker counts its own side of the
// id comparison, so only id arrays and per-constructor rows cross.
import type { HeapConstructorRow, HeapDiffReport, HeapDiffRow, HeapLoadProgress, HeapObjectRow, HeapPage, HeapPageQuery } from '../../shared/heapTypes'
import type { ClassDelta } from './heapQueries'
import type { HeapSnapshotHandle, OpenSnapshotOptions } from './heapSnapshotHandle'
import { openSources, type HeapSnapshotSource } from './heapSources'

export interface HeapDiffOptions extends Omit<OpenSnapshotOptions, 'onProgress'> {
  onProgress?: (snapshot: 'a' | 'b', progress: HeapLoadProgress) => void
}

export interface HeapSnapshotDiff {
  a: HeapSnapshotHandle
  b: HeapSnapshotHandle
  report: HeapDiffReport
  /** The objects of a constructor in B that are not in A, by retained size (then b.retainerPaths(nodeId)). */
  newObjects(constructorName: string, query?: HeapPageQuery): Promise<HeapPage<HeapObjectRow>>
  /** Releases the snapshots this diff opened (not handles passed in). */
  dispose(): Promise<void>
}

export async function openDiff(a: HeapSnapshotSource, b: HeapSnapshotSource, options: HeapDiffOptions = {}): Promise<HeapSnapshotDiff> {
  const [sourceA, sourceB] = await openSources([a, b], (k) => ({ ...options, onProgress: options.onProgress && ((p) => options.onProgress?.(k === 0 ? 'a' : 'b', p)) }))
  const release = async (): Promise<void> => {
    await Promise.all([sourceA.release(), sourceB.release()])
  }
  try {
    const handleA = sourceA.handle
    const handleB = sourceB.handle
    const [idsA, idsB, rowsA, rowsB] = await Promise.all([handleA.reachableIds(), handleB.reachableIds(), handleA.allConstructors(), handleB.allConstructors()])
    const [newInB, goneFromA] = await Promise.all([handleB.classDelta(idsA), handleA.classDelta(idsB), handleB.setBaseline(idsA)])
    return {
      a: handleA,
      b: handleB,
      report: mergeDiff(rowsA, rowsB, newInB, goneFromA),
      newObjects: (constructorName, query = {}) => handleB.objects(constructorName, { ...query, onlyNew: true }),
      dispose: release
    }
  } catch (error) {
    await release()
    throw error
  }
}

/** The diff report alone; snapshots opened from files are released before it returns. */
export async function diffSnapshots(a: HeapSnapshotSource, b: HeapSnapshotSource, options: HeapDiffOptions = {}): Promise<HeapDiffReport> {
  const diff = await openDiff(a, b, options)
  try {
    return diff.report
  } finally {
    await diff.dispose()
  }
}

/** Constructors whose count or size changed, or with objects new or gone, by |sizeDelta| then |countDelta|. */
export function mergeDiff(rowsA: HeapConstructorRow[], rowsB: HeapConstructorRow[], newInB: ClassDelta, goneFromA: ClassDelta): HeapDiffReport {
  const rows = new Map<string, HeapDiffRow>()
  const row = (name: string): HeapDiffRow => {
    let found = rows.get(name)
    if (!found) {
      found = { name, countA: 0, countB: 0, countDelta: 0, sizeA: 0, sizeB: 0, sizeDelta: 0, newCount: 0, newSize: 0, deletedCount: 0, deletedSize: 0 }
      rows.set(name, found)
    }
    return found
  }
  for (const r of rowsA) Object.assign(row(r.name), { countA: r.count, sizeA: r.shallowSize })
  for (const r of rowsB) Object.assign(row(r.name), { countB: r.count, sizeB: r.shallowSize })
  newInB.names.forEach((name, k) => Object.assign(row(name), { newCount: newInB.counts[k], newSize: newInB.sizes[k] }))
  goneFromA.names.forEach((name, k) => Object.assign(row(name), { deletedCount: goneFromA.counts[k], deletedSize: goneFromA.sizes[k] }))
  const changed: HeapDiffRow[] = []
  for (const r of rows.values()) {
    r.countDelta = r.countB - r.countA
    r.sizeDelta = r.sizeB - r.sizeA
    if (r.countDelta !== 0 || r.sizeDelta !== 0 || r.newCount !== 0 || r.deletedCount !== 0) changed.push(r)
  }
  changed.sort((x, y) => Math.abs(y.sizeDelta) - Math.abs(x.sizeDelta) || Math.abs(y.countDelta) - Math.abs(x.countDelta) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
  return { constructors: changed }
}
