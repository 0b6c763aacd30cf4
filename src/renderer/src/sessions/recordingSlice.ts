// The sessions store's recordings: record a target's process, stop, save (a dialog in the desktop
// app, a download in the browser), close, and the engine's progress on long operations.
import type { WorkbenchApi } from '../../../shared/api'
import type { SessionProgress } from '../../../shared/sessionTypes'
import type { TargetsStore } from '../targets/targetsStore'
import { rootTargetId, sessionOfTarget } from './sessionFacts'
import type { RecordingActions, RecordingState, SessionFileTransfer, SessionsSliceContext } from './sessionsStoreTypes'

const progressKey = (p: Pick<SessionProgress, 'operation' | 'subject'>): string => `${p.operation}\u0000${p.subject}`

export function createRecordingSlice(
  api: WorkbenchApi,
  targets: TargetsStore,
  files: SessionFileTransfer,
  { set, get, shell, run, upsert }: SessionsSliceContext
): RecordingState & RecordingActions {
  return {
    progress: [],

    handleProgress(progress) {
      set((s) => {
        const key = progressKey(progress)
        const others = s.progress.filter((p) => progressKey(p) !== key)
        if (progress.finished) return { progress: others }
        const at = s.progress.findIndex((p) => progressKey(p) === key)
        if (at < 0) return { progress: [...others, progress] }
        const next = [...s.progress]
        next[at] = progress
        return { progress: next }
      })
    },

    record(targetId) {
      const rootId = rootTargetId(targets.getState().targets, targetId)
      return run(rootId, 'record', 'Could not start recording', async () => {
        upsert(await api.invoke('sessions.record', { targetId: rootId }))
      })
    },

    stop(sessionId) {
      return run(sessionId, 'stop', 'Could not stop recording', async () => {
        upsert(await api.invoke('sessions.stop', { sessionId }))
      })
    },

    save(sessionId) {
      return run(sessionId, 'save', 'Could not save the session', async () => {
        if (get().sessions.find((s) => s.id === sessionId)?.state === 'recording') {
          upsert(await api.invoke('sessions.stop', { sessionId }))
        }
        if ((await shell()) === 'electron') {
          // null: the user cancelled the dialog, which is no failure.
          if ((await api.invoke('sessions.save', { sessionId })) === null) return
        } else {
          await files.download(sessionId)
        }
        await get().refreshRecent()
      })
    },

    async saveForTarget(targetId) {
      const target = targets.getState().targets.find((t) => t.id === targetId) ?? null
      const session = sessionOfTarget(get().sessions, target)
      if (!session) {
        set({ error: 'Nothing to save: record a target first (● Record)' })
        return
      }
      await get().save(session.id)
    },

    close(sessionId) {
      return run(sessionId, 'close', 'Could not close the session', async () => {
        await api.invoke('sessions.close', { sessionId })
        set((s) => ({ sessions: s.sessions.filter((x) => x.id !== sessionId) }))
      })
    }
  }
}
