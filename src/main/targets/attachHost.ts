// What the target manager lends each attach strategy (one module per way in: launch a command,
// attach by port, by WebSocket URL, by PID). A strategy finds the inspector and fills in what it
// knows of the target; the manager keeps the records and their lifecycle (connect, workers,
// reconnect, exit, detach).
import type { TargetExit, TargetInfo } from '../../shared/targetTypes'
import type { ManagedTarget } from './managedTarget'

export type NewTargetFields = Pick<TargetInfo, 'kind' | 'title' | 'command'> & Partial<TargetInfo>

export interface AttachHost {
  /** A new record, listed at once as attaching. */
  create(fields: NewTargetFields): ManagedTarget
  /** Connects; on failure the half-made target is dropped (a launched program stopped) and the error goes to the caller. */
  connectOrDrop(target: ManagedTarget, url: string): Promise<TargetInfo>
  /** Forgets a target that never got as far as connecting. */
  drop(target: ManagedTarget): void
  /** A target that could not be connected, kept in the list with the reason. */
  fail(target: ManagedTarget, error: Error): void
  /** A launched program ended: the target and the children it started show it. */
  exited(target: ManagedTarget, exit: TargetExit): void
}
