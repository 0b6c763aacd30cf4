import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppInfo, WorkbenchApi } from '../../../shared/api'
import type { RecentSession, RecoverableSession, SessionInfo, SessionProgress } from '../../../shared/sessionTypes'
import { errorMessage } from '../api/apiError'
import { fileName, isSessionFileName, rootTargetId, sessionOfTarget } from './sessionFacts'
import type { TargetsStore } from '../targets/targetsStore'
import { shellQuery } from '../api/shellQuery'

/**
 * How session files cross between the page and the host. The desktop app reads and writes
 * them itself (native dialogs, dropped files' paths); the browser workbench goes through the
 * server's /sessions routes. See api/sessionFiles.ts.
 */
export interface SessionFileTransfer {
  /** Browser: the host saves the session into its library and the page downloads the file. */
  download(sessionId: string): Promise<void>
  /** Browser: copies a file the user picked onto the host; resolves with its path there. */
  upload(file: File): Promise<string>
  /** Desktop app: the path of a dropped file; null where the shell cannot tell. */
  pathOf(file: File): string | null
}

export type SessionAction = 'record' | 'stop' | 'save' | 'close' | 'recover' | 'discard'

export interface SessionsState {
  /** From app.info; decides dialogs (electron) or downloads and uploads (web). Null until known. */
  shell: AppInfo['shell'] | null
  sessions: SessionInfo[]
  recent: RecentSession[]
  recoverable: RecoverableSession[]
  /** Long operations the engine reports that have not finished, oldest first. */
  progress: SessionProgress[]
  /** Actions in flight, by the id they act on (target for record, session, autosave). */
  pending: Record<string, SessionAction>
  /** A file being uploaded or opened, by name, for the progress strip. */
  opening: { name: string; phase: 'upload' | 'open' } | null
  /** Bumped to ask the page's hidden file input to open (browser only). */
  pickRequest: number
  openMenu: boolean
  /** The last failed session action, one line. */
  error: string | null
}

export interface SessionsActions {
  /** Reads everything (on start and after every reconnect). */
  load(): Promise<void>
  setSessions(sessions: SessionInfo[]): void
  handleProgress(progress: SessionProgress): void
  refreshRecent(): Promise<void>
  refreshRecoverable(): Promise<void>
  /** Records the process a target belongs to (a worker's parent, with all its workers). */
  record(targetId: string): Promise<void>
  stop(sessionId: string): Promise<void>
  /** Stops a recording first; a dialog in the desktop app, a download in the browser. */
  save(sessionId: string): Promise<void>
  /** Saves the session the selected target shows (Ctrl/Cmd+S, the app menu). */
  saveForTarget(targetId: string | null): Promise<void>
  /** The desktop app's open dialog, or the browser's file picker. */
  openDialog(): Promise<void>
  openPath(path: string): Promise<void>
  /** A file picked in the browser or dropped on the window. */
  openFile(file: File): Promise<void>
  close(sessionId: string): Promise<void>
  forgetRecent(file: string): Promise<void>
  recover(id: string): Promise<void>
  discard(id: string): Promise<void>
  setOpenMenu(open: boolean): void
  dismissError(): void
}

export type SessionsStore = StoreApi<SessionsState & SessionsActions>

const progressKey = (p: Pick<SessionProgress, 'operation' | 'subject'>): string => `${p.operation}\u0000${p.subject}`

/**
 * `onShown` runs once an opened or recovered session is fully loaded and selected: its targets
 * were listed (and may have been queried) while the engine was still reading the file.
 */
