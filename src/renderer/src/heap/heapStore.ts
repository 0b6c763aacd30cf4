// The heap's store (the Memory view's): the snapshot list and the target's heap over time, and a
// slice per tab (Summary with its object drill-down, Comparison, Leak finder, Allocations), the
// tables paged by one shared pager. The engine keeps the snapshots; this holds rows.
import { createStore } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import { errorMessage } from '../api/apiError'
import type { WorkbenchClient } from '../api/clientTypes'
import { createAllocationSlice } from './allocationSlice'
import { createComparisonSlice } from './comparisonSlice'
import type { HeapFileTransfer, HeapSliceContext, HeapStore, HeapStoreState } from './heapStoreTypes'
import { createLeakFinderSlice } from './leakFinderSlice'
import { emptyPage } from './rowPager'
import { createSnapshotsSlice } from './snapshotsSlice'
import { createSummarySlice } from './summarySlice'

export type * from './heapStoreTypes'
export type { RowPage } from './rowPager'
export { heapPageSize } from './rowPager'
export { defaultBase } from './comparisonSlice'
export { isHeapSnapshotName } from './snapshotsSlice'

export function createHeapStore(api: WorkbenchApi, files: HeapFileTransfer): HeapStore {
  return createStore<HeapStoreState>()((set, get) => {
    const context: HeapSliceContext = {
      set,
      get,
      fail: (what, error) => set({ error: `${what}: ${errorMessage(error)}` }),
      readySelected() {
        const { snapshots, selectedId } = get()
        const item = snapshots.find((s) => s.id === selectedId)
        return item?.state === 'ready' ? item : null
      },
      async runBusy(busy, what, work) {
        if (get().busy) return
        set({ busy, error: null })
        try {
          await work()
        } catch (error) {
          context.fail(what, error)
        } finally {
          set({ busy: null })
        }
      },
      refreshSelected() {
        set((s) => ({ ...summary.clearDrill(), summary: emptyPage(), diff: emptyPage(), queryVersion: s.queryVersion + 1 }))
        void (get().tab === 'comparison' ? comparison.diff.restart() : summary.summary.restart())
      },
      async readTargetState() {
        const { targetId, readOnly } = get()
        if (!targetId || readOnly) {
          set({ flow: null, sampling: null })
          return
        }
        try {
          const [flow, sampling] = await Promise.all([api.invoke('heap.leakFlow', { targetId }), api.invoke('heap.samplingStatus', { targetId })])
          if (get().targetId === targetId) set({ flow, sampling })
        } catch (error) {
          context.fail('Could not read the heap state of the target', error)
        }
      }
    }

    // refreshSelected (above) starts these tabs' tables over; it runs only once they exist.
    const summary = createSummarySlice(api, context)
    const comparison = createComparisonSlice(api, context)
    const leakFinder = createLeakFinderSlice(api, context, summary.clearDrill)
    return {
      ...createSnapshotsSlice(api, files, context, leakFinder.takePendingSelect),
      ...summary.state,
      ...comparison.state,
      ...leakFinder.state,
      ...createAllocationSlice(api, context)
    }
  })
}

/** A heap store that follows the client's heap events (re-read on every reconnect); `dispose` stops following. */
export function connectHeapStore(client: WorkbenchClient, files: HeapFileTransfer): { store: HeapStore; dispose(): void } {
  const store = createHeapStore(client, files)
  const offs = [
    client.on('heap.changed', (list) => store.getState().handleChanged(list)),
    client.on('heap.progress', (progress) => store.getState().handleProgress(progress)),
    client.on('heap.trendTick', ({ targetIds }) => store.getState().handleTrendTick(targetIds)),
    client.on('heap.leakFlowChanged', (state) => store.getState().handleFlow(state)),
    client.onConnection((state) => {
      if (state === 'connected') void store.getState().load()
    })
  ]
  return { store, dispose: () => offs.forEach((off) => off()) }
}
