import type { CdpClient } from './connection'
import type { Transport } from './transport'

/**
 * A connection to a worker thread, tunnelled through its parent's NodeWorker domain (`sessionId`
 * is the protocol's name for the worker's channel).
 */
export function workerTransport(parent: CdpClient, sessionId: string): Transport {
  const messageListeners: ((message: string) => void)[] = []
  const closeListeners: ((reason: string) => void)[] = []
  let closed = false
  const unsubscribe: (() => void)[] = []
  const closeOnce = (reason: string) => {
    if (closed) return
    closed = true
    for (const off of unsubscribe) off()
    for (const listener of closeListeners) listener(reason)
  }
  unsubscribe.push(
    parent.on('NodeWorker.receivedMessageFromWorker', (event) => {
      if (event.sessionId !== sessionId) return
      for (const listener of messageListeners) listener(event.message)
    }),
    parent.on('NodeWorker.detachedFromWorker', (event) => {
      if (event.sessionId === sessionId) closeOnce('worker exited')
    }),
    parent.onClose((reason) => closeOnce(reason))
  )
  return {
    send: (message) => {
      if (!closed) void parent.trySend('NodeWorker.sendMessageToWorker', { message, sessionId })
    },
    onMessage: (listener) => messageListeners.push(listener),
    onClose: (listener) => {
      if (closed) listener('closed')
      else closeListeners.push(listener)
    },
    close: () => {
      if (closed) return
      void parent.trySend('NodeWorker.detach', { sessionId })
      closeOnce('detached')
    }
  }
}
