// What the sessions domain needs of the live workbench, declared here so that sessions/ imports
// no other domain: the workbench hands it the target list and the console's event store, which
// satisfy these shapes.
import type { ConsoleEvent } from '../../shared/consoleTypes'
import type { SessionArtifactKind } from '../../shared/sessionTypes'
import type { TargetInfo } from '../../shared/targetTypes'

/** The targets a recording follows and an opened session becomes. */
export interface SessionTargets {
  list(): TargetInfo[]
  get(targetId: string): TargetInfo | null
  /** The process a target belongs to (itself, or the parent of a worker). */
  rootInfoOf(targetId: string): TargetInfo | null
  /** A one-line UNKNOWN_TARGET error when the target is not known. */
  require(targetId: string): { readonly info: TargetInfo }
  onChanged(listener: (list: TargetInfo[]) => void): () => void
  /** Lists read-only targets of an opened session. */
  addRecorded(infos: readonly TargetInfo[]): void
  remove(targetId: string): Promise<void>
}

/** Where an opened session's events go, so that the views show them like live ones. */
export interface RecordedEventSink {
  loadRecorded(targetId: string, events: readonly ConsoleEvent[]): void
  forget(targetId: string): void
  /** Resolves once a launched target's last output lines, which trail its exit, have arrived. */
  stdioSettled(targetId: string): Promise<void>
}

/** Native file dialogs, where the shell has them (the desktop app). */
export interface FilePicker {
  saveSession(defaultPath: string): Promise<string | null>
  openSession(defaultDir: string): Promise<string | null>
  /** A CPU profile or heap snapshot to import (null: cancelled). */
  openArtifact(kind: SessionArtifactKind, defaultDir: string): Promise<string | null>
  /** Where to export one (null: cancelled). */
  saveArtifact(kind: SessionArtifactKind, defaultPath: string): Promise<string | null>
}
