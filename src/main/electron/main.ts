// The desktop shell (out/main/electron.js): one window on the shared Workbench. Everything the
// page can do goes through the contract's IPC channels; this file only wires the pieces.
import { app, BrowserWindow, nativeTheme } from 'electron'
import type { SettingsStore } from '../settings'
import { Workbench } from '../workbench'
import { installAppMenu } from './appMenu'
import { appVersion } from './appVersion'
import { createElectronRecentSessionsStore, electronFilePicker } from './electronSessions'
import { createElectronSettingsStore } from './electronSettings'
import { createMainWindow, isOwnPageUrl, secureDefaultSession } from './mainWindow'
import { connectWorkbenchIpc } from './workbenchIpc'

// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox()

let workbench: Workbench | null = null
let disconnectIpc: (() => void) | null = null
let disposed = false

function openWindow(bench: Workbench, settings: SettingsStore): BrowserWindow {
  const window = createMainWindow()
  disconnectIpc?.()
  disconnectIpc = connectWorkbenchIpc(bench, window, isOwnPageUrl)
  installAppMenu(window, bench, settings.get().theme)
  return window
}

if (!app.requestSingleInstanceLock()) {
  // A second `spyglass` focuses the first window instead of starting a second engine.
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })

  void app.whenReady().then(() => {
    secureDefaultSession()
    const settings = createElectronSettingsStore()
    const bench = new Workbench({
      shell: 'electron',
      settings,
      appVersion,
      dataDir: app.getPath('userData'),
      recentSessions: createElectronRecentSessionsStore(),
      pickFile: electronFilePicker
    })
    workbench = bench
    let window = openWindow(bench, settings)
    bench.on('settings.changed', (settings) => {
      nativeTheme.themeSource = settings.theme
      if (!window.isDestroyed()) installAppMenu(window, bench, settings.theme)
    })
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) window = openWindow(bench, settings)
    })
  })

  app.on('window-all-closed', () => app.quit())

  // Disposing stops the programs Spyglass launched; quitting waits for it once.
  app.on('before-quit', (event) => {
    if (disposed || !workbench) return
    event.preventDefault()
    disposed = true
    disconnectIpc?.()
    workbench
      .dispose()
      .catch((error: Error) => console.error(`spyglass: stopping the workbench failed: ${error.message}`))
      .finally(() => app.quit())
  })
}
