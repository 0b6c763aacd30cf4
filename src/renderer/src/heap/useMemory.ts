import { useStore } from 'zustand'
import { useModel } from '../workbench/modelContext'
import type { MemoryStore } from './memoryStore'

type MemoryStoreState = ReturnType<MemoryStore['getState']>

/** The Memory store, which the workbench model owns. */
export function useMemoryStore(): MemoryStore {
  return useModel().heap
}

/** A slice of the Memory presenter's state; the view re-renders only when the slice changes. */
export function useMemory<T>(select: (s: MemoryStoreState) => T): T {
  return useStore(useMemoryStore(), select)
}
