// The sessions store's library: opening a session file (the desktop app's dialog, the browser's
// picker and uploads, dropped files, recent paths), the recent list, and recovering or discarding
// what a crash left unsaved.
import type { AppInfo, WorkbenchApi } from '../../../shared/api'
import { errorMessage } from '../api/apiError'
import { fileName, isSessionFileName } from './sessionFacts'
import type { SessionFileTransfer, SessionLibraryActions, SessionLibraryState, SessionsSliceContext } from './sessionsStoreTypes'

export function createSessionLibrarySlice(api: WorkbenchApi, files: SessionFileTransfer, { set, get, shell, run, show }: SessionsSliceContext): SessionLibraryState & SessionLibraryActions {
  let dialogShowing = false

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
    recent: [],
    recoverable: [],
    opening: null,
    pickRequest: 0,
    openMenu: false,

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
    }
  }
}
