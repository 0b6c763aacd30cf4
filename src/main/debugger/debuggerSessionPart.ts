// The debugger's part of a saved session: where its targets stopped and what logpoints printed
// (for `spyglass inspect`), and the recorded history the read-only Sources view shows.
import type { SessionPart } from '../sessions'
import { formatDebuggerSummary, summarizeDebuggerRecords, type DebuggerSessionSummary } from './debuggerSessionSummary'
import { readRecordedDebugger, type RecordedStream } from './recordedDebugger'

export const debuggerSessionPart: SessionPart<{ debugger: DebuggerSessionSummary }, RecordedStream> = {
  name: 'debugger',
  summarize: (source) => ({ finish: async () => ({ debugger: await summarizeDebuggerRecords(source) }) }),
  format: (summary) => formatDebuggerSummary(summary.debugger),
  openRecorded: readRecordedDebugger
}
