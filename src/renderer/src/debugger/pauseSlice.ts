// The debugger store's pauses: which targets are paused, stepping and the debugger keys, the
// pause options, the paused frame's variables and getters, the evaluate box and hover values.
import type { DebugCallFrame, PausedState, PauseOptions } from '../../../shared/debuggerTypes'
import { errorMessage } from '../api/apiError'
import { selectedFrame } from './debuggerFacts'
import type { DebuggerSliceContext, Evaluation, GetterEntry, PauseActions, PauseState, VariablesEntry } from './debuggerStoreTypes'

/** Rows of an object fetched at a time; a big array shows "more" for the next window. */
export const propertiesPageSize = 100
/** Evaluations kept in the evaluate box's history. */
export const maxEvaluations = 50
/** Hovering must never keep the target busy: a value that takes longer is not shown. */
export const hoverTimeoutMs = 1000

export const getterKey = (objectId: string, name: string): string => `${objectId}\u0000${name}`

const defaultOptions: PauseOptions = { exceptions: 'none', debuggerStatements: false }

/** What a pause of the shown target leaves behind when it ends: objects of the old one are void. */
export const noPause = { paused: null, frameIndex: 0, variables: {}, getters: {} } satisfies Partial<PauseState>

export const emptyPause = { ...noPause, options: defaultOptions, evaluations: [] } satisfies Partial<PauseState>

function frameSourceTarget(frame: DebugCallFrame): { url: string } | { scriptId: string } {
  return frame.location.url ? { url: frame.location.url } : { scriptId: frame.scriptId }
}

/** `pauses` with `state` recorded, unless a newer pause of its target is known already. */
function withPause(pauses: Record<string, PausedState>, state: PausedState): Record<string, PausedState> {
  const known = pauses[state.targetId]
  return known && known.pauseId > state.pauseId ? pauses : { ...pauses, [state.targetId]: state }
}

/** `pauses` without the target's, when the one known is `pauseId` or older (null: whichever). */
export function withoutPause(pauses: Record<string, PausedState>, targetId: string, pauseId: number | null): Record<string, PausedState> {
  const known = pauses[targetId]
  if (!known || (pauseId !== null && known.pauseId > pauseId)) return pauses
  const { [targetId]: _ended, ...rest } = pauses
  return rest
}

export function createPauseSlice({ api, set, get, current, attempt }: DebuggerSliceContext): PauseState & PauseActions {
  let evaluationSeq = 0

  const openFrame = (frame: DebugCallFrame): void => {
    void get().openSource(frameSourceTarget(frame), frame.location.line)
  }
  const pausedNow = (): number | null => get().paused?.pauseId ?? null

  return {
    ...emptyPause,
    pauses: {},
    expanded: {},

    handlePaused(state) {
      set((s) => ({ pauses: withPause(s.pauses, state) }))
      if (state.targetId !== current()) return
      const previous = get().paused
      if (previous && previous.pauseId > state.pauseId) return
      // A new pause: objects of the old one are void; the tree's open nodes stay open.
      set({ ...noPause, paused: state })
      const top = state.callFrames[0]
      if (top) openFrame(top)
    },

    handleResumed(event) {
      set((s) => ({ pauses: withoutPause(s.pauses, event.targetId, event.pauseId) }))
      const paused = get().paused
      if (event.targetId !== current() || !paused || paused.pauseId > event.pauseId) return
      set(noPause)
    },

    handleOptions(event) {
      if (event.targetId === current()) set({ options: event.options })
    },

    async refreshPauses() {
      const shown = current()
      const others = Object.keys(get().pauses).filter((id) => id !== shown)
      await Promise.all(
        others.map(async (targetId) => {
          try {
            const state = await api.invoke('debugger.paused', { targetId })
            set((s) => ({ pauses: state ? withPause(s.pauses, state) : withoutPause(s.pauses, targetId, null) }))
          } catch (error) {
            // A target that went away while the connection was down is paused no more.
            console.debug(`could not ask ${targetId} whether it is paused:`, errorMessage(error))
            set((s) => ({ pauses: withoutPause(s.pauses, targetId, null) }))
          }
        })
      )
    },

    async setPauseOnExceptions(mode) {
      const targetId = current()
      if (!targetId || get().readOnly) return
      await attempt(async () => set({ options: await api.invoke('debugger.setPauseOptions', { targetId, exceptions: mode }) }))
    },

    async setPauseOnDebuggerStatements(on) {
      const targetId = current()
      if (!targetId || get().readOnly) return
      await attempt(async () => set({ options: await api.invoke('debugger.setPauseOptions', { targetId, debuggerStatements: on }) }))
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

    async runCommand(targetId, command) {
      if (targetId === current() && get().readOnly) return
      const paused = targetId === current() ? get().paused !== null : targetId in get().pauses
      if (command === 'resumeOrPause') {
        await attempt(() => api.invoke(paused ? 'debugger.resume' : 'debugger.pause', { targetId }))
        return
      }
      if (!paused) return
      const action = command === 'stepOver' ? 'over' : command === 'stepInto' ? 'into' : 'out'
      await attempt(() => api.invoke('debugger.step', { targetId, action }))
    },

    selectFrame(index) {
      const frame = get().paused?.callFrames[index]
      if (!frame) return
      set({ frameIndex: index })
      openFrame(frame)
    },

    async loadVariables(objectId, more = false) {
      const targetId = current()
      if (!targetId) return
      const pauseId = pausedNow()
      const before = get().variables[objectId]
      if (before?.status === 'loading') return
      const rows = more && before ? before.rows : []
      const total = more && before ? before.total : 0
      const put = (entry: VariablesEntry): void => set((s) => ({ variables: { ...s.variables, [objectId]: entry } }))
      put({ status: 'loading', rows, total })
      try {
        const page = await api.invoke('debugger.properties', { targetId, objectId, offset: rows.length, limit: propertiesPageSize })
        // Resumed or paused again meanwhile: this object belongs to a pause that is gone.
        if (pausedNow() !== pauseId || current() !== targetId) return
        put({ status: 'loaded', rows: [...rows, ...page.rows], total: page.total })
      } catch (error) {
        if (pausedNow() === pauseId && current() === targetId) put({ status: 'error', rows, total, message: errorMessage(error) })
      }
    },

    setExpanded(path, open) {
      set((s) => ({ expanded: { ...s.expanded, [path]: open } }))
    },

    async invokeGetter(objectId, name) {
      const targetId = current()
      if (!targetId) return
      const key = getterKey(objectId, name)
      const pauseId = pausedNow()
      const put = (entry: GetterEntry): void => {
        if (pausedNow() === pauseId) set((s) => ({ getters: { ...s.getters, [key]: entry } }))
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
      const patch = (change: Partial<Evaluation>): void => set((s) => ({ evaluations: s.evaluations.map((e) => (e.id === id ? { ...e, ...change } : e)) }))
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
    }
  }
}
