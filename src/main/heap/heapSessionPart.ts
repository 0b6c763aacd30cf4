// The heap's part of a saved session: its snapshots with their summaries and the heap trend with
// its leak verdict (for `spyglass inspect`), and the recorded trend the read-only Memory view shows.
import type { HeapGcMark } from '../../shared/heapApi'
import type { SessionPart } from '../sessions'
import type { HeapSample } from './heapSeries'
import { formatSessionHeap, readHeapStream, summarizeSessionHeap, type SessionHeap } from './heapSessionSummary'

/** The heap samples and GC marks of the session's process. */
export interface RecordedHeap {
  samples: HeapSample[]
  marks: HeapGcMark[]
}

export const heapSessionPart: SessionPart<{ heap: SessionHeap }, RecordedHeap> = {
  name: 'heap',
  summarize: (source) => ({ finish: async () => ({ heap: await summarizeSessionHeap(source) }) }),
  format: (summary) => formatSessionHeap(summary.heap),
  openRecorded: (source) => readHeapStream(source, source.manifest.target.id)
}
