// The Memory presenter of a workbench model, made on first use and fed by the engine's heap
// events from then on (re-read on every reconnect). Kept beside the model rather than in it, so
// that the heap's wiring stays in one file.
import type { WorkbenchClient } from '../api/clientTypes'
import { createHeapFileTransfer } from '../api/heapFiles'
import type { WorkbenchModel } from '../workbench/workbenchModel'
import { createMemoryStore, type HeapFileTransfer, type MemoryStore } from './memoryStore'

const stores = new WeakMap<WorkbenchModel, MemoryStore>()

/** A memory store that follows the client's heap events; returns the store and how to stop following. */
export function connectMemoryStore(client: WorkbenchClient, files: HeapFileTransfer): { store: MemoryStore; disconnect(): void } {
  const store = createMemoryStore(client, files)
  const offs = [
    client.on('heap.changed', (list) => store.getState().handleChanged(list)),
    client.on('heap.progress', (progress) => store.getState().handleProgress(progress)),
    client.on('heap.trendTick', ({ targetIds }) => store.getState().handleTrendTick(targetIds)),
    client.on('heap.leakFlowChanged', (state) => store.getState().handleFlow(state)),
    client.onConnection((state) => {
      if (state === 'connected') void store.getState().load()
    })
  ]
  return { store, disconnect: () => offs.forEach((off) => off()) }
}

export function memoryOf(model: WorkbenchModel): MemoryStore {
  let store = stores.get(model)
  if (!store) {
    store = connectMemoryStore(model.client, createHeapFileTransfer()).store
    stores.set(model, store)
  }
  return store
}
