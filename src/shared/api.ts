// The one API contract. Every request (name → params → result) and every pushed event
// (name → payload) is declared here once; the Electron IPC handlers, the preload bridge,
// the WebSocket host and the renderer client are all derived from these declarations.
import type {
  AttachRequest,
  LocalNodeProcess,
  TargetInfo
} from './targetTypes'
import type {
  ConsoleBatch,
  ConsoleEvent,
  ConsoleFilter,
  ConsoleStats,
  PropertyRow
} from './consoleTypes'
import type { ErrorGroupDetail, ErrorGroupFilter, ErrorGroupSummary, ErrorRateSeries, ErrorSort, ErrorsChanged } from './errorTypes'
import type { RecentSession, RecoverableSession, SessionInfo, SessionProgress } from './sessionTypes'
import type { Settings } from './settingsTypes'
import { debuggerEventNames, debuggerRequestNames, type DebuggerEvents, type DebuggerRequests } from './debuggerApi'
import { heapEventNames, heapRequestNames, type HeapEvents, type HeapRequests } from './heapApi'
import { metricsEventNames, metricsRequestNames, type MetricsEvents, type MetricsRequests } from './metricsApi'
import { profilerEventNames, profilerRequestNames, type ProfilerEvents, type ProfilerRequests } from './profilerApi'
import type { UserErrorPayload } from './userError'

export interface AppInfo {
  name: string
  version: string
  /** Which shell the renderer is running in. */
  shell: 'electron' | 'web'
  platform: string
  nodeVersion: string
}

/**
 * Every request. The core (targets, console, settings, errors, sessions) is declared here; each
 * later domain declares its part in its own file (profilerApi.ts, heapApi.ts, metricsApi.ts,
 * debuggerApi.ts) and is merged in.
 */
export interface ApiRequests extends ProfilerRequests, HeapRequests, MetricsRequests, DebuggerRequests {
  'app.info': { params: void; result: AppInfo }
  /** Node processes on this machine, with their inspector endpoint when one is active. */
  'targets.discover': { params: void; result: LocalNodeProcess[] }
  /** Every target this workbench knows, attached or ended, workers included. */
  'targets.list': { params: void; result: TargetInfo[] }
  'targets.attach': { params: AttachRequest; result: TargetInfo }
  /** Launch the bundled demo program under the inspector. */
  'targets.launchDemo': { params: void; result: TargetInfo }
  'targets.detach': { params: { targetId: string }; result: void }
  /** Forget an ended target and its events. */
  'targets.remove': { params: { targetId: string }; result: void }
  /** Events currently stored for a target, filtered, as a window of rows. */
  'console.query': {
    params: { targetId: string; filter?: ConsoleFilter; offset?: number; limit?: number }
    result: { total: number; events: ConsoleEvent[]; stats: ConsoleStats }
  }
  /** Lazily expand an object printed by the target. */
  'console.getProperties': { params: { targetId: string; objectId: string }; result: PropertyRow[] }
  'console.clear': { params: { targetId: string }; result: void }
  'settings.get': { params: void; result: Settings }
  'settings.set': { params: Partial<Settings>; result: Settings }
  /** Error groups of a target's process (its workers included), a window of rows. */
  'errors.groups': {
    params: { targetId: string; filter?: ErrorGroupFilter; sort?: ErrorSort; offset?: number; limit?: number }
    result: { total: number; occurrences: number; groups: ErrorGroupSummary[] }
  }
  'errors.group': { params: { targetId: string; fingerprint: string }; result: ErrorGroupDetail }
  /** Errors per time bucket and severity, for the error-rate chart. */
  'errors.rate': { params: { targetId: string }; result: ErrorRateSeries }
  /** Recordings in progress or stopped, and sessions opened from files. */
  'sessions.list': { params: void; result: SessionInfo[] }
  /** Start recording a target and its workers (what is already captured is included). */
  'sessions.record': { params: { targetId: string }; result: SessionInfo }
  'sessions.stop': { params: { sessionId: string }; result: SessionInfo }
  /**
   * Pack a session into a .spyglass file. Without a path the desktop app asks with a native
   * dialog (null: the user cancelled); the browser workbench downloads instead (see the server).
   */
  'sessions.save': { params: { sessionId: string; path?: string }; result: { file: string } | null }
  /** Open a .spyglass file read-only; without a path the desktop app asks with a dialog. */
  'sessions.open': { params: { path?: string }; result: SessionInfo | null }
  /** Close a session: an opened one is forgotten, a recording is stopped first. */
  'sessions.close': { params: { sessionId: string }; result: void }
  'sessions.recent': { params: void; result: RecentSession[] }
  'sessions.forgetRecent': { params: { file: string }; result: RecentSession[] }
  /** Autosaves left by recordings that crashed or were never saved. */
  'sessions.recoverable': { params: void; result: RecoverableSession[] }
  /** Open an autosave as a session (then save it like any other). */
  'sessions.recover': { params: { id: string }; result: SessionInfo }
  'sessions.discard': { params: { id: string }; result: void }
}

