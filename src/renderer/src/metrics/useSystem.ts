import { useStore } from 'zustand'
import { useModel } from '../workbench/modelContext'
import { systemOf } from './systemModel'
import type { SystemStore } from './systemStore'

type SystemStoreState = ReturnType<SystemStore['getState']>

/** The System presenter of the page's model. */
export function useSystemStore(): SystemStore {
  return systemOf(useModel())
}

/** A slice of the System presenter's state; the view re-renders only when the slice changes. */
export function useSystem<T>(select: (s: SystemStoreState) => T): T {
  return useStore(useSystemStore(), select)
}
