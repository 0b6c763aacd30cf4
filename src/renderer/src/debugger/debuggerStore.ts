import { createStore } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import type { Breakpoint, DebugCallFrame, DebugSource, PauseOptions } from '../../../shared/debuggerTypes'
import { errorMessage } from '../api/apiError'
import { breakpointAtLine, selectedFrame } from './debuggerFacts'
import type { DebuggerActions, DebuggerStore, DebuggerViewState, Evaluation, GetterEntry, VariablesEntry } from './debuggerStoreTypes'

export type * from './debuggerStoreTypes'

/** Rows of an object fetched at a time; a big array shows "more" for the next window. */
export const propertiesPageSize = 100
/** Evaluations kept in the evaluate box's history. */
export const maxEvaluations = 50
/** Hovering must never keep the target busy: a value that takes longer is not shown. */
export const hoverTimeoutMs = 1000

export const getterKey = (objectId: string, name: string): string => `${objectId}\u0000${name}`

const defaultOptions: PauseOptions = { exceptions: 'none', debuggerStatements: false }

const emptyTarget = {
  rootId: null,
  attached: false,
  status: 'idle',
  loadError: null,
  sources: [],
  open: null,
  reveal: null,
  breakpoints: [],
  options: defaultOptions,
  paused: null,
  frameIndex: 0,
  variables: {},
  getters: {},
  evaluations: [],
  otherPauses: {},
  actionError: null,
  history: null,
  historyError: null
} satisfies Partial<DebuggerViewState>

/**
 * `list` with `added` merged in by url (a file loaded again keeps one row, with its latest facts).
 * A compiled script listed before its source map was read gives way to its original files once
 * they arrive: the list shows what the user wrote, not what tsc made of it.
 */
export function mergeSources(list: readonly DebugSource[], added: readonly DebugSource[]): DebugSource[] {
  const byUrl = new Map(list.map((s) => [s.url, s]))
  for (const source of added) byUrl.set(source.url, source)
  const mapped = new Set<string>()
  for (const source of byUrl.values()) if (source.kind === 'original' && source.generatedUrl) mapped.add(source.generatedUrl)
  return [...byUrl.values()].filter((s) => s.kind !== 'script' || !mapped.has(s.url))
}

function upsert(list: readonly Breakpoint[], bp: Breakpoint): Breakpoint[] {
  const at = list.findIndex((b) => b.id === bp.id)
  if (at < 0) return [...list, bp]
  const next = list.slice()
  next[at] = bp
  return next
}

function frameSourceTarget(frame: DebugCallFrame): { url: string } | { scriptId: string } {
  return frame.location.url ? { url: frame.location.url } : { scriptId: frame.scriptId }
}

