// The heap store's list: the snapshots the engine holds (taken, imported, removed, exported, with
// their progress), which one is selected and which tab shows it, and the target's heap over time
// with forced GC. Which rows a tab shows is the tab slices'.
import type { WorkbenchApi } from '../../../shared/api'
import type { HeapSnapshotItem } from '../../../shared/heapApi'
import { shellQuery } from '../api/shellQuery'
import { defaultBase } from './comparisonSlice'
import { emptyTrend, mergeTrend, trendSince } from './heapTrendBuffer'
import type { HeapFileTransfer, HeapSliceContext, SnapshotsActions, SnapshotsState } from './heapStoreTypes'

export const isHeapSnapshotName = (name: string): boolean => /\.heapsnapshot$/i.test(name)

export function createSnapshotsSlice(
  api: WorkbenchApi,
  files: HeapFileTransfer,
  { set, get, fail, runBusy, refreshSelected, readTargetState }: HeapSliceContext,
  takePendingSelect: (listed: ReadonlySet<string>) => string | null
): SnapshotsState & SnapshotsActions {
  let trendFetching = false
  /** Which shell the page runs in (asked once): the desktop app saves through a dialog, the browser downloads. */
  const shell = shellQuery(api)

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

  const added = (item: HeapSnapshotItem): void => {
    set((s) => ({ snapshots: s.snapshots.some((x) => x.id === item.id) ? s.snapshots : [...s.snapshots, item] }))
    get().select(item.id)
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
    trend: null,

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
        get().handleChanged(await api.invoke('heap.list', undefined))
      } catch (error) {
        fail('Could not list the heap snapshots', error)
      }
      await Promise.all([fetchTrend(), readTargetState()])
    },

    take() {
      return runBusy('taking', 'Could not take a heap snapshot', async () => {
        const { targetId } = get()
        if (!targetId) return
        added(await api.invoke('heap.take', { targetId }))
      })
    },

    importFile(file) {
      return runBusy('importing', `Could not import ${file.name}`, async () => {
        if (!isHeapSnapshotName(file.name)) throw new Error('not a .heapsnapshot file')
        const path = files.pathOf(file) ?? (await files.upload(file))
        const item = await api.invoke('heap.import', { path, name: file.name })
        if (item) added(item)
      })
    },

    async exportSnapshot(snapshotId) {
      set({ error: null })
      try {
        const item = get().snapshots.find((s) => s.id === snapshotId)
        if ((await shell()) === 'electron') await api.invoke('heap.export', { snapshotId })
        else await files.download(snapshotId, item && isHeapSnapshotName(item.name) ? item.name : `${snapshotId}.heapsnapshot`)
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
      if (tab === 'leaks' || tab === 'allocations') void readTargetState()
    },

    collectGarbage() {
      return runBusy('gc', 'Could not collect garbage', async () => {
        const { targetId } = get()
        if (!targetId) return
        set({ lastGc: await api.invoke('heap.collectGarbage', { targetId }) })
        void fetchTrend()
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
      const pending = takePendingSelect(ids)
      if (pending !== null) {
        get().select(pending)
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

    dismissError() {
      set({ error: null })
    }
  }
}
