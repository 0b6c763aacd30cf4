// The desktop app's parts of sessions: the recent list in electron-store and native file dialogs.
import { BrowserWindow, dialog } from 'electron'
import ElectronStore from 'electron-store'
import { createRecentSessionsStore, type FilePicker, type RecentSessionsStore } from '../sessions'

export function createElectronRecentSessionsStore(): RecentSessionsStore {
  const store = new ElectronStore<{ recent?: unknown }>({ name: 'recent-sessions' })
  return createRecentSessionsStore({ read: () => store.get('recent'), write: (value) => store.set('recent', value) })
}

const sessionFilters = [{ name: 'Spyglass session', extensions: ['spyglass'] }]
const artifactFilters = {
  cpuprofile: [{ name: 'V8 CPU profile', extensions: ['cpuprofile', 'json'] }],
  heapsnapshot: [{ name: 'V8 heap snapshot', extensions: ['heapsnapshot'] }]
}
const artifactTitles = { cpuprofile: 'CPU profile', heapsnapshot: 'heap snapshot' }

async function showSave(options: Electron.SaveDialogOptions): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow()
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}

async function showOpen(options: Electron.OpenDialogOptions): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow()
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]
}

export const electronFilePicker: FilePicker = {
  saveSession: (defaultPath) => showSave({ title: 'Save session', defaultPath, filters: sessionFilters }),
  openSession: (defaultPath) => showOpen({ title: 'Open session', defaultPath, filters: sessionFilters, properties: ['openFile'] }),
  openArtifact: (kind, defaultPath) => showOpen({ title: `Import ${artifactTitles[kind]}`, defaultPath, filters: artifactFilters[kind], properties: ['openFile'] }),
  saveArtifact: (kind, defaultPath) => showSave({ title: `Export ${artifactTitles[kind]}`, defaultPath, filters: artifactFilters[kind] })
}
