import { useStore } from 'zustand'
import { useModel } from '../workbench/modelContext'
import type { ProfilerStore } from './profilerStore'

type ProfilerStoreState = ReturnType<ProfilerStore['getState']>

/** The profiler store, which the workbench model owns. */
export function useProfilerStore(): ProfilerStore {
  return useModel().profiler
}

/** A slice of the profiler presenter's state; the view re-renders only when the slice changes. */
export function useProfiler<T>(select: (s: ProfilerStoreState) => T): T {
  return useStore(useProfilerStore(), select)
}
