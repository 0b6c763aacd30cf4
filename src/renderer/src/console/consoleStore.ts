import { createStore, type StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import { consoleLevels, type ConsoleBatch, type ConsoleFilter, type ConsoleLevel, type ConsoleStats, type PropertyRow } from '../../../shared/consoleTypes'
import { errorMessage } from '../api/apiError'
import { ConsoleBuffer } from './consoleBuffer'

/** Client-side cap per target; the engine's store holds more (by bytes) and can be queried. */
export const defaultClientCap = 200_000
const pageSize = 10_000

export type PropertiesEntry =
  | { status: 'loading' }
  | { status: 'loaded'; rows: PropertyRow[] }
  | { status: 'error'; message: string }

export interface ConsoleState {
  /** Bumped whenever a target's buffer changes, so views re-read it. */
  versions: Record<string, number>
  stats: Record<string, ConsoleStats>
  /** Targets whose stored events have been (or are being) loaded since the last (re)connect. */
  loadState: Record<string, 'loading' | 'loaded' | { error: string }>
  /** Levels shown; all by default. */
  levels: ConsoleLevel[]
  search: string
  /** Expanded rows, stacks and object nodes, by key (see `expandKey`). */
  expanded: Record<string, true>
  properties: Record<string, PropertiesEntry>
  /** The last failed console action (clear), as one line. */
  actionError: string | null
}

export interface ConsoleActions {
  buffer(targetId: string): ConsoleBuffer
  handleBatch(batch: ConsoleBatch): void
  /** Loads what the engine already stored for a target, unless done since the last (re)connect. */
  ensureLoaded(targetId: string): Promise<void>
  /** Forget load state (after a reconnect) so the next ensureLoaded queries again. */
  invalidateLoads(): void
  clear(targetId: string): Promise<void>
  forget(targetId: string): void
  toggleLevel(level: ConsoleLevel): void
  /** Show only this level, or every level when it is already the only one shown. */
  soloLevel(level: ConsoleLevel): void
  setSearch(text: string): void
  toggleExpanded(key: string): void
  loadProperties(targetId: string, objectId: string): Promise<void>
  dismissError(): void
}

export type ConsoleStore = StoreApi<ConsoleState & ConsoleActions>

export function currentFilter(state: Pick<ConsoleState, 'levels' | 'search'>): ConsoleFilter {
  const levels = state.levels.length === consoleLevels.length ? undefined : state.levels
  // An empty level list would mean "all" to matchesConsoleFilter; here it means "none".
  return { levels: state.levels.length === 0 ? ['__none__' as ConsoleLevel] : levels, text: state.search }
}

export function propertiesKey(targetId: string, objectId: string): string {
  return `${targetId}\u0000${objectId}`
}

export function createConsoleStore(api: WorkbenchApi, cap = defaultClientCap): ConsoleStore {
  const buffers = new Map<string, ConsoleBuffer>()
  const loadTokens = new Map<string, number>()
  let nextToken = 1

  return createStore<ConsoleState & ConsoleActions>()((set, get) => {
    const bump = (targetId: string): void =>
      set((s) => ({ versions: { ...s.versions, [targetId]: (s.versions[targetId] ?? 0) + 1 } }))

    const getBuffer = (targetId: string): ConsoleBuffer => {
      let buffer = buffers.get(targetId)
      if (!buffer) {
        buffer = new ConsoleBuffer(cap)
        buffer.setFilter(currentFilter(get()))
        buffers.set(targetId, buffer)
      }
      return buffer
    }

    const applyFilter = (): void => {
      const filter = currentFilter(get())
      const versions = { ...get().versions }
      for (const [id, buffer] of buffers) if (buffer.setFilter(filter)) versions[id] = (versions[id] ?? 0) + 1
      set({ versions })
    }

    const setLoadState = (targetId: string, value: ConsoleState['loadState'][string] | undefined): void =>
      set((s) => {
        const loadState = { ...s.loadState }
        if (value === undefined) delete loadState[targetId]
        else loadState[targetId] = value
        return { loadState }
      })

    return {
      versions: {},
      stats: {},
      loadState: {},
      levels: [...consoleLevels],
      search: '',
      expanded: {},
      properties: {},
      actionError: null,

      buffer: getBuffer,

      handleBatch(batch) {
        const buffer = getBuffer(batch.targetId)
        // New rows first: an update may be for a row of this same batch.
        const added = buffer.add(batch.events)
        const updated = batch.updates !== undefined && buffer.applyUpdates(batch.updates)
        const changed = added || updated
        set((s) => ({ stats: { ...s.stats, [batch.targetId]: batch.stats } }))
        if (changed) bump(batch.targetId)
      },

      async ensureLoaded(targetId) {
        if (get().loadState[targetId] !== undefined && typeof get().loadState[targetId] !== 'object') return
        const token = nextToken++
        loadTokens.set(targetId, token)
        setLoadState(targetId, 'loading')
        const stale = (): boolean => loadTokens.get(targetId) !== token
        try {
          const head = await api.invoke('console.query', { targetId, offset: 0, limit: 0 })
          if (stale()) return
          set((s) => ({ stats: { ...s.stats, [targetId]: head.stats } }))
          // Older events than the client cap would be trimmed at once; start where they stop.
          let offset = Math.max(0, head.total - cap)
          while (true) {
            const page = await api.invoke('console.query', { targetId, offset, limit: pageSize })
            if (stale()) return
            if (getBuffer(targetId).add(page.events)) bump(targetId)
            set((s) => ({ stats: { ...s.stats, [targetId]: page.stats } }))
            offset += page.events.length
            if (page.events.length === 0 || offset >= page.total) break
          }
          setLoadState(targetId, 'loaded')
        } catch (error) {
          if (!stale()) setLoadState(targetId, { error: errorMessage(error) })
        }
      },

      invalidateLoads() {
        loadTokens.clear()
        set({ loadState: {} })
      },

      async clear(targetId) {
        try {
          await api.invoke('console.clear', { targetId })
          getBuffer(targetId).clear()
          bump(targetId)
          const head = await api.invoke('console.query', { targetId, offset: 0, limit: 0 })
          set((s) => ({ stats: { ...s.stats, [targetId]: head.stats }, actionError: null }))
        } catch (error) {
          set({ actionError: `Could not clear the console: ${errorMessage(error)}` })
        }
      },

      forget(targetId) {
        buffers.delete(targetId)
        loadTokens.delete(targetId)
        set((s) => {
          const { [targetId]: _v, ...versions } = s.versions
          const { [targetId]: _s, ...stats } = s.stats
          const { [targetId]: _l, ...loadState } = s.loadState
          return { versions, stats, loadState }
        })
      },

      toggleLevel(level) {
        const on = get().levels.includes(level)
        const levels = on ? get().levels.filter((l) => l !== level) : consoleLevels.filter((l) => l === level || get().levels.includes(l))
        set({ levels })
        applyFilter()
      },

      soloLevel(level) {
        const only = get().levels.length === 1 && get().levels[0] === level
        set({ levels: only ? [...consoleLevels] : [level] })
        applyFilter()
      },

      setSearch(text) {
        set({ search: text })
        applyFilter()
      },

      toggleExpanded(key) {
        set((s) => {
          const expanded = { ...s.expanded }
          if (expanded[key]) delete expanded[key]
          else expanded[key] = true
          return { expanded }
        })
      },

      async loadProperties(targetId, objectId) {
        const key = propertiesKey(targetId, objectId)
        const existing = get().properties[key]
        if (existing && existing.status !== 'error') return
        const put = (entry: PropertiesEntry): void => set((s) => ({ properties: { ...s.properties, [key]: entry } }))
        put({ status: 'loading' })
        try {
          const rows = await api.invoke('console.getProperties', { targetId, objectId })
          put({ status: 'loaded', rows })
        } catch (error) {
          put({ status: 'error', message: errorMessage(error) })
        }
      },

      dismissError() {
        set({ actionError: null })
      }
    }
  })
}

/** A console store fed by the engine's console batches; `dispose` stops following them. */
export function connectConsoleStore(api: WorkbenchApi, cap = defaultClientCap): { store: ConsoleStore; dispose(): void } {
  const store = createConsoleStore(api, cap)
  const off = api.on('console.batch', (batch) => store.getState().handleBatch(batch))
  return { store, dispose: off }
}
