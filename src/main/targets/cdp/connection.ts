import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping'
import type { NodeCommands, NodeEvents } from './nodeProtocol'
import type { Transport } from './transport'
import { createLogger } from '../../log'

const log = createLogger('cdp')

type Commands = ProtocolMapping.Commands & NodeCommands
type Events = ProtocolMapping.Events & NodeEvents
export type CdpMethod = keyof Commands
export type CdpEvent = keyof Events
export type CdpParams<M extends CdpMethod> = Commands[M]['paramsType']
export type CdpResult<M extends CdpMethod> = Commands[M]['returnType']
export type CdpEventParams<E extends CdpEvent> = Events[E] extends [infer P] ? P : undefined

/** A protocol error, with the method that failed and the caller's stack. */
export class CdpError extends Error {
  constructor(readonly method: string, readonly code: number | null, message: string) {
    super(`${method}: ${message}`)
    this.name = 'CdpError'
  }
}

interface Pending {
  method: string
  error: CdpError
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

/**
 * The typed layer over one inspector connection (STYLE.md #4): method names are checked against
 * devtools-protocol plus Node's own domains, and nothing outside this layer spells a raw message.
 */
export class CdpClient {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Map<string, Set<(params: unknown) => void>>()
  private readonly closeListeners = new Set<(reason: string) => void>()
  private closedReason: string | null = null

  constructor(private readonly transport: Transport) {
    transport.onMessage((raw) => this.receive(raw))
    transport.onClose((reason) => this.handleClose(reason))
  }

  get closed(): boolean {
    return this.closedReason !== null
  }

  send<M extends CdpMethod>(method: M, ...params: CdpParams<M>): Promise<CdpResult<M>> {
    // Created here so that a rejection carries the caller's stack, not the socket's.
    const error = new CdpError(method, null, 'failed')
    if (this.closedReason !== null) {
      error.message = `${method}: connection closed (${this.closedReason})`
      return Promise.reject(error)
    }
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, error, resolve: resolve as (v: unknown) => void, reject })
      this.transport.send(JSON.stringify({ id, method, params: params[0] ?? {} }))
    })
  }

  /** Best effort: the caller does not care whether the target is still there. */
  trySend<M extends CdpMethod>(method: M, ...params: CdpParams<M>): Promise<CdpResult<M> | undefined> {
    return this.send(method, ...params).catch((error: unknown) => void log.debug('best-effort request failed', error))
  }

  on<E extends CdpEvent>(event: E, listener: (params: CdpEventParams<E>) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    const wrapped = listener as (params: unknown) => void
    set.add(wrapped)
    return () => set.delete(wrapped)
  }

  onClose(listener: (reason: string) => void): () => void {
    if (this.closedReason !== null) {
      listener(this.closedReason)
      return () => undefined
    }
    this.closeListeners.add(listener)
    return () => this.closeListeners.delete(listener)
  }

  close(): void {
    this.transport.close()
  }

  /**
   * Backpressure for a consumer slower than the target (a snapshot written to disk): messages
   * stop arriving until `resumeReading`. False where the transport cannot pause (a worker's).
   */
  pauseReading(): boolean {
    if (!this.transport.pauseReading || this.closedReason !== null) return false
    this.transport.pauseReading()
    return true
  }

  resumeReading(): void {
    this.transport.resumeReading?.()
  }

  private receive(raw: string): void {
    let message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { code: number; message: string } }
    try {
      message = JSON.parse(raw)
    } catch (error) {
      log.debug('dropped a frame that is not JSON', error)
      return // a malformed frame from the target cannot be answered; the next one may be fine
    }
    if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id)
      if (!pending) return
      this.pending.delete(message.id)
      if (message.error) {
        pending.error.message = `${pending.method}: ${message.error.message}`
        Object.assign(pending.error, { code: message.error.code })
        pending.reject(pending.error)
      } else {
        pending.resolve(message.result)
      }
      return
    }
    if (typeof message.method === 'string') {
      const set = this.listeners.get(message.method)
      if (!set) return
      for (const listener of [...set]) listener(message.params)
    }
  }

  private handleClose(reason: string): void {
    if (this.closedReason !== null) return
    this.closedReason = reason
    for (const pending of this.pending.values()) {
      pending.error.message = `${pending.method}: connection closed (${reason})`
      pending.reject(pending.error)
    }
    this.pending.clear()
    for (const listener of [...this.closeListeners]) listener(reason)
    this.closeListeners.clear()
  }
}
