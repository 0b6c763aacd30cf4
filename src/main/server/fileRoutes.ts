// The HTTP routes that move files between the browser and the host, because a page can neither
// write a file where the workbench reads it nor be handed a native save dialog, and big files do
// not belong in WebSocket frames. Every kind the workbench imports and exports goes through them:
// GET /files/download?kind= streams a saved session, a CPU profile or a heap snapshot as an
// attachment; POST /files/upload streams a file the user picked onto the host's disk so that
// `sessions.open {path}` (or a profile or snapshot import) can read it. /sessions/download and
// /sessions/upload are the first routes, for .spyglass files only, kept as they were.
// All run after the token check; an upload also needs our own Origin, as the WebSocket does.
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, stat, unlink } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { formatBytes } from '../../shared/formatBytes'
import { UserError } from '../../shared/userError'
import { securityHeaders, sendText } from './rendererPage'

/** What the host provides for the file routes; `spyglass serve` wires it to the workbench. */
export interface FileHost {
  /** Saves the session into the library folder (it joins the recent list) and returns the file's path. */
  saveForDownload(sessionId: string): Promise<string>
  /** Where an upload named `name` (a bare file name with one of uploadExtensions) is written. */
  uploadPath(name: string): string
  /** The file of a CPU profile or heap snapshot the workbench holds (for /files/download). */
  artifactPath?(kind: ArtifactDownloadKind, id: string): Promise<string> | string
}

export type ArtifactDownloadKind = 'profile' | 'heapsnapshot'

/**
 * /sessions/*: .spyglass files only (the first routes, kept as they were). /files/*: every kind
 * the workbench imports and exports — sessions, CPU profiles and heap snapshots.
 */
export const sessionRoutes = { download: '/sessions/download', upload: '/sessions/upload' } as const
export const fileRoutes = { download: '/files/download', upload: '/files/upload' } as const
const sessionExtensions = ['.spyglass']
export const uploadExtensions = ['.spyglass', '.cpuprofile', '.heapsnapshot']
export const defaultUploadLimitBytes = 8 * 1024 ** 3

export interface FileRouteContext {
  files: FileHost | undefined
  uploadLimitBytes: number
  /** Null when the request may post: the token travelled in the query without an Origin, or the Origin is ours. */
  originRefusal(request: IncomingMessage, carried: 'query' | 'cookie'): string | null
}

export function isFileRoute(pathname: string): boolean {
  return pathname === sessionRoutes.download || pathname === sessionRoutes.upload || pathname === fileRoutes.download || pathname === fileRoutes.upload
}

export async function handleFileRoute(
  context: FileRouteContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  carried: 'query' | 'cookie'
): Promise<void> {
  if (!context.files) {
    sendText(response, 404, 'not found')
    return
  }
  if (url.pathname === sessionRoutes.download || url.pathname === fileRoutes.download) {
    if (request.method !== 'GET') {
      sendText(response, 405, 'method not allowed', { Allow: 'GET' })
      return
    }
    const kind = url.pathname === fileRoutes.download ? (url.searchParams.get('kind') ?? 'session') : 'session'
    if (kind === 'session') await sendDownload(context.files, response, url)
    else if (kind === 'profile' || kind === 'heapsnapshot') await sendArtifact(context.files, kind, response, url)
    else sendText(response, 400, 'spyglass: ?kind= is one of session, profile, heapsnapshot')
    return
  }
  if (request.method !== 'POST') {
    sendText(response, 405, 'method not allowed', { Allow: 'POST' })
    return
  }
  const refusal = context.originRefusal(request, carried)
  if (refusal) {
    refuseBody(request, response, 403, refusal)
    return
  }
  await receiveUpload(context, request, response, url, url.pathname === fileRoutes.upload ? uploadExtensions : sessionExtensions)
}

async function sendArtifact(files: FileHost, kind: ArtifactDownloadKind, response: ServerResponse, url: URL): Promise<void> {
  const id = url.searchParams.get('id')
  if (!id) {
    sendText(response, 400, `spyglass: which ${kind === 'profile' ? 'profile' : 'snapshot'}? pass &id=<id>`)
    return
  }
  let filePath: string
  try {
    if (!files.artifactPath) throw new UserError('NOT_FOUND', `this workbench serves no ${kind} files`)
    filePath = await files.artifactPath(kind, id)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    sendText(response, statusOf(error), oneLine(error.message))
    return
  }
  const info = await stat(filePath)
  const extension = kind === 'profile' ? '.cpuprofile' : '.heapsnapshot'
  const name = path.basename(filePath).endsWith(extension) ? path.basename(filePath) : `${id}${extension}`
  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': String(info.size),
    'Content-Disposition': attachmentDisposition(name),
    'Cache-Control': 'no-store',
    ...securityHeaders
  })
  await streamFile(filePath, response)
}

/**
 * Streams a file as the body. A client that closes its connection as soon as it has read the last
 * byte can do so before the response reports it finished: that is a complete download, not a
 * failure of the server.
 */
async function streamFile(filePath: string, response: ServerResponse): Promise<void> {
  try {
    await pipeline(createReadStream(filePath), response)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' && response.writableEnded) return
    throw error
  }
}

