// Settings in the desktop app live in electron-store (conf underneath, in the app's userData).
import ElectronStore from 'electron-store'
import { createSettingsStore, type SettingsStore } from '../settings'

export function createElectronSettingsStore(): SettingsStore {
  const store = new ElectronStore<{ settings?: unknown }>({ name: 'settings' })
  return createSettingsStore({
    read: () => store.get('settings'),
    write: (value) => store.set('settings', value)
  })
}