export function createSessionsStore(api: WorkbenchApi, targets: TargetsStore, files: SessionFileTransfer, onShown?: (session: SessionInfo) => void): SessionsStore {
  let dialogShowing = false

  return createStore<SessionsState & SessionsActions>()((set, get) => {
    const shell = shellQuery(api, () => get().shell, (known) => set({ shell: known }))

    const setPending = (id: string, action: SessionAction | null): void =>
      set((s) => {
        const pending = { ...s.pending }
        if (action) pending[id] = action
        else delete pending[id]
        return { pending }
      })

    /** Runs an action, marks it pending, and shows its failure as one line: "<what>: <reason>". */
    const run = async (id: string, action: SessionAction, what: string, work: () => Promise<void>): Promise<void> => {
      if (get().pending[id]) return
      setPending(id, action)
      set({ error: null })
      try {
        await work()
      } catch (error) {
        set({ error: `${what}: ${errorMessage(error)}` })
      } finally {
        setPending(id, null)
      }
    }

    /** The session may come back before or after the sessions.changed event that lists it. */
    const upsert = (session: SessionInfo): void =>
      set((s) => {
        const at = s.sessions.findIndex((x) => x.id === session.id)
        if (at < 0) return { sessions: [...s.sessions, session] }
        const sessions = [...s.sessions]
        sessions[at] = session
        return { sessions }
      })

    const show = (session: SessionInfo): void => {
      upsert(session)
      targets.getState().select(session.rootTargetId)
      onShown?.(session)
    }

    const openAt = async (path: string, name: string): Promise<void> => {
      set({ opening: { name, phase: 'open' } })
      try {
        const session = await api.invoke('sessions.open', { path })
        if (session) show(session)
      } finally {
        set({ opening: null })
      }
      await get().refreshRecent()
    }

    return {
      shell: null,
      sessions: [],
      recent: [],
      recoverable: [],
      progress: [],
      pending: {},
      opening: null,
      pickRequest: 0,
      openMenu: false,
      error: null,

      async load() {
        try {
          const [sessions] = await Promise.all([api.invoke('sessions.list', undefined), shell()])
          get().setSessions(sessions)
        } catch (error) {
          set({ error: `Could not list sessions: ${errorMessage(error)}` })
        }
        await Promise.all([get().refreshRecent(), get().refreshRecoverable()])
      },

      setSessions(sessions) {
        set({ sessions })
      },

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

      async refreshRecent() {
        try {
          set({ recent: await api.invoke('sessions.recent', undefined) })
        } catch (error) {
          set({ error: `Could not list recent sessions: ${errorMessage(error)}` })
        }
      },

      async refreshRecoverable() {
        try {
          set({ recoverable: await api.invoke('sessions.recoverable', undefined) })
        } catch (error) {
          set({ error: `Could not look for unsaved sessions: ${errorMessage(error)}` })
        }
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

      async openDialog() {
        set({ openMenu: false })
        let where: AppInfo['shell']
        try {
          where = await shell()
        } catch (error) {
          set({ error: `Could not open a session: ${errorMessage(error)}` })
          return
        }
        if (where !== 'electron') {
          set((s) => ({ pickRequest: s.pickRequest + 1 }))
          return
        }
        // The native dialog is modal to the window, but a second Ctrl/Cmd+O could still queue another.
        if (dialogShowing) return
        dialogShowing = true
        set({ error: null })
        try {
          const session = await api.invoke('sessions.open', {})
          if (session) show(session)
        } catch (error) {
          set({ error: `Could not open the session: ${errorMessage(error)}` })
        } finally {
          dialogShowing = false
        }
        await get().refreshRecent()
      },

      async openPath(path) {
        set({ openMenu: false, error: null })
        if (get().opening) return
        try {
          await openAt(path, fileName(path))
        } catch (error) {
          set({ error: `Could not open ${fileName(path)}: ${errorMessage(error)}` })
        }
      },

      async openFile(file) {
        set({ openMenu: false, error: null })
        if (!isSessionFileName(file.name)) {
          set({ error: `Only .spyglass session files can be opened (not ${file.name})` })
          return
        }
        if (get().opening) return
        try {
          let path: string | null
          if ((await shell()) === 'electron') {
            path = files.pathOf(file)
            if (!path) throw new Error('the desktop app could not tell where the file is')
          } else {
            set({ opening: { name: file.name, phase: 'upload' } })
            try {
              path = await files.upload(file)
            } finally {
              set({ opening: null })
            }
          }
          await openAt(path, file.name)
        } catch (error) {
          set({ error: `Could not open ${file.name}: ${errorMessage(error)}` })
        }
      },

      close(sessionId) {
        return run(sessionId, 'close', 'Could not close the session', async () => {
          await api.invoke('sessions.close', { sessionId })
          set((s) => ({ sessions: s.sessions.filter((x) => x.id !== sessionId) }))
        })
      },

      async forgetRecent(file) {
        try {
          set({ recent: await api.invoke('sessions.forgetRecent', { file }), error: null })
        } catch (error) {
          set({ error: `Could not forget ${file}: ${errorMessage(error)}` })
        }
      },

      recover(id) {
        return run(id, 'recover', 'Could not recover the session', async () => {
          const session = await api.invoke('sessions.recover', { id })
          set((s) => ({ recoverable: s.recoverable.filter((r) => r.id !== id) }))
          show(session)
        })
      },

      discard(id) {
        return run(id, 'discard', 'Could not discard the unsaved session', async () => {
          await api.invoke('sessions.discard', { id })
          set((s) => ({ recoverable: s.recoverable.filter((r) => r.id !== id) }))
        })
      },

      setOpenMenu(open) {
        set({ openMenu: open })
        if (open) void get().refreshRecent()
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
