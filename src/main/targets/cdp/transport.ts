import WebSocket from 'ws'
import { UserError } from '../../../shared/userError'

/** A message pipe to one inspector connection: a WebSocket, or a worker tunnelled through its parent. */
export interface Transport {
  send(message: string): void
  onMessage(listener: (message: string) => void): void
  /** Called once, when the pipe closes for any reason. */
  onClose(listener: (reason: string) => void): void
  close(): void
  /**
   * Flow control for big streams (heap snapshot chunks): stop reading until resumed, so that the
   * socket's own window holds the target back. Absent where the pipe cannot pause (a worker's).
   */
  pauseReading?(): void
  resumeReading?(): void
}

/** Opens a WebSocket to an inspector; connection failures become one-line user errors. */
export function connectWebSocket(url: string, timeoutMs = 5000): Promise<Transport> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return Promise.reject(new UserError('BAD_REQUEST', `not a URL: ${url}`))
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return Promise.reject(new UserError('BAD_REQUEST', `an inspector URL starts with ws:// (got ${url})`))
  }
  return new Promise((resolve, reject) => {
    // The inspector sends whole heap snapshot chunks and big profiles; no payload cap.
    const socket = new WebSocket(url, { maxPayload: 0, perMessageDeflate: false, handshakeTimeout: timeoutMs })
    let settled = false
    const fail = (error: UserError) => {
      if (settled) return
      settled = true
      socket.terminate()
      reject(error)
    }
    socket.once('unexpected-response', (_req, res) => {
      fail(new UserError('NOT_AN_INSPECTOR', `${url} is not a Node inspector (HTTP ${res.statusCode})`))
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') fail(new UserError('CONNECTION_REFUSED', `nothing is listening on ${parsed.host}`))
      else if (/timed out|timeout/i.test(error.message)) fail(new UserError('TIMEOUT', `no answer from ${url}`))
      else fail(new UserError('NOT_AN_INSPECTOR', `cannot connect to ${url}: ${error.message}`))
    })
    socket.once('open', () => {
      settled = true
      socket.removeAllListeners('error')
      resolve(wrapSocket(socket))
    })
  })
}

function wrapSocket(socket: WebSocket): Transport {
  const closeListeners: ((reason: string) => void)[] = []
  let closed = false
  const closeOnce = (reason: string) => {
    if (closed) return
    closed = true
    for (const listener of closeListeners) listener(reason)
  }
  socket.on('close', (code) => closeOnce(code === 1000 ? 'closed' : `socket closed (${code})`))
  socket.on('error', (error) => closeOnce(error.message))
  return {
    send: (message) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(message)
    },
    onMessage: (listener) => socket.on('message', (data) => listener(data.toString())),
    onClose: (listener) => {
      if (closed) listener('closed')
      else closeListeners.push(listener)
    },
    close: () => {
      socket.close()
      closeOnce('closed')
    },
    pauseReading: () => socket.pause(),
    resumeReading: () => socket.resume()
  }
}
