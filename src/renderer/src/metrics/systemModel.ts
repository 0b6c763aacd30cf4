// The System view's presenter of a workbench model, made on first use and fed by the engine's
// 'metrics.batch' events from then on (the series are read again on every reconnect). Kept
// beside the model rather than in it, so that the metrics wiring stays in one file.
import type { WorkbenchClient } from '../api/clientTypes'
import type { WorkbenchModel } from '../workbench/workbenchModel'
import { createSystemStore, type SystemStore } from './systemStore'

const stores = new WeakMap<WorkbenchModel, SystemStore>()

export function connectSystemStore(client: WorkbenchClient): { store: SystemStore; disconnect(): void } {
  const store = createSystemStore(client)
  const offs = [
    client.on('metrics.batch', (batch) => store.getState().handleBatch(batch)),
    client.onConnection((state) => {
      const { source } = store.getState()
      if (state === 'connected' && source) void store.getState().show(source)
    })
  ]
  return { store, disconnect: () => offs.forEach((off) => off()) }
}

export function systemOf(model: WorkbenchModel): SystemStore {
  let store = stores.get(model)
  if (!store) {
    store = connectSystemStore(model.client).store
    stores.set(model, store)
  }
  return store
}
