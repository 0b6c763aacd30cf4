// `spyglass serve`: the renderer page over HTTP and the API contract over a WebSocket, for a
// browser instead of the Electron window. Loopback only unless the user says otherwise, and a
// random per-run token on every request, because the inspector it drives is code execution.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { UserError } from '../../shared/userError'
import { createAccessToken, presentedToken, tokenCookie } from './accessToken'
import { connectBridge, type BridgeWorkbench } from './bridge'
import { readPageContentSecurityPolicy, sendStaticFile, sendText } from './rendererPage'
import { defaultUploadLimitBytes, handleFileRoute, isFileRoute, type FileHost } from './fileRoutes'

export type { BridgeWorkbench } from './bridge'
export type { FileHost } from './fileRoutes'

export interface ServerOptions {
  workbench: BridgeWorkbench
  /** Interface to bind; anything but loopback needs `allowRemote`. */
  host?: string
  /** 0 picks a free port. */
  port?: number
  /** The built renderer page (out/renderer). */
  rendererDir: string
  allowRemote?: boolean
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string
  /** Where the remote-binding warning goes; stderr by default. */
  warn?: (line: string) => void
  /** Files for the browser (sessions, CPU profiles, heap snapshots): without it, /sessions/* and /files/* answer 404. */
  files?: FileHost
  /** The largest upload accepted (8 GiB); tests lower it. */
  uploadLimitBytes?: number
}

export interface RunningServer {
  /** The page's URL with the token, as printed for the user. */
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const unauthorizedLine = 'spyglass: unauthorized — open the URL that `spyglass serve` printed (it carries the token)'
const websocketPath = '/ws'
/** Requests and results are small; a bigger frame is a mistake or an attack. */
const maxMessageBytes = 16 * 1024 * 1024

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)
}

/** The host as it appears in a URL: wildcard binds are reached through loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

export function formatWorkbenchLine(url: string): string {
  return `Spyglass workbench: ${url}`
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`))
  if (!isLoopbackHost(host)) {
    if (!options.allowRemote) {
      throw new UserError('BAD_REQUEST', `refusing to bind ${host}: only loopback is served unless --allow-remote is given`)
    }
    warn(`spyglass: warning: serving on ${host} — anyone on that network who gets the token can run code in your targets`)
  }
  const token = options.token ?? createAccessToken()
  const contentSecurityPolicy = await readPageContentSecurityPolicy(options.rendererDir)
  let port = 0

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      warn(`spyglass: serving ${request.url ?? '?'} failed: ${(error as Error).message}`)
      if (!response.headersSent) sendText(response, 500, 'internal error')
      else response.destroy()
    })
  })

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://spyglass.invalid')
    const carried = presentedToken(request, url, port, token)
    if (!carried) {
      sendText(response, 401, unauthorizedLine)
      return
    }
    if (isFileRoute(url.pathname)) {
      await handleFileRoute(fileRouteContext, request, response, url, carried)
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'method not allowed', { Allow: 'GET, HEAD' })
      return
    }
    if (url.pathname === websocketPath) {
      sendText(response, 426, 'this path only accepts WebSocket upgrades', { Upgrade: 'websocket' })
      return
    }
    await sendStaticFile(response, {
      rootDir: options.rendererDir,
      urlPath: url.pathname,
      method: request.method,
      contentSecurityPolicy,
      // The token in the query becomes a cookie so that the page's own asset and socket requests pass.
      extraHeaders: carried === 'query' ? { 'Set-Cookie': tokenCookie(port, token) } : {}
    })
  }

  const fileRouteContext = {
    files: options.files,
    uploadLimitBytes: options.uploadLimitBytes ?? defaultUploadLimitBytes,
    originRefusal
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes })
  sockets.on('connection', (socket) => connectBridge(socket, options.workbench))

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://spyglass.invalid')
    const refusal = upgradeRefusal(request, url)
    if (refusal) {
      const body = `${refusal.line}\n`
      socket.end(
        `HTTP/1.1 ${refusal.status} ${refusal.status === 401 ? 'Unauthorized' : refusal.status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
          `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
      )
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request))
  })

  /** Token first (query or cookie), then Origin: a browser page may only connect from our own origin. */
  function upgradeRefusal(request: IncomingMessage, url: URL): { status: number; line: string } | null {
    const carried = presentedToken(request, url, port, token)
    if (!carried) return { status: 401, line: unauthorizedLine }
    if (url.pathname !== websocketPath) return { status: 404, line: 'not found' }
    const refusal = originRefusal(request, carried)
    return refusal ? { status: 403, line: refusal } : null
  }

  /**
   * For sockets and posts, which a foreign page could otherwise send with the cookie: browsers
   * always send Origin, so only a non-browser client omits it, and it must name the token itself.
   */
  function originRefusal(request: IncomingMessage, carried: 'query' | 'cookie'): string | null {
    const origin = request.headers.origin
    if (origin === undefined) return carried === 'query' ? null : 'spyglass: a client without an Origin must pass ?token='
    return ownOrigins().has(origin.toLowerCase()) ? null : `spyglass: origin ${origin} is not allowed`
  }

  function ownOrigins(): Set<string> {
    return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://${urlHost(host)}:${port}`.toLowerCase()])
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new UserError('BAD_REQUEST', `port ${options.port} is already in use`))
      else if (error.code === 'EACCES') reject(new UserError('PERMISSION_DENIED', `not allowed to listen on ${host}:${options.port}`))
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new UserError('BAD_REQUEST', `cannot bind ${host}: no such local address`))
      else reject(error)
    })
    server.listen(options.port ?? 0, host, () => resolve())
  })
  port = (server.address() as AddressInfo).port

  let closing: Promise<void> | null = null
  return {
    url: `http://${urlHost(host)}:${port}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}
