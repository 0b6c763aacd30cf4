// The profiler presenter of a workbench model, made on first use and fed by the engine's
// profiler events from then on (the list and capture state are re-read on every reconnect).
// Kept beside the model rather than in it, so that the profiler's wiring stays in one file.
import type { WorkbenchClient } from '../api/clientTypes'
import { createProfileFileTransfer } from '../api/profileFiles'
import type { WorkbenchModel } from '../workbench/workbenchModel'
import type { ProfileFileTransfer } from './profilerFacts'
import { createProfilerStore, type ProfilerStore } from './profilerStore'

const stores = new WeakMap<WorkbenchModel, ProfilerStore>()

/** A profiler store that follows the client's profiler events; returns the store and how to stop following. */
export function connectProfilerStore(client: WorkbenchClient, files: ProfileFileTransfer): { store: ProfilerStore; disconnect(): void } {
  const store = createProfilerStore(client, files)
  const offs = [
    client.on('profiler.changed', (list) => store.getState().handleChanged(list)),
    client.on('profiler.capture', (status) => store.getState().handleCapture(status)),
    client.on('profiler.progress', (progress) => store.getState().handleProgress(progress)),
    client.onConnection((state) => {
      if (state === 'connected') void store.getState().load()
    })
  ]
  return { store, disconnect: () => offs.forEach((off) => off()) }
}

export function profilerOf(model: WorkbenchModel): ProfilerStore {
  let store = stores.get(model)
  if (!store) {
    store = connectProfilerStore(model.client, createProfileFileTransfer()).store
    stores.set(model, store)
  }
  return store
}
