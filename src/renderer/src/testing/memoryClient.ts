import type { ApiEvents, EventName, RequestName, RequestParams, RequestResult } from '../../../shared/api'
import { toApiError } from '../api/apiError'
import type { ConnectionState, WorkbenchClient } from '../api/clientTypes'
import { Emitter } from '../api/emitter'

export type MemoryHandlers = { [N in RequestName]?: (params: RequestParams<N>) => RequestResult<N> | Promise<RequestResult<N>> }

/**
 * A stubbed workbench for presenter tests: requests go to the handlers given (an unhandled one
 * rejects), every call is recorded, and tests push events and connection changes by hand.
 */
export class MemoryClient implements WorkbenchClient {
  readonly transport = 'memory' as const
  connection: ConnectionState = 'connected'
  readonly calls: { name: RequestName; params: unknown }[] = []
  private readonly events = new Emitter()
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>()

  constructor(public handlers: MemoryHandlers = {}) {}

  async invoke<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>> {
    this.calls.push({ name, params })
    const handler = this.handlers[name] as ((p: RequestParams<N>) => RequestResult<N> | Promise<RequestResult<N>>) | undefined
    if (!handler) throw toApiError({ code: 'BAD_REQUEST', message: `no stub for ${name}` })
    try {
      return await handler(params)
    } catch (error) {
      throw toApiError(error)
    }
  }

  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    return this.events.on(event, listener as (payload: unknown) => void)
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener)
    return () => this.connectionListeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    this.events.emit(event, payload)
  }

  setConnection(state: ConnectionState): void {
    this.connection = state
    for (const listener of this.connectionListeners) listener(state)
  }

  /** Listeners still subscribed: to one event, or to every event and the connection (zero once everything has let go). */
  listenerCount(event?: EventName): number {
    if (event !== undefined) return this.events.listenerCount(event)
    return this.events.listenerCount() + this.connectionListeners.size
  }

  callsOf(name: RequestName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.params)
  }
}

/** Resolves after pending promise callbacks (and the ones they schedule) have run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}
