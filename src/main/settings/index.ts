// The settings domain: one validated settings object (electron-store in the desktop app, conf in
// the CLI and web host) and its requests.
export { confDirectory, createConfSettingsStore, createMemorySettingsStore, createSettingsStore, type SettingsStore } from './settingsStore'
export { createSettingsDomain, type SettingsDomain } from './settingsDomain'
