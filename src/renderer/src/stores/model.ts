import type { WorkbenchClient } from '../api/clientTypes'
import { createAttachStore, type AttachStore } from './attachStore'
import { createConsoleStore, type ConsoleStore } from './consoleStore'
import { createSettingsStore, type SettingsStore } from './settingsStore'
import { createTargetsStore, type TargetsStore } from './targetsStore'
import { createUiStore, type UiStore } from './uiStore'

/** Every presenter of the app, wired to one client. Views get it from ModelContext. */
export interface WorkbenchModel {
  client: WorkbenchClient
  targets: TargetsStore
  console: ConsoleStore
  attach: AttachStore
  settings: SettingsStore
  ui: UiStore
  dispose(): void
}

export interface ModelOptions {
  systemTheme?: 'dark' | 'light'
  clientCap?: number
  initialView?: string
}

export function createWorkbenchModel(client: WorkbenchClient, options: ModelOptions = {}): WorkbenchModel {
  const targets = createTargetsStore(client)
  const consoleStore = createConsoleStore(client, options.clientCap)
  const attach = createAttachStore(client, targets)
  const settings = createSettingsStore(client, options.systemTheme)
  const ui = createUiStore(options.initialView ?? 'console', client.connection)

  const loadSelected = (): void => {
    const id = targets.getState().selectedId
    if (id) void consoleStore.getState().ensureLoaded(id)
  }

  // Everything the engine holds is re-read on every (re)connect: events may have arrived,
  // targets may have ended, settings may have changed while the connection was down.
  const resync = (): void => {
    consoleStore.getState().invalidateLoads()
    void targets.getState().refresh().then(loadSelected)
    void settings.getState().load()
  }

  const unsubscribers = [
    client.on('targets.changed', (list) => {
      const known = new Set(list.map((t) => t.id))
      for (const t of targets.getState().targets) if (!known.has(t.id)) consoleStore.getState().forget(t.id)
      targets.getState().setTargets(list)
    }),
    client.on('console.batch', (batch) => consoleStore.getState().handleBatch(batch)),
    client.on('settings.changed', (next) => settings.getState().apply(next)),
    client.onConnection((state) => {
      ui.getState().setConnection(state)
      if (state === 'connected') resync()
    }),
    targets.subscribe((state, prev) => {
      if (state.selectedId !== prev.selectedId) loadSelected()
    })
  ]

  if (client.connection === 'connected') resync()

  return {
    client,
    targets,
    console: consoleStore,
    attach,
    settings,
    ui,
    dispose() {
      for (const off of unsubscribers) off()
    }
  }
}
