// What crosses the boundary about heap snapshots: pages of rows, object details, retainer paths,
// diff and leak reports. The graph itself stays in the worker that parsed it (ARCHITECTURE.md,
// "Heavy data stays where it was computed"); the UI asks for a window of rows at a time.
// Sizes are bytes. `nodeId` is V8's snapshot object id (stable across snapshots of one process,
// allocated in increasing order), not a position in the file.

/** V8's node types (meta.node_types[0]); snapshots from other V8 versions may add more. */
export type HeapNodeType = string

/** V8's edge types: context, element, property, internal, hidden, shortcut, weak. */
export type HeapEdgeType = string

export type HeapLoadPhase = 'read' | 'graph' | 'dominators' | 'retained' | 'summary'

export interface HeapLoadProgress {
  phase: HeapLoadPhase
  /** Bytes of the file read so far (phase 'read'); the whole file in later phases. */
  bytesDone: number
  bytesTotal: number
}

export interface HeapSnapshotInfo {
  /** The file's base name. */
  name: string
  fileBytes: number
  nodeCount: number
  edgeCount: number
  stringCount: number
  /** Sum of the shallow sizes of the objects reachable from the root through strong edges. */
  totalSize: number
  reachableCount: number
  /** Objects only reachable through weak edges, or not at all (V8 would collect them). */
  unreachableCount: number
  unreachableSize: number
  /** The snapshot's node_fields, e.g. [type, name, id, self_size, edge_count, detachedness]. */
  nodeFields: string[]
  /** The highest object id in the snapshot (ids are allocated in increasing order). */
  maxNodeId: number
  /** Milliseconds the analysis took in the worker, by phase. */
  timings: Partial<Record<HeapLoadPhase, number>>
}

export type HeapSummarySort = 'retainedSize' | 'shallowSize' | 'count' | 'name'

export interface HeapPageQuery {
  offset?: number
  /** Rows per page; 100 by default, at most 10,000. */
  limit?: number
}

export interface HeapSummaryQuery extends HeapPageQuery {
  /** Descending for sizes and counts, ascending for names. 'retainedSize' by default. */
  sort?: HeapSummarySort
  /** Keeps the constructors whose name contains this text (case-insensitive). */
  search?: string
}

export interface HeapPage<Row> {
  /** Rows matching the query in all (not only this page). */
  total: number
  offset: number
  rows: Row[]
}

/** One constructor (class name, or "(string)", "(array)", … for V8's other kinds of node). */
export interface HeapConstructorRow {
  name: string
  count: number
  shallowSize: number
  /**
   * What would be freed with every instance: the retained sizes of the instances that no other
   * instance of the same constructor dominates (so that nested instances are not counted twice).
   */
  retainedSize: number
}

/** The JSON of `spyglass heap summary --json`. */
export interface HeapSummaryReport {
  nodeCount: number
  edgeCount: number
  totalSize: number
  constructors: HeapConstructorRow[]
}

export interface HeapObjectRow {
  nodeId: number
  /** The constructor name as in the summary. */
  name: string
  type: HeapNodeType
  shallowSize: number
  retainedSize: number
  /** Strong edges from the root on the shortest path; null where unreachable. */
  distance: number | null
  /** A short preview of the value for strings, numbers and closures' names (at most 200 chars). */
  value: string | null
}

export interface HeapEdgeRow {
  type: HeapEdgeType
  /** The property or variable name; the index as text for elements and hidden edges. */
  name: string
  /** The object at the other end: the target of an outgoing edge, the holder of a retaining one. */
  node: HeapObjectRow
}

export interface HeapObjectDetail {
  object: HeapObjectRow
  /** The object that dominates this one (null for the root). */
  dominatorId: number | null
  /** Outgoing edges (its fields), first page. */
  edges: HeapPage<HeapEdgeRow>
  /** Who holds it (incoming edges), first page. */
  retainers: HeapPage<HeapEdgeRow>
}

export interface HeapRetainerPathQuery {
  /** Distinct paths (through distinct direct holders); 5 by default. */
  maxPaths?: number
  /** Longest path, in edges; 50 by default. */
  maxDepth?: number
}

/** One hop of a path from the root: the holder, and the edge it holds the next object by. */
export interface HeapRetainerStep {
  node: HeapObjectRow
  /** The edge from this node to the next step's node; null on the last step (the object itself). */
  edge: { type: HeapEdgeType; name: string } | null
}

export interface HeapRetainerPath {
  /** From the root (first) to the object asked about (last). */
  steps: HeapRetainerStep[]
  /** The path was longer than maxDepth: steps start below the root. */
  truncated: boolean
}

/** One constructor in a diff of snapshot A (before) and B (after); sizes are shallow. */
export interface HeapDiffRow {
  name: string
  countA: number
  countB: number
  countDelta: number
  sizeA: number
  sizeB: number
  sizeDelta: number
  /** Objects in B whose id is not in A. */
  newCount: number
  newSize: number
  /** Objects in A whose id is not in B. */
  deletedCount: number
  deletedSize: number
}

/** The JSON of `spyglass heap diff --json`: constructors that changed, by |sizeDelta| descending. */
export interface HeapDiffReport {
  constructors: HeapDiffRow[]
}

/** One group of leaked objects: same constructor, same path from the root. */
export interface HeapLeak {
  name: string
  count: number
  /** Retained by the group's objects together (none of them dominates another). */
  retainedSize: number
  /** From the root to the leaked object: `holder .edge` hops, element indexes shown as `[]`. */
  retainerPath: string[]
  /** Some of the leaked objects' ids in the final snapshot (for retainerPaths, object). */
  sampleNodeIds: number[]
}

/** The JSON of `spyglass heap leaks --json`: groups by retainedSize descending. */
export interface HeapLeakReport {
  leaks: HeapLeak[]
}
