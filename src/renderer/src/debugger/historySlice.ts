// The debugger store's recorded history: where a target of an opened session stopped and what its
// logpoints printed, and which of those places the source pane shows.
import { errorMessage } from '../api/apiError'
import type { DebuggerSliceContext, HistoryActions, HistoryState } from './debuggerStoreTypes'

export const emptyHistory = { history: null, historyError: null, shownStop: null } satisfies HistoryState

export interface HistorySlice {
  state: HistoryState & HistoryActions
  /** Reads the recording's history of `targetId`; dropped when another target is shown meanwhile (`token`). */
  load(targetId: string, token: number): Promise<void>
}

export function createHistorySlice({ api, set, get, tokens }: DebuggerSliceContext): HistorySlice {
  return {
    async load(targetId, token) {
      try {
        const history = await api.invoke('debugger.history', { targetId })
        if (token === tokens.show) set({ history: history.entries, historyError: null, breakpoints: history.breakpoints })
      } catch (error) {
        if (token === tokens.show) set({ history: [], historyError: errorMessage(error) })
      }
    },

    state: {
      ...emptyHistory,

      async openHistoryEntry(entry) {
        const at = entry.location
        if (!at) return
        if (get().sources.some((x) => x.url === at.url)) {
          await get().openSource({ url: at.url }, at.line)
          return
        }
        // Whatever file was still loading must not replace this place.
        tokens.source++
        set({ open: { key: at.url, url: at.url, status: 'location', line: at.line }, reveal: null })
      },

      async showStop(index) {
        const entry = get().history?.[index]
        if (!entry) return
        set({ shownStop: index })
        await get().openHistoryEntry(entry)
      }
    }
  }
}
