import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppInfo, WorkbenchApi } from '../../../shared/api'
import type { WorkbenchClient } from '../api/clientTypes'
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
import { errorMessage } from '../api/apiError'
import { pickProfile, sortProfiles, startParams, isCpuProfileName, type CaptureOptions, type GroupFilter, type ProfileFileTransfer } from './profilerFacts'
import { shellQuery } from '../api/shellQuery'

/** Rows of the function table fetched per request; more as the table scrolls. */
export const functionsPageSize = 200

export type FlameMode = 'graph' | 'chart'

export interface ProfilerState {
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
  /** The last failed action, one line. */
  error: string | null
}

export interface ProfilerActions {
  /** The list (on start and after every reconnect). */
  load(): Promise<void>
  /** The view opened for a target: its capture state, the list, a profile to show. */
  show(targetId: string | null, readOnly: boolean): void
  handleChanged(list: ProfileInfo[]): void
  handleCapture(status: ProfileCaptureStatus): void
  handleProgress(progress: ProfileProgress): void
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

export type ProfilerStore = StoreApi<ProfilerState & ProfilerActions>

const emptyData = {
  focus: 0,
  flame: null,
  chart: null,
  flameError: null,
  rows: [],
  total: 0,
  tableError: null,
  groups: [],
  selectedFunction: null,
  sandwich: null,
  sandwichError: null,
  highlightNodes: null,
  groupFilter: null
} satisfies Partial<ProfilerState>

export function createProfilerStore(api: WorkbenchApi, files: ProfileFileTransfer): ProfilerStore {
  // Each kind of fetch has its own token: an answer to an older question is dropped.
  let listToken = 0
  let flameToken = 0
  let chartToken = 0
  let tableToken = 0
  let sandwichToken = 0
  let loadingMore = false
  /** Profiles seen so far: a newly captured one of the shown target is selected when it appears. */
  const known = new Set<string>()

  return createStore<ProfilerState & ProfilerActions>()((set, get) => {
    const shell = shellQuery(api, () => get().shell, (known) => set({ shell: known }))

    const fail = (what: string, error: unknown): void => set({ error: `${what}: ${errorMessage(error)}` })

    const selected = (): ProfileInfo | null => get().profiles.find((p) => p.id === get().selectedId) ?? null

    const functionParams = (offset: number, limit: number) => {
      const s = get()
      return {
        profileId: s.selectedId!,
        sort: s.sort,
        descending: s.descending,
        ...(s.search.trim() ? { search: s.search.trim() } : {}),
        ...(s.groupFilter ? { category: s.groupFilter.category, ...(s.groupFilter.packageName ? { packageName: s.groupFilter.packageName } : {}) } : {}),
        offset,
        limit
      }
    }

    const fetchTable = async (): Promise<void> => {
      const token = ++tableToken
      if (!selected() || selected()!.state !== 'ready') return
      try {
        const page = await api.invoke('profiler.functions', functionParams(0, functionsPageSize))
        if (token === tableToken) set({ rows: page.rows, total: page.total, tableError: null })
      } catch (error) {
        if (token === tableToken) set({ tableError: errorMessage(error) })
      }
    }

    const requery = (patch: Partial<ProfilerState>): void => {
      set((s) => ({ ...patch, queryVersion: s.queryVersion + 1 }))
      void fetchTable()
    }

    /** The selected profile became ready: everything but the flame payloads (the views ask for those with their width). */
    const loadData = async (): Promise<void> => {
      const profileId = get().selectedId
      if (!profileId) return
      void fetchTable()
      try {
        const groups = await api.invoke('profiler.groups', { profileId })
        if (get().selectedId === profileId) set({ groups })
      } catch (error) {
        if (get().selectedId === profileId) set({ tableError: errorMessage(error) })
      }
    }

    const select = (id: string | null): void => {
      flameToken++
      chartToken++
      tableToken++
      sandwichToken++
      set((s) => ({ selectedId: id, ...emptyData, queryVersion: s.queryVersion + 1, selectionVersion: s.selectionVersion + 1 }))
      if (selected()?.state === 'ready') void loadData()
    }

    const setList = (list: ProfileInfo[]): void => {
      const before = selected()
      const fresh = list.filter((p) => !known.has(p.id))
      for (const p of list) known.add(p.id)
      const progress = { ...get().progress }
      for (const id of Object.keys(progress)) if (!list.some((p) => p.id === id && p.state === 'loading')) delete progress[id]
      set({ profiles: sortProfiles(list), listLoaded: true, progress })
      const { viewTarget, selectedId } = get()
      // A new capture of the target shown, or the profiles of a session just opened (its target is shown then).
      const arrived = sortProfiles(fresh).find((p) => p.source !== 'import' && p.targetId !== null && p.targetId === viewTarget)
      if (arrived) return select(arrived.id)
      const now = selected()
      if (!now) return select(pickProfile(list, viewTarget))
      if (now.id === selectedId && now.state === 'ready' && before?.state !== 'ready') void loadData()
    }

    const upsert = (profile: ProfileInfo): void => {
      const list = get().profiles.filter((p) => p.id !== profile.id)
      known.add(profile.id)
      set({ profiles: sortProfiles([...list, profile]) })
    }

    /** An imported or captured profile is shown; one already shown (listed and picked meanwhile) is left as it is. */
    const imported = (profile: ProfileInfo | null): void => {
      if (!profile) return
      upsert(profile)
      if (get().selectedId !== profile.id) select(profile.id)
    }

    return {
      shell: null,
      profiles: [],
      listLoaded: false,
      progress: {},
      captures: {},
      pendingCapture: {},
      captureOptions: { intervalUs: null, durationMs: null, untilBreakpoint: false, callCounts: false },
      viewTarget: null,
      importing: null,
      pickRequest: 0,
      selectedId: null,
      selectionVersion: 0,
      mode: 'graph',
      search: '',
      sort: 'self',
      descending: true,
      queryVersion: 0,
      error: null,
      ...emptyData,

      async load() {
        const token = ++listToken
        try {
          const list = await api.invoke('profiler.list', undefined)
          if (token === listToken) setList(list)
        } catch (error) {
          if (token === listToken) fail('Could not list the profiles', error)
        }
        const target = get().viewTarget
        if (target && get().captures[target] !== undefined) {
          try {
            get().handleCapture(await api.invoke('profiler.status', { targetId: target }))
          } catch (error) {
            fail('Could not read the capture state', error)
          }
        }
      },

      show(targetId, readOnly) {
        const previous = get().viewTarget
        set({ viewTarget: targetId })
        const current = selected()
        const ofTarget = targetId === null ? null : pickProfile(get().profiles.filter((p) => p.targetId === targetId), targetId)
        if (!get().listLoaded) void get().load()
        else if (!current) select(pickProfile(get().profiles, targetId))
        // Another target shown: its own newest profile, unless the one shown is already of it.
        else if (targetId !== previous && ofTarget && current.targetId !== targetId) select(ofTarget)
        if (targetId && !readOnly) {
          api.invoke('profiler.status', { targetId }).then(
            (status) => get().handleCapture(status),
            (error: unknown) => fail('Could not read the capture state', error)
          )
        }
      },

      handleChanged(list) {
        listToken++
        setList(list)
      },

      handleCapture(status) {
        set((s) => ({ captures: { ...s.captures, [status.targetId]: status } }))
      },

      handleProgress(progress) {
        set((s) => {
          const next = { ...s.progress }
          if (progress.phase === 'done' || progress.phase === 'failed') delete next[progress.profileId]
          else next[progress.profileId] = progress
          return { progress: next }
        })
      },

      selectProfile(id) {
        if (id !== get().selectedId) select(id)
      },

      setMode(mode) {
        set({ mode })
      },

      setSearch(text) {
        if (text !== get().search) requery({ search: text })
      },

      async requestFlame(window) {
        const { selectedId: profileId, focus } = get()
        if (!profileId || selected()?.state !== 'ready') return
        const token = ++flameToken
        try {
          const flame = await api.invoke('profiler.flame', { profileId, focus, ...window })
          if (token === flameToken) set({ flame, flameError: null })
        } catch (error) {
          if (token === flameToken) set({ flameError: errorMessage(error) })
        }
      },

      async focusOn(node, widthPx) {
        if (node === get().focus && get().flame?.focus === node) return
        set({ focus: node })
        await get().requestFlame({ widthPx })
      },

      async requestChart(window) {
        const profileId = get().selectedId
        if (!profileId || selected()?.state !== 'ready') return
        const token = ++chartToken
        try {
          const chart = await api.invoke('profiler.flameChart', { profileId, ...window })
          if (token === chartToken) set({ chart, flameError: null })
        } catch (error) {
          if (token === chartToken) set({ flameError: errorMessage(error) })
        }
      },

      setSort(sort) {
        const s = get()
        // Names read best A→Z; times and counts biggest first.
        requery(sort === s.sort ? { descending: !s.descending } : { sort, descending: sort !== 'name' })
      },

      setGroupFilter(filter) {
        requery({ groupFilter: filter })
      },

      async loadMore() {
        const s = get()
        if (!s.selectedId || loadingMore || s.rows.length >= s.total) return
        loadingMore = true
        const token = tableToken
        try {
          const page = await api.invoke('profiler.functions', functionParams(s.rows.length, functionsPageSize))
          if (token !== tableToken) return
          const have = new Set(get().rows.map((r) => r.index))
          set((st) => ({ rows: [...st.rows, ...page.rows.filter((r) => !have.has(r.index))], total: page.total }))
        } catch (error) {
          if (token === tableToken) set({ tableError: errorMessage(error) })
        } finally {
          loadingMore = false
        }
      },

      selectFunction(index) {
        const profileId = get().selectedId
        if (index === get().selectedFunction) return
        const token = ++sandwichToken
        set({ selectedFunction: index, sandwich: null, sandwichError: null, highlightNodes: null })
        if (index === null || !profileId) return
        api.invoke('profiler.sandwich', { profileId, functionIndex: index }).then(
          (sandwich) => {
            if (token === sandwichToken) set({ sandwich })
          },
          (error: unknown) => {
            if (token === sandwichToken) set({ sandwichError: errorMessage(error) })
          }
        )
        api.invoke('profiler.nodesOf', { profileId, functionIndex: index }).then(
          (nodes) => {
            if (token === sandwichToken) set({ highlightNodes: new Set(nodes) })
          },
          (error: unknown) => {
            if (token === sandwichToken) set({ sandwichError: errorMessage(error) })
          }
        )
      },

      setCaptureOptions(patch) {
        set((s) => ({ captureOptions: { ...s.captureOptions, ...patch } }))
      },

      async startCapture(targetId) {
        if (get().pendingCapture[targetId]) return
        set((s) => ({ pendingCapture: { ...s.pendingCapture, [targetId]: 'start' }, error: null }))
        try {
          get().handleCapture(await api.invoke('profiler.start', startParams(targetId, get().captureOptions)))
        } catch (error) {
          fail('Could not start profiling', error)
        } finally {
          set((s) => {
            const pendingCapture = { ...s.pendingCapture }
            delete pendingCapture[targetId]
            return { pendingCapture }
          })
        }
      },

      async stopCapture(targetId) {
        if (get().pendingCapture[targetId]) return
        set((s) => ({ pendingCapture: { ...s.pendingCapture, [targetId]: 'stop' }, error: null }))
        try {
          const profile = await api.invoke('profiler.stop', { targetId })
          const status = get().captures[targetId]
          if (status?.running) get().handleCapture({ ...status, running: false, startedAt: null, stopsOn: null, stopsAt: null })
          imported(profile)
        } catch (error) {
          fail('Could not stop profiling', error)
        } finally {
          set((s) => {
            const pendingCapture = { ...s.pendingCapture }
            delete pendingCapture[targetId]
            return { pendingCapture }
          })
        }
      },

      async importDialog() {
        set({ error: null })
        try {
          if ((await shell()) === 'electron') imported(await api.invoke('profiler.import', {}))
          else set((s) => ({ pickRequest: s.pickRequest + 1 }))
        } catch (error) {
          fail('Could not import the profile', error)
        }
      },

      async importFile(file) {
        set({ error: null })
        if (!isCpuProfileName(file.name)) {
          set({ error: `Only .cpuprofile files can be imported as profiles (not ${file.name})` })
          return
        }
        if (get().importing) return
        try {
          let path: string | null
          if ((await shell()) === 'electron') {
            path = files.pathOf(file)
            if (!path) throw new Error('the desktop app could not tell where the file is')
          } else {
            set({ importing: { name: file.name, phase: 'upload' } })
            path = await files.upload(file)
          }
          set({ importing: { name: file.name, phase: 'import' } })
          imported(await api.invoke('profiler.import', { path, name: file.name }))
        } catch (error) {
          fail(`Could not import ${file.name}`, error)
        } finally {
          set({ importing: null })
        }
      },

      async exportProfile(profileId) {
        set({ error: null })
        try {
          if ((await shell()) === 'electron') await api.invoke('profiler.export', { profileId })
          else await files.download(profileId)
        } catch (error) {
          fail('Could not export the profile', error)
        }
      },

      async removeProfile(profileId) {
        try {
          await api.invoke('profiler.remove', { profileId })
          const rest = get().profiles.filter((p) => p.id !== profileId)
          set({ profiles: rest })
          if (get().selectedId === profileId) select(pickProfile(rest, get().viewTarget))
        } catch (error) {
          fail('Could not remove the profile', error)
        }
      },

      dismissError() {
        set({ error: null })
      }
    }
  })
}

/** A profiler store that follows the client's profiler events; returns the store and how to stop following. */
export function connectProfilerStore(client: WorkbenchClient, files: ProfileFileTransfer): { store: ProfilerStore; dispose(): void } {
  const store = createProfilerStore(client, files)
  const offs = [
    client.on('profiler.changed', (list) => store.getState().handleChanged(list)),
    client.on('profiler.capture', (status) => store.getState().handleCapture(status)),
    client.on('profiler.progress', (progress) => store.getState().handleProgress(progress)),
    client.onConnection((state) => {
      if (state === 'connected') void store.getState().load()
    })
  ]
  return { store, dispose: () => offs.forEach((off) => off()) }
}
