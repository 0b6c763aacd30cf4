// The heap store's Leak finder tab: the engine's baseline → target → final flow, one step at a
// time, and its final snapshot shown (and compared) once it is done.
import type { WorkbenchApi } from '../../../shared/api'
import type { HeapSliceContext, LeakFinderActions, LeakFinderState, SummaryState } from './heapStoreTypes'

export interface LeakFinderSlice {
  state: LeakFinderState & LeakFinderActions
  /** The snapshot to select once the list has it (the final one, announced before the list), taken once. */
  takePendingSelect(listed: ReadonlySet<string>): string | null
}

export function createLeakFinderSlice(api: WorkbenchApi, { set, get, fail }: HeapSliceContext, clearDrill: () => Partial<SummaryState>): LeakFinderSlice {
  let pendingSelect: string | null = null

  return {
    takePendingSelect(listed) {
      if (pendingSelect === null || !listed.has(pendingSelect)) return null
      const id = pendingSelect
      pendingSelect = null
      return id
    },

    state: {
      flow: null,

      async flowNext() {
        const { targetId } = get()
        if (!targetId) return
        set({ error: null })
        try {
          get().handleFlow(await api.invoke('heap.leakFlowNext', { targetId }))
        } catch (error) {
          fail('The leak finder stopped', error)
        }
      },

      async flowCancel() {
        const { targetId } = get()
        if (!targetId) return
        try {
          await api.invoke('heap.leakFlowCancel', { targetId })
          set({ flow: null, ...clearDrill() })
        } catch (error) {
          fail('Could not reset the leak finder', error)
        }
      },

      handleFlow(state) {
        if (state.targetId !== get().targetId) return
        const finished = state.step === 'done' && get().flow?.step !== 'done'
        set({ flow: state })
        // The leaks are objects of the final snapshot: it becomes the one shown (and compared).
        if (finished && state.finalId) {
          if (get().snapshots.some((s) => s.id === state.finalId)) get().select(state.finalId)
          else pendingSelect = state.finalId
        }
      }
    }
  }
}
