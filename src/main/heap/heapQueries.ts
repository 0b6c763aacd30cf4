// Answers about one analysed snapshot, a page at a time: the constructor summary, the objects of
// a constructor, one object's fields and holders, containment, retainer paths, and the id sets
// and per-constructor counts that diffs and leak finding combine across snapshots. The same
// object answers inline and inside the worker (heapWorkerEntry.ts).
import type {
  HeapConstructorRow,
  HeapEdgeRow,
  HeapLeakReport,
  HeapObjectDetail,
  HeapObjectRow,
  HeapPage,
  HeapPageQuery,
  HeapRetainerPath,
  HeapRetainerPathQuery,
  HeapSnapshotInfo,
  HeapSummaryQuery
} from '../../shared/heapTypes'
import { UserError } from '../../shared/userError'
import { noDominator } from './dominators'
import type { HeapAnalysis } from './heapAnalysis'
import { objectRow, outgoingRow, retainingRow } from './heapRows'
import { findLeakGroups, idsNotIn } from './leakGroups'
import { buildNodeIdIndex, findId, markShared, type NodeIdIndex } from './nodeIdIndex'
import { retainerPaths } from './retainerPaths'

export interface ObjectsQuery extends HeapPageQuery {
  /** Only the objects whose id is not in the baseline set with setBaseline (a diff's "new" objects). */
  onlyNew?: boolean
}

/** Per-constructor count and shallow size of the reachable objects whose id is not in another snapshot. */
export interface ClassDelta {
  names: string[]
  counts: number[]
  sizes: number[]
}

const defaultLimit = 100
const maxLimit = 10_000

export class HeapQueries {
  readonly analysis: HeapAnalysis
  private idIndex: NodeIdIndex | null = null
  private reachableIdIndex: NodeIdIndex | null = null
  private baselineShared: Uint8Array | null = null
  private objectsCache: { key: string; nodes: Uint32Array } | null = null

  constructor(analysis: HeapAnalysis) {
    this.analysis = analysis
  }

  info(): HeapSnapshotInfo {
    const a = this.analysis
    return {
      name: a.name,
      fileBytes: a.fileBytes,
      nodeCount: a.graph.nodeCount,
      edgeCount: a.graph.edgeCount,
      stringCount: a.graph.strings.length,
      totalSize: a.totalSize,
      reachableCount: a.order.length,
      unreachableCount: a.unreachableCount,
      unreachableSize: a.unreachableSize,
      nodeFields: a.graph.nodeFields,
      maxNodeId: a.maxNodeId,
      timings: a.timings
    }
  }

  summary(query: HeapSummaryQuery = {}): HeapPage<HeapConstructorRow> {
    const { classNames } = this.analysis.graph
    const { classCount, classShallow, classRetained } = this.analysis
    const search = query.search?.trim().toLowerCase() ?? ''
    const classes: number[] = []
    for (let c = 0; c < classNames.length; c++) {
      if (classCount[c] === 0) continue
      if (search !== '' && !classNames[c].toLowerCase().includes(search)) continue
      classes.push(c)
    }
    const sort = query.sort ?? 'retainedSize'
    const byName = (a: number, b: number): number => (classNames[a] < classNames[b] ? -1 : classNames[a] > classNames[b] ? 1 : 0)
    const column = sort === 'count' ? classCount : sort === 'shallowSize' ? classShallow : classRetained
    classes.sort(sort === 'name' ? byName : (a, b) => column[b] - column[a] || byName(a, b))
    return page(classes.length, query, (k) => classRow(classes[k]))
    function classRow(c: number): HeapConstructorRow {
      return { name: classNames[c], count: classCount[c], shallowSize: classShallow[c], retainedSize: classRetained[c] }
    }
  }

  /** Every constructor row, by retained size. */
  allConstructors(): HeapConstructorRow[] {
    return this.summary({ limit: Number.MAX_SAFE_INTEGER }).rows
  }

  /** The reachable objects of one constructor, by retained size. */
  objects(constructorName: string, query: ObjectsQuery = {}): HeapPage<HeapObjectRow> {
    if (query.onlyNew && !this.baselineShared) throw new UserError('BAD_REQUEST', 'there is no baseline snapshot to tell new objects from')
    const key = `${query.onlyNew ? 'new' : 'all'}\0${constructorName}`
    if (this.objectsCache?.key !== key) this.objectsCache = { key, nodes: this.instancesOf(constructorName, query.onlyNew ? this.baselineShared : null) }
    const nodes = this.objectsCache.nodes
    return page(nodes.length, query, (k) => objectRow(this.analysis, nodes[k]))
  }

  object(nodeId: number, query: HeapPageQuery = {}): HeapObjectDetail {
    const node = this.ordinalOf(nodeId)
    const dominator = this.analysis.idom[node]
    return {
      object: objectRow(this.analysis, node),
      dominatorId: node === 0 || dominator === noDominator ? null : this.analysis.graph.nodeId[dominator],
      edges: this.childrenOf(node, query),
      retainers: this.retainersOf(node, query)
    }
  }

