// Console capture on one target connection: console calls and exceptions from the inspector.
import type { Protocol } from 'devtools-protocol'
import type { ConsoleLevel } from '../../shared/consoleTypes'
import { debuggerEvalUrlPrefix } from '../../shared/debuggerTypes'
import type { CdpClient } from '../targets'
import type { NewConsoleEvent } from './eventStore'
import { formatConsoleArgs, formatRemoteObject, fromCallFrames, parseStackText, toRemoteValue } from './remoteValue'
import type { EchoExpectation, StdioStream } from './stdioLines'
import { ExceptionCapture } from './exceptionCapture'

type ConsoleApiType = Protocol.Runtime.ConsoleAPICalledEvent['type']

const levelOf: Partial<Record<ConsoleApiType, ConsoleLevel>> = {
  debug: 'debug',
  info: 'info',
  error: 'error',
  warning: 'warn',
  assert: 'error'
}
// Node writes these to stderr; the rest of the console API goes to stdout.
const stderrTypes = new Set<ConsoleApiType>(['error', 'warning', 'trace', 'assert'])
// Calls that print nothing of their own.
const silentTypes = new Set<ConsoleApiType>(['endGroup', 'clear', 'profile', 'profileEnd'])

export interface ConsoleCaptureSink {
  add(event: NewConsoleEvent): void
  /** Set for the launched program: what each console call will echo on stdout/stderr. */
  expectEcho?(expectation: EchoExpectation): void
}

export function captureConsole(cdp: CdpClient, sink: ConsoleCaptureSink): void {
  let lastTrace: string | null = null
  cdp.on('Runtime.consoleAPICalled', (call) => {
    if (call.type === 'endGroup' || call.type === 'clear') return
    // Node's console.trace prints through console.error, which the inspector reports as a second call.
    const traceEcho = lastTrace !== null && call.type === 'error' && call.args.length === 1 && String(call.args[0].value ?? '').startsWith(`Trace: ${lastTrace}`)
    lastTrace = null
    if (traceEcho) return
    const event = consoleCallEvent(call)
    if (call.type === 'trace') lastTrace = event.text
    sink.add(event)
    if (sink.expectEcho && !silentTypes.has(call.type)) sink.expectEcho(echoOf(call, event.text))
  })
  const capture = new ExceptionCapture(cdp, (event) => sink.add(event))
  cdp.on('Runtime.exceptionThrown', ({ timestamp, exceptionDetails }) => {
    if (!capture.isDuplicate(exceptionDetails.exception?.description ?? exceptionDetails.text)) sink.add(exceptionEvent(timestamp, exceptionDetails))
  })
  void cdp.trySend('Runtime.enable')
  capture.start()
}

export function consoleCallEvent(call: Protocol.Runtime.ConsoleAPICalledEvent): NewConsoleEvent {
  const text = call.type === 'assert' ? `Assertion failed${call.args.length ? `: ${formatConsoleArgs(call.args)}` : ''}` : formatConsoleArgs(call.args)
  // A logpoint's console call runs in code the debugger wrote: its line is the breakpoint's frame below.
  const callStack = fromCallFrames(call.stackTrace?.callFrames.filter((frame) => !frame.url.startsWith(debuggerEvalUrlPrefix)))
  // For console.error(err) the interesting stack is the error's own, not the console call's.
  const errorArg = call.args.find((a) => a.subtype === 'error')
  const stack = call.type === 'trace' || call.type === 'assert' ? callStack : errorArg ? parseStackText(errorArg.description ?? '') : undefined
  const event: NewConsoleEvent = {
    time: Math.round(call.timestamp),
    level: levelOf[call.type] ?? 'log',
    source: 'console',
    method: call.type,
    text: errorArg && call.args.length === 1 ? firstLine(errorArg.description ?? text) : text,
    args: call.args.map(toRemoteValue)
  }
  if (stack) event.stack = stack
  if (callStack) event.location = callStack[0]
  return event
}

export function exceptionEvent(timestamp: number, details: Protocol.Runtime.ExceptionDetails): NewConsoleEvent {
  const exception = details.exception
  const description = exception?.description ?? (exception ? formatRemoteObject(exception, false) : '')
  const stack = fromCallFrames(details.stackTrace?.callFrames) ?? parseStackText(description)
  const prefix = details.text && details.text !== 'Uncaught' ? `${details.text.replace(/^Uncaught( \(in promise\))?/, (m) => m)} ` : 'Uncaught '
  const event: NewConsoleEvent = {
    time: Math.round(timestamp),
    level: 'error',
    source: 'exception',
    text: `${prefix}${firstLine(description) || details.text}`.trim()
  }
  if (exception) event.args = [toRemoteValue(exception)]
  if (stack) {
    event.stack = stack
    event.location = stack[0]
  } else if (details.url) {
    event.location = { functionName: '', url: details.url, line: details.lineNumber + 1, column: details.columnNumber + 1 }
  }
  return event
}

function echoOf(call: Protocol.Runtime.ConsoleAPICalledEvent, text: string): EchoExpectation {
  const stream: StdioStream = stderrTypes.has(call.type) ? 'stderr' : 'stdout'
  const at = Date.now()
  if (call.type === 'table') return { stream, lines: ['┌'], loose: true, at }
  if (call.type === 'trace') return { stream, lines: [`Trace: ${firstLine(text)}`], loose: true, at }
  if (call.type === 'assert') return { stream, lines: ['Assertion failed'], loose: true, at }
  const firstObject = call.args.find((a) => a.type === 'object' && a.subtype !== 'null' || a.type === 'function')
  if (!firstObject) return { stream, lines: text.split('\n'), loose: false, at }
  // An object prints as util.inspect decides (one line or many); the text before it and its head are stable.
  const fullText = formatRemoteObject(firstObject, true)
  const objectText = firstObject.subtype === 'error' ? firstLine(fullText) : fullText
  const before = text.indexOf(objectText) >= 0 ? text.slice(0, text.indexOf(objectText)) : ''
  const objectLine = firstLine(objectText)
  const brace = firstObject.subtype === 'error' ? -1 : objectLine.search(/[{[]/)
  const head = brace >= 0 ? objectLine.slice(0, brace + 1) : objectLine
  return { stream, lines: [before + head], loose: true, at }
}

function firstLine(text: string): string {
  const end = text.indexOf('\n')
  return end < 0 ? text : text.slice(0, end)
}
