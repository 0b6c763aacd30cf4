// The console stream of a session: what is already stored for the session's targets (so that
// recording after attaching loses nothing still in memory), then every occurrence as captured
// (repetitions the store folds into one row are written one by one).
import type { ConsoleEvent } from '../../shared/consoleTypes'
import type { RecorderContext, RecorderStream } from '../sessions'
import type { ConsoleService } from './consoleService'

export function consoleRecorderStream(console: ConsoleService): RecorderStream {
  return {
    name: 'console',
    start(context: RecorderContext) {
      // Per target, the highest seq written: a batch can repeat what the backfill already took.
      const written = new Map<string, number>()
      const write = (targetId: string, events: readonly ConsoleEvent[]): void => {
        const after = written.get(targetId) ?? 0
        const fresh = events.filter((e) => e.seq > after)
        if (fresh.length === 0) return
        written.set(targetId, fresh[fresh.length - 1].seq)
        context.appendEvents(fresh)
      }
      const backfill = (targetId: string): void => {
        const store = console.storeFor(targetId)
        context.missedEvents(store.stats().dropped)
        write(targetId, [...store.all()])
        // Rows stand for their repetitions too, whose seqs they fold: none of those may come again.
        written.set(targetId, Math.max(written.get(targetId) ?? 0, store.lastSeq))
      }
      // Send what is pending first, so that the store holds everything the batches will not repeat.
      console.flush()
      for (const targetId of context.targetIds) backfill(targetId)
      context.onTargetAdded(backfill)
      const unsubscribe = console.onCaptured((batch) => {
        if (context.includes(batch.targetId)) write(batch.targetId, batch.events)
      })
      return {
        stop() {
          console.flush()
          unsubscribe()
        }
      }
    }
  }
}
