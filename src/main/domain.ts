// What a workbench domain (profiler, heap, metrics, debugger) receives and gives back. A
// domain is built from the core services, answers its part of the API contract (its
// `…Requests` interface in src/shared), pushes its events through `emit`, and may contribute
// a stream to session recordings.
import type { ApiEvents, EventName } from '../shared/api'
import type { ConsoleService } from './console'
import type { FilePicker, RecorderStream, SessionService } from './sessions'
import type { SettingsStore } from './settings'
import type { TargetManager } from './targets'

export interface DomainContext {
  settings: SettingsStore
  targets: TargetManager
  console: ConsoleService
  sessions: SessionService
  /** The app data dir (profiles, snapshots, autosaves live under it). */
  dataDir: string
  /** Native file dialogs (the desktop app only). */
  pickFile?: FilePicker
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void
}

/** Handlers for one domain's requests: `R` is its `…Requests` interface. */
export type DomainHandlers<R> = {
  [N in keyof R]: R[N] extends { params: infer P; result: infer Q } ? (params: P) => Promise<Q> | Q : never
}

export interface WorkbenchDomain<R> {
  handlers: DomainHandlers<R>
  /** Streams this domain adds to every recording (metric samples, breakpoint hits…). */
  recorderStreams?(): RecorderStream[]
  dispose(): Promise<void> | void
}
