// The heap store's Summary tab: the selected snapshot's constructors a page at a time (sorted,
// searched), and the drill-down that Comparison and the leak finder share: a constructor's objects,
// one object's detail and its retainer paths.
import type { WorkbenchApi } from '../../../shared/api'
import { errorMessage } from '../api/apiError'
import type { HeapSliceContext, SummaryActions, SummaryState } from './heapStoreTypes'
import { createRowPager, emptyPage, type RowPager } from './rowPager'

export interface SummarySlice {
  state: SummaryState & SummaryActions
  /** The constructors from the top. */
  summary: RowPager
  /** What the drill-down shows goes: no constructor, no object. */
  clearDrill(): Partial<SummaryState>
}

export function createSummarySlice(api: WorkbenchApi, { set, get, readySelected, refreshSelected }: HeapSliceContext): SummarySlice {
  let detailToken = 0

  const summary = createRowPager({
    read: () => get().summary,
    write: (update) => set((s) => ({ summary: update(s.summary) })),
    query: () => {
      const item = readySelected()
      if (!item) return null
      const { sort, search } = get()
      return (offset, limit) => api.invoke('heap.summary', { snapshotId: item.id, sort, search: search.trim() || undefined, offset, limit })
    }
  })

  const objects = createRowPager({
    read: () => get().objects,
    write: (update) => set((s) => ({ objects: update(s.objects) })),
    query: () => {
      const item = readySelected()
      const { constructorName, tab, baseId } = get()
      if (!item || constructorName === null) return null
      // In Comparison, the objects of a class that are new since the "before" snapshot.
      const newSince = tab === 'comparison' && baseId ? baseId : undefined
      return (offset, limit) => api.invoke('heap.objects', { snapshotId: item.id, constructorName, newSince, offset, limit })
    }
  })

  const clearDrill = (): Partial<SummaryState> => {
    objects.cancel()
    detailToken++
    return { constructorName: null, objects: emptyPage(), nodeId: null, detailSnapshotId: null, detail: null, paths: null, detailError: null }
  }

  const fetchDetail = async (): Promise<void> => {
    const { detailSnapshotId, nodeId } = get()
    const token = ++detailToken
    if (detailSnapshotId === null || nodeId === null) return
    try {
      const [detail, paths] = await Promise.all([
        api.invoke('heap.object', { snapshotId: detailSnapshotId, nodeId }),
        api.invoke('heap.retainerPaths', { snapshotId: detailSnapshotId, nodeId, maxPaths: 5 })
      ])
      if (token === detailToken) set({ detail, paths, detailError: null })
    } catch (error) {
      if (token === detailToken) set({ detailError: errorMessage(error) })
    }
  }

  return {
    summary,
    clearDrill,
    state: {
      sort: 'retainedSize',
      search: '',
      queryVersion: 0,
      summary: emptyPage(),
      constructorName: null,
      objects: emptyPage(),
      detailSnapshotId: null,
      nodeId: null,
      detail: null,
      paths: null,
      detailError: null,

      setSort(sort) {
        if (sort === get().sort) return
        set({ sort })
        refreshSelected()
      },

      setSearch(text) {
        set({ search: text })
        refreshSelected()
      },

      loadMoreSummary: () => summary.more(),

      selectConstructor(name) {
        if (name === get().constructorName) return
        set({ ...clearDrill(), constructorName: name })
        void objects.restart()
      },

      loadMoreObjects: () => objects.more(),

      selectObject(nodeId, snapshotId) {
        set({ nodeId, detailSnapshotId: nodeId === null ? null : (snapshotId ?? get().selectedId), detail: null, paths: null, detailError: null })
        void fetchDetail()
      }
    }
  }
}
