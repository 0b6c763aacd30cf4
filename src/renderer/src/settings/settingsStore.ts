import { createStore, type StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import type { Settings } from '../../../shared/settingsTypes'
import { errorMessage } from '../api/apiError'

export type Theme = Settings['theme']

export interface SettingsState {
  /** Null until read from the workbench (the renderer does not bundle the zod schema for defaults). */
  settings: Settings | null
  /** What the OS prefers (prefers-color-scheme), used when the theme setting is 'system'. */
  systemTheme: 'dark' | 'light'
  error: string | null
}

export interface SettingsActions {
  load(): Promise<void>
  apply(settings: Settings): void
  setTheme(theme: Theme): Promise<void>
  /** system → dark → light → system */
  cycleTheme(): Promise<void>
  setSystemTheme(theme: 'dark' | 'light'): void
}

export type SettingsStore = StoreApi<SettingsState & SettingsActions>

export function effectiveTheme(state: Pick<SettingsState, 'settings' | 'systemTheme'>): 'dark' | 'light' {
  const theme = state.settings?.theme ?? 'system'
  return theme === 'system' ? state.systemTheme : theme
}

const nextTheme: Record<Theme, Theme> = { system: 'dark', dark: 'light', light: 'system' }

export function createSettingsStore(api: WorkbenchApi, systemTheme: 'dark' | 'light' = 'dark'): SettingsStore {
  return createStore<SettingsState & SettingsActions>()((set, get) => ({
    settings: null,
    systemTheme,
    error: null,

    async load() {
      try {
        set({ settings: await api.invoke('settings.get', undefined), error: null })
      } catch (error) {
        set({ error: `Could not read settings: ${errorMessage(error)}` })
      }
    },

    apply(settings) {
      set({ settings })
    },

    async setTheme(theme) {
      const previous = get().settings
      if (previous) set({ settings: { ...previous, theme } })
      try {
        set({ settings: await api.invoke('settings.set', { theme }), error: null })
      } catch (error) {
        set({ settings: previous, error: `Could not save the theme: ${errorMessage(error)}` })
      }
    },

    cycleTheme() {
      return get().setTheme(nextTheme[get().settings?.theme ?? 'system'])
    },

    setSystemTheme(theme) {
      set({ systemTheme: theme })
    }
  }))
}

/** A settings store that follows changes made elsewhere (another window, the CLI); `dispose` stops following. */
export function connectSettingsStore(api: WorkbenchApi, systemTheme: 'dark' | 'light' = 'dark'): { store: SettingsStore; dispose(): void } {
  const store = createSettingsStore(api, systemTheme)
  const off = api.on('settings.changed', (next) => store.getState().apply(next))
  return { store, dispose: off }
}
