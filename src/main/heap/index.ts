// The heap analysis engine: a streaming .heapsnapshot parser, the graph with dominators and
// retained sizes, summaries by constructor, containment, retainer paths, diffs and leak finding.
// openSnapshot runs the analysis in a worker and returns a handle whose queries fetch a page of
// rows at a time; the graph never leaves the worker. Capture from live targets and the heap trend
// build on it (issue 6).
export { openSnapshot, heapWorkerThresholdBytes, type HeapSnapshotHandle, type HeapSnapshotQueries, type OpenSnapshotOptions } from './heapSnapshotHandle'
export { openDiff, diffSnapshots, mergeDiff, type HeapDiffOptions, type HeapSnapshotDiff } from './heapDiff'
export { findLeaks, type FindLeaksOptions, type LeakSnapshotRole } from './leakFinder'
export type { HeapSnapshotSource } from './heapSources'
export { HeapQueries, type ClassDelta, type ObjectsQuery } from './heapQueries'
export { analyzeHeapSnapshotFile, analyzeParsedSnapshot, type HeapAnalysis, type AnalyzeOptions } from './heapAnalysis'
export { HeapSnapshotParser, type ParsedHeapSnapshot, type HeapParserLimits } from './heapSnapshotParser'
export { parseHeapSnapshotFile, heapFileSize } from './heapSnapshotFile'
export { summaryReport } from './heapReports'
export { heapSessionPart, type RecordedHeap } from './heapSessionPart'
export type { SessionHeap } from './heapSessionSummary'
export { createHeapDomain, type HeapDomain } from './heapDomain'
export { recordHeapSnapshots } from './recordedSnapshots'
