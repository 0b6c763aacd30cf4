import { createStore, type StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import {
  errorCategories,
  errorSeverities,
  type ErrorCategory,
  type ErrorGroupDetail,
  type ErrorGroupFilter,
  type ErrorGroupSummary,
  type ErrorRateSeries,
  type ErrorSeverity,
  type ErrorSort,
  type ErrorsChanged
} from '../../../shared/errorTypes'
import { errorMessage } from '../api/apiError'

/** Rows fetched per request; the list asks for the next page as it scrolls near the end. */
export const errorsPageSize = 200
/**
 * The engine announces changes at most twice a second; refetching at most once a second keeps a
 * storm of errors from turning into a storm of requests while the view still feels live.
 */
export const liveRefreshMs = 1000

export interface ErrorsState {
  /** The target the view shows, or null while no Errors view is open (live updates then stop). */
  targetId: string | null
  /** The root target of that target's process: groups are per process, and errors.changed names the root. */
  processId: string | null
  sort: ErrorSort
  /** Categories and severities shown; an empty list shows all. */
  categories: ErrorCategory[]
  severities: ErrorSeverity[]
  search: string
  /** Bumped when sort or filter change (not on live refreshes): the list goes back to its top. */
  queryVersion: number
  status: 'idle' | 'loading' | 'loaded'
  /** The last failed fetch of the list, as one line. */
  loadError: string | null
  /** The first rows of the filtered, sorted list (more are fetched as the list scrolls). */
  groups: ErrorGroupSummary[]
  /** Groups matching the filter. */
  total: number
  /** Errors of the process in all, filter or not: 0 means none has happened yet. */
  occurrences: number
  rate: ErrorRateSeries | null
  /** Fingerprint of the group shown in the detail pane. */
  selected: string | null
  detail: ErrorGroupDetail | null
  detailError: string | null
}

export interface ErrorsActions {
  /** The view opened for a target (of a process): fetch its groups and follow errors.changed. */
  show(targetId: string, processId: string): void
  /** The view closed: stop following live updates. */
  hide(): void
  /** Re-read list, chart and detail now (after a reconnect, or when an opened session finished loading). */
  refresh(): Promise<void>
  /** Fetch the next page of rows, if any. */
  loadMore(): Promise<void>
  handleChanged(change: ErrorsChanged): void
  setSort(sort: ErrorSort): void
  toggleCategory(category: ErrorCategory): void
  toggleSeverity(severity: ErrorSeverity): void
  setSearch(text: string): void
  clearFilters(): void
  select(fingerprint: string | null): void
}

export type ErrorsStore = StoreApi<ErrorsState & ErrorsActions>

export function errorFilter(state: Pick<ErrorsState, 'categories' | 'severities' | 'search'>): ErrorGroupFilter {
  const filter: ErrorGroupFilter = {}
  if (state.categories.length > 0) filter.categories = state.categories
  if (state.severities.length > 0) filter.severities = state.severities
  if (state.search.trim()) filter.text = state.search.trim()
  return filter
}

export function filterActive(state: Pick<ErrorsState, 'categories' | 'severities' | 'search'>): boolean {
  return state.categories.length > 0 || state.severities.length > 0 || state.search.trim() !== ''
}

const emptyResults = {
  status: 'idle',
  loadError: null,
  groups: [],
  total: 0,
  occurrences: 0,
  rate: null,
  selected: null,
  detail: null,
  detailError: null
} satisfies Partial<ErrorsState>

/** `list` with `item` added or removed, in the canonical order of `all`. */
function toggled<T>(all: readonly T[], list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : all.filter((x) => x === item || list.includes(x))
}

export function createErrorsStore(api: WorkbenchApi): ErrorsStore {
  // Each list fetch takes a token; an answer whose token is no longer current is dropped, so a
  // slow answer to an old filter never overwrites the answer to the new one.
  let listToken = 0
  let detailToken = 0
  let lastRefreshAt = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | null = null
  let loadingMore = false

  const cancelTimer = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  return createStore<ErrorsState & ErrorsActions>()((set, get) => {
    const fetchDetail = async (): Promise<void> => {
      const { targetId, selected } = get()
      const token = ++detailToken
      if (!targetId || !selected) return
      try {
        const detail = await api.invoke('errors.group', { targetId, fingerprint: selected })
        if (token === detailToken) set({ detail, detailError: null })
      } catch (error) {
        if (token === detailToken) set({ detailError: errorMessage(error) })
      }
    }

    /** Fetches rows from the top: at least a page, and as many as are loaded so that the scroll position keeps its rows. */
    const fetchList = async (keepLoaded: boolean): Promise<void> => {
      const { targetId } = get()
      if (!targetId) return
      cancelTimer()
      lastRefreshAt = Date.now()
      const token = ++listToken
      const state = get()
      const limit = keepLoaded ? Math.max(errorsPageSize, state.groups.length) : errorsPageSize
      set({ status: state.status === 'loaded' ? 'loaded' : 'loading' })
      try {
        const [list, rate] = await Promise.all([
          api.invoke('errors.groups', { targetId, filter: errorFilter(state), sort: state.sort, offset: 0, limit }),
          api.invoke('errors.rate', { targetId })
        ])
        if (token !== listToken) return
        set({ status: 'loaded', loadError: null, groups: list.groups, total: list.total, occurrences: list.occurrences, rate })
      } catch (error) {
        if (token === listToken) set({ status: 'loaded', loadError: errorMessage(error) })
      }
    }

    const refresh = async (): Promise<void> => {
      await Promise.all([fetchList(true), fetchDetail()])
    }

    /** Sort or filter changed: rows from the top, the list scrolled back up. */
    const requery = (patch: Partial<ErrorsState>): void => {
      set((s) => ({ ...patch, queryVersion: s.queryVersion + 1 }))
      void fetchList(false)
    }

    return {
      targetId: null,
      processId: null,
      sort: 'count',
      categories: [],
      severities: [],
      search: '',
      queryVersion: 0,
      ...emptyResults,

      show(targetId, processId) {
        const sameProcess = get().processId === processId
        // Another thread of the same process shows the same groups: keep rows and selection meanwhile.
        set(sameProcess ? { targetId } : { targetId, processId, ...emptyResults })
        void refresh()
      },

      hide() {
        cancelTimer()
        listToken++
        detailToken++
        set({ targetId: null })
      },

      refresh,

      async loadMore() {
        const state = get()
        if (!state.targetId || loadingMore || state.groups.length >= state.total) return
        loadingMore = true
        const token = listToken
        try {
          const page = await api.invoke('errors.groups', {
            targetId: state.targetId,
            filter: errorFilter(state),
            sort: state.sort,
            offset: state.groups.length,
            limit: errorsPageSize
          })
          if (token !== listToken) return
          // A live change between the pages may have shifted rows; never list one group twice.
          const known = new Set(get().groups.map((g) => g.fingerprint))
          set((s) => ({ groups: [...s.groups, ...page.groups.filter((g) => !known.has(g.fingerprint))], total: page.total, occurrences: page.occurrences }))
        } catch (error) {
          if (token === listToken) set({ loadError: errorMessage(error) })
        } finally {
          loadingMore = false
        }
      },

      handleChanged(change) {
        const { targetId, processId } = get()
        if (!targetId || change.targetId !== processId || timer !== null) return
        const wait = Math.max(0, lastRefreshAt + liveRefreshMs - Date.now())
        timer = setTimeout(() => {
          timer = null
          void refresh()
        }, wait)
      },

      setSort(sort) {
        if (sort !== get().sort) requery({ sort })
      },

      toggleCategory(category) {
        requery({ categories: toggled(errorCategories, get().categories, category) })
      },

      toggleSeverity(severity) {
        requery({ severities: toggled(errorSeverities, get().severities, severity) })
      },

      setSearch(text) {
        requery({ search: text })
      },

      clearFilters() {
        if (filterActive(get())) requery({ categories: [], severities: [], search: '' })
      },

      select(fingerprint) {
        if (fingerprint === get().selected) return
        // The old group's detail stays out of sight: a pane for a new group starts empty.
        set({ selected: fingerprint, detail: null, detailError: null })
        void fetchDetail()
      }
    }
  })
}

/** An errors store told of every change to the engine's groups; `dispose` stops that and its refresh timer. */
export function connectErrorsStore(api: WorkbenchApi): { store: ErrorsStore; dispose(): void } {
  const store = createErrorsStore(api)
  const off = api.on('errors.changed', (change) => store.getState().handleChanged(change))
  return {
    store,
    dispose() {
      off()
      store.getState().hide()
    }
  }
}
