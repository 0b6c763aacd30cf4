import { useStore } from 'zustand'
import { useModel } from '../workbench/modelContext'
import { memoryOf } from './memoryModel'
import type { MemoryStore } from './memoryStore'

type MemoryStoreState = ReturnType<MemoryStore['getState']>

/** The Memory presenter of the page's model. */
export function useMemoryStore(): MemoryStore {
  return memoryOf(useModel())
}

/** A slice of the Memory presenter's state; the view re-renders only when the slice changes. */
export function useMemory<T>(select: (s: MemoryStoreState) => T): T {
  return useStore(useMemoryStore(), select)
}
