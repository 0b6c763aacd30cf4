// The heap store's Allocations tab: the sampling heap profiler of the target shown.
import type { WorkbenchApi } from '../../../shared/api'
import type { AllocationActions, AllocationState, HeapSliceContext } from './heapStoreTypes'

export function createAllocationSlice(api: WorkbenchApi, { set, get, runBusy }: HeapSliceContext): AllocationState & AllocationActions {
  return {
    sampling: null,
    allocation: null,

    startSampling() {
      return runBusy('sampling', 'Could not start sampling allocations', async () => {
        const { targetId } = get()
        if (!targetId) return
        set({ sampling: await api.invoke('heap.samplingStart', { targetId }) })
      })
    },

    stopSampling() {
      return runBusy('sampling', 'Could not stop sampling allocations', async () => {
        const { targetId } = get()
        if (!targetId) return
        const allocation = await api.invoke('heap.samplingStop', { targetId })
        set({ allocation, sampling: { targetId, running: false, startedAt: null, intervalBytes: null } })
      })
    }
  }
}
