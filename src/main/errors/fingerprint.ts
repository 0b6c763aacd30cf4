// Fingerprints that put the same problem into one group (learnt from Sentry's grouping): the
// error type plus the top in-app frames, normalised (function and project-relative file, no
// line or column); without a usable stack, the message with its volatile parts replaced.
import { createHash } from 'node:crypto'
import type { StackFrame } from '../../shared/consoleTypes'

/** How many in-app frames make a fingerprint: enough to tell call sites apart, few enough to survive refactors below them. */
export const fingerprintFrames = 3

// One rule for what is in-app, shared with the renderer's stack view.
import { frameOrigin } from '../../shared/frameOrigin'
import { createLogger } from '../log'

const log = createLogger('errors')
export { frameOrigin, type FrameOrigin } from '../../shared/frameOrigin'

/** A file URL or path, relative to the project root when under it, without a query or hash. */
export function projectRelative(url: string, projectRoot: string | null): string {
  let file = url.replace(/[?#].*$/, '')
  if (file.startsWith('file://')) {
    try {
      file = decodeURIComponent(new URL(file).pathname)
    } catch (error) {
      // A malformed file URL is still a stable string to group by.
      log.debug(`grouping by the malformed file URL ${file}`, error)
    }
  }
  file = file.replace(/\\/g, '/')
  const root = projectRoot?.replace(/\\/g, '/').replace(/\/+$/, '')
  if (root && file.startsWith(`${root}/`)) return file.slice(root.length + 1)
  // Outside the project (a global install, a temp dir): the part from node_modules on, or the base name.
  const modules = file.lastIndexOf('/node_modules/')
  if (modules >= 0) return file.slice(modules + 1)
  return file
}

/** The frames that say where the problem is: the app's own, else dependencies', else whatever is there. */
export function groupingFrames(stack: readonly StackFrame[] | undefined): StackFrame[] {
  if (!stack || stack.length === 0) return []
  for (const origin of ['app', 'dependency'] as const) {
    const frames = stack.filter((f) => frameOrigin(f.url) === origin)
    if (frames.length > 0) return frames.slice(0, fingerprintFrames)
  }
  return stack.slice(0, fingerprintFrames)
}

const volatilePatterns: Array<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>)]+/gi, '<url>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, '<ip>'],
  // IPv6, compressed (::1, fe80::1) or full, with an optional port.
  [/\[?(?<![\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?\]?(?::\d{1,5})?(?![\w:])/gi, '<ip>'],
  [/\[?\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b\]?(?::\d{1,5})?/gi, '<ip>'],
  [/\blocalhost:\d{1,5}\b/gi, 'localhost:<port>'],
  // Absolute paths (POSIX and Windows), quoted or bare.
  [/(?:[A-Za-z]:\\|(?<![\w.])\/)(?:[^\s'"`:,;()]+[\\/])*[^\s'"`:,;()]*/g, '<path>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hash>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b\d+(?:\.\d+)?\b/g, '<n>']
]

/** The message with what changes from one occurrence to the next replaced by placeholders. */
export function normalizeMessage(message: string): string {
  let text = message.trim()
  for (const [pattern, placeholder] of volatilePatterns) text = text.replace(pattern, placeholder)
  return text.replace(/\s+/g, ' ')
}

export interface FingerprintInput {
  type: string
  message: string
  stack?: readonly StackFrame[]
}

export interface Fingerprint {
  /** Stable id of the group: a short hash of `basis`. */
  id: string
  /** What was hashed, readable: `TypeError | handler@src/routes.js > main@src/app.js`. */
  basis: string
}

export function fingerprintOf(input: FingerprintInput, projectRoot: string | null): Fingerprint {
  const frames = groupingFrames(input.stack)
  const where = frames.map((f) => `${f.functionName || '<anonymous>'}@${projectRelative(f.url, projectRoot) || '<anonymous>'}`)
  // An anonymous function names no call site: two callbacks in one file would share a group, so
  // the (normalised) message tells them apart.
  const anonymous = frames.length > 0 && !frames[0].functionName
  const basis =
    where.length === 0
      ? `${input.type} | ${normalizeMessage(input.message)}`
      : `${input.type} | ${where.join(' > ')}${anonymous ? ` | ${normalizeMessage(input.message)}` : ''}`
  return { id: createHash('sha1').update(basis).digest('hex').slice(0, 16), basis }
}