export interface ApiEvents extends ProfilerEvents, HeapEvents, MetricsEvents, DebuggerEvents {
  /** The whole target list, whenever any target changes (the list is small). */
  'targets.changed': TargetInfo[]
  /** Console events, batched (about ten batches a second at most). */
  'console.batch': ConsoleBatch
  'settings.changed': Settings
  /** A process's error groups changed (at most twice a second); fetch the rows again. */
  'errors.changed': ErrorsChanged
  /** The whole session list, whenever a session starts, stops, is saved, opened or closed. */
  'sessions.changed': SessionInfo[]
  /** Progress of long opens and saves (a few updates a second at most). */
  'sessions.progress': SessionProgress
  /** A shell asks the page to do something the user chose outside it (the desktop app menu). */
  'app.command': AppCommand
}

export type AppCommand =
  | { command: 'openAttach' }
  | { command: 'showShortcuts' }
  | { command: 'openSession' }
  | { command: 'saveSession' }

export type RequestName = keyof ApiRequests
export type EventName = keyof ApiEvents
export type RequestParams<N extends RequestName> = ApiRequests[N]['params']
export type RequestResult<N extends RequestName> = ApiRequests[N]['result']

// Runtime lists of the names, checked against the interfaces so that neither can drift.
const requestNameSet: { [N in RequestName]: true } = {
  'app.info': true,
  'targets.discover': true,
  'targets.list': true,
  'targets.attach': true,
  'targets.launchDemo': true,
  'targets.detach': true,
  'targets.remove': true,
  'console.query': true,
  'console.getProperties': true,
  'console.clear': true,
  'settings.get': true,
  'settings.set': true,
  'errors.groups': true,
  'errors.group': true,
  'errors.rate': true,
  'sessions.list': true,
  'sessions.record': true,
  'sessions.stop': true,
  'sessions.save': true,
  'sessions.open': true,
  'sessions.close': true,
  'sessions.recent': true,
  'sessions.forgetRecent': true,
  'sessions.recoverable': true,
  'sessions.recover': true,
  'sessions.discard': true,
  ...profilerRequestNames,
  ...heapRequestNames,
  ...metricsRequestNames,
  ...debuggerRequestNames
}
const eventNameSet: { [N in EventName]: true } = {
  'targets.changed': true,
  'console.batch': true,
  'settings.changed': true,
  'errors.changed': true,
  'sessions.changed': true,
  'sessions.progress': true,
  'app.command': true,
  ...profilerEventNames,
  ...heapEventNames,
  ...metricsEventNames,
  ...debuggerEventNames
}
export const requestNames = Object.keys(requestNameSet) as RequestName[]
export const eventNames = Object.keys(eventNameSet) as EventName[]

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestNameSet, name)
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventNameSet, name)
}

/** The prefix of every IPC channel; the Electron shell rejects anything else. */
export const ipcPrefix = 'spyglass:'

/** What every shell exposes to a client: the workbench, reached directly, over IPC or over a WebSocket. */
export interface WorkbenchApi {
  invoke<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>>
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
}

/**
 * `window.spyglassFiles` in the desktop app: the host path of a file the user dropped, so that
 * the page can pass it to `sessions.open` (the workbench reads the file itself).
 */
export interface FilePathBridge<F> {
  pathOf(file: F): string
}

/** What an IPC handler answers: Electron mangles thrown errors, so failures travel as values. */
export type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: UserErrorPayload }

/** Messages of the WebSocket bridge. */
export type BridgeClientMessage = { type: 'invoke'; id: number; name: string; params: unknown }
export type BridgeServerMessage =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string } }
  | { type: 'event'; name: string; payload: unknown }
