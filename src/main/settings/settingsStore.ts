// Settings behind one interface, validated against the schema in src/shared/settingsTypes.ts.
import path from 'node:path'
import Conf from 'conf'
import { defaultSettings, settingsSchema, type Settings } from '../../shared/settingsTypes'

/** Settings behind one interface: electron-store in the desktop app, conf in the CLI and web host. */
export interface SettingsStore {
  get(): Settings
  set(patch: Partial<Settings>): Settings
}

/** Keeps settings in one validated object; the backing store only persists it. */
export function createSettingsStore(backing: { read(): unknown; write(value: Settings): void }): SettingsStore {
  const parsed = settingsSchema.safeParse(backing.read() ?? {})
  let current: Settings = parsed.success ? parsed.data : { ...defaultSettings }
  return {
    get: () => current,
    set(patch) {
      current = settingsSchema.parse({ ...current, ...patch })
      backing.write(current)
      return current
    }
  }
}

/** The folder conf keeps its files in: `cwd` when given, else the platform's config folder. */
export function confDirectory(cwd?: string): string {
  return cwd ?? path.dirname(new Conf({ projectName: 'spyglass', configName: 'settings' }).path)
}

/** conf-backed settings for the CLI and `spyglass serve`; `cwd` overrides the config folder (tests). */
export function createConfSettingsStore(options: { cwd?: string } = {}): SettingsStore {
  const conf = new Conf<{ settings?: unknown }>({ projectName: 'spyglass', configName: 'settings', cwd: options.cwd })
  return createSettingsStore({
    read: () => conf.get('settings'),
    write: (value) => conf.set('settings', value)
  })
}

/** Settings that live only as long as the process (tests, `--no-settings`). */
export function createMemorySettingsStore(initial: Partial<Settings> = {}): SettingsStore {
  let stored: unknown = initial
  return createSettingsStore({ read: () => stored, write: (value) => { stored = value } })
}
