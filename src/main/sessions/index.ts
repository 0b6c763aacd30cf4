// The sessions domain: the recorder, the .spyglass format (reader, writer, autosave, recovery),
// the session library, and the shapes other domains plug into it with (RecorderStream,
// SessionPart). It imports no other domain: the workbench hands it the target list and the
// console's store through the interfaces of sessionHost.ts.
export { SessionService, maxOpenEventBytes, type SessionServiceOptions } from './sessionService'
export { createSessionsDomain, type SessionsDomain } from './sessionsDomain'
export type { FilePicker, RecordedEventSink, SessionTargets } from './sessionHost'
export { createConfRecentSessionsStore, createMemoryRecentSessionsStore, createRecentSessionsStore, type RecentSessionsStore } from './recentSessions'
export { openSessionFile } from './zipSessionSource'
export { openSessionFolder } from './folderSessionSource'
export type { EventReadOptions, SessionSource } from './sessionSource'
export type { RecorderStream, RecorderContext } from './recorder'
export type { OpenRecordedOptions, PartSummarizer, SessionPart, SummaryOf } from './sessionPart'
export { formatDuration, formatWithParts, oneLine, summarizeWithParts, summaryLabel, type SessionHeader, type SessionTrailer, type SummaryTarget } from './sessionHeader'
export { emptyLevelCounts, sessionEntries, sessionFileExtension, streamEntry, summaryEntry } from './sessionFormat'
export { ndjsonLines } from './ndjsonLines'
export { originalTargetIdOf } from './sessionLoader'
export { checkRedactionPatterns, Redactor, redactedText, type ExtraPatterns } from './redaction'
export { exportFormats, exportSession, isExportFormat, type ExportFormat, type ExportOptions } from './sessionExport'
