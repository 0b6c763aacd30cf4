// The debugger part of a session: where the target paused and resumed, what logpoints printed and
// how breakpoints changed, as records of the `debugger` stream (ndjson in the .spyglass file).
import type { DebuggerRecord } from '../../shared/debuggerTypes'
import type { RecorderStream } from '../sessions'
import type { DebuggerService } from './debuggerService'

export const debuggerStreamName = 'debugger'

export function debuggerRecorderStream(service: DebuggerService): RecorderStream {
  return {
    name: debuggerStreamName,
    start(context) {
      // The breakpoints already set are where the recording starts from.
      const initial: DebuggerRecord[] = service.breakpoints(context.rootId).map((breakpoint) => ({ type: 'breakpoint', time: Date.now(), breakpoint }))
      if (initial.length > 0) context.writer.appendRecords(debuggerStreamName, initial)
      const off = service.on('record', ({ rootId, record }) => {
        if (context.includes(rootId)) context.writer.appendRecords(debuggerStreamName, [record])
      })
      return { stop: () => off() }
    }
  }
}
