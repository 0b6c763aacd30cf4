import { useStore } from 'zustand'
import { useModel } from '../workbench/modelContext'
import type { SystemStore } from './systemStore'

type SystemStoreState = ReturnType<SystemStore['getState']>

/** The System store, which the workbench model owns. */
export function useSystemStore(): SystemStore {
  return useModel().metrics
}

/** A slice of the System presenter's state; the view re-renders only when the slice changes. */
export function useSystem<T>(select: (s: SystemStoreState) => T): T {
  return useStore(useSystemStore(), select)
}