export function createDebuggerStore(api: WorkbenchApi): DebuggerStore {
  // Answers for a target, a file or a pause that is no longer shown are dropped by token.
  let showToken = 0
  let sourceToken = 0
  let evaluationSeq = 0
  // The target the view showed before it was hidden: showing it again keeps its file and history.
  let lastShown: string | null = null

  return createStore<DebuggerViewState & DebuggerActions>()((set, get) => {
    /** Runs an action; a failure becomes the one-line actionError. */
    const attempt = async (action: () => Promise<unknown>): Promise<void> => {
      try {
        await action()
      } catch (error) {
        set({ actionError: errorMessage(error) })
      }
    }

    const current = (): string | null => get().targetId

    const load = async (): Promise<void> => {
      const targetId = current()
      if (!targetId) return
      const token = ++showToken
      set((s) => ({ status: s.status === 'loaded' ? 'loaded' : 'loading' }))
      try {
        const [state, sources] = await Promise.all([api.invoke('debugger.state', { targetId }), api.invoke('debugger.sources', { targetId })])
        if (token !== showToken) return
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
        else if (get().paused) set({ paused: null, frameIndex: 0, variables: {}, getters: {} })
      } catch (error) {
        if (token === showToken) set({ status: 'loaded', loadError: errorMessage(error) })
      }
      if (get().readOnly) await loadHistory(targetId, token)
    }

    const loadHistory = async (targetId: string, token: number): Promise<void> => {
      try {
        const history = await api.invoke('debugger.history', { targetId })
        if (token === showToken) set({ history: history.entries, historyError: null, breakpoints: history.breakpoints })
      } catch (error) {
        if (token === showToken) set({ history: [], historyError: errorMessage(error) })
      }
    }

    const openFrame = (frame: DebugCallFrame): void => {
      void get().openSource(frameSourceTarget(frame), frame.location.line)
    }

    return {
      targetId: null,
      readOnly: false,
      search: '',
      expanded: {},
      ...emptyTarget,

      show(targetId, readOnly, threads = []) {
        if (get().targetId === targetId && get().readOnly === readOnly) return
        // Back from another view on the same target: the open file, the list and the evaluations
        // stay; the rest (pause, breakpoints, options) is read again.
        const again = targetId === lastShown && readOnly === get().readOnly
        lastShown = targetId
        // A file still loading for another target must not land in this one.
        if (!again) sourceToken++
        set(again ? { targetId, otherPauses: {}, loadError: null } : { targetId, readOnly, ...emptyTarget })
        void load()
        // Threads that paused before the view opened announce nothing more: ask them.
        for (const thread of threads) {
          if (thread === targetId) continue
          api.invoke('debugger.paused', { targetId: thread }).then(
            (state) => {
              if (state && get().targetId === targetId && !get().otherPauses[thread]) set((s) => ({ otherPauses: { ...s.otherPauses, [thread]: state } }))
            },
            (error: unknown) => console.debug(`could not ask ${thread} whether it is paused:`, errorMessage(error))
          )
        }
      },

      hide() {
        showToken++
        set({ targetId: null })
      },

      refresh: load,

      handleSources(event) {
        if (event.targetId !== current()) return
        const removed = new Set(event.removed)
        set((s) => ({ sources: mergeSources(event.reset ? [] : s.sources.filter((x) => !removed.has(x.url)), event.added) }))
      },

      handleBreakpoints(event) {
        if (!current() || event.rootId !== get().rootId) return
        set({ breakpoints: event.breakpoints })
      },

      handlePaused(state) {
        if (state.targetId !== current()) {
          if (current()) set((s) => ({ otherPauses: { ...s.otherPauses, [state.targetId]: state } }))
          return
        }
        const previous = get().paused
        if (previous && previous.pauseId > state.pauseId) return
        // A new pause: objects of the old one are void; the tree's open nodes stay open.
        set({ paused: state, frameIndex: 0, variables: {}, getters: {} })
        const top = state.callFrames[0]
        if (top) openFrame(top)
      },

      handleResumed(event) {
        const other = get().otherPauses[event.targetId]
        if (other && other.pauseId <= event.pauseId) {
          set((s) => {
            const { [event.targetId]: _resumed, ...rest } = s.otherPauses
            return { otherPauses: rest }
          })
        }
        const paused = get().paused
        if (event.targetId !== current() || !paused || paused.pauseId > event.pauseId) return
        set({ paused: null, frameIndex: 0, variables: {}, getters: {} })
      },

      handleOptions(event) {
        if (event.targetId === current()) set({ options: event.options })
      },

      setSearch(text) {
        set({ search: text })
      },

      async openHistoryEntry(entry) {
        const at = entry.location
        if (!at) return
        if (get().sources.some((x) => x.url === at.url)) {
          await get().openSource({ url: at.url }, at.line)
          return
        }
        sourceToken++
        set({ open: { key: at.url, url: at.url, status: 'location', line: at.line }, reveal: null })
      },

      async openSource(target, line) {
        const targetId = current()
        if (!targetId) return
        const key = 'url' in target ? target.url : `script:${target.scriptId}`
        const url = 'url' in target ? target.url : null
        const reveal = line !== undefined ? { line } : null
        const open = get().open
        if (open && open.key === key && open.status !== 'error' && open.status !== 'location') {
          set({ reveal })
          return
        }
        const token = ++sourceToken
        set({ open: { key, url, status: 'loading' }, reveal })
        try {
          const source = await api.invoke('debugger.source', { targetId, ...target })
          if (token === sourceToken) set({ open: { key, url, status: 'loaded', source } })
        } catch (error) {
          if (token === sourceToken) set({ open: { key, url, status: 'error', message: errorMessage(error) } })
        }
      },

      async toggleLineBreakpoint(line) {
        const { targetId, open, breakpoints, readOnly } = get()
        if (!targetId || !open?.url || readOnly) return
        const url = open.url
        const existing = breakpointAtLine(breakpoints, url, targetId, line)
        await attempt(async () => {
          if (existing) {
            await api.invoke('debugger.removeBreakpoint', { targetId, breakpointId: existing.id })
            set((s) => ({ breakpoints: s.breakpoints.filter((b) => b.id !== existing.id) }))
          } else {
            const bp = await api.invoke('debugger.setBreakpoint', { targetId, url, line })
            set((s) => ({ breakpoints: upsert(s.breakpoints, bp) }))
          }
        })
      },

      async saveLineBreakpoint(line, settings) {
        const { targetId, open, breakpoints, readOnly } = get()
        if (!targetId || !open?.url || readOnly) return
        const url = open.url
        const existing = breakpointAtLine(breakpoints, url, targetId, line)
        await attempt(async () => {
          const bp = existing
            ? await api.invoke('debugger.updateBreakpoint', { targetId, breakpointId: existing.id, ...settings })
            : await api.invoke('debugger.setBreakpoint', {
                targetId,
                url,
                line,
                ...(settings.condition ? { condition: settings.condition } : {}),
                ...(settings.logMessage ? { logMessage: settings.logMessage } : {}),
                ...(settings.hitCondition ? { hitCondition: settings.hitCondition } : {})
              })
          set((s) => ({ breakpoints: upsert(s.breakpoints, bp) }))
        })
      },

      async addFunctionBreakpoint(functionName) {
        const targetId = current()
        const name = functionName.trim()
        if (!targetId || !name || get().readOnly) return
        await attempt(async () => {
          const bp = await api.invoke('debugger.setFunctionBreakpoint', { targetId, functionName: name })
          set((s) => ({ breakpoints: upsert(s.breakpoints, bp) }))
        })
      },

      async setBreakpointEnabled(breakpointId, enabled) {
        const targetId = current()
        const before = get().breakpoints.find((b) => b.id === breakpointId)
        if (!targetId || !before || get().readOnly) return
        // The checkbox follows the click at once; the engine's answer (or a failure) settles it.
        const flip = (value: boolean): void => set((s) => ({ breakpoints: s.breakpoints.map((b) => (b.id === breakpointId ? { ...b, enabled: value } : b)) }))
        flip(enabled)
        try {
          const bp = await api.invoke('debugger.updateBreakpoint', { targetId, breakpointId, enabled })
          set((s) => ({ breakpoints: upsert(s.breakpoints, bp) }))
        } catch (error) {
          flip(before.enabled)
          set({ actionError: errorMessage(error) })
        }
      },

      async removeBreakpoint(breakpointId) {
        const targetId = current()
        if (!targetId || get().readOnly) return
        await attempt(async () => {
          await api.invoke('debugger.removeBreakpoint', { targetId, breakpointId })
          set((s) => ({ breakpoints: s.breakpoints.filter((b) => b.id !== breakpointId) }))
        })
      },

      async removeAllBreakpoints() {
        const targetId = current()
        if (!targetId || get().readOnly) return
        await attempt(async () => {
          await api.invoke('debugger.removeAllBreakpoints', { targetId })
          set({ breakpoints: [] })
        })
      },

      async setPauseOnExceptions(mode) {
        const targetId = current()
        if (!targetId || get().readOnly) return
        await attempt(async () => {
          const options = await api.invoke('debugger.setPauseOptions', { targetId, exceptions: mode })
          set({ options })
        })
      },

      async setPauseOnDebuggerStatements(on) {
        const targetId = current()
        if (!targetId || get().readOnly) return
        await attempt(async () => {
          const options = await api.invoke('debugger.setPauseOptions', { targetId, debuggerStatements: on })
          set({ options })
        })
      },

      async pause() {
        const targetId = current()
        if (!targetId || get().readOnly || get().paused) return
        await attempt(() => api.invoke('debugger.pause', { targetId }))
      },

      async resume() {
        const targetId = current()
        if (!targetId || !get().paused) return
        await attempt(() => api.invoke('debugger.resume', { targetId }))
      },

      async step(action) {
        const targetId = current()
        if (!targetId || !get().paused) return
        await attempt(() => api.invoke('debugger.step', { targetId, action }))
      },

      async resumeOrPause() {
        if (get().paused) await get().resume()
        else await get().pause()
      },

      selectFrame(index) {
        const paused = get().paused
        const frame = paused?.callFrames[index]
        if (!frame) return
        set({ frameIndex: index })
        openFrame(frame)
      },

      async loadVariables(objectId, more = false) {
        const { targetId, paused } = get()
        if (!targetId) return
        const pauseId = paused?.pauseId ?? null
        const before = get().variables[objectId]
        if (before?.status === 'loading') return
        const rows = more && before ? before.rows : []
        const total = more && before ? before.total : 0
        const put = (entry: VariablesEntry): void => set((s) => ({ variables: { ...s.variables, [objectId]: entry } }))
        put({ status: 'loading', rows, total })
        try {
          const page = await api.invoke('debugger.properties', { targetId, objectId, offset: rows.length, limit: propertiesPageSize })
          // Resumed or paused again meanwhile: this object belongs to a pause that is gone.
          if ((get().paused?.pauseId ?? null) !== pauseId || get().targetId !== targetId) return
          put({ status: 'loaded', rows: [...rows, ...page.rows], total: page.total })
        } catch (error) {
          if ((get().paused?.pauseId ?? null) === pauseId && get().targetId === targetId) put({ status: 'error', rows, total, message: errorMessage(error) })
        }
      },

      setExpanded(path, open) {
        set((s) => ({ expanded: { ...s.expanded, [path]: open } }))
      },

      async invokeGetter(objectId, name) {
        const targetId = current()
        if (!targetId) return
        const key = getterKey(objectId, name)
        const pauseId = get().paused?.pauseId ?? null
        const put = (entry: GetterEntry): void => {
          if ((get().paused?.pauseId ?? null) === pauseId) set((s) => ({ getters: { ...s.getters, [key]: entry } }))
        }
        put({ status: 'loading' })
        try {
          put({ status: 'loaded', result: await api.invoke('debugger.invokeGetter', { targetId, objectId, name }) })
        } catch (error) {
          put({ status: 'error', message: errorMessage(error) })
        }
      },

      async evaluate(expression) {
        const targetId = current()
        const text = expression.trim()
        if (!targetId || !text || get().readOnly) return
        const frame = selectedFrame(get().paused, get().frameIndex)
        const callFrameId = frame?.callFrameId ?? undefined
        const id = ++evaluationSeq
        const entry: Evaluation = {
          id,
          expression: text,
          scope: frame && callFrameId ? frame.functionName || '(anonymous)' : 'global',
          status: 'running',
          result: null,
          message: null
        }
        const patch = (change: Partial<Evaluation>): void =>
          set((s) => ({ evaluations: s.evaluations.map((e) => (e.id === id ? { ...e, ...change } : e)) }))
        set((s) => ({ evaluations: [...s.evaluations, entry].slice(-maxEvaluations) }))
        try {
          const result = await api.invoke('debugger.evaluate', { targetId, expression: text, ...(callFrameId ? { callFrameId } : {}) })
          patch({ status: 'done', result })
        } catch (error) {
          patch({ status: 'error', message: errorMessage(error) })
        }
      },

      clearEvaluations() {
        set({ evaluations: [] })
      },

      async tryHoverValue(expression) {
        const { targetId, paused, frameIndex } = get()
        const frame = selectedFrame(paused, frameIndex)
        if (!targetId || !paused || !frame?.callFrameId) return null
        try {
          const result = await api.invoke('debugger.evaluate', {
            targetId,
            expression,
            callFrameId: frame.callFrameId,
            sideEffectFree: true,
            timeoutMs: hoverTimeoutMs
          })
          // A name that is not in scope throws a ReferenceError: nothing to show, not an error.
          if (result.threw || get().paused?.pauseId !== paused.pauseId) return null
          return result
        } catch (error) {
          // Hovering is best effort: a refused or timed-out evaluation just shows no tooltip.
          console.debug('hover evaluation failed:', errorMessage(error))
          return null
        }
      },

      dismissError() {
        set({ actionError: null })
      }
    }
  })
}

/** Feeds the engine's debugger events into a store; returns the unsubscribe. */
export function connectDebuggerStore(api: Pick<WorkbenchApi, 'on'>, store: DebuggerStore): () => void {
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
