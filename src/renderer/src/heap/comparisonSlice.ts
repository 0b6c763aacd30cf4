// The heap store's Comparison tab: the selected snapshot against an earlier one ("before"), the
// difference by constructor a page at a time.
import type { WorkbenchApi } from '../../../shared/api'
import type { HeapSnapshotItem } from '../../../shared/heapApi'
import type { ComparisonActions, ComparisonState, HeapSliceContext } from './heapStoreTypes'
import { createRowPager, emptyPage, type RowPager } from './rowPager'

/** A sensible "before" for a comparison: the snapshot taken just before `afterId` (of the same target when it has one). */
export function defaultBase(list: readonly HeapSnapshotItem[], afterId: string | null): string | null {
  const after = list.find((s) => s.id === afterId)
  if (!after) return null
  const earlier = list.filter((s) => s.id !== after.id && s.state === 'ready' && s.capturedAt <= after.capturedAt && (after.targetId === null || s.targetId === after.targetId))
  return earlier.sort((a, b) => b.capturedAt - a.capturedAt)[0]?.id ?? null
}

export interface ComparisonSlice {
  state: ComparisonState & ComparisonActions
  /** The difference from the top. */
  diff: RowPager
}

export function createComparisonSlice(api: WorkbenchApi, { set, get, readySelected, refreshSelected }: HeapSliceContext): ComparisonSlice {
  const diff = createRowPager({
    read: () => get().diff,
    write: (update) => set((s) => ({ diff: update(s.diff) })),
    query: () => {
      const item = readySelected()
      const { baseId, search, snapshots } = get()
      const base = snapshots.find((s) => s.id === baseId)
      if (!item || !base || base.state !== 'ready') return null
      return (offset, limit) => api.invoke('heap.diff', { beforeId: base.id, afterId: item.id, search: search.trim() || undefined, offset, limit })
    }
  })

  return {
    diff,
    state: {
      baseId: null,
      diff: emptyPage(),

      setBase(snapshotId) {
        set({ baseId: snapshotId })
        refreshSelected()
      },

      loadMoreDiff: () => diff.more()
    }
  }
}
