// Uncaught exceptions as Node developers mean them. The inspector's Runtime.exceptionThrown fires only
// when an exception kills the process; one that process.on('uncaughtException') handles, an unhandled
// rejection in 'warn' mode, or a crash inside a worker never reaches it. V8's pause-on-uncaught sees
// them all, so exception capture pauses on them, records the exception with its stack, and resumes at once.
import type { Protocol } from 'devtools-protocol'
import { pauseCoordinatorOf, type CdpClient } from '../targets'
import type { NewConsoleEvent } from './eventStore'
import { captureUnhandledRejections, type RejectionReport } from './rejectionCapture'
import { formatRemoteObject, parseStackText, toRemoteValue } from './remoteValue'

const dedupeWindowMs = 2000

export class ExceptionCapture {
  private lastCaptured: { description: string; at: number } | null = null
  /**
   * Rejections seen a moment ago, by first line: V8 may pause on a rejection before Node reports
   * it, and Node may rethrow a reported one as an uncaught exception ('throw' mode). Each side
   * consumes the other's entry so that one rejection is recorded once.
   */
  private readonly recentRejections = new Map<string, number>()

  constructor(private readonly cdp: CdpClient, private readonly add: (event: NewConsoleEvent) => void) {}

  start(): void {
    captureUnhandledRejections(this.cdp, (report) => this.recordRejection(report))
    // Pauses nobody keeps (see targets/pauseCoordinator.ts) are resumed by the coordinator.
    const coordinator = pauseCoordinatorOf(this.cdp)
    coordinator.observe((event) => this.onPaused(event))
    void this.cdp.trySend('Debugger.enable', {}).then(() => coordinator.setPauseOnExceptions('exceptionCapture', 'uncaught'))
  }

  /** Runtime.exceptionThrown for an exception already captured on pause is the same exception. */
  isDuplicate(description: string): boolean {
    const last = this.lastCaptured
    return last !== null && Date.now() - last.at < dedupeWindowMs && firstLine(last.description) === firstLine(description)
  }

  private onPaused(event: Protocol.Debugger.PausedEvent): void {
    // Only uncaught exception pauses are recorded; the user may have asked to pause on caught
    // ones too (the debugger's 'all'). Rejection pauses are not: V8 predicts "uncaught" when the
    // rejection happens, and is wrong for promises handled later (Promise.race, a catch attached
    // after an await); Node's own verdict arrives through the rejection observer (rejectionCapture.ts).
    const caught = (event.data as { uncaught?: boolean } | undefined)?.uncaught === false
    if (event.reason === 'exception' && !caught) this.record(event)
  }

  /** True when the other side already recorded this rejection (and forgets it); else remembers it. */
  private seenRejection(line: string): boolean {
    const now = Date.now()
    for (const [key, at] of this.recentRejections) if (now - at >= dedupeWindowMs) this.recentRejections.delete(key)
    if (this.recentRejections.delete(line)) return true
    this.recentRejections.set(line, now)
    return false
  }

  private recordRejection(report: RejectionReport): void {
    if (this.seenRejection(firstLine(report.text))) return
    const description = report.stack ?? report.text
    this.lastCaptured = { description, at: Date.now() }
    const stack = report.stack ? parseStackText(report.stack) : undefined
    const result: NewConsoleEvent = { time: report.time, level: 'error', source: 'exception', text: `Uncaught (in promise) ${firstLine(report.text)}` }
    if (stack) {
      result.stack = stack
      result.location = stack[0]
    }
    this.add(result)
  }

  private record(event: Protocol.Debugger.PausedEvent): void {
    const exception = event.data as Protocol.Runtime.RemoteObject | undefined
    const description = exception ? (exception.description ?? formatRemoteObject(exception, false)) : 'exception'
    // Node raising a rejection as an uncaught exception ('throw', 'strict') does it from its promise internals.
    const fromPromise = event.callFrames[0]?.url === 'node:internal/process/promises'
    if (fromPromise && this.seenRejection(firstLine(description))) return
    this.lastCaptured = { description, at: Date.now() }
    const prefix = fromPromise ? 'Uncaught (in promise)' : 'Uncaught'
    const stack =
      (exception?.subtype === 'error' ? parseStackText(description) : undefined) ??
      event.callFrames.map((frame) => ({
        functionName: frame.functionName,
        url: frame.url,
        line: frame.location.lineNumber + 1,
        column: (frame.location.columnNumber ?? 0) + 1
      }))
    const result: NewConsoleEvent = {
      time: Date.now(),
      level: 'error',
      source: 'exception',
      text: `${prefix} ${firstLine(description)}`
    }
    if (exception) result.args = [toRemoteValue(exception)]
    if (stack.length > 0) {
      result.stack = stack
      result.location = stack[0]
    }
    this.add(result)
  }
}

function firstLine(text: string): string {
  const end = text.indexOf('\n')
  return end < 0 ? text : text.slice(0, end)
}
