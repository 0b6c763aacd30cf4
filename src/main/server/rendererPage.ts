// The built renderer page (out/renderer) as `spyglass serve` hands it out: content types,
// no way out of the folder, and the same Content-Security-Policy the page declares itself.
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { contentSecurityPolicyOf, fallbackContentSecurityPolicy } from '../../shared/contentSecurityPolicy'
import { createLogger } from '../log'

const log = createLogger('server')

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

export function contentTypeOf(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

/** The policy the page declares in its <meta> tag, or a strict default. */
export async function readPageContentSecurityPolicy(rendererDir: string): Promise<string> {
  try {
    return contentSecurityPolicyOf(await readFile(path.join(rendererDir, 'index.html'), 'utf8')) ?? fallbackContentSecurityPolicy
  } catch (error) {
    // A missing page is reported per request (404); the header still has to be strict.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallbackContentSecurityPolicy
    throw error
  }
}

/**
 * Maps a URL path onto a file inside `rootDir`, or null when it would leave the folder
 * (`..`, encoded `%2e%2e`, NUL bytes, malformed escapes) — callers answer 404 either way.
 */
export function resolveStaticPath(rootDir: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const root = path.resolve(rootDir)
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const resolved = path.resolve(root, relative)
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null
  return resolved
}

export interface StaticResponseOptions {
  rootDir: string
  urlPath: string
  method: string
  contentSecurityPolicy: string
  extraHeaders?: Record<string, string>
}

/** Answers one GET/HEAD for a file of the renderer folder. */
export async function sendStaticFile(response: ServerResponse, options: StaticResponseOptions): Promise<void> {
  const filePath = resolveStaticPath(options.rootDir, options.urlPath)
  const info = filePath ? await stat(filePath).catch(log.dropped('no page file', null)) : null
  if (!filePath || !info?.isFile()) {
    sendText(response, 404, 'not found')
    return
  }
  const isPage = path.extname(filePath).toLowerCase() === '.html'
  response.writeHead(200, {
    'Content-Type': contentTypeOf(filePath),
    'Content-Length': String(info.size),
    // The page carries the token in its URL and must never come from a cache; assets are revalidated.
    'Cache-Control': isPage ? 'no-store' : 'private, no-cache',
    'Content-Security-Policy': options.contentSecurityPolicy,
    ...securityHeaders,
    ...options.extraHeaders
  })
  if (options.method === 'HEAD') {
    response.end()
    return
  }
  createReadStream(filePath)
    .on('error', (error) => response.destroy(error))
    .pipe(response)
}

export const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

/** Every refusal is one line of text, so that curl users and tests read the reason directly. */
export function sendText(response: ServerResponse, status: number, line: string, headers: Record<string, string> = {}): void {
  const body = `${line}\n`
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...securityHeaders,
    ...headers
  })
  response.end(body)
}
