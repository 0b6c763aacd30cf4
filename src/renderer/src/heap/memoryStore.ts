// The Memory view's presenter: the snapshot list (take, import, remove, progress), the summary of
// the selected snapshot a page at a time with its objects, one object's detail and retainer
// paths, the comparison of two snapshots, the one-click leak finder, the heap trend of the
// target and the sampling heap profiler. The engine keeps the snapshots; this holds rows.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import type { WorkbenchClient } from '../api/clientTypes'
import type { HeapGcResult, HeapProgress, HeapSamplingProfile, HeapSamplingStatus, HeapSnapshotItem, LeakFlowState } from '../../../shared/heapApi'
import type { HeapConstructorRow, HeapDiffRow, HeapObjectDetail, HeapObjectRow, HeapRetainerPath, HeapSummarySort } from '../../../shared/heapTypes'
import { errorMessage } from '../api/apiError'
import { mergeTrend, trendSince, emptyTrend, type HeapTrendData } from './heapTrendBuffer'
import { shellQuery } from '../api/shellQuery'

export const memoryPageSize = 200
export type MemoryTab = 'summary' | 'comparison' | 'leaks' | 'allocations'
export const isHeapSnapshotName = (name: string): boolean => /\.heapsnapshot$/i.test(name)

/** Uploads (the browser workbench) or resolves (the desktop app) a picked or dropped file to a host path. */
export interface HeapFileTransfer {
  upload(file: File): Promise<string>
  pathOf(file: File): string | null
  download(snapshotId: string, name: string): Promise<void>
}

export interface RowPage<Row> {
  status: 'idle' | 'loading' | 'loaded'
  rows: Row[]
  total: number
  error: string | null
}

const emptyPage = <Row>(): RowPage<Row> => ({ status: 'idle', rows: [], total: 0, error: null })

export interface MemoryState {
  /** The target the view shows (null while no Memory view is open). */
  targetId: string | null
  readOnly: boolean
  snapshots: HeapSnapshotItem[]
  /** The latest progress of each snapshot being taken or analysed. */
  progress: Record<string, HeapProgress>
  selectedId: string | null
  tab: MemoryTab
  busy: 'taking' | 'importing' | 'gc' | 'sampling' | null
  /** The last failed action, as one line. */
  error: string | null
  /** What the last "Collect garbage" freed. */
  lastGc: HeapGcResult | null
  sort: HeapSummarySort
  search: string
  /** Bumped when the rows start over (another snapshot, sort, search): tables scroll back up. */
  queryVersion: number
  summary: RowPage<HeapConstructorRow>
  /** The comparison's "before" snapshot (the selected one is "after"). */
  baseId: string | null
  diff: RowPage<HeapDiffRow>
  /** The constructor whose objects are listed (of the summary, or the diff's new objects). */
  constructorName: string | null
  objects: RowPage<HeapObjectRow>
  /** The object shown in the detail pane, and the snapshot it belongs to. */
  detailSnapshotId: string | null
  nodeId: number | null
  detail: HeapObjectDetail | null
  paths: HeapRetainerPath[] | null
  detailError: string | null
  flow: LeakFlowState | null
  trend: HeapTrendData | null
  sampling: HeapSamplingStatus | null
  allocation: HeapSamplingProfile | null
}

export interface MemoryActions {
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
  setTab(tab: MemoryTab): void
  setSort(sort: HeapSummarySort): void
  setSearch(text: string): void
  loadMoreSummary(): Promise<void>
  selectConstructor(name: string | null): void
  loadMoreObjects(): Promise<void>
  selectObject(nodeId: number | null, snapshotId?: string): void
  setBase(snapshotId: string | null): void
  loadMoreDiff(): Promise<void>
  flowNext(): Promise<void>
  flowCancel(): Promise<void>
  collectGarbage(): Promise<void>
  startSampling(): Promise<void>
  stopSampling(): Promise<void>
  handleChanged(list: HeapSnapshotItem[]): void
  handleProgress(progress: HeapProgress): void
  handleTrendTick(targetIds: string[]): void
  handleFlow(state: LeakFlowState): void
  dismissError(): void
}

