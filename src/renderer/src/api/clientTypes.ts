import type { WorkbenchApi } from '../../../shared/api'

/** connecting: before the first connection; reconnecting: the connection was lost and is being retried. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting'

/** The workbench as the renderer reaches it, plus the state of the connection. */
export interface WorkbenchClient extends WorkbenchApi {
  readonly transport: 'ipc' | 'ws' | 'memory'
  readonly connection: ConnectionState
  onConnection(listener: (state: ConnectionState) => void): () => void
}
