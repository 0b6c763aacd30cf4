import type {
  ApiEvents,
  BridgeClientMessage,
  BridgeServerMessage,
  EventName,
  RequestName,
  RequestParams,
  RequestResult
} from '../../../shared/api'
import { ApiError } from './apiError'
import type { ConnectionState, WorkbenchClient } from './clientTypes'
import { Emitter } from './emitter'

/** The part of the browser WebSocket this client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(): void
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
}

export interface WsClientOptions {
  url: string
  createSocket?: (url: string) => SocketLike
  /** First reconnect delay; doubles up to maxRetryMs. */
  retryMs?: number
  maxRetryMs?: number
  setTimer?: (fn: () => void, ms: number) => unknown
}

const OPEN = 1

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: ApiError) => void
  message: string
  sent: boolean
}

/**
 * The WebSocket bridge of `spyglass serve`: requests are `invoke` messages answered by `result`
 * messages with the same id; events are pushed. When the socket drops, requests already sent fail
 * (the server may or may not have run them), requests not yet sent wait, and the client reconnects.
 */
export class WsClient implements WorkbenchClient {
  readonly transport = 'ws' as const
  private socket: SocketLike | null = null
  private state: ConnectionState = 'connecting'
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly events = new Emitter()
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>()
  private retryMs: number
  private closed = false

  constructor(private readonly options: WsClientOptions) {
    this.retryMs = options.retryMs ?? 500
    this.open()
  }

  get connection(): ConnectionState {
    return this.state
  }

  invoke<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>> {
    const id = this.nextId++
    const message: BridgeClientMessage = { type: 'invoke', id, name, params }
    return new Promise<RequestResult<N>>((resolve, reject) => {
      const entry: Pending = { resolve: resolve as (v: unknown) => void, reject, message: JSON.stringify(message), sent: false }
      this.pending.set(id, entry)
      this.trySend(entry)
    })
  }

  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    return this.events.on(event, listener as (payload: unknown) => void)
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener)
    return () => this.connectionListeners.delete(listener)
  }

  close(): void {
    this.closed = true
    this.socket?.close()
    for (const [id, p] of this.pending) {
      this.pending.delete(id)
      p.reject(new ApiError('DISCONNECTED', 'the workbench connection was closed'))
    }
  }

  private open(): void {
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike)
    const socket = create(this.options.url)
    this.socket = socket
    socket.onopen = () => {
      this.retryMs = this.options.retryMs ?? 500
      this.setState('connected')
      for (const p of this.pending.values()) this.trySend(p)
    }
    socket.onmessage = (ev) => this.receive(ev.data)
    // An error is always followed by close; reconnecting is handled there.
    socket.onerror = () => undefined
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      for (const [id, p] of this.pending) {
        if (!p.sent) continue
        this.pending.delete(id)
        p.reject(new ApiError('DISCONNECTED', 'the connection to the workbench was lost'))
      }
      if (this.closed) return
      this.setState('reconnecting')
      const delay = this.retryMs
      this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 5000)
      const setTimer = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
      setTimer(() => {
        if (!this.closed) this.open()
      }, delay)
    }
  }

  private trySend(entry: Pending): void {
    if (entry.sent || !this.socket || this.socket.readyState !== OPEN) return
    this.socket.send(entry.message)
    entry.sent = true
  }

  private receive(data: unknown): void {
    let message: BridgeServerMessage
    try {
      message = JSON.parse(String(data)) as BridgeServerMessage
    } catch (error) {
      console.warn('spyglass: ignoring a malformed bridge message', error)
      return
    }
    if (message.type === 'event') {
      this.events.emit(message.name, message.payload)
      return
    }
    if (message.type !== 'result') return
    const entry = this.pending.get(message.id)
    if (!entry) return
    this.pending.delete(message.id)
    if (message.ok) entry.resolve(message.result)
    else entry.reject(new ApiError(message.error?.code ?? 'INTERNAL', message.error?.message ?? 'request failed'))
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return
    this.state = state
    for (const listener of this.connectionListeners) listener(state)
  }
}
