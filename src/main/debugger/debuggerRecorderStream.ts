// The debugger part of a session: where the target paused and resumed, what logpoints printed and
// how breakpoints changed, as records of the `debugger` stream (ndjson in the .spyglass file); and
// the text of each file it stopped or logged in, once, so that an opened session can show it.
import type { DebuggerRecord } from '../../shared/debuggerTypes'
import type { RecorderStream } from '../sessions'
import type { DebuggerService } from './debuggerService'

export const debuggerStreamName = 'debugger'

/** Bigger files are not kept in the recording (the opened session shows their location only). */
export const maxRecordedSourceChars = 2 * 1024 * 1024

export function debuggerRecorderStream(service: DebuggerService): RecorderStream {
  return {
    name: debuggerStreamName,
    start(context) {
      // The breakpoints already set are where the recording starts from.
      const initial: DebuggerRecord[] = service.breakpoints(context.rootId).map((breakpoint) => ({ type: 'breakpoint', time: Date.now(), breakpoint }))
      if (initial.length > 0) context.writer.appendRecords(debuggerStreamName, initial)
      let stopped = false
      const kept = new Set<string>()
      const reading = new Set<Promise<void>>()
      const keepText = async (targetId: string, url: string): Promise<void> => {
        if (kept.has(url)) return
        kept.add(url)
        const source = await service.trySourceText(targetId, url)
        if (stopped || !source || source.text.length > maxRecordedSourceChars) return
        context.writer.appendRecords(debuggerStreamName, [{ type: 'source', time: Date.now(), targetId, url, text: source.text, language: source.language }])
      }
      const off = service.on('record', ({ rootId, record }) => {
        if (!context.includes(rootId)) return
        context.writer.appendRecords(debuggerStreamName, [record])
        if ((record.type === 'pause' || record.type === 'logpoint') && record.location?.url) {
          const read = keepText(record.targetId, record.location.url)
          reading.add(read)
          void read.finally(() => reading.delete(read))
        }
      })
      return {
        stop: async () => {
          off()
          // A file being read for the last pause still goes in (each read is one bounded request).
          await Promise.all(reading)
          stopped = true
        }
      }
    }
  }
}