export type MemoryStore = StoreApi<MemoryState & MemoryActions>

/** A sensible "before" for a comparison: the snapshot taken just before `afterId` (of the same target when it has one). */
export function defaultBase(list: readonly HeapSnapshotItem[], afterId: string | null): string | null {
  const after = list.find((s) => s.id === afterId)
  if (!after) return null
  const earlier = list.filter((s) => s.id !== after.id && s.state === 'ready' && s.capturedAt <= after.capturedAt && (after.targetId === null || s.targetId === after.targetId))
  return earlier.sort((a, b) => b.capturedAt - a.capturedAt)[0]?.id ?? null
}

export function createMemoryStore(api: WorkbenchApi, files: HeapFileTransfer): MemoryStore {
  // Each kind of fetch takes a token; an answer whose token is no longer current is dropped.
  let summaryToken = 0
  let objectsToken = 0
  let detailToken = 0
  let diffToken = 0
  let trendFetching = false
  /** Which shell the page runs in (asked once): the desktop app saves through a dialog, the browser downloads. */
  const shell = shellQuery(api)
  /** A snapshot to select once the list has it (the leak finder's final one, announced before the list). */
  let pendingSelect: string | null = null

  return createStore<MemoryState & MemoryActions>()((set, get) => {
    const fail = (what: string, error: unknown): void => set({ error: `${what}: ${errorMessage(error)}` })
    const readySelected = (): HeapSnapshotItem | null => {
      const { snapshots, selectedId } = get()
      const item = snapshots.find((s) => s.id === selectedId)
      return item?.state === 'ready' ? item : null
    }

    const clearDrill = (): Partial<MemoryState> => {
      objectsToken++
      detailToken++
      return { constructorName: null, objects: emptyPage(), nodeId: null, detailSnapshotId: null, detail: null, paths: null, detailError: null }
    }

    const fetchSummary = async (more: boolean): Promise<void> => {
      const item = readySelected()
      if (!item) return
      const token = more ? summaryToken : ++summaryToken
      const { sort, search, summary } = get()
      const offset = more ? summary.rows.length : 0
      set({ summary: { ...summary, status: more ? summary.status : 'loading' } })
      try {
        const page = await api.invoke('heap.summary', { snapshotId: item.id, sort, search: search.trim() || undefined, offset, limit: memoryPageSize })
        if (token !== summaryToken) return
        set((s) => ({ summary: { status: 'loaded', rows: more ? [...s.summary.rows, ...page.rows] : page.rows, total: page.total, error: null } }))
      } catch (error) {
        if (token === summaryToken) set((s) => ({ summary: { ...s.summary, status: 'loaded', error: errorMessage(error) } }))
      }
    }

    const fetchDiff = async (more: boolean): Promise<void> => {
      const item = readySelected()
      const { baseId, diff, search, snapshots } = get()
      const base = snapshots.find((s) => s.id === baseId)
      if (!item || !base || base.state !== 'ready') return
      const token = more ? diffToken : ++diffToken
      const offset = more ? diff.rows.length : 0
      set({ diff: { ...diff, status: more ? diff.status : 'loading' } })
      try {
        const page = await api.invoke('heap.diff', { beforeId: base.id, afterId: item.id, search: search.trim() || undefined, offset, limit: memoryPageSize })
        if (token !== diffToken) return
        set((s) => ({ diff: { status: 'loaded', rows: more ? [...s.diff.rows, ...page.rows] : page.rows, total: page.total, error: null } }))
      } catch (error) {
        if (token === diffToken) set((s) => ({ diff: { ...s.diff, status: 'loaded', error: errorMessage(error) } }))
      }
    }

    const fetchObjects = async (more: boolean): Promise<void> => {
      const item = readySelected()
      const { constructorName, objects, tab, baseId } = get()
      if (!item || constructorName === null) return
      const token = more ? objectsToken : ++objectsToken
      const offset = more ? objects.rows.length : 0
      set({ objects: { ...objects, status: more ? objects.status : 'loading' } })
      try {
        const newSince = tab === 'comparison' && baseId ? baseId : undefined
        const page = await api.invoke('heap.objects', { snapshotId: item.id, constructorName, newSince, offset, limit: memoryPageSize })
        if (token !== objectsToken) return
        set((s) => ({ objects: { status: 'loaded', rows: more ? [...s.objects.rows, ...page.rows] : page.rows, total: page.total, error: null } }))
      } catch (error) {
        if (token === objectsToken) set((s) => ({ objects: { ...s.objects, status: 'loaded', error: errorMessage(error) } }))
      }
    }

    const fetchDetail = async (): Promise<void> => {
      const { detailSnapshotId, nodeId } = get()
      const token = ++detailToken
      if (detailSnapshotId === null || nodeId === null) return
      try {
        const [detail, paths] = await Promise.all([
          api.invoke('heap.object', { snapshotId: detailSnapshotId, nodeId }),
          api.invoke('heap.retainerPaths', { snapshotId: detailSnapshotId, nodeId, maxPaths: 5 })
        ])
        if (token === detailToken) set({ detail, paths, detailError: null })
      } catch (error) {
        if (token === detailToken) set({ detailError: errorMessage(error) })
      }
    }

    const fetchTrend = async (): Promise<void> => {
      // A recording's trend (read-only) is read once; a live target's grows with each tick.
      const { targetId, trend } = get()
      if (!targetId || trendFetching) return
      trendFetching = true
      try {
        const answer = await api.invoke('heap.trend', { targetId, since: trendSince(trend, targetId) })
        if (get().targetId === targetId) set((s) => ({ trend: mergeTrend(s.trend ?? emptyTrend(targetId), answer) }))
      } catch {
        // A target that went away keeps the trend it had (nothing new will come); none yet shows as empty.
        if (get().targetId === targetId && get().trend === null) set({ trend: emptyTrend(targetId) })
      } finally {
        trendFetching = false
      }
    }

    const fetchTargetState = async (): Promise<void> => {
      const { targetId, readOnly } = get()
      if (!targetId || readOnly) {
        set({ flow: null, sampling: null })
        return
      }
      try {
        const [flow, sampling] = await Promise.all([api.invoke('heap.leakFlow', { targetId }), api.invoke('heap.samplingStatus', { targetId })])
        if (get().targetId === targetId) set({ flow, sampling })
      } catch (error) {
        fail('Could not read the heap state of the target', error)
      }
    }

    /** What the selected snapshot shows in the current tab, fetched from the top. */
    const refreshSelected = (): void => {
      set((s) => ({ ...clearDrill(), summary: emptyPage(), diff: emptyPage(), queryVersion: s.queryVersion + 1 }))
      if (get().tab === 'comparison') void fetchDiff(false)
      else void fetchSummary(false)
    }

    const runBusy = async (busy: NonNullable<MemoryState['busy']>, what: string, work: () => Promise<void>): Promise<void> => {
      if (get().busy) return
      set({ busy, error: null })
      try {
        await work()
      } catch (error) {
        fail(what, error)
      } finally {
        set({ busy: null })
      }
    }

    return {
      targetId: null,
      readOnly: false,
      snapshots: [],
      progress: {},
      selectedId: null,
      tab: 'summary',
      busy: null,
      error: null,
      lastGc: null,
      sort: 'retainedSize',
      search: '',
      queryVersion: 0,
      summary: emptyPage(),
      baseId: null,
      diff: emptyPage(),
      constructorName: null,
      objects: emptyPage(),
      detailSnapshotId: null,
      nodeId: null,
      detail: null,
      paths: null,
      detailError: null,
      flow: null,
      trend: null,
      sampling: null,
      allocation: null,

      show(targetId, readOnly) {
        const changed = get().targetId !== targetId
        set(changed ? { targetId, readOnly, trend: null, flow: null, sampling: null, allocation: null, lastGc: null } : { targetId, readOnly })
        void get().load()
      },

      hide() {
        set({ targetId: null })
      },

      async load() {
        try {
          const list = await api.invoke('heap.list', undefined)
          get().handleChanged(list)
        } catch (error) {
          fail('Could not list the heap snapshots', error)
        }
        await Promise.all([fetchTrend(), fetchTargetState()])
      },

      take() {
        return runBusy('taking', 'Could not take a heap snapshot', async () => {
          const { targetId } = get()
          if (!targetId) return
          const item = await api.invoke('heap.take', { targetId })
          set((s) => ({ snapshots: s.snapshots.some((x) => x.id === item.id) ? s.snapshots : [...s.snapshots, item] }))
          get().select(item.id)
        })
      },

      importFile(file) {
        return runBusy('importing', `Could not import ${file.name}`, async () => {
          if (!isHeapSnapshotName(file.name)) throw new Error('not a .heapsnapshot file')
          const path = files.pathOf(file) ?? (await files.upload(file))
          const item = await api.invoke('heap.import', { path, name: file.name })
          if (!item) return
          set((s) => ({ snapshots: s.snapshots.some((x) => x.id === item.id) ? s.snapshots : [...s.snapshots, item] }))
          get().select(item.id)
        })
      },

      async exportSnapshot(snapshotId) {
        set({ error: null })
        try {
          const item = get().snapshots.find((s) => s.id === snapshotId)
          if ((await shell()) === 'electron') await api.invoke('heap.export', { snapshotId })
          else await files.download(snapshotId, item && /\.heapsnapshot$/i.test(item.name) ? item.name : `${snapshotId}.heapsnapshot`)
        } catch (error) {
          fail('Could not save the snapshot', error)
        }
      },

      async remove(snapshotId) {
        try {
          await api.invoke('heap.remove', { snapshotId })
          get().handleChanged(get().snapshots.filter((s) => s.id !== snapshotId))
        } catch (error) {
          fail('Could not remove the snapshot', error)
        }
      },

      select(snapshotId) {
        if (snapshotId === get().selectedId) return
        const base = get().baseId
        set({ selectedId: snapshotId, baseId: base !== null && base !== snapshotId ? base : defaultBase(get().snapshots, snapshotId) })
        refreshSelected()
      },

      setTab(tab) {
        if (tab === get().tab) return
        set({ tab })
        if (tab === 'summary' || tab === 'comparison') refreshSelected()
        if (tab === 'leaks' || tab === 'allocations') void fetchTargetState()
      },

      setSort(sort) {
        if (sort === get().sort) return
        set({ sort })
        refreshSelected()
      },

      setSearch(text) {
        set({ search: text })
        refreshSelected()
      },

      async loadMoreSummary() {
        const { summary } = get()
        if (summary.status !== 'loaded' || summary.rows.length >= summary.total) return
        await fetchSummary(true)
      },

      selectConstructor(name) {
        if (name === get().constructorName) return
        set({ ...clearDrill(), constructorName: name })
        void fetchObjects(false)
      },

      async loadMoreObjects() {
        const { objects } = get()
        if (objects.status !== 'loaded' || objects.rows.length >= objects.total) return
        await fetchObjects(true)
      },

      selectObject(nodeId, snapshotId) {
        set({ nodeId, detailSnapshotId: nodeId === null ? null : (snapshotId ?? get().selectedId), detail: null, paths: null, detailError: null })
        void fetchDetail()
      },

      setBase(snapshotId) {
        set({ baseId: snapshotId })
        refreshSelected()
      },

      async loadMoreDiff() {
        const { diff } = get()
        if (diff.status !== 'loaded' || diff.rows.length >= diff.total) return
        await fetchDiff(true)
      },

      async flowNext() {
        const { targetId } = get()
        if (!targetId) return
        set({ error: null })
        try {
          get().handleFlow(await api.invoke('heap.leakFlowNext', { targetId }))
        } catch (error) {
          fail('The leak finder stopped', error)
        }
      },

      async flowCancel() {
        const { targetId } = get()
        if (!targetId) return
        try {
          await api.invoke('heap.leakFlowCancel', { targetId })
          set({ flow: null, ...clearDrill() })
        } catch (error) {
          fail('Could not reset the leak finder', error)
        }
      },

      collectGarbage() {
        return runBusy('gc', 'Could not collect garbage', async () => {
          const { targetId } = get()
          if (!targetId) return
          set({ lastGc: await api.invoke('heap.collectGarbage', { targetId }) })
          void fetchTrend()
        })
      },

      startSampling() {
        return runBusy('sampling', 'Could not start sampling allocations', async () => {
          const { targetId } = get()
          if (!targetId) return
          set({ sampling: await api.invoke('heap.samplingStart', { targetId }) })
        })
      },

      stopSampling() {
        return runBusy('sampling', 'Could not stop sampling allocations', async () => {
          const { targetId } = get()
          if (!targetId) return
          const allocation = await api.invoke('heap.samplingStop', { targetId })
          set({ allocation, sampling: { targetId, running: false, startedAt: null, intervalBytes: null } })
        })
      },

      handleChanged(list) {
        const before = get()
        const wasReady = before.snapshots.find((s) => s.id === before.selectedId)?.state === 'ready'
        const ids = new Set(list.map((s) => s.id))
        const progress = Object.fromEntries(Object.entries(before.progress).filter(([id]) => ids.has(id)))
        const selectedId = before.selectedId !== null && ids.has(before.selectedId) ? before.selectedId : (list.at(-1)?.id ?? null)
        const baseId = before.baseId !== null && ids.has(before.baseId) && before.baseId !== selectedId ? before.baseId : defaultBase(list, selectedId)
        set({ snapshots: list, progress, selectedId, baseId })
        if (pendingSelect !== null && ids.has(pendingSelect)) {
          const id = pendingSelect
          pendingSelect = null
          get().select(id)
          return
        }
        const nowReady = list.find((s) => s.id === selectedId)?.state === 'ready'
        // The selection changed, or the selected snapshot has just finished its analysis: its rows now.
        if (selectedId !== before.selectedId || (nowReady && !wasReady) || baseId !== before.baseId) refreshSelected()
      },

      handleProgress(progress) {
        set((s) => ({ progress: { ...s.progress, [progress.snapshotId]: progress } }))
      },

      handleTrendTick(targetIds) {
        const { targetId } = get()
        if (targetId && targetIds.includes(targetId)) void fetchTrend()
      },

      handleFlow(state) {
        if (state.targetId !== get().targetId) return
        const finished = state.step === 'done' && get().flow?.step !== 'done'
        set({ flow: state })
        // The leaks are objects of the final snapshot: it becomes the one shown (and compared).
        if (finished && state.finalId) {
          if (get().snapshots.some((s) => s.id === state.finalId)) get().select(state.finalId)
          else pendingSelect = state.finalId
        }
      },

      dismissError() {
        set({ error: null })
      }
    }
  })
}

/** A memory store that follows the client's heap events; returns the store and how to stop following. */
export function connectMemoryStore(client: WorkbenchClient, files: HeapFileTransfer): { store: MemoryStore; dispose(): void } {
  const store = createMemoryStore(client, files)
  const offs = [
    client.on('heap.changed', (list) => store.getState().handleChanged(list)),
    client.on('heap.progress', (progress) => store.getState().handleProgress(progress)),
    client.on('heap.trendTick', ({ targetIds }) => store.getState().handleTrendTick(targetIds)),
    client.on('heap.leakFlowChanged', (state) => store.getState().handleFlow(state)),
    client.onConnection((state) => {
      if (state === 'connected') void store.getState().load()
    })
  ]
  return { store, dispose: () => offs.forEach((off) => off()) }
}
