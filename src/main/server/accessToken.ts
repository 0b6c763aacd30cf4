// The per-run secret that every HTTP and WebSocket request to `spyglass serve` must carry.
// Anyone who can reach the port could otherwise drive the inspector, which is code execution
// inside the target, so nothing is served without it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export function createAccessToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Compares in constant time; hashing first makes the inputs equal in length so the length leaks nothing either. */
export function tokensMatch(expected: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(candidate).digest()
  return timingSafeEqual(a, b)
}

/**
 * Cookies are shared by every port of a host, so the name carries the port: two servers on
 * 127.0.0.1 must not overwrite each other's token.
 */
export function tokenCookieName(port: number): string {
  return `spyglass_token_${port}`
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

export function readCookie(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

/** Where the request carried its token, or null when it carried none that matches. */
export function presentedToken(request: IncomingMessage, url: URL, port: number, token: string): 'query' | 'cookie' | null {
  if (tokensMatch(token, url.searchParams.get('token'))) return 'query'
  if (tokensMatch(token, readCookie(request, tokenCookieName(port)))) return 'cookie'
  return null
}
