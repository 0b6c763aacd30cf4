import type { ApiEvents, EventName, RequestName, RequestParams, RequestResult, WorkbenchApi } from '../../../shared/api'
import { toApiError } from './apiError'
import type { ConnectionState, WorkbenchClient } from './clientTypes'
import { WsClient } from './wsClient'

export type { ConnectionState, WorkbenchClient } from './clientTypes'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    spyglass?: WorkbenchApi
  }
}

/** Electron: the preload's bridge, with rejections turned into one-line ApiErrors. */
export class IpcClient implements WorkbenchClient {
  readonly transport = 'ipc' as const
  readonly connection: ConnectionState = 'connected'
  constructor(private readonly bridge: WorkbenchApi) {}

  async invoke<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>> {
    try {
      return await this.bridge.invoke(name, params)
    } catch (error) {
      throw toApiError(error)
    }
  }

  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    return this.bridge.on(event, listener)
  }

  onConnection(): () => void {
    // IPC to the app's own main process does not drop.
    return () => undefined
  }
}

/** The bridge URL of `spyglass serve` for a page at `pageUrl`: `/ws` on the same host, with the page's token. */
export function bridgeUrl(pageUrl: string): string {
  const page = new URL(pageUrl)
  const ws = new URL('/ws', page)
  ws.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:'
  const token = page.searchParams.get('token')
  if (token) ws.searchParams.set('token', token)
  return ws.toString()
}

/** IPC in the Electron window, the WebSocket bridge in a browser. */
export function createClient(win: Window = window): WorkbenchClient {
  if (win.spyglass) return new IpcClient(win.spyglass)
  return new WsClient({ url: bridgeUrl(win.location.href) })
}
