// The sessions store: the sessions the engine holds and what is in flight on them, with two
// slices (recordings; the library of session files), wired to the engine's session events for the
// life of the workbench model.
import { createStore } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import type { SessionInfo } from '../../../shared/sessionTypes'
import { errorMessage } from '../api/apiError'
import { shellQuery } from '../api/shellQuery'
import type { TargetsStore } from '../targets/targetsStore'
import { createRecordingSlice } from './recordingSlice'
import { createSessionLibrarySlice } from './sessionLibrarySlice'
import type { SessionFileTransfer, SessionsSliceContext, SessionsStore, SessionsStoreState } from './sessionsStoreTypes'

export type * from './sessionsStoreTypes'

/**
 * `onShown` runs once an opened or recovered session is fully loaded and selected: its targets
 * were listed (and may have been queried) while the engine was still reading the file.
 */
export function createSessionsStore(api: WorkbenchApi, targets: TargetsStore, files: SessionFileTransfer, onShown?: (session: SessionInfo) => void): SessionsStore {
  return createStore<SessionsStoreState>()((set, get) => {
    const context: SessionsSliceContext = {
      set,
      get,
      shell: shellQuery(api, () => get().shell, (known) => set({ shell: known })),
      async run(id, action, what, work) {
        if (get().pending[id]) return
        set((s) => ({ pending: { ...s.pending, [id]: action }, error: null }))
        try {
          await work()
        } catch (error) {
          set({ error: `${what}: ${errorMessage(error)}` })
        } finally {
          set((s) => {
            const pending = { ...s.pending }
            delete pending[id]
            return { pending }
          })
        }
      },
      upsert(session) {
        set((s) => {
          const at = s.sessions.findIndex((x) => x.id === session.id)
          if (at < 0) return { sessions: [...s.sessions, session] }
          const sessions = [...s.sessions]
          sessions[at] = session
          return { sessions }
        })
      },
      show(session) {
        context.upsert(session)
        targets.getState().select(session.rootTargetId)
        onShown?.(session)
      }
    }

    return {
      shell: null,
      sessions: [],
      pending: {},
      error: null,
      ...createRecordingSlice(api, targets, files, context),
      ...createSessionLibrarySlice(api, files, context),

      async load() {
        try {
          const [sessions] = await Promise.all([api.invoke('sessions.list', undefined), context.shell()])
          get().setSessions(sessions)
        } catch (error) {
          set({ error: `Could not list sessions: ${errorMessage(error)}` })
        }
        await Promise.all([get().refreshRecent(), get().refreshRecoverable()])
      },

      setSessions(sessions) {
        set({ sessions })
      },

      dismissError() {
        set({ error: null })
      }
    }
  })
}

/** A sessions store that follows the engine's list and progress reports; `dispose` stops following. */
export function connectSessionsStore(
  api: WorkbenchApi,
  targets: TargetsStore,
  files: SessionFileTransfer,
  onShown?: (session: SessionInfo) => void
): { store: SessionsStore; dispose(): void } {
  const store = createSessionsStore(api, targets, files, onShown)
  const offs = [
    api.on('sessions.changed', (list) => store.getState().setSessions(list)),
    api.on('sessions.progress', (progress) => store.getState().handleProgress(progress))
  ]
  return { store, dispose: () => offs.forEach((off) => off()) }
}
