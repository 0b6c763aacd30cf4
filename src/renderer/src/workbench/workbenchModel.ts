import type { AppCommand } from '../../../shared/api'
import type { SessionInfo } from '../../../shared/sessionTypes'
import type { WorkbenchClient } from '../api/clientTypes'
import { createHeapFileTransfer } from '../api/heapFiles'
import { createProfileFileTransfer } from '../api/profileFiles'
import { createSessionFileTransfer } from '../api/sessionFiles'
import { connectConsoleStore, type ConsoleStore } from '../console/consoleStore'
import { connectDebuggerStore, type DebuggerStore } from '../debugger/debuggerStore'
import { connectErrorsStore, type ErrorsStore } from '../errors/errorsStore'
import { connectHeapStore, type HeapFileTransfer, type HeapStore } from '../heap/heapStore'
import type { DebugCommand } from '../hooks/shortcuts'
import { connectSystemStore, type SystemStore } from '../metrics/systemStore'
import type { ProfileFileTransfer } from '../profiler/profilerFacts'
import { connectProfilerStore, type ProfilerStore } from '../profiler/profilerStore'
import { connectSessionsStore, type SessionFileTransfer, type SessionsStore } from '../sessions/sessionsStore'
import { connectSettingsStore, type SettingsStore } from '../settings/settingsStore'
import { createAttachStore, type AttachStore } from '../targets/attachStore'
import { createTargetsStore, type TargetsStore } from '../targets/targetsStore'
import { StoreRegistry } from './storeRegistry'
import { createUiStore, type UiStore } from './uiStore'

/**
 * The workbench as the page sees it: one store per feature, all wired to one client, created and
 * registered here so that `dispose` ends every subscription. Views get it from ModelContext.
 */
export interface WorkbenchModel {
  client: WorkbenchClient
  targets: TargetsStore
  console: ConsoleStore
  errors: ErrorsStore
  attach: AttachStore
  settings: SettingsStore
  sessions: SessionsStore
  profiler: ProfilerStore
  /** The Memory view's store. */
  heap: HeapStore
  /** The System view's store. */
  metrics: SystemStore
  /** The Sources view's store. */
  debugger: DebuggerStore
  ui: UiStore
  /** What a shell asked for from outside the page (the desktop app menu). */
  runCommand(command: AppCommand): void
  /** F8 / F10 / F11 / Shift+F11, from any view: they act on the selected target while it is live. */
  runDebugCommand(command: DebugCommand): void
  dispose(): void
}

export interface ModelOptions {
  systemTheme?: 'dark' | 'light'
  clientCap?: number
  initialView?: string
  /** Downloads, uploads and dropped files' paths; the page's own by default. */
  sessionFiles?: SessionFileTransfer
  profileFiles?: ProfileFileTransfer
  heapFiles?: HeapFileTransfer
}

export function createWorkbenchModel(client: WorkbenchClient, options: ModelOptions = {}): WorkbenchModel {
  const registry = new StoreRegistry()
  const targets = registry.add(createTargetsStore(client))
  const consoleStore = registry.connect(connectConsoleStore(client, options.clientCap))
  const errors = registry.connect(connectErrorsStore(client))
  const attach = registry.add(createAttachStore(client, targets))
  const settings = registry.connect(connectSettingsStore(client, options.systemTheme))
  const ui = registry.add(createUiStore(options.initialView ?? 'console', client.connection))

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
  const sessions = registry.connect(connectSessionsStore(client, targets, options.sessionFiles ?? createSessionFileTransfer(), reloadSession))
  const profiler = registry.connect(connectProfilerStore(client, options.profileFiles ?? createProfileFileTransfer()))
  const heap = registry.connect(connectHeapStore(client, options.heapFiles ?? createHeapFileTransfer()))
  const metrics = registry.connect(connectSystemStore(client))
  const debuggerStore = registry.connect(
    connectDebuggerStore(client, {
      targets: () => targets.getState().targets,
      selectedTargetId: () => targets.getState().selectedId,
      activeView: () => ui.getState().activeView,
      showView: (id) => ui.getState().showView(id)
    })
  )

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

  const runDebugCommand = (command: DebugCommand): void => {
    const { selectedId, targets: list } = targets.getState()
    // A recorded target cannot be driven, and a detached one has nothing to drive.
    if (!selectedId || list.find((t) => t.id === selectedId)?.state !== 'attached') return
    void debuggerStore.getState().runCommand(selectedId, command)
  }

  registry.track(
    client.on('targets.changed', (list) => {
      const known = new Set(list.map((t) => t.id))
      for (const t of targets.getState().targets) if (!known.has(t.id)) consoleStore.getState().forget(t.id)
      targets.getState().setTargets(list)
    }),
    client.on('app.command', runCommand),
    client.onConnection((state) => {
      ui.getState().setConnection(state)
      if (state === 'connected') resync()
    }),
    targets.subscribe((state, prev) => {
      if (state.selectedId !== prev.selectedId) loadSelected()
    })
  )

  if (client.connection === 'connected') resync()

  return {
    client,
    targets,
    console: consoleStore,
    errors,
    attach,
    settings,
    sessions,
    profiler,
    heap,
    metrics,
    debugger: debuggerStore,
    ui,
    runCommand,
    runDebugCommand,
    dispose: () => registry.dispose()
  }
}
