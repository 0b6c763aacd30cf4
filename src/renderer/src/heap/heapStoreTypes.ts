// The heap's store (the Memory view's), as its views see it: the state each slice holds and the
// actions it offers. The store is heapStore.ts; its slices are snapshotsSlice.ts (the list, the
// selection, the trend, GC), and one per tab: summarySlice.ts (with the object drill-down that
// Comparison and the leak finder share), comparisonSlice.ts, leakFinderSlice.ts, allocationSlice.ts.
import type { StoreApi } from 'zustand/vanilla'
import type { HeapGcResult, HeapProgress, HeapSamplingProfile, HeapSamplingStatus, HeapSnapshotItem, LeakFlowState } from '../../../shared/heapApi'
import type { HeapConstructorRow, HeapDiffRow, HeapObjectDetail, HeapObjectRow, HeapRetainerPath, HeapSummarySort } from '../../../shared/heapTypes'
import type { HeapTrendData } from './heapTrendBuffer'
import type { RowPage } from './rowPager'

export type HeapTab = 'summary' | 'comparison' | 'leaks' | 'allocations'

/** Uploads (the browser workbench) or resolves (the desktop app) a picked or dropped file to a host path. */
export interface HeapFileTransfer {
  upload(file: File): Promise<string>
  pathOf(file: File): string | null
  download(snapshotId: string, name: string): Promise<void>
}

/** The target shown and its snapshots (snapshotsSlice.ts). */
export interface SnapshotsState {
  /** The target the view shows (null while no Memory view is open). */
  targetId: string | null
  readOnly: boolean
  snapshots: HeapSnapshotItem[]
  /** The latest progress of each snapshot being taken or analysed. */
  progress: Record<string, HeapProgress>
  selectedId: string | null
  tab: HeapTab
  busy: 'taking' | 'importing' | 'gc' | 'sampling' | null
  /** The last failed action, as one line. */
  error: string | null
  /** What the last "Collect garbage" freed. */
  lastGc: HeapGcResult | null
  trend: HeapTrendData | null
}

export interface SnapshotsActions {
  show(targetId: string | null, readOnly: boolean): void
  hide(): void
  /** Re-read the list (and what the view shows) after a reconnect. */
  load(): Promise<void>
  take(): Promise<void>
  importFile(file: File): Promise<void>
  remove(snapshotId: string): Promise<void>
  /** Save a snapshot as a .heapsnapshot file: a dialog in the desktop app, a download in the browser. */
  exportSnapshot(snapshotId: string): Promise<void>
  select(snapshotId: string | null): void
  setTab(tab: HeapTab): void
  collectGarbage(): Promise<void>
  handleChanged(list: HeapSnapshotItem[]): void
  handleProgress(progress: HeapProgress): void
  handleTrendTick(targetIds: string[]): void
  dismissError(): void
}

/** The Summary tab: constructors a page at a time, their objects, one object's detail (summarySlice.ts). */
export interface SummaryState {
  sort: HeapSummarySort
  search: string
  /** Bumped when the rows start over (another snapshot, sort, search): tables scroll back up. */
  queryVersion: number
  summary: RowPage<HeapConstructorRow>
  /** The constructor whose objects are listed (of the summary, or the diff's new objects). */
  constructorName: string | null
  objects: RowPage<HeapObjectRow>
  /** The object shown in the detail pane, and the snapshot it belongs to. */
  detailSnapshotId: string | null
  nodeId: number | null
  detail: HeapObjectDetail | null
  paths: HeapRetainerPath[] | null
  detailError: string | null
}

export interface SummaryActions {
  setSort(sort: HeapSummarySort): void
  setSearch(text: string): void
  loadMoreSummary(): Promise<void>
  selectConstructor(name: string | null): void
  loadMoreObjects(): Promise<void>
  selectObject(nodeId: number | null, snapshotId?: string): void
}

/** The Comparison tab (comparisonSlice.ts). */
export interface ComparisonState {
  /** The comparison's "before" snapshot (the selected one is "after"). */
  baseId: string | null
  diff: RowPage<HeapDiffRow>
}

export interface ComparisonActions {
  setBase(snapshotId: string | null): void
  loadMoreDiff(): Promise<void>
}

/** The Leak finder tab (leakFinderSlice.ts). */
export interface LeakFinderState {
  flow: LeakFlowState | null
}

export interface LeakFinderActions {
  flowNext(): Promise<void>
  flowCancel(): Promise<void>
  handleFlow(state: LeakFlowState): void
}

/** The Allocations tab (allocationSlice.ts). */
export interface AllocationState {
  sampling: HeapSamplingStatus | null
  allocation: HeapSamplingProfile | null
}

export interface AllocationActions {
  startSampling(): Promise<void>
  stopSampling(): Promise<void>
}

export type HeapState = SnapshotsState & SummaryState & ComparisonState & LeakFinderState & AllocationState
export type HeapActions = SnapshotsActions & SummaryActions & ComparisonActions & LeakFinderActions & AllocationActions
export type HeapStoreState = HeapState & HeapActions
export type HeapStore = StoreApi<HeapStoreState>

/** What the slices share: the store, the one-line failure, and the steps one tab asks of another. */
export interface HeapSliceContext {
  set: StoreApi<HeapStoreState>['setState']
  get: () => HeapStoreState
  /** `what` failed: the one-line error the view shows. */
  fail(what: string, error: unknown): void
  /** The selected snapshot once it is analysed, else null. */
  readySelected(): HeapSnapshotItem | null
  /** Runs one of the toolbar's long actions, one at a time; a failure becomes the error line. */
  runBusy(busy: NonNullable<SnapshotsState['busy']>, what: string, work: () => Promise<void>): Promise<void>
  /** What the selected snapshot shows in the current tab, fetched from the top. */
  refreshSelected(): void
  /** The leak finder's and the sampler's state of the target shown, read again. */
  readTargetState(): Promise<void>
}
