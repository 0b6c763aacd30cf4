import type { AppCommand } from '../../../shared/api'
import type { SessionInfo } from '../../../shared/sessionTypes'
import type { WorkbenchClient } from '../api/clientTypes'
import { createSessionFileTransfer } from '../api/sessionFiles'
import { createAttachStore, type AttachStore } from '../targets/attachStore'
import { createConsoleStore, type ConsoleStore } from '../console/consoleStore'
import { createErrorsStore, type ErrorsStore } from '../errors/errorsStore'
import { createSessionsStore, type SessionFileTransfer, type SessionsStore } from '../sessions/sessionsStore'
import { createSettingsStore, type SettingsStore } from '../settings/settingsStore'
import { createTargetsStore, type TargetsStore } from '../targets/targetsStore'
import { createUiStore, type UiStore } from './uiStore'

/** Every presenter of the app, wired to one client. Views get it from ModelContext. */
export interface WorkbenchModel {
  client: WorkbenchClient
  targets: TargetsStore
  console: ConsoleStore
  errors: ErrorsStore
  attach: AttachStore
  settings: SettingsStore
  sessions: SessionsStore
  ui: UiStore
  /** What a shell asked for from outside the page (the desktop app menu). */
  runCommand(command: AppCommand): void
  dispose(): void
}

export interface ModelOptions {
  systemTheme?: 'dark' | 'light'
  clientCap?: number
  initialView?: string
  /** Downloads, uploads and dropped files' paths; the page's own by default. */
  sessionFiles?: SessionFileTransfer
}

export function createWorkbenchModel(client: WorkbenchClient, options: ModelOptions = {}): WorkbenchModel {
  const targets = createTargetsStore(client)
  const consoleStore = createConsoleStore(client, options.clientCap)
  const errors = createErrorsStore(client)
  const attach = createAttachStore(client, targets)
  const settings = createSettingsStore(client, options.systemTheme)
  const ui = createUiStore(options.initialView ?? 'console', client.connection)

  const loadSelected = (): void => {
    const id = targets.getState().selectedId
    if (id) void consoleStore.getState().ensureLoaded(id)
  }
  // An opened session's targets appear before the engine has read all of their events; once
  // the open has finished, whatever was loaded of them meanwhile is read again.
  const reloadSession = (session: SessionInfo): void => {
    for (const id of session.targetIds) consoleStore.getState().forget(id)
    loadSelected()
    // Opened sessions announce no errors.changed: their groups are read again once, here.
    const shown = errors.getState().targetId
    if (shown && session.targetIds.includes(shown)) void errors.getState().refresh()
  }
  const sessions = createSessionsStore(client, targets, options.sessionFiles ?? createSessionFileTransfer(), reloadSession)

  // Everything the engine holds is re-read on every (re)connect: events may have arrived,
  // targets may have ended, settings may have changed while the connection was down.
  const resync = (): void => {
    consoleStore.getState().invalidateLoads()
    void targets.getState().refresh().then(loadSelected)
    if (errors.getState().targetId) void errors.getState().refresh()
    void settings.getState().load()
    void sessions.getState().load()
  }

  const runCommand = (command: AppCommand): void => {
    switch (command.command) {
      case 'openAttach':
        ui.getState().setHelp(false)
        attach.getState().show()
        break
      case 'showShortcuts':
        ui.getState().setHelp(true)
        break
      case 'openSession':
        void sessions.getState().openDialog()
        break
      case 'saveSession':
        void sessions.getState().saveForTarget(targets.getState().selectedId)
        break
    }
  }

  const unsubscribers = [
    client.on('targets.changed', (list) => {
      const known = new Set(list.map((t) => t.id))
      for (const t of targets.getState().targets) if (!known.has(t.id)) consoleStore.getState().forget(t.id)
      targets.getState().setTargets(list)
    }),
    client.on('console.batch', (batch) => consoleStore.getState().handleBatch(batch)),
    client.on('errors.changed', (change) => errors.getState().handleChanged(change)),
    client.on('settings.changed', (next) => settings.getState().apply(next)),
    client.on('sessions.changed', (list) => sessions.getState().setSessions(list)),
    client.on('sessions.progress', (progress) => sessions.getState().handleProgress(progress)),
    client.on('app.command', runCommand),
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
    errors,
    attach,
    settings,
    sessions,
    ui,
    runCommand,
    dispose() {
      for (const off of unsubscribers) off()
      errors.getState().hide()
    }
  }
}
