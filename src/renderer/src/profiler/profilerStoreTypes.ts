// The profiler's store, as its views see it: the state each slice holds and the actions it
// offers. The store is profilerStore.ts; its slices are profileLibrarySlice.ts (the list, imports,
// exports and captures) and profileAnalysisSlice.ts (the flame views, the function table, the sandwich).
import type { StoreApi } from 'zustand/vanilla'
import type { AppInfo } from '../../../shared/api'
import type {
  FlameChartData,
  FlameGraphData,
  ProfileCaptureStatus,
  ProfileFunctionSort,
  ProfileFunctionTableRow,
  ProfileInfo,
  ProfileProgress,
  SandwichData
} from '../../../shared/profilerApi'
import type { ProfileGroupRow } from '../../../shared/profileTypes'
import type { CaptureOptions, GroupFilter } from './profilerFacts'

export type FlameMode = 'graph' | 'chart'

/** The profiles the engine holds, and capturing new ones (profileLibrarySlice.ts). */
export interface ProfileLibraryState {
  shell: AppInfo['shell'] | null
  profiles: ProfileInfo[]
  listLoaded: boolean
  /** Loading progress of profiles still loading, by id. */
  progress: Record<string, ProfileProgress>
  /** Capture state per target, as last reported. */
  captures: Record<string, ProfileCaptureStatus>
  /** Targets with a start or stop request in flight. */
  pendingCapture: Record<string, 'start' | 'stop'>
  captureOptions: CaptureOptions
  /** The target the view shows (captures are of it; its newest profile is picked first). */
  viewTarget: string | null
  /** A file being uploaded or imported, for the list's progress row. */
  importing: { name: string; phase: 'upload' | 'import' } | null
  /** Bumped to ask the page's hidden file input to open (browser only). */
  pickRequest: number
  /** The last failed action, one line. */
  error: string | null
}

export interface ProfileLibraryActions {
  /** The list (on start and after every reconnect). */
  load(): Promise<void>
  /** The view opened for a target: its capture state, the list, a profile to show. */
  show(targetId: string | null, readOnly: boolean): void
  handleChanged(list: ProfileInfo[]): void
  handleCapture(status: ProfileCaptureStatus): void
  handleProgress(progress: ProfileProgress): void
  setCaptureOptions(patch: Partial<CaptureOptions>): void
  startCapture(targetId: string): Promise<void>
  stopCapture(targetId: string): Promise<void>
  /** Desktop: the engine's open dialog; browser: the page's file input. */
  importDialog(): Promise<void>
  importFile(file: File): Promise<void>
  exportProfile(profileId: string): Promise<void>
  removeProfile(profileId: string): Promise<void>
  dismissError(): void
}

/** What the selected profile shows (profileAnalysisSlice.ts). */
export interface ProfileAnalysisState {
  selectedId: string | null
  /** Bumped whenever the selection (re)starts: views ask for their flame payloads again. */
  selectionVersion: number
  mode: FlameMode
  search: string
  /** The flame graph's focused node (0: the whole profile), and the payload drawn. */
  focus: number
  flame: FlameGraphData | null
  chart: FlameChartData | null
  flameError: string | null
  sort: ProfileFunctionSort
  descending: boolean
  groupFilter: GroupFilter | null
  rows: ProfileFunctionTableRow[]
  total: number
  /** Bumped when sort, search or filter change: the table goes back to its top. */
  queryVersion: number
  tableError: string | null
  groups: ProfileGroupRow[]
  /** The selected function (its index in the profile's function table). */
  selectedFunction: number | null
  sandwich: SandwichData | null
  sandwichError: string | null
  /** Tree nodes of the selected function, outlined in both flame views. */
  highlightNodes: ReadonlySet<number> | null
}

export interface ProfileAnalysisActions {
  selectProfile(id: string | null): void
  setMode(mode: FlameMode): void
  setSearch(text: string): void
  /** A flame graph payload for a window of the focused subtree (the whole focus without one). */
  requestFlame(window: { startMs?: number; endMs?: number; widthPx: number }): Promise<void>
  /** Zoom the flame graph onto a subtree (0: back to the whole profile). */
  focusOn(node: number, widthPx: number): Promise<void>
  requestChart(window: { startMs?: number; endMs?: number; widthPx: number }): Promise<void>
  /** Sort by a column; the same column again flips the direction. */
  setSort(sort: ProfileFunctionSort): void
  setGroupFilter(filter: GroupFilter | null): void
  loadMore(): Promise<void>
  selectFunction(index: number | null): void
}

export type ProfilerState = ProfileLibraryState & ProfileAnalysisState
export type ProfilerActions = ProfileLibraryActions & ProfileAnalysisActions
export type ProfilerStoreState = ProfilerState & ProfilerActions
export type ProfilerStore = StoreApi<ProfilerStoreState>

/** What both slices share: the store's set and get, and the one-line failure they both report. */
export interface ProfilerSliceContext {
  set: StoreApi<ProfilerStoreState>['setState']
  get: () => ProfilerStoreState
  /** The profile selected, if the list has it. */
  selected(): ProfileInfo | null
  /** `what` failed: the one-line error the view shows. */
  fail(what: string, error: unknown): void
}
