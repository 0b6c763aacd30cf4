// What crosses the boundary about targets: attach requests, the target list, local processes.

export type AttachRequest =
  | { kind: 'launch'; command: string[]; cwd?: string; env?: Record<string, string> }
  | { kind: 'port'; port: number; host?: string }
  | { kind: 'ws'; url: string }
  | { kind: 'pid'; pid: number }

export type TargetKind = AttachRequest['kind'] | 'worker'

/** `recorded`: a read-only copy of a target, from an opened session. */
export type TargetState = 'attaching' | 'attached' | 'reconnecting' | 'detached' | 'exited' | 'recorded'

export interface TargetExit {
  /** Exit code when known (only for processes Spyglass launched). */
  code: number | null
  signal: string | null
}

export interface TargetInfo {
  id: string
  /** Set for worker threads: the id of the target that owns them. */
  parentId: string | null
  kind: TargetKind
  title: string
  pid: number | null
  /** The command line as the user would type it. */
  command: string
  /** The inspector WebSocket URL currently in use (null for worker sessions). */
  wsUrl: string | null
  state: TargetState
  exit: TargetExit | null
  nodeVersion: string | null
  platform: string | null
  cwd: string | null
  attachedAt: number
  /** One-line reason when the state is detached/exited because something went wrong. */
  lastError: string | null
  /** For recorded targets: the opened session they belong to. */
  sessionId: string | null
}

export interface InspectorEndpoint {
  port: number
  wsUrl: string
}

export interface LocalNodeProcess {
  pid: number
  command: string
  inspector: InspectorEndpoint | null
}
