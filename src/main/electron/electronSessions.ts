// The desktop app's parts of sessions: the recent list in electron-store and native file dialogs.
import { BrowserWindow, dialog } from 'electron'
import ElectronStore from 'electron-store'
import { createRecentSessionsStore, type FilePicker, type RecentSessionsStore } from '../sessions'

export function createElectronRecentSessionsStore(): RecentSessionsStore {
  const store = new ElectronStore<{ recent?: unknown }>({ name: 'recent-sessions' })
  return createRecentSessionsStore({ read: () => store.get('recent'), write: (value) => store.set('recent', value) })
}

const sessionFilters = [{ name: 'Spyglass session', extensions: ['spyglass'] }]

export const electronFilePicker: FilePicker = {
  async saveSession(defaultPath) {
    const options = { title: 'Save session', defaultPath, filters: sessionFilters }
    const window = BrowserWindow.getFocusedWindow()
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
  async openSession(defaultPath) {
    const options = { title: 'Open session', defaultPath, filters: sessionFilters, properties: ['openFile' as const] }
    const window = BrowserWindow.getFocusedWindow()
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]
  }
}
