// `spyglass serve` end to end: a real server on a free port, a real Workbench behind it, real
// HTTP and WebSocket clients. The page is a temp folder shaped like out/renderer.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { BridgeServerMessage } from '../src/shared/api'
import { startServer, type RunningServer } from '../src/main/server'
import { createMemorySettingsStore } from '../src/main/settings'
import { Workbench } from '../src/main/workbench'
import { UserError } from '../src/shared/userError'

const pagePolicy = "default-src 'self'; script-src 'self'; connect-src 'self'"
const indexHtml = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${pagePolicy}"></head><body><script type="module" src="/assets/app.js"></script></body></html>`

let rendererDir: string
let dataDir: string
let workbench: Workbench
let server: RunningServer

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(tmpdir(), 'spyglass-renderer-'))
  await mkdir(path.join(rendererDir, 'assets'))
  await writeFile(path.join(rendererDir, 'index.html'), indexHtml)
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("page")\n')
  await writeFile(path.join(rendererDir, '..', `${path.basename(rendererDir)}-secret.txt`), 'outside\n')
  dataDir = await mkdtemp(path.join(tmpdir(), 'spyglass-data-'))
  workbench = new Workbench({ shell: 'web', settings: createMemorySettingsStore(), appVersion: '0.0.0-test', dataDir })
  server = await startServer({ workbench, rendererDir })
})

