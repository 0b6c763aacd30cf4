// The application menu. Its commands go through the same workbench requests as the page, so
// whatever they change (targets, theme) reaches the page as ordinary contract events.
import { dialog, Menu, nativeTheme, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { ipcPrefix, type AppCommand, type RequestName, type RequestParams, type RequestResult } from '../../shared/api'
import type { Settings } from '../../shared/settingsTypes'
import { toUserErrorPayload } from '../../shared/userError'
import { appVersion } from './appVersion'

export interface MenuWorkbench {
  invoke<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>>
}

const themes: Array<{ value: Settings['theme']; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' }
]

export function installAppMenu(window: BrowserWindow, workbench: MenuWorkbench, theme: Settings['theme']): void {
  const run = (what: string, action: () => Promise<unknown>) => () => {
    action().catch((error: unknown) => dialog.showErrorBox(`Spyglass: ${what} failed`, toUserErrorPayload(error).message))
  }
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Attach…', accelerator: 'CmdOrCtrl+K', click: run('attach', () => sendCommand(window, { command: 'openAttach' })) },
        { label: 'Launch demo', accelerator: 'CmdOrCtrl+D', click: run('launching the demo', () => workbench.invoke('targets.launchDemo', undefined)) },
        { type: 'separator' },
        // The page knows which session is selected and shows the outcome; the dialogs are the workbench's.
        { label: 'Open Session…', accelerator: 'CmdOrCtrl+O', click: run('opening a session', () => sendCommand(window, { command: 'openSession' })) },
        { label: 'Save Session…', accelerator: 'CmdOrCtrl+S', click: run('saving the session', () => sendCommand(window, { command: 'saveSession' })) },
        { type: 'separator' },
        { role: 'quit' }
      ]
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: themes.map(({ value, label }) => ({
            label,
            type: 'radio' as const,
            checked: value === theme,
            click: run('changing the theme', () => workbench.invoke('settings.set', { theme: value }))
          }))
        }
      ]
    },
    {
      label: 'Help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'Shift+?', click: run('shortcuts', () => sendCommand(window, { command: 'showShortcuts' })) },
        { label: 'About Spyglass', click: run('about', () => showAbout(window)) }
      ]
    }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  nativeTheme.themeSource = theme
}

/** The page owns the attach dialog and the session actions; the menu only asks it to act. */
function sendCommand(window: BrowserWindow, command: AppCommand): Promise<void> {
  window.webContents.send(ipcPrefix + 'app.command', command)
  return Promise.resolve()
}

async function showAbout(window: BrowserWindow): Promise<void> {
  await dialog.showMessageBox(window, {
    type: 'info',
    title: 'About Spyglass',
    message: `Spyglass ${appVersion}`,
    detail: `A debugging workbench for Node.js.\n\nElectron ${process.versions.electron}\nChromium ${process.versions.chrome}\nNode.js ${process.versions.node}`,
    buttons: ['OK']
  })
}
