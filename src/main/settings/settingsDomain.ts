// The settings domain: the one validated settings object and its two requests. Other domains
// that own a setting check it before it is saved (a bad value is refused in one line, nothing
// saved) and react after (the errors domain reloads its catalog when the pattern file changes).
import type { Settings } from '../../shared/settingsTypes'
import type { DomainContext, RequestsOf, WorkbenchDomain } from '../domain'
import type { SettingsStore } from './settingsStore'

export interface SettingsDomain extends WorkbenchDomain<RequestsOf<'settings'>> {
  readonly store: SettingsStore
  /** A check run on every patch before it is saved; it throws a UserError to refuse it. */
  addCheck(check: (patch: Partial<Settings>) => void): void
  /** Called after a change is saved, with the settings before it. */
  onChanged(listener: (next: Settings, previous: Settings) => void): () => void
  /** Saves a patch (after the checks) and tells everyone: the requests and other domains use this. */
  update(patch: Partial<Settings>): Settings
}

export function createSettingsDomain(context: DomainContext, deps: { store: SettingsStore }): SettingsDomain {
  const { store } = deps
  const checks: Array<(patch: Partial<Settings>) => void> = []
  const listeners = new Set<(next: Settings, previous: Settings) => void>()
  const update = (patch: Partial<Settings>): Settings => {
    for (const check of checks) check(patch)
    const previous = store.get()
    const next = store.set(patch)
    for (const listener of listeners) listener(next, previous)
    context.emit('settings.changed', next)
    return next
  }
  return {
    name: 'settings',
    store,
    addCheck: (check) => void checks.push(check),
    onChanged(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    update,
    handlers: {
      'settings.get': () => store.get(),
      'settings.set': (patch) => update(patch)
    },
    dispose() {
      listeners.clear()
    }
  }
}