afterAll(async () => {
  await server?.close()
  await workbench?.dispose()
  await rm(rendererDir, { recursive: true, force: true })
  await rm(dataDir, { recursive: true, force: true })
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

describe('session files', () => {
  let files: RunningServer
  let libraryDir: string
  const saved: string[] = []
  const warnings: string[] = []
  const uploadLimitBytes = 64 * 1024

  beforeAll(async () => {
    libraryDir = await mkdtemp(path.join(tmpdir(), 'spyglass-library-'))
    files = await startServer({
      workbench,
      rendererDir,
      uploadLimitBytes,
      warn: (line) => warnings.push(line),
      files: {
        async saveForDownload(sessionId) {
          if (sessionId === 'missing') throw new UserError('UNKNOWN_SESSION', 'no session missing\nat somewhere')
          if (sessionId === 'busy') throw new UserError('BAD_REQUEST', 'the session is still recording')
          if (sessionId === 'broken') throw new Error('disk on fire')
          saved.push(sessionId)
          const file = path.join(libraryDir, `démo ${sessionId}.spyglass`)
          await writeFile(file, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100_000, 7)]))
          return file
        },
        uploadPath: (name) => path.join(libraryDir, 'uploads', `upload-${name}`),
        async artifactPath(kind, id) {
          if (kind !== 'profile' || id !== 'p1') throw new UserError('NOT_FOUND', `no ${kind} ${id}`)
          const file = path.join(libraryDir, 'p1.cpuprofile')
          await writeFile(file, '{"nodes":[],"samples":[],"timeDeltas":[]}')
          return file
        }
      }
    })
  })

  afterAll(async () => {
    await files?.close()
    await rm(libraryDir, { recursive: true, force: true })
  })

  const origin = (): string => `http://127.0.0.1:${files.port}`
  const pageCookie = async (): Promise<string> => cookieFrom(await send(files, 'GET', `/?token=${files.token}`))

  it('streams a saved session as a zip attachment to the page cookie', async () => {
    const reply = await send(files, 'GET', '/sessions/download?id=s1', { Cookie: await pageCookie() })
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('application/zip')
    expect(reply.headers['content-length']).toBe('100004')
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="d_mo s1.spyglass"; filename*=UTF-8''d%C3%A9mo%20s1.spyglass`)
    expect(reply.headers['cache-control']).toBe('no-store')
    expect(reply.raw.subarray(0, 2).toString()).toBe('PK')
    expect(reply.raw.length).toBe(100_004)
    expect(saved).toEqual(['s1'])
  })

  it('refuses a download without the token, and answers failures with one line', async () => {
    expect((await send(files, 'GET', '/sessions/download?id=s2')).status).toBe(401)
    const cookie = await pageCookie()
    const missing = await send(files, 'GET', '/sessions/download?id=missing', { Cookie: cookie })
    expect(missing).toMatchObject({ status: 404, body: 'no session missing\n' })
    const busy = await send(files, 'GET', '/sessions/download?id=busy', { Cookie: cookie })
    expect(busy).toMatchObject({ status: 400, body: 'the session is still recording\n' })
    expect((await send(files, 'GET', '/sessions/download', { Cookie: cookie })).status).toBe(400)
    expect((await send(files, 'GET', '/sessions/download?id=broken', { Cookie: cookie })).status).toBe(500)
    expect(warnings).toEqual(['spyglass: serving /sessions/download?id=broken failed: disk on fire'])
    expect((await send(files, 'POST', '/sessions/download?id=s2', { Cookie: cookie, Origin: origin() })).status).toBe(405)
    expect(saved).toEqual(['s1'])
  })

  it('writes an upload to the path the host names and answers it', async () => {
    const body = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(50_000, 1)])
    const name = 'my session (1).spyglass'
    const reply = await send(files, 'POST', `/sessions/upload?name=${encodeURIComponent(name)}`, { Cookie: await pageCookie(), Origin: origin() }, chunksOf(body, 7_000))
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8')
    const written = (JSON.parse(reply.body) as { path: string }).path
    expect(written).toBe(path.join(libraryDir, 'uploads', `upload-${name}`))
    expect((await readFile(written)).equals(body)).toBe(true)
  })

  it('moves CPU profiles and heap snapshots through /files/*, sessions too, and nothing else', async () => {
    const cookie = await pageCookie()
    const profile = await send(files, 'GET', '/files/download?kind=profile&id=p1', { Cookie: cookie })
    expect(profile.status).toBe(200)
    expect(profile.headers['content-disposition']).toContain('filename="p1.cpuprofile"')
    expect(profile.body).toBe('{"nodes":[],"samples":[],"timeDeltas":[]}')
    expect(await send(files, 'GET', '/files/download?kind=heapsnapshot&id=h9', { Cookie: cookie })).toMatchObject({ status: 404, body: 'no heapsnapshot h9\n' })
    expect((await send(files, 'GET', '/files/download?kind=profile', { Cookie: cookie })).status).toBe(400)
    expect((await send(files, 'GET', '/files/download?kind=other&id=p1', { Cookie: cookie })).status).toBe(400)
    expect((await send(files, 'GET', '/files/download?kind=session&id=s3', { Cookie: cookie })).status).toBe(200)
    for (const name of ['trace.cpuprofile', 'heap.heapsnapshot', 'again.spyglass']) {
      const reply = await send(files, 'POST', `/files/upload?name=${name}`, { Cookie: cookie, Origin: origin() }, chunksOf(Buffer.from('{}'), 8))
      expect(reply.status).toBe(200)
      expect(await readFile((JSON.parse(reply.body) as { path: string }).path, 'utf8')).toBe('{}')
    }
    const refused = await send(files, 'POST', '/files/upload?name=notes.txt', { Cookie: cookie, Origin: origin() }, chunksOf(Buffer.from('{}'), 8))
    expect(refused).toMatchObject({ status: 400, body: 'spyglass: only .spyglass, .cpuprofile, .heapsnapshot files can be uploaded\n' })
    // The session route still takes sessions only.
    expect((await send(files, 'POST', '/sessions/upload?name=trace.cpuprofile', { Cookie: cookie, Origin: origin() }, chunksOf(Buffer.from('{}'), 8))).status).toBe(400)
    expect(saved).toContain('s3')
  })

  it('accepts an upload from a client without an Origin only with the token in the query', async () => {
    const query = `/sessions/upload?name=cli.spyglass`
    expect((await send(files, 'POST', query, { Cookie: await pageCookie() }, [Buffer.from('PK')])).status).toBe(403)
    const reply = await send(files, 'POST', `${query}&token=${files.token}`, {}, [Buffer.from('PK')])
    expect(reply.status).toBe(200)
  })

  it('refuses uploads from a foreign origin, without the token, with a bad name or too big', async () => {
    const cookie = await pageCookie()
    const post = (query: string, headers: Record<string, string>, body: Buffer[] = [Buffer.from('PK')]) => send(files, 'POST', query, headers, body)
    const evil = await post('/sessions/upload?name=x.spyglass', { Cookie: cookie, Origin: 'http://evil.example' })
    expect(evil.status).toBe(403)
    expect(evil.body).toContain('origin http://evil.example is not allowed')
    expect((await post('/sessions/upload?name=x.spyglass', { Origin: origin() })).status).toBe(401)
    for (const name of ['', 'notes.txt', '.spyglass', '../x.spyglass', 'a/b.spyglass', 'a\\b.spyglass']) {
      const reply = await post(`/sessions/upload?name=${encodeURIComponent(name)}`, { Cookie: cookie, Origin: origin() })
      expect(reply.status, name).toBe(400)
    }
    expect((await send(files, 'GET', '/sessions/upload?name=x.spyglass', { Cookie: cookie })).status).toBe(405)

    // Declared too big: refused before a byte is written (the body is read and dropped, so the answer is not lost in a reset).
    const declared = await send(files, 'POST', '/sessions/upload?name=big.spyglass', { Cookie: cookie, Origin: origin(), 'Content-Length': String(uploadLimitBytes + 1) }, chunksOf(Buffer.alloc(uploadLimitBytes + 1), 8_192))
    expect(declared.status).toBe(413)
    // Streamed (chunked, no length) past the limit: refused, and the partial file is gone.
    const streamed = await send(files, 'POST', '/sessions/upload?name=big.spyglass', { Cookie: cookie, Origin: origin() }, chunksOf(Buffer.alloc(uploadLimitBytes * 2), 8_192))
    expect(streamed.status).toBe(413)
    expect(streamed.body).toBe('spyglass: the upload is larger than 64 KiB\n')
    await expect(readFile(path.join(libraryDir, 'uploads', 'upload-big.spyglass'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('removes what an upload wrote when the client goes away mid-way', async () => {
    const partial = path.join(libraryDir, 'uploads', 'upload-abandoned.spyglass')
    const req = request({
      host: '127.0.0.1',
      port: files.port,
      path: '/sessions/upload?name=abandoned.spyglass',
      method: 'POST',
      headers: { Cookie: await pageCookie(), Origin: origin() }
    })
    // Destroying the request below fails it on purpose.
    req.on('error', () => undefined)
    req.write(Buffer.alloc(4_096, 1))
    await expect.poll(() => readFile(partial).then((b) => b.length, () => 0)).toBe(4_096)
    req.destroy()
    await expect.poll(() => readFile(partial).then(() => 'present', (e: NodeJS.ErrnoException) => e.code)).toBe('ENOENT')
  })

  it('answers a failed write with one line and leaves no file', async () => {
    // The host names a path whose folder is a file: the write fails however the disk is.
    await writeFile(path.join(libraryDir, 'not-a-folder'), 'x')
    const blocked = await startServer({
      workbench,
      rendererDir,
      warn: (line) => warnings.push(line),
      files: { saveForDownload: async () => '/nowhere', uploadPath: (name) => path.join(libraryDir, 'not-a-folder', 'sub', name) }
    })
    try {
      const reply = await send(blocked, 'POST', `/sessions/upload?name=x.spyglass&token=${blocked.token}`, {}, chunksOf(Buffer.alloc(20_000), 4_096))
      expect(reply.status).toBe(500)
      expect(warnings.at(-1)).toMatch(/serving \/sessions\/upload\?name=x\.spyglass.* failed/)
    } finally {
      await blocked.close()
    }
  })

  it('answers 404 for the routes when the host has no session files', async () => {
    const cookie = cookieFrom(await get(`/?token=${server.token}`))
    expect((await get('/sessions/download?id=s1', { Cookie: cookie })).status).toBe(404)
  })
})

interface BinaryReply extends Reply {
  raw: Buffer
}

function chunksOf(data: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = []
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size))
  return chunks
}

/**
 * Any method against a server, the body written chunk by chunk (chunked encoding unless a
 * Content-Length is given). Resolves with the answer even when the server closes the connection
 * under a body it refused.
 */
function send(target: RunningServer, method: string, rawPath: string, headers: Record<string, string> = {}, body?: Buffer[]): Promise<BinaryReply> {
  return new Promise((resolve, reject) => {
    let answered = false
    // A keep-alive connection of its own, as a browser's: a refused body must not be mistaken for
    // the next request, and asking for `Connection: close` would change how the server ends it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const req = request({ host: '127.0.0.1', port: target.port, path: rawPath, method, headers, agent }, (res) => {
      answered = true
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        agent.destroy()
        const raw = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString('utf8'), raw })
      })
    })
    // Writing into a connection the server closed after refusing fails; its answer is what counts.
    req.on('error', (error) => {
      if (answered) return
      agent.destroy()
      reject(error)
    })
    if (body === undefined) {
      req.end()
      return
    }
    const write = (i: number): void => {
      if (i >= body.length || answered || req.destroyed) {
        req.end()
        return
      }
      if (req.write(body[i])) setImmediate(() => write(i + 1))
      else req.once('drain', () => write(i + 1))
    }
    write(0)
  })
}
