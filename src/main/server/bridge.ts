// The WebSocket end of the API contract: one connection is one client of the workbench.
// Requests are dispatched by name exactly as the Electron IPC handlers do, and every
// contract event is forwarded, so the page behaves the same in a browser and in the app.
import type { RawData, WebSocket } from 'ws'
import { eventNames, type ApiEvents, type BridgeServerMessage, type EventName } from '../../shared/api'
import { toUserErrorPayload, UserError } from '../../shared/userError'

/** What the bridge needs of the workbench: the untyped wire entry and the events. */
export interface BridgeWorkbench {
  dispatch(name: unknown, params: unknown): Promise<unknown>
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
}

/** The id answered when a message is too malformed to carry one. */
export const unknownRequestId = -1

export function connectBridge(socket: WebSocket, workbench: BridgeWorkbench): void {
  const send = (message: BridgeServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return
    socket.send(JSON.stringify(message), (error) => {
      // The socket closing under a pending send is normal; the close handler cleans up.
      if (error && socket.readyState === socket.OPEN) socket.terminate()
    })
  }

  const unsubscribers = eventNames.map((name) =>
    workbench.on(name, (payload: unknown) => send({ type: 'event', name, payload }))
  )
  socket.once('close', () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  })

  socket.on('message', (data: RawData, isBinary: boolean) => {
    void answer(data, isBinary).then(send)
  })

  async function answer(data: RawData, isBinary: boolean): Promise<BridgeServerMessage> {
    const request = parseInvoke(data, isBinary)
    if ('error' in request) return { type: 'result', id: request.id, ok: false, error: request.error.toPayload() }
    try {
      const result = await workbench.dispatch(request.name, request.params)
      return { type: 'result', id: request.id, ok: true, result: result ?? null }
    } catch (error) {
      return { type: 'result', id: request.id, ok: false, error: toUserErrorPayload(error) }
    }
  }
}

type ParsedInvoke = { id: number; name: unknown; params: unknown } | { id: number; error: UserError }

function parseInvoke(data: RawData, isBinary: boolean): ParsedInvoke {
  if (isBinary) return { id: unknownRequestId, error: new UserError('BAD_REQUEST', 'binary messages are not part of the protocol') }
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch (error) {
    return { id: unknownRequestId, error: new UserError('BAD_REQUEST', `malformed JSON: ${(error as Error).message}`) }
  }
  if (typeof message !== 'object' || message === null) {
    return { id: unknownRequestId, error: new UserError('BAD_REQUEST', 'a message must be a JSON object') }
  }
  const { type, id, name, params } = message as Record<string, unknown>
  const validId = typeof id === 'number' && Number.isSafeInteger(id)
  if (!validId) return { id: unknownRequestId, error: new UserError('BAD_REQUEST', 'a message needs an integer "id"') }
  if (type !== 'invoke') return { id, error: new UserError('BAD_REQUEST', `unknown message type ${JSON.stringify(type)}`) }
  return { id, name, params }
}
