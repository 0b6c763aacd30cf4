// Unhandled promise rejections in every --unhandled-rejections mode. V8 pauses on them only when
// Node turns them into uncaught exceptions ('throw', 'strict'); under 'warn' Node only prints a
// warning and under 'none' nothing at all. Node always emits process 'unhandledRejection' first
// and checks emit's return value to decide; so the target's process.emit is wrapped to report
// that event (and the uncaught-exception monitor event 'strict' mode raises instead) through an
// inspector binding. No listener is added and emit's result is passed
// through: the program behaves exactly as it would unobserved.
import type { CdpClient } from '../targets'
import { createLogger } from '../log'

const log = createLogger('console')

export const rejectionBindingName = '__spyglassUnhandledRejection'

export interface RejectionReport {
  /** `Type: message` for errors, a short rendering of anything else that was rejected. */
  text: string
  /** The error's stack text, when the reason is an error. */
  stack: string | null
  /** When the target saw it (epoch ms), by its own clock. */
  time: number
}

// Runs inside the target (plain JS, no closure over this module). Guarded so that a reconnect,
// a second Spyglass or a worker sharing nothing wraps emit once per process object.
const installer = `(() => {
  if (typeof process !== 'object' || process === null || typeof process.emit !== 'function') return false
  const marker = Symbol.for('spyglass.unhandledRejection')
  if (process[marker]) return true
  const original = process.emit
  const describe = (reason) => {
    if (typeof reason === 'string') return JSON.stringify(reason)
    try { return JSON.stringify(reason) ?? String(reason) } catch { return Object.prototype.toString.call(reason) }
  }
  Object.defineProperty(process, marker, { value: true })
  process.emit = function (name, reason, origin) {
    // 'strict' mode raises the rejection as an uncaught exception before (or instead of) the
    // 'unhandledRejection' event; the monitor event names where it came from.
    if (name === 'unhandledRejection' || (name === 'uncaughtExceptionMonitor' && origin === 'unhandledRejection')) {
      try {
        const report = globalThis[${JSON.stringify(rejectionBindingName)}]
        if (typeof report === 'function') {
          const isError = reason !== null && typeof reason === 'object' && typeof reason.stack === 'string'
          report(JSON.stringify(isError
            ? { text: String(reason.name ?? 'Error') + ': ' + String(reason.message ?? ''), stack: String(reason.stack), time: Date.now() }
            : { text: describe(reason), stack: null, time: Date.now() }))
        }
      } catch (error) {
        // Observing must never change what the program does.
      }
    }
    return original.apply(this, arguments)
  }
  return true
})()`

export function parseRejectionReport(payload: string): RejectionReport | null {
  try {
    const value = JSON.parse(payload) as Partial<RejectionReport>
    if (typeof value.text !== 'string') return null
    return { text: value.text, stack: typeof value.stack === 'string' ? value.stack : null, time: typeof value.time === 'number' ? value.time : Date.now() }
  } catch (error) {
    // A payload we did not write (another tool calling the binding): not a report.
    log.debug('dropped a rejection report that is not JSON', error)
    return null
  }
}

/** Installs the observer; reports arrive through `onReport`. */
export function captureUnhandledRejections(cdp: CdpClient, onReport: (report: RejectionReport) => void): void {
  cdp.on('Runtime.bindingCalled', (event) => {
    if (event.name !== rejectionBindingName) return
    const report = parseRejectionReport(event.payload)
    if (report) onReport(report)
  })
  void cdp
    .trySend('Runtime.addBinding', { name: rejectionBindingName })
    .then(() => cdp.trySend('Runtime.evaluate', { expression: installer, silent: true, includeCommandLineAPI: false }))
}
