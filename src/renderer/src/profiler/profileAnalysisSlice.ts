// The profiler store's view of one profile: the flame graph and flame chart payloads, the
// function table a page at a time with its groups, and the sandwich of the selected function.
// Each kind of fetch has its own token: an answer to an older question is dropped.
import type { WorkbenchApi } from '../../../shared/api'
import { errorMessage } from '../api/apiError'
import type { ProfileAnalysisActions, ProfileAnalysisState, ProfilerSliceContext } from './profilerStoreTypes'

/** Rows of the function table fetched per request; more as the table scrolls. */
export const functionsPageSize = 200

/** What a newly selected profile starts from. */
const emptyAnalysis = {
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
} satisfies Partial<ProfileAnalysisState>

export interface ProfileAnalysisSlice {
  state: ProfileAnalysisState & ProfileAnalysisActions
  /** Shows another profile (or none), from a clean slate: older answers are dropped. */
  select(id: string | null): void
  /** The selected profile became ready: everything but the flame payloads (the views ask for those with their width). */
  loadData(): Promise<void>
}

export function createProfileAnalysisSlice(api: WorkbenchApi, { set, get, selected }: ProfilerSliceContext): ProfileAnalysisSlice {
  let flameToken = 0
  let chartToken = 0
  let tableToken = 0
  let sandwichToken = 0
  let loadingMore = false

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
    if (selected()?.state !== 'ready') return
    try {
      const page = await api.invoke('profiler.functions', functionParams(0, functionsPageSize))
      if (token === tableToken) set({ rows: page.rows, total: page.total, tableError: null })
    } catch (error) {
      if (token === tableToken) set({ tableError: errorMessage(error) })
    }
  }

  const requery = (patch: Partial<ProfileAnalysisState>): void => {
    set((s) => ({ ...patch, queryVersion: s.queryVersion + 1 }))
    void fetchTable()
  }

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
    set((s) => ({ selectedId: id, ...emptyAnalysis, queryVersion: s.queryVersion + 1, selectionVersion: s.selectionVersion + 1 }))
    if (selected()?.state === 'ready') void loadData()
  }

  return {
    select,
    loadData,
    state: {
      selectedId: null,
      selectionVersion: 0,
      mode: 'graph',
      search: '',
      sort: 'self',
      descending: true,
      queryVersion: 0,
      ...emptyAnalysis,

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
      }
    }
  }
}