async function sendDownload(files: FileHost, response: ServerResponse, url: URL): Promise<void> {
  const id = url.searchParams.get('id')
  if (!id) {
    sendText(response, 400, 'spyglass: which session? pass ?id=<session id>')
    return
  }
  let filePath: string
  try {
    filePath = await files.saveForDownload(id)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    sendText(response, statusOf(error), oneLine(error.message))
    return
  }
  const info = await stat(filePath)
  response.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Length': String(info.size),
    'Content-Disposition': attachmentDisposition(path.basename(filePath)),
    'Cache-Control': 'no-store',
    ...securityHeaders
  })
  await streamFile(filePath, response)
}

async function receiveUpload(context: FileRouteContext, request: IncomingMessage, response: ServerResponse, url: URL, extensions: readonly string[]): Promise<void> {
  const name = url.searchParams.get('name') ?? ''
  const nameProblem = uploadNameProblem(name, extensions)
  if (nameProblem) {
    refuseBody(request, response, 400, nameProblem)
    return
  }
  const declared = request.headers['content-length']
  if (declared !== undefined && Number(declared) > context.uploadLimitBytes) {
    refuseBody(request, response, 413, tooLargeLine(context.uploadLimitBytes))
    return
  }
  const target = context.files!.uploadPath(name)
  await mkdir(path.dirname(target), { recursive: true })
  const limit = new ByteLimit(context.uploadLimitBytes)
  // request.pipe rather than pipeline(request, …): a failure downstream must leave the request
  // (and its socket) alone so that the 413 can still be answered on it.
  const clientGone = (): void => {
    if (!request.complete) limit.destroy(new Error('the client closed the upload'))
  }
  request.once('close', clientGone)
  request.pipe(limit)
  try {
    await pipeline(limit, createWriteStream(target))
  } catch (error) {
    request.unpipe(limit)
    // A partial file is worth nothing and must not be opened by mistake later.
    await unlink(target).catch((unlinkError: NodeJS.ErrnoException) => {
      if (unlinkError.code !== 'ENOENT') throw unlinkError
    })
    if (limit.exceeded) {
      refuseBody(request, response, 413, tooLargeLine(context.uploadLimitBytes))
      return
    }
    // The client went away mid-upload: there is nobody left to answer.
    if (!request.complete && request.destroyed) return
    // Writing failed (disk full, permissions): the caller answers 500; drop the rest of the body.
    request.resume()
    throw error
  } finally {
    request.off('close', clientGone)
  }
  const body = JSON.stringify({ path: target })
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...securityHeaders
  })
  response.end(body)
}

/** Unknown sessions are 404, a failed write on the host 500, every other user error 400; all carry the one-line message. */
function statusOf(error: UserError): number {
  if (error.code === 'WRITE_FAILED') return 500
  return error.code.startsWith('UNKNOWN') || error.code === 'NOT_FOUND' ? 404 : 400
}

function oneLine(message: string): string {
  return message.split('\n')[0]?.trim() || 'failed'
}

function tooLargeLine(limit: number): string {
  return `spyglass: the upload is larger than ${formatBytes(limit)}`
}

/** A bare file name with one of `extensions`, nothing that could name another folder. */
export function uploadNameProblem(name: string, extensions: readonly string[] = sessionExtensions): string | null {
  if (!name) return `spyglass: pass the file name as ?name=<file>${extensions[0]}`
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (name.length > 255 || /[/\\\u0000-\u001f\u007f]/.test(name) || name === '.' || name === '..') {
    return 'spyglass: the file name must be a plain name, without folders'
  }
  const extension = extensions.find((e) => name.toLowerCase().endsWith(e))
  if (!extension || name.length === extension.length) {
    return extensions.length === 1 ? 'spyglass: only .spyglass session files can be uploaded' : `spyglass: only ${extensions.join(', ')} files can be uploaded`
  }
  return null
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 5987 encoding): the quoted
 * form is an ASCII fallback for old clients, the starred form carries the real name.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/** How long the rest of a refused body is read and dropped before the connection is cut. */
const refusedBodyLingerMs = 5000

/**
 * Answers a request whose body is not wanted. The rest of the body is read and dropped for a
 * while rather than the connection closed at once: closing a socket with unread data sends a
 * TCP reset, which can reach the client before the answer and lose it. A client that goes on
 * sending past that is cut off.
 */
function refuseBody(request: IncomingMessage, response: ServerResponse, status: number, line: string): void {
  sendText(response, status, line)
  if (request.complete) return
  request.resume()
  const timer = setTimeout(() => request.socket.destroy(), refusedBodyLingerMs)
  timer.unref()
  request.once('close', () => clearTimeout(timer))
  request.once('end', () => clearTimeout(timer))
}

/** Passes bytes through until `limit`, then fails the pipeline. */
class ByteLimit extends Transform {
  private seen = 0
  exceeded = false
  constructor(private readonly limit: number) {
    super()
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length
    if (this.seen > this.limit) {
      this.exceeded = true
      callback(new Error('upload limit exceeded'))
      return
    }
    callback(null, chunk)
  }
}
