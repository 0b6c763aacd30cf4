// The anchor: a bare CDP client (the `ws` package and JSON, nothing else), as a one-file script or
// chrome-remote-interface would do it. Spyglass's figures are printed beside this one's.
import WebSocket from 'ws'

export class BareCdpClient {
  private nextId = 1
  private readonly pending = new Map<number, (result: unknown) => void>()
  consoleCalls = 0
  lastConsoleAt = 0

  /** One listener per event method (the debugger bench waits for Debugger.paused). */
  private readonly eventListeners = new Map<string, (params: unknown) => void>()

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString())
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result)
      else if (message.method !== undefined && this.eventListeners.has(message.method)) this.eventListeners.get(message.method)?.(message.params)
      else if (message.method === 'Runtime.consoleAPICalled') {
        this.consoleCalls++
        this.lastConsoleAt = performance.now()
      }
    })
  }

  static connect(url: string): Promise<BareCdpClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 0 })
      socket.once('open', () => resolve(new BareCdpClient(socket)))
      socket.once('error', reject)
    })
  }

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.socket.send(JSON.stringify({ id, method, params }))
    })
  }

  onEvent(method: string, listener: (params: unknown) => void): void {
    this.eventListeners.set(method, listener)
  }

  close(): void {
    this.socket.close()
  }
}
