import { useStore } from 'zustand'
import type { WorkbenchClient } from '../api/clientTypes'
import { useModel } from '../workbench/modelContext'
import { connectDebuggerStore, createDebuggerStore, showSourcesOnPause, type DebuggerStore } from './debuggerStore'
import type { WorkbenchModel } from '../workbench/workbenchModel'

type DebuggerStateOf = ReturnType<DebuggerStore['getState']>

// One debugger presenter per client, made when a Sources view first needs it and fed by the
// client's debugger events for the client's life (pauses that happen while the view is closed are
// read again by `debugger.state` when it opens). Breakpoints are only set from that view, so it
// exists before anything can pause.
const stores = new WeakMap<WorkbenchClient, DebuggerStore>()

export function debuggerStoreFor(model: WorkbenchModel): DebuggerStore {
  const { client } = model
  let store = stores.get(client)
  if (!store) {
    const created = createDebuggerStore(client)
    connectDebuggerStore(client, created)
    showSourcesOnPause(client, {
      selectedTargetId: () => model.targets.getState().selectedId,
      activeView: () => model.ui.getState().activeView,
      showView: (id) => model.ui.getState().showView(id)
    })
    // Whatever changed while the connection was down is read again.
    client.onConnection((state) => {
      if (state === 'connected' && created.getState().targetId) void created.getState().refresh()
    })
    stores.set(client, created)
    store = created
  }
  return store
}

export function useDebuggerStore(): DebuggerStore {
  return debuggerStoreFor(useModel())
}

export const useDebugger = <T>(select: (s: DebuggerStateOf) => T): T => useStore(useDebuggerStore(), select)
