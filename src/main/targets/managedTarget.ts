import type { TargetInfo } from '../../shared/targetTypes'
import type { CdpClient } from './cdp/connection'
import type { LaunchedProcess, StdioSource } from './launcher'

/** What domains get for each connection to a target (a reconnect announces a new one). */
export interface TargetConnection {
  targetId: string
  /** The top-most target of this one's tree (itself for a process): workers print through its stdout. */
  rootId: string
  cdp: CdpClient
  /** The launched program's stdout/stderr; only for the process Spyglass started itself. */
  stdio: StdioSource | null
}

/** The manager's private record of one target. */
export interface ManagedTarget {
  info: TargetInfo
  cdp: CdpClient | null
  launched: LaunchedProcess | null
  /** Where to look for the target again when its inspector goes away. */
  endpoint: { host: string; port: number } | null
  /** Set by detach/remove/dispose: stop reconnecting, do not report the close as a failure. */
  ending: boolean
  /** The program has finished and only waited for the debugger to let go. */
  exiting: boolean
  /** NodeWorker's sessionId (the protocol's name for a worker's channel) → child target id. */
  workers: Map<string, string>
}
