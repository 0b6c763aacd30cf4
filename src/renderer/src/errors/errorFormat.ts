// Pure text and geometry for the Errors view: relative times, project-relative paths, the
// sparkline of a group's rate. Kept apart from the components so they are trivially testable.
import type { ConsoleSource, StackFrame } from '../../../shared/consoleTypes'

/** "just now", "42s ago", "5m ago", "3h ago", "2d ago"; a time ahead of `now` (another clock) is "just now". */
export function relativeTime(epochMs: number, now: number): string {
  const s = Math.floor((now - epochMs) / 1000)
  if (s < 5) return 'just now'
  if (s < 60) return `${s}s ago`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ago`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h}h ago`
  return `${Math.floor(h / 24)}d ago`
}

/** A local date and time to the second, for tooltips next to relative times. */
export function absoluteTime(epochMs: number): string {
  const d = new Date(epochMs)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/**
 * A script URL as a reader wants it: file URLs as paths, relative to the target's working
 * directory when under it (`src/app.js`), else whole; `node:` and other URLs unchanged.
 */
export function displayPath(url: string, cwd: string | null): string {
  let file = url
  if (file.startsWith('file://')) {
    try {
      file = decodeURIComponent(new URL(file).pathname)
      // file:///C:/x → C:/x on Windows paths.
      if (/^\/[A-Za-z]:\//.test(file)) file = file.slice(1)
    } catch {
      return url // a malformed file URL reads best as it came
    }
  }
  const root = cwd?.replace(/\\/g, '/').replace(/\/+$/, '')
  const normalized = file.replace(/\\/g, '/')
  if (root && normalized.startsWith(`${root}/`)) return normalized.slice(root.length + 1)
  return file
}

/** `fn (file:line)`, the short form of a group's top frame in its list row. */
export function shortFrame(frame: StackFrame, cwd: string | null): string {
  const where = frame.url ? `${displayPath(frame.url, cwd)}:${frame.line}` : ''
  const fn = frame.functionName || '(anonymous)'
  return where ? `${fn} (${where})` : fn
}

const sourceLabels: Record<ConsoleSource, string> = { exception: 'uncaught', console: 'console', stderr: 'stderr', stdout: 'stdout', spyglass: 'spyglass' }

/** How an error reached us, in the words the view uses (exceptions and rejections are "uncaught"). */
export function sourceLabel(source: ConsoleSource): string {
  return sourceLabels[source]
}

/**
 * The sparkline of a group's counts per bucket as an SVG path (a line over a filled area), on a
 * shared timeline of `buckets` buckets so that every row's x axis means the same time. Empty
 * for no data; a single bucket is drawn as a flat line at its height.
 */
export function sparklinePath(rate: readonly number[], buckets: number, width: number, height: number): { line: string; area: string } {
  const n = Math.max(buckets, rate.length)
  if (n === 0 || rate.length === 0) return { line: '', area: '' }
  let max = 0
  for (const v of rate) if (v > max) max = v
  const pad = 1
  const y = (v: number): number => pad + (height - 2 * pad) * (1 - (max === 0 ? 0 : v / max))
  const x = (i: number): number => (n === 1 ? (i === 0 ? 0 : width) : (i / (n - 1)) * width)
  const points: Array<[number, number]> = []
  for (let i = 0; i < n; i++) points.push([x(i), y(rate[i] ?? 0)])
  if (n === 1) points.push([width, points[0][1]])
  const fmt = (v: number): string => (Math.round(v * 10) / 10).toString()
  const line = points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${fmt(px)} ${fmt(py)}`).join('')
  const area = `${line}L${fmt(points[points.length - 1][0])} ${height}L${fmt(points[0][0])} ${height}Z`
  return { line, area }
}

/** "1 s", "64 s", "2 min", "2 h": the size of a chart bucket (the engine doubles it from 1 s as time goes on). */
export function formatBucket(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`
  return `${Math.round(ms / 3_600_000)} h`
}

/** What a docs link leads to, named by its site: "Node.js documentation", "MDN", else the host. */
export function docsLabel(url: string): string {
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return 'Documentation'
  }
  if (host === 'nodejs.org' || host.endsWith('.nodejs.org')) return 'Node.js documentation'
  if (host === 'developer.mozilla.org') return 'MDN documentation'
  return `Documentation on ${host.replace(/^www\./, '')}`
}
