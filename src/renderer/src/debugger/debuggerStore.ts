// The Sources view's store: the target shown and how far its state has been read, made of three
// slices (files and breakpoints, pauses and evaluate, a recording's history) and wired to the
// engine's debugger events for the life of the workbench model.
import { createStore } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import type { TargetInfo } from '../../../shared/targetTypes'
import { errorMessage } from '../api/apiError'
import type { WorkbenchClient } from '../api/clientTypes'
import { processThreads } from './debuggerFacts'
import type { DebuggerShownState, DebuggerSliceContext, DebuggerStore, DebuggerStoreState } from './debuggerStoreTypes'
import { createHistorySlice, emptyHistory } from './historySlice'
import { createPauseSlice, emptyPause, noPause, withoutPause } from './pauseSlice'
import { createSourcesSlice, emptySources, mergeSources } from './sourcesSlice'

export type * from './debuggerStoreTypes'
export { mergeSources } from './sourcesSlice'
export { getterKey, hoverTimeoutMs, maxEvaluations, propertiesPageSize } from './pauseSlice'

const emptyShown = { rootId: null, attached: false, status: 'idle', loadError: null, actionError: null } satisfies Partial<DebuggerShownState>

/** What a newly shown target starts from (the search box, the open tree nodes and the known pauses stay). */
const emptyTarget = { ...emptyShown, ...emptySources, ...emptyPause, ...emptyHistory } satisfies Partial<DebuggerStoreState>

/** `targets`: the targets list, of which the other live threads of a shown target's process are asked whether they are paused. */
export function createDebuggerStore(api: WorkbenchApi, targets: () => readonly TargetInfo[] = () => []): DebuggerStore {
  // The target the view showed before it was hidden: showing it again keeps its file and history.
  let lastShown: string | null = null

  return createStore<DebuggerStoreState>()((set, get) => {
    const context: DebuggerSliceContext = {
      api,
      set,
      get,
      tokens: { show: 0, source: 0 },
      current: () => get().targetId,
      async attempt(action) {
        try {
          await action()
        } catch (error) {
          set({ actionError: errorMessage(error) })
        }
      }
    }
    const { tokens, current } = context
    const history = createHistorySlice(context)

    const load = async (): Promise<void> => {
      const targetId = current()
      if (!targetId) return
      const token = ++tokens.show
      set((s) => ({ status: s.status === 'loaded' ? 'loaded' : 'loading' }))
      try {
        const [state, sources] = await Promise.all([api.invoke('debugger.state', { targetId }), api.invoke('debugger.sources', { targetId })])
        if (token !== tokens.show) return
        set((s) => ({
          status: 'loaded',
          loadError: null,
          rootId: state.rootId,
          attached: state.attached,
          options: state.options,
          breakpoints: state.breakpoints,
          // Events that arrived while the list was fetched are kept.
          sources: mergeSources(sources, s.sources)
        }))
        if (state.paused) get().handlePaused(state.paused)
        else set((s) => ({ ...(s.paused ? noPause : {}), pauses: withoutPause(s.pauses, targetId, null) }))
      } catch (error) {
        if (token === tokens.show) set({ status: 'loaded', loadError: errorMessage(error) })
      }
      if (get().readOnly) await history.load(targetId, token)
    }

    /** Threads that paused before the view opened announce nothing more: they are asked. */
    const askThreads = (targetId: string, threads: readonly string[]): void => {
      for (const thread of threads) {
        if (thread === targetId) continue
        api.invoke('debugger.paused', { targetId: thread }).then(
          (state) => {
            if (state) get().handlePaused(state)
          },
          (error: unknown) => console.debug(`could not ask ${thread} whether it is paused:`, errorMessage(error))
        )
      }
    }

    return {
      targetId: null,
      readOnly: false,
      ...emptyTarget,
      ...createSourcesSlice(context),
      ...createPauseSlice(context),
      ...history.state,

      show(targetId, readOnly, threads = processThreads(targets(), targetId)) {
        if (get().targetId === targetId && get().readOnly === readOnly) return
        // Back from another view on the same target: the open file, the list and the evaluations
        // stay; the rest (pause, breakpoints, options) is read again.
        const again = targetId === lastShown && readOnly === get().readOnly
        lastShown = targetId
        // A file still loading for another target must not land in this one.
        if (!again) tokens.source++
        set(again ? { targetId, loadError: null } : { targetId, readOnly, ...emptyTarget })
        void load()
        askThreads(targetId, threads)
      },

      hide() {
        tokens.show++
        set({ targetId: null, editing: null })
      },

      refresh: load,

      dismissError() {
        set({ actionError: null })
      }
    }
  })
}

/** Feeds the engine's debugger events into a store; returns the unsubscribe. */
export function followDebuggerEvents(api: Pick<WorkbenchApi, 'on'>, store: DebuggerStore): () => void {
  const offs = [
    api.on('debugger.sources', (e) => store.getState().handleSources(e)),
    api.on('debugger.breakpoints', (e) => store.getState().handleBreakpoints(e)),
    api.on('debugger.paused', (e) => store.getState().handlePaused(e)),
    api.on('debugger.resumed', (e) => store.getState().handleResumed(e)),
    api.on('debugger.options', (e) => store.getState().handleOptions(e))
  ]
  return () => {
    for (const off of offs) off()
  }
}

/** What following pauses needs of the rest of the app: which target is selected, which view is shown. */
export interface PauseFollower {
  selectedTargetId(): string | null
  activeView(): string
  showView(id: string): void
}

/**
 * When the selected target pauses, the Sources view comes forward (as an editor does when a
 * debugger stops): the user set the breakpoint to see that line. Returns the unsubscribe.
 */
export function showSourcesOnPause(api: Pick<WorkbenchApi, 'on'>, app: PauseFollower, viewId = 'sources'): () => void {
  return api.on('debugger.paused', (state) => {
    if (state.targetId === app.selectedTargetId() && app.activeView() !== viewId) app.showView(viewId)
  })
}

/** What the debugger store needs of the rest of the app. */
export interface DebuggerApp extends PauseFollower {
  targets(): readonly TargetInfo[]
}

/**
 * The debugger store of the workbench: fed by the engine's debugger events, read again after a
 * reconnect, and bringing the Sources view forward when the selected target pauses. `dispose`
 * ends all three.
 */
export function connectDebuggerStore(client: WorkbenchClient, app: DebuggerApp): { store: DebuggerStore; dispose(): void } {
  const store = createDebuggerStore(client, app.targets)
  const offs = [
    followDebuggerEvents(client, store),
    showSourcesOnPause(client, app),
    // Whatever changed while the connection was down is read again.
    client.onConnection((state) => {
      if (state !== 'connected') return
      if (store.getState().targetId) void store.getState().refresh()
      void store.getState().refreshPauses()
    })
  ]
  return { store, dispose: () => offs.forEach((off) => off()) }
}
