import { useStore } from 'zustand'
import { useModel } from '../workbench/modelContext'
import type { DebuggerStore, DebuggerStoreState } from './debuggerStore'

/** The Sources view's store, which the workbench model owns (the debugger keys work from every view). */
export function useDebuggerStore(): DebuggerStore {
  return useModel().debugger
}

/** A slice of the debugger store's state; the view re-renders only when the slice changes. */
export const useDebugger = <T>(select: (s: DebuggerStoreState) => T): T => useStore(useDebuggerStore(), select)
