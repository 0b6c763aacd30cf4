import { useEffect } from 'react'
import { useStore } from 'zustand'
import { effectiveTheme, type SettingsStore } from '../settings/settingsStore'

/** Follows prefers-color-scheme into the settings store and puts the effective theme on <html>. */
export function useThemeSync(settings: SettingsStore): void {
  const theme = useStore(settings, effectiveTheme)
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)')
    const update = (): void => settings.getState().setSystemTheme(query.matches ? 'dark' : 'light')
    update()
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [settings])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
    document.documentElement.style.colorScheme = theme
  }, [theme])
}