  /** Containment: the outgoing edges of an object (of the root when nodeId is null). */
  children(nodeId: number | null, query: HeapPageQuery = {}): HeapPage<HeapEdgeRow> {
    return this.childrenOf(nodeId === null ? 0 : this.ordinalOf(nodeId), query)
  }

  retainers(nodeId: number, query: HeapPageQuery = {}): HeapPage<HeapEdgeRow> {
    return this.retainersOf(this.ordinalOf(nodeId), query)
  }

  retainerPaths(nodeId: number, query: HeapRetainerPathQuery = {}): HeapRetainerPath[] {
    return retainerPaths(this.analysis, this.ordinalOf(nodeId), query)
  }

  /** Ids of the reachable objects, sorted: what another snapshot compares against. */
  reachableIds(): Uint32Array {
    return this.reachableIndex().ids.slice()
  }

  /** Count and size per constructor of reachable objects whose id is not in `otherIds` (sorted). */
  classDelta(otherIds: Uint32Array): ClassDelta {
    const shared = markShared(this.reachableIndex(), otherIds, this.analysis.graph.nodeCount)
    const { nodeClass, nodeSelfSize, classNames } = this.analysis.graph
    const counts = new Float64Array(classNames.length)
    const sizes = new Float64Array(classNames.length)
    for (const node of this.analysis.order) {
      if (shared[node]) continue
      counts[nodeClass[node]]++
      sizes[nodeClass[node]] += nodeSelfSize[node]
    }
    const delta: ClassDelta = { names: [], counts: [], sizes: [] }
    for (let c = 0; c < classNames.length; c++) {
      if (counts[c] === 0) continue
      delta.names.push(classNames[c])
      delta.counts.push(counts[c])
      delta.sizes.push(sizes[c])
    }
    return delta
  }

  /** Remembers a baseline's ids (sorted), so that objects(…, {onlyNew}) lists what is new since. */
  setBaseline(baselineIds: Uint32Array): void {
    this.baselineShared = markShared(this.reachableIndex(), baselineIds, this.analysis.graph.nodeCount)
    this.objectsCache = null
  }

  /** Ids (sorted) of reachable objects that are not in `baselineIds` (sorted): allocated since. */
  newIdsSince(baselineIds: Uint32Array): Uint32Array {
    return idsNotIn(this.analysis, baselineIds)
  }

  /** Leak groups among the objects with the given ids (sorted) that are still alive here. */
  leaks(suspectIds: Uint32Array): HeapLeakReport {
    return findLeakGroups(this.analysis, suspectIds)
  }

  /** Ordinal of the node with V8 id `nodeId`; a UserError when this snapshot has none. */
  ordinalOf(nodeId: number): number {
    this.idIndex ??= buildNodeIdIndex(this.analysis.graph.nodeId)
    const at = findId(this.idIndex.ids, nodeId)
    if (at < 0) throw new UserError('BAD_REQUEST', `this snapshot has no object with id @${nodeId}`)
    return this.idIndex.ordinals[at]
  }

  private reachableIndex(): NodeIdIndex {
    this.reachableIdIndex ??= buildNodeIdIndex(this.analysis.graph.nodeId, this.analysis.order)
    return this.reachableIdIndex
  }

  private instancesOf(constructorName: string, shared: Uint8Array | null): Uint32Array {
    const { classNames, nodeClass } = this.analysis.graph
    const wanted = classNames.indexOf(constructorName)
    if (wanted < 0) return new Uint32Array(0)
    const found: number[] = []
    for (const node of this.analysis.order) if (nodeClass[node] === wanted && (!shared || !shared[node])) found.push(node)
    const retained = this.analysis.retained
    found.sort((a, b) => retained[b] - retained[a] || a - b)
    return Uint32Array.from(found)
  }

  private childrenOf(node: number, query: HeapPageQuery): HeapPage<HeapEdgeRow> {
    const { firstEdge } = this.analysis.graph
    const first = firstEdge[node]
    return page(firstEdge[node + 1] - first, query, (k) => outgoingRow(this.analysis, first + k))
  }

  private retainersOf(node: number, query: HeapPageQuery): HeapPage<HeapEdgeRow> {
    const { firstRetainer } = this.analysis.graph
    const first = firstRetainer[node]
    return page(firstRetainer[node + 1] - first, query, (k) => retainingRow(this.analysis, first + k))
  }
}

/** Rows offset .. offset + limit - 1 of `total`, made by rowAt. */
function page<Row>(total: number, query: HeapPageQuery, rowAt: (k: number) => Row): HeapPage<Row> {
  const offset = Math.max(0, Math.floor(query.offset ?? 0))
  const limit = query.limit === Number.MAX_SAFE_INTEGER ? total : Math.min(Math.max(0, Math.floor(query.limit ?? defaultLimit)), maxLimit)
  const rows: Row[] = []
  const end = Math.min(total, offset + limit)
  for (let k = offset; k < end; k++) rows.push(rowAt(k))
  return { total, offset, rows }
}
