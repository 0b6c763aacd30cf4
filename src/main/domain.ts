// The one shape every capability of the workbench plugs in through (targets, console, errors,
// sessions, settings, profiler, heap, metrics, debugger, and the ones to come). A domain:
// - answers its part of the API contract (`handlers`, declared in src/shared/<domain>Api.ts) and
//   pushes its events through `emit`;
// - takes the other domains it needs as explicit dependencies, reached through their index.ts
//   (the workbench wires them; see workbench.ts), never through a shared bag of services;
// - adds its streams to every recording (`recorderStreams`), shows what an opened session
//   recorded (`sessionOpened` / `sessionClosed`), and has a context-free SessionPart exported
//   from its index.ts for `spyglass inspect` and Compare (listed in sessionParts.ts);
// - releases everything it holds in `dispose`.
// This file imports no domain but sessions (the bottom of the graph) and the source-map service
// (which imports none), so no folder cycle runs through it.
import type { ApiEvents, EventName } from '../shared/api'
import type { DomainHandlers } from '../shared/domainHandlers'
import type { SessionInfo } from '../shared/sessionTypes'
import type { FilePicker, RecorderStream, SessionPart } from './sessions'
import type { SourceMapService } from './sourcemaps'

export type { DomainHandlers, RequestsOf } from '../shared/domainHandlers'

/** What every domain gets, whatever it depends on. */
export interface DomainContext {
  /** The app data dir (autosaves, profiles, snapshots live under it). */
  dataDir: string
  /** Native file dialogs (the desktop app only). */
  pickFile?: FilePicker
  /** The one source-map service: the maps of every domain (console, errors, profiler, debugger) come from its one cache. */
  sourceMaps: SourceMapService
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void
}

export interface WorkbenchDomain<R = unknown> {
  /** The domain's name: its folder under src/main and its request prefix. */
  readonly name: string
  handlers: DomainHandlers<R>
  /** The domain's part of a saved session (inspect, Compare); the same object its index.ts exports. */
  readonly session?: SessionPart<object, unknown, unknown>
  /** Streams this domain adds to every recording (events, metric samples, breakpoint hits…). */
  recorderStreams?(): RecorderStream[]
  /** A session was opened or recovered into read-only targets: list or read what it recorded. */
  sessionOpened?(session: SessionInfo): Promise<void> | void
  /** A session was closed: drop what was read of it. */
  sessionClosed?(sessionId: string): Promise<void> | void
  dispose(): Promise<void> | void
}
