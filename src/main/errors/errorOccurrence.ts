// Which console events are errors, and what type, code and message each one carries: uncaught
// exceptions, unhandled rejections, Error objects passed to console.error/warn, and error text
// or process warnings on a launched target's stderr.
import type { ConsoleEvent, StackFrame } from '../../shared/consoleTypes'

export type ErrorKind = 'uncaught' | 'unhandledRejection' | 'logged' | 'warning'

export interface ErrorOccurrence {
  kind: ErrorKind
  type: string
  code: string | null
  message: string
  stack: StackFrame[] | undefined
  time: number
  event: ConsoleEvent
}

/** `TypeError: msg`, `Error [ERR_X]: msg`, `SomeError: msg`; the type is a JS identifier. */
const headline = /^([A-Za-z_$][\w$]*)(?: \[([A-Za-z][A-Za-z0-9_]*)\])?: ([\s\S]*)$/
/** `(node:1234) [DEP0005] DeprecationWarning: msg` as Node prints process warnings. */
const processWarning = /^\(node:\d+\) (?:\[([A-Z0-9_]+)\] )?([A-Za-z]*Warning): ([\s\S]*)$/
const errorTypeName = /(?:Error|Exception)$/
const systemCode = /\b(E(?:CONN(?:REFUSED|RESET|ABORTED)|ADDR(?:INUSE|NOTAVAIL)|ACCES|PERM|NOENT|PIPE|MFILE|NFILE|TIMEDOUT|SOCKETTIMEDOUT|NOTFOUND|AI_AGAIN|EXIST|ISDIR|NOTDIR|NOTEMPTY|BUSY|INVAL|HOSTUNREACH|NETUNREACH|NOMEM|NOSPC|ROFS|XDEV))\b/
const nodeCode = /\b(ERR_[A-Z0-9_]+|MODULE_NOT_FOUND|ABORT_ERR)\b/

function codeIn(text: string, bracketed: string | undefined): string | null {
  return bracketed ?? nodeCode.exec(text)?.[1] ?? systemCode.exec(text)?.[1] ?? null
}

interface Parsed {
  type: string
  code: string | null
  message: string
}

/** Splits `Type [CODE]: message`; a bare value (a rejected string) keeps its text as the message. */
export function parseErrorHeadline(text: string, fallbackType: string): Parsed {
  const firstLine = text.split('\n')[0].trim()
  const match = headline.exec(firstLine)
  if (match && (errorTypeName.test(match[1]) || match[1] === 'Error' || /Warning$/.test(match[1]))) {
    const [, type, bracketed, message] = match
    // `DOMException [TimeoutError]: …` names the error in brackets; `Error [ERR_X]: …` its code.
    if (bracketed && !/^[A-Z0-9_]+$/.test(bracketed)) return { type: bracketed, code: codeIn(message, undefined), message }
    return { type, code: codeIn(message, bracketed), message }
  }
  return { type: fallbackType, code: codeIn(firstLine, undefined), message: firstLine }
}

/** A process warning as Node prints it (through console.error or straight to stderr); undefined when the text is none. */
function processWarningOf(text: string, base: Pick<ErrorOccurrence, 'stack' | 'time' | 'event'>): ErrorOccurrence | null | undefined {
  const warning = processWarning.exec(text.split('\n')[0].trim())
  if (!warning) return undefined
  const [, bracketCode, type, message] = warning
  if (type === 'PromiseRejectionHandledWarning') return null
  // Node's 'warn' mode prints the rejection as a warning; the inspector binding reports the rejection itself.
  if (type === 'UnhandledPromiseRejectionWarning') return null
  return { ...base, type, code: bracketCode ?? codeIn(message, undefined), message, kind: 'warning' }
}

const uncaughtPrefix = /^Uncaught(?: \(in promise\))?\s*/

export function errorOccurrenceOf(event: ConsoleEvent): ErrorOccurrence | null {
  const base = { stack: event.stack, time: event.time, event }
  if (event.source === 'exception') {
    const rejection = /^Uncaught \(in promise\)/.test(event.text)
    const parsed = parseErrorHeadline(event.text.replace(uncaughtPrefix, ''), rejection ? 'UnhandledRejection' : 'Uncaught')
    return { ...base, ...parsed, kind: rejection ? 'unhandledRejection' : 'uncaught' }
  }
  if (event.source === 'console') {
    if (event.level !== 'error' && event.level !== 'warn') return null
    const warning = processWarningOf(event.text, base)
    if (warning !== undefined) return warning
    // DOMException (AbortSignal.timeout's TimeoutError) is an error without the inspector's error subtype.
    const errorArg = event.args?.find((a) => a.subtype === 'error' || /(?:Error|Exception)$/.test(a.className ?? ''))
    if (errorArg) {
      // Such objects print as `DOMException { stack: 'TimeoutError: …' }`: their stack names them.
      const fromStack = errorArg.subtype === 'error' ? null : /stack: '([A-Za-z_$][\w$]*: [^'\\…]*)/.exec(errorArg.text)?.[1]
      return { ...base, ...parseErrorHeadline(fromStack ?? errorArg.text, errorArg.className ?? 'Error'), kind: 'logged' }
    }
    // Text that reads like an error (`console.error('TypeError: …')`, a caught error's toString()).
    const parsed = parseErrorHeadline(event.text, '')
    if (parsed.type && errorTypeName.test(parsed.type)) return { ...base, ...parsed, kind: 'logged' }
    return null
  }
  if (event.source === 'stderr') {
    const warning = processWarningOf(event.text, base)
    if (warning !== undefined) return warning
    // Node's report of a fatal error: the error's own `Type: message` line (after the source excerpt).
    const line = event.text.split('\n').find((l) => headline.test(l.trim()) && errorTypeName.test(headline.exec(l.trim())![1]))
    if (line) return { ...base, ...parseErrorHeadline(line.trim(), 'Error'), kind: 'uncaught' }
    return null
  }
  return null
}
