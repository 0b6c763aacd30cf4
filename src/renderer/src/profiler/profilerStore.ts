// The profiler's store: the library of profiles with their captures, and what the selected one
// shows (flame graph and chart, function table, sandwich), as two slices of one store wired to
// the engine's profiler events for the life of the workbench model.
import { createStore } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import { errorMessage } from '../api/apiError'
import type { WorkbenchClient } from '../api/clientTypes'
import { createProfileAnalysisSlice } from './profileAnalysisSlice'
import { createProfileLibrarySlice } from './profileLibrarySlice'
import type { ProfileFileTransfer } from './profilerFacts'
import type { ProfilerSliceContext, ProfilerStore, ProfilerStoreState } from './profilerStoreTypes'

export type * from './profilerStoreTypes'
export { functionsPageSize } from './profileAnalysisSlice'

export function createProfilerStore(api: WorkbenchApi, files: ProfileFileTransfer): ProfilerStore {
  return createStore<ProfilerStoreState>()((set, get) => {
    const context: ProfilerSliceContext = {
      set,
      get,
      selected: () => get().profiles.find((p) => p.id === get().selectedId) ?? null,
      fail: (what, error) => set({ error: `${what}: ${errorMessage(error)}` })
    }
    const analysis = createProfileAnalysisSlice(api, context)
    return { ...createProfileLibrarySlice(api, files, context, analysis), ...analysis.state }
  })
}

/** A profiler store that follows the client's profiler events (the list re-read on every reconnect); `dispose` stops following. */
export function connectProfilerStore(client: WorkbenchClient, files: ProfileFileTransfer): { store: ProfilerStore; dispose(): void } {
  const store = createProfilerStore(client, files)
  const offs = [
    client.on('profiler.changed', (list) => store.getState().handleChanged(list)),
    client.on('profiler.capture', (status) => store.getState().handleCapture(status)),
    client.on('profiler.progress', (progress) => store.getState().handleProgress(progress)),
    client.onConnection((state) => {
      if (state === 'connected') void store.getState().load()
    })
  ]
  return { store, dispose: () => offs.forEach((off) => off()) }
}
