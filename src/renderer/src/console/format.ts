import type { ConsoleEvent, RemoteValue, StackFrame } from '../../../shared/consoleTypes'

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** HH:MM:SS.mmm in local time. */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** The last path segment of a script URL (file:///a/b/c.js?x → c.js); the URL itself when it has none. */
export function basename(url: string): string {
  const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '')
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return cut >= 0 ? path.slice(cut + 1) || url : path || url
}

export function formatLocation(frame: StackFrame): string {
  return `${basename(frame.url)}:${frame.line}:${frame.column}`
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** The badge of a folded row ("×12"), or null for a row that happened once. */
export function repeatBadge(event: Pick<ConsoleEvent, 'repeat'>): string | null {
  return event.repeat !== undefined && event.repeat > 1 ? `×${formatCount(event.repeat)}` : null
}

/** "12 times, last at HH:MM:SS.mmm" */
export function repeatTitle(event: Pick<ConsoleEvent, 'repeat' | 'time' | 'lastTime'>): string {
  return `${formatCount(event.repeat ?? 1)} times, last at ${formatTime(event.lastTime ?? event.time)}`
}

/** What storage cut from an event, as the row says it; null for parts kept whole. */
export function trimmedNotes(event: Pick<ConsoleEvent, 'trimmed' | 'stack'>): { text: string | null; stack: string | null } {
  const originalText = event.trimmed?.text
  const originalFrames = event.trimmed?.stack
  const kept = event.stack?.length ?? 0
  return {
    text: originalText !== undefined ? `cut from ${formatCount(originalText)} characters` : null,
    stack: originalFrames !== undefined && originalFrames > kept ? `${formatCount(kept)} of ${formatCount(originalFrames)} frames` : null
  }
}

/** A piece of a console message: literal text from a format string, or one of the call's arguments. */
export type MessagePart = { kind: 'text'; text: string } | { kind: 'value'; value: RemoteValue; index: number }

/**
 * Applies console format specifiers (%s %d %i %f %o %O %j %c %%) of a first string argument,
 * as Node's util.format does, and lists the remaining arguments after it.
 */
export function messageParts(args: readonly RemoteValue[]): MessagePart[] {
  if (args.length === 0) return []
  const [first, ...rest] = args
  if (first.type !== 'string' || !first.text.includes('%')) {
    return args.flatMap((value, index): MessagePart[] => (index === 0 ? [{ kind: 'value', value, index }] : [{ kind: 'text', text: ' ' }, { kind: 'value', value, index }]))
  }
  const parts: MessagePart[] = []
  let next = 1
  let literal = ''
  const format = first.text
  for (let i = 0; i < format.length; i++) {
    const c = format[i]
    const spec = format[i + 1]
    if (c !== '%' || spec === undefined) {
      literal += c
      continue
    }
    if (spec === '%') {
      literal += '%'
      i++
    } else if ('sdifoOjc'.includes(spec) && next <= rest.length) {
      i++
      const value = args[next]
      const index = next++
      if (spec === 'c') continue // CSS styling has no meaning here
      if (literal) parts.push({ kind: 'text', text: literal })
      literal = ''
      if (spec === 'd' || spec === 'i') parts.push({ kind: 'text', text: value.type === 'number' ? String(Math.trunc(Number(value.text))) : 'NaN' })
      else if (spec === 's' && value.type === 'string') parts.push({ kind: 'text', text: value.text })
      else parts.push({ kind: 'value', value, index })
    } else {
      literal += c
    }
  }
  if (literal) parts.push({ kind: 'text', text: literal })
  for (let i = next; i < args.length; i++) {
    parts.push({ kind: 'text', text: ' ' })
    parts.push({ kind: 'value', value: args[i], index: i })
  }
  return parts
}

/** CSS class for a value's type: numbers, keywords, strings, functions are colored apart. */
export function valueClass(value: RemoteValue): string {
  if (value.subtype === 'null') return 'v-null'
  if (value.subtype === 'error') return 'v-error'
  switch (value.type) {
    case 'number':
    case 'bigint':
      return 'v-number'
    case 'boolean':
      return 'v-keyword'
    case 'undefined':
      return 'v-null'
    case 'string':
      return 'v-string'
    case 'symbol':
      return 'v-symbol'
    case 'function':
      return 'v-function'
    default:
      return 'v-object'
  }
}
