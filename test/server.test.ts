// `spyglass serve` end to end: a real server on a free port, a real Workbench behind it, real
// HTTP and WebSocket clients. The page is a temp folder shaped like out/renderer.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { BridgeServerMessage } from '../src/shared/api'
import { startServer, type RunningServer } from '../src/main/server'
import { createMemorySettingsStore } from '../src/main/settings'
import { Workbench } from '../src/main/workbench'

const pagePolicy = "default-src 'self'; script-src 'self'; connect-src 'self'"
const indexHtml = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${pagePolicy}"></head><body><script type="module" src="/assets/app.js"></script></body></html>`

let rendererDir: string
let workbench: Workbench
let server: RunningServer

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(tmpdir(), 'spyglass-renderer-'))
  await mkdir(path.join(rendererDir, 'assets'))
  await writeFile(path.join(rendererDir, 'index.html'), indexHtml)
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("page")\n')
  await writeFile(path.join(rendererDir, '..', `${path.basename(rendererDir)}-secret.txt`), 'outside\n')
  workbench = new Workbench({ shell: 'web', settings: createMemorySettingsStore(), appVersion: '0.0.0-test' })
  server = await startServer({ workbench, rendererDir })
})

afterAll(async () => {
  await server?.close()
  await workbench?.dispose()
  await rm(rendererDir, { recursive: true, force: true })
  await rm(path.join(rendererDir, '..', `${path.basename(rendererDir)}-secret.txt`), { force: true })
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw node:http so that paths like `/../x` reach the server unnormalized. */
function get(rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function cookieFrom(reply: Reply): string {
  const setCookie = reply.headers['set-cookie']
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie
  return (first ?? '').split(';')[0]
}

/** Opens a socket, or rejects with the HTTP status the server refused it with. */
function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused with ${res.statusCode}`))
      res.resume()
      ws.terminate()
    })
    ws.once('error', reject)
  })
}

/** Sends raw text and resolves with the next result message. */
function nextResult(ws: WebSocket, text: string): Promise<Extract<BridgeServerMessage, { type: 'result' }>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as BridgeServerMessage
      if (message.type !== 'result') return
      ws.off('message', onMessage)
      resolve(message)
    }
    ws.on('message', onMessage)
    ws.send(text)
  })
}

describe('HTTP', () => {
  it('prints a URL with a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/)
  })

  it('refuses a request without a token with 401 and one line', async () => {
    const reply = await get('/')
    expect(reply.status).toBe(401)
    expect(reply.body.trimEnd().split('\n')).toHaveLength(1)
    expect(reply.body).not.toContain('<html')
  })

  it('refuses a wrong token and a wrong cookie', async () => {
    expect((await get('/?token=wrong')).status).toBe(401)
    expect((await get(`/?token=${server.token.slice(0, -1)}`)).status).toBe(401)
    expect((await get('/assets/app.js', { Cookie: `spyglass_token_${server.port}=nope` })).status).toBe(401)
  })

  it('serves the page for the token, sets an HttpOnly SameSite=Strict cookie, and the page policy', async () => {
    const reply = await get(`/?token=${server.token}`)
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(reply.headers['cache-control']).toBe('no-store')
    expect(reply.headers['content-security-policy']).toBe(pagePolicy)
    expect(reply.body).toBe(indexHtml)
    const setCookie = String(reply.headers['set-cookie'])
    expect(setCookie).toContain(`spyglass_token_${server.port}=${server.token}`)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
  })

  it('serves assets to the cookie the page got, with their content type', async () => {
    const cookie = cookieFrom(await get(`/?token=${server.token}`))
    const reply = await get('/assets/app.js', { Cookie: cookie })
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(reply.body).toBe('console.log("page")\n')
    expect((await get('/assets/missing.js', { Cookie: cookie })).status).toBe(404)
  })

  it('never leaves the renderer folder', async () => {
    const cookie = cookieFrom(await get(`/?token=${server.token}`))
    const secret = `${path.basename(rendererDir)}-secret.txt`
    for (const attempt of [`/../${secret}`, `/%2e%2e/${secret}`, `/assets/..%2f..%2f${secret}`, '/..%5c..%5cetc%5cpasswd', '/%00index.html']) {
      const reply = await get(attempt, { Cookie: cookie })
      expect([403, 404], attempt).toContain(reply.status)
      expect(reply.body).not.toContain('outside')
    }
  })
})

describe('WebSocket bridge', () => {
  const ownOrigin = (): string => `http://127.0.0.1:${server.port}`

  it('refuses a socket without a token', async () => {
    await expect(openSocket('')).rejects.toThrow('refused with 401')
    await expect(openSocket('', { Origin: ownOrigin() })).rejects.toThrow('refused with 401')
  })

  it('refuses a foreign Origin even with the token', async () => {
    await expect(openSocket(`?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('refused with 403')
    await expect(openSocket(`?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port + 1}` })).rejects.toThrow('refused with 403')
  })

  it('accepts the page: own Origin plus the cookie', async () => {
    const cookie = cookieFrom(await get(`/?token=${server.token}`))
    const ws = await openSocket('', { Origin: ownOrigin(), Cookie: cookie })
    ws.close()
  })

  it('needs the token in the query from a client without an Origin', async () => {
    const cookie = cookieFrom(await get(`/?token=${server.token}`))
    await expect(openSocket('', { Cookie: cookie })).rejects.toThrow('refused with 403')
  })

  it('round-trips app.info and reports errors as results', async () => {
    const ws = await openSocket(`?token=${server.token}`, { Origin: `http://localhost:${server.port}` })
    try {
      const info = await nextResult(ws, JSON.stringify({ type: 'invoke', id: 1, name: 'app.info', params: null }))
      expect(info).toMatchObject({ type: 'result', id: 1, ok: true, result: { name: 'Spyglass', version: '0.0.0-test', shell: 'web' } })

      const badParams = await nextResult(ws, JSON.stringify({ type: 'invoke', id: 2, name: 'targets.attach', params: { kind: 'pid', pid: 'x' } }))
      expect(badParams).toMatchObject({ id: 2, ok: false, error: { code: 'BAD_REQUEST' } })

      const unknown = await nextResult(ws, JSON.stringify({ type: 'invoke', id: 3, name: 'fs.readFile', params: {} }))
      expect(unknown).toMatchObject({ id: 3, ok: false, error: { code: 'BAD_REQUEST' } })

      const malformed = await nextResult(ws, '{"type":"invoke",')
      expect(malformed).toMatchObject({ id: -1, ok: false, error: { code: 'BAD_REQUEST' } })

      // The connection survives all of the above.
      const again = await nextResult(ws, JSON.stringify({ type: 'invoke', id: 4, name: 'settings.get' }))
      expect(again).toMatchObject({ id: 4, ok: true })
    } finally {
      ws.close()
    }
  })

  it('forwards contract events to the socket', async () => {
    const ws = await openSocket(`?token=${server.token}`)
    try {
      const event = new Promise<BridgeServerMessage>((resolve) => {
        ws.on('message', (data) => {
          const message = JSON.parse(data.toString()) as BridgeServerMessage
          if (message.type === 'event') resolve(message)
        })
      })
      ws.send(JSON.stringify({ type: 'invoke', id: 1, name: 'settings.set', params: { theme: 'dark' } }))
      expect(await event).toMatchObject({ type: 'event', name: 'settings.changed', payload: { theme: 'dark' } })
    } finally {
      ws.close()
    }
  })
})

describe('binding', () => {
  it('refuses a non-loopback host without allowRemote', async () => {
    await expect(startServer({ workbench, rendererDir, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('binds another host with allowRemote and prints one warning line', async () => {
    const warnings: string[] = []
    const remote = await startServer({ workbench, rendererDir, host: '0.0.0.0', allowRemote: true, warn: (line) => warnings.push(line) })
    try {
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/warning/)
      expect(remote.url).toBe(`http://127.0.0.1:${remote.port}/?token=${remote.token}`)
      expect(remote.token).not.toBe(server.token)
    } finally {
      await remote.close()
    }
  })
})
