import { useStore } from 'zustand'
import { useModel } from '../workbench/modelContext'
import { profilerOf } from './profilerModel'
import type { ProfilerStore } from './profilerStore'

type ProfilerStoreState = ReturnType<ProfilerStore['getState']>

/** The profiler presenter of the page's model. */
export function useProfilerStore(): ProfilerStore {
  return profilerOf(useModel())
}

/** A slice of the profiler presenter's state; the view re-renders only when the slice changes. */
export function useProfiler<T>(select: (s: ProfilerStoreState) => T): T {
  return useStore(useProfilerStore(), select)
}
