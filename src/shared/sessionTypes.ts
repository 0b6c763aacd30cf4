// What crosses the boundary about sessions: recordings in progress, opened .spyglass files,
// recent files and autosaves that can be recovered.
import type { ConsoleLevel } from './consoleTypes'
import type { TargetExit, TargetInfo } from './targetTypes'

/** A target as a session describes it: what it was, not how to reach it. */
export interface SessionTarget {
  id: string
  parentId: string | null
  kind: TargetInfo['kind']
  title: string
  pid: number | null
  command: string
  nodeVersion: string | null
  platform: string | null
  cwd: string | null
  attachedAt: number
  /** Set when the process ended while recorded. */
  exit: TargetExit | null
  lastError: string | null
}

export interface SessionCounts {
  /** Events in the session. */
  events: number
  byLevel: Record<ConsoleLevel, number>
  /** Events the target produced that the session does not hold (evicted before recording began). */
  dropped: number
}

export type SessionArtifactKind = 'cpuprofile' | 'heapsnapshot'

export interface SessionArtifactInfo {
  kind: SessionArtifactKind
  /** The zip entry name, e.g. profiles/p1.cpuprofile. */
  entry: string
  bytes: number
  capturedAt: number
}

/**
 * recording: streaming into its autosave folder; stopped: finished, not necessarily saved;
 * opened: read from a .spyglass file or recovered from an autosave, read-only.
 */
export type SessionState = 'recording' | 'stopped' | 'opened'

export interface SessionInfo {
  id: string
  state: SessionState
  title: string
  /** The .spyglass file it was saved to or opened from. */
  file: string | null
  /** True when everything captured is in `file` (nothing to lose on quit). */
  saved: boolean
  /** Restored from the autosave of a recording that never finished. */
  recovered: boolean
  /** The target whose views show this session: the live one while recording, a read-only copy once opened. */
  rootTargetId: string
  /** Every target of the session, the root first, workers after. */
  targetIds: string[]
  target: SessionTarget
  startedAt: number
  /** Null while recording. */
  endedAt: number | null
  counts: SessionCounts
  artifacts: SessionArtifactInfo[]
}

export interface RecentSession {
  file: string
  title: string
  openedAt: number
  startedAt: number
  endedAt: number | null
  events: number
}

/** An autosave folder whose recording never finished or never got saved. */
export interface RecoverableSession {
  id: string
  title: string
  startedAt: number
  /** Time of the last thing captured. */
  lastCapturedAt: number
  events: number
  /** The recorder stopped cleanly (but the session was never saved) rather than crashed. */
  finished: boolean
}

/** Progress of a long open or save, in bytes of the file or the autosave folder. */
export interface SessionProgress {
  operation: 'open' | 'save' | 'recover'
  /** The session id when known (saves), else the file. */
  subject: string
  done: number
  total: number
  finished: boolean
}
