import { useStore } from 'zustand'
import { useModel } from '../workbench/modelContext'
import type { HeapStore, HeapStoreState } from './heapStore'

/** The heap store (the Memory view's), which the workbench model owns. */
export function useHeapStore(): HeapStore {
  return useModel().heap
}

/** A slice of the heap store's state; the view re-renders only when the slice changes. */
export function useHeap<T>(select: (s: HeapStoreState) => T): T {
  return useStore(useHeapStore(), select)
}
