// The heap part of a session: every heap sample and GC mark of the recorded targets as
// streams/heap.ndjson (what the sampler held before the recording began included), written in
// batches of about a second. The record schema below is what readers validate against.
import { z } from 'zod'
import type { RecorderStream } from '../sessions'
import type { HeapRecord, HeapSampler } from './heapSampler'

export const heapStreamName = 'heap'

/** One line of streams/heap.ndjson. Added in session format 1. */
export const heapStreamRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sample'), targetId: z.string().min(1), time: z.number(), usedBytes: z.number().nonnegative(), totalBytes: z.number().nonnegative() }),
  z.object({
    type: z.literal('gc'),
    targetId: z.string().min(1),
    time: z.number(),
    kind: z.enum(['major', 'minor', 'incremental', 'weakcb', 'forced']),
    durationMs: z.number().nonnegative()
  })
]) satisfies z.ZodType<HeapRecord>

const flushEveryMs = 1000

export function heapRecorderStream(sampler: HeapSampler): RecorderStream {
  return {
    name: heapStreamName,
    start(context) {
      let pending: HeapRecord[] = []
      for (const targetId of context.targetIds) pending.push(...sampler.recordsOf(targetId))
      const flush = (): void => {
        if (pending.length === 0) return
        context.writer.appendRecords(heapStreamName, pending)
        pending = []
      }
      flush()
      const off = sampler.onRecords((records) => {
        for (const record of records) if (context.includes(record.targetId)) pending.push(record)
      })
      const timer = setInterval(flush, flushEveryMs).unref()
      return {
        stop() {
          off()
          clearInterval(timer)
          flush()
        }
      }
    }
  }
}
