// The one API contract. Each domain declares its requests (name → params schema → result) and
// its pushed events (name → payload) once, in its own `<domain>Api.ts` (see contract.ts); this
// file merges them. The Electron IPC handlers, the preload bridge, the WebSocket host, the
// renderer client, the name lists and the validation of params are all derived from it.
// Files (sessions, profiles, snapshots) are not part of it: they move over the `/files/*` HTTP
// routes of the browser workbench, since big payloads do not belong in WebSocket frames.
import type { z } from 'zod'
import { appEvents, appRequests } from './appApi'
import { consoleEvents, consoleRequests } from './consoleApi'
import { mergeDeclarations, type EventTypes, type RequestTypes } from './contract'
import { debuggerEvents, debuggerRequests } from './debuggerApi'
import { errorsEvents, errorsRequests } from './errorsApi'
import { heapEvents, heapRequests } from './heapApi'
import { metricsEvents, metricsRequests } from './metricsApi'
import { profilerEvents, profilerRequests } from './profilerApi'
import { sessionsEvents, sessionsRequests } from './sessionsApi'
import { settingsEvents, settingsRequests } from './settingsApi'
import { targetsEvents, targetsRequests } from './targetsApi'
import type { UserErrorPayload } from './userError'

export type { AppCommand, AppInfo } from './appApi'

/** Every request, by name: its params schema and its result. A new domain adds its declarations here. */
export const apiRequests = mergeDeclarations('request', [
  appRequests,
  targetsRequests,
  consoleRequests,
  settingsRequests,
  errorsRequests,
  sessionsRequests,
  profilerRequests,
  heapRequests,
  metricsRequests,
  debuggerRequests
])

/** Every pushed event, by name: its payload. A new domain adds its declarations here. */
export const apiEvents = mergeDeclarations('event', [
  appEvents,
  targetsEvents,
  consoleEvents,
  settingsEvents,
  errorsEvents,
  sessionsEvents,
  profilerEvents,
  heapEvents,
  metricsEvents,
  debuggerEvents
])

/** Per request name: `input` (what a caller sends), `params` (what its handler receives), `result`. */
export type ApiRequests = RequestTypes<typeof apiRequests>
/** Per event name: its payload. */
export type ApiEvents = EventTypes<typeof apiEvents>

export type RequestName = keyof ApiRequests
export type EventName = keyof ApiEvents
/** What a caller passes to `invoke`. */
export type RequestParams<N extends RequestName> = ApiRequests[N]['input']
/** What the handler of a request receives: the params once validated (defaults and transforms applied). */
export type ParsedParams<N extends RequestName> = ApiRequests[N]['params']
export type RequestResult<N extends RequestName> = ApiRequests[N]['result']

export const requestNames = Object.keys(apiRequests) as RequestName[]
export const eventNames = Object.keys(apiEvents) as EventName[]

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiRequests, name)
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiEvents, name)
}

/** The schema each request's params are validated with when they arrive (IPC, WebSocket, CLI). */
export const requestParamSchemas = Object.fromEntries(requestNames.map((name) => [name, apiRequests[name].params])) as Record<RequestName, z.ZodType>

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
