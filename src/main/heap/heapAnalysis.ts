// The whole analysis of one snapshot, the same inline and in the worker: parse the file, build
// the graph, dominators, retained sizes, distances from the root, and the per-constructor
// totals. Pure apart from reading the file; the queries (heapQueries.ts) read its result.
import path from 'node:path'
import type { HeapLoadPhase, HeapLoadProgress } from '../../shared/heapTypes'
import { computeDominators, noDominator } from './dominators'
import { buildHeapGraph, classifyNodes, type HeapGraph } from './heapGraph'
import { heapFileSize, parseHeapSnapshotFile } from './heapSnapshotFile'
import type { HeapEdgeColumns, ParsedHeapSnapshot } from './heapSnapshotParser'
import { ScratchArrays } from './scratchArrays'

export const unreachable = 0xffffffff

export interface HeapAnalysis {
  name: string
  fileBytes: number
  graph: HeapGraph
  idom: Uint32Array
  /** Reachable nodes in DFS preorder (every node after its dominator). */
  order: Uint32Array
  retained: Float64Array
  /** Strong edges from the root on a shortest path; `unreachable` where none (computed on first use). */
  readonly distance: Uint32Array
  /** Per class (index into graph.classNames), over reachable nodes. */
  classCount: Uint32Array
  classShallow: Float64Array
  classRetained: Float64Array
  totalSize: number
  unreachableCount: number
  unreachableSize: number
  maxNodeId: number
  timings: Partial<Record<HeapLoadPhase, number>>
}

export interface AnalyzeOptions {
  onProgress?: (progress: HeapLoadProgress) => void
  signal?: AbortSignal
  memoryLimitBytes?: number
  /** The edges, read by another thread meanwhile (see parseHeapSnapshotFile). */
  edges?: Promise<HeapEdgeColumns>
}

export async function analyzeHeapSnapshotFile(file: string, options: AnalyzeOptions = {}): Promise<HeapAnalysis> {
  const started = performance.now()
  const fileBytes = await heapFileSize(file)
  const parsed = await parseHeapSnapshotFile(file, {
    signal: options.signal,
    memoryLimitBytes: options.memoryLimitBytes,
    edges: options.edges,
    onProgress: options.onProgress && ((p) => options.onProgress?.({ phase: 'read', ...p }))
  })
  const readMs = performance.now() - started
  const analysis = analyzeParsedSnapshot(parsed, { ...options, name: path.basename(file), fileBytes })
  analysis.timings.read = readMs
  return analysis
}

export function analyzeParsedSnapshot(parsed: ParsedHeapSnapshot, options: AnalyzeOptions & { name: string; fileBytes: number }): HeapAnalysis {
  const timings: Partial<Record<HeapLoadPhase, number>> = {}
  let mark = performance.now()
  const phase = (next: HeapLoadPhase): void => {
    options.signal?.throwIfAborted()
    options.onProgress?.({ phase: next, bytesDone: options.fileBytes, bytesTotal: options.fileBytes })
  }
  const done = (finished: HeapLoadPhase): void => {
    const now = performance.now()
    timings[finished] = now - mark
    mark = now
  }

  phase('graph')
  const nodeCount = parsed.nodeCount
  const scratch = new ScratchArrays(nodeCount + 1)
  const graph = buildHeapGraph(parsed, scratch)
  done('graph')

  phase('dominators')
  // The retained sizes' array (one spare entry) lends its two halves to the dominators first.
  const retainedBuffer = new Float64Array(nodeCount + 1)
  scratch.donate(6, new Uint32Array(retainedBuffer.buffer, 0, nodeCount + 1))
  scratch.donate(7, new Uint32Array(retainedBuffer.buffer, 4 * (nodeCount + 1), nodeCount + 1))
  // So does the class of each node, which is filled afterwards.
  scratch.donate(5, graph.nodeClass)
  const { idom, order, reachableCount } = computeDominators(graph, scratch)
  classifyNodes(graph)
  done('dominators')

  phase('retained')
  const retained = retainedBuffer.subarray(0, nodeCount)
  retained.set(graph.nodeSelfSize)
  for (let i = reachableCount - 1; i >= 1; i--) {
    const node = order[i]
    retained[idom[node]] += retained[node]
  }
  done('retained')

  phase('summary')
  const classes = summarizeClasses(graph, idom, order, retained, scratch)
  let unreachableSize = 0
  let maxNodeId = 0
  for (let i = 0; i < graph.nodeCount; i++) {
    if (idom[i] === noDominator) unreachableSize += graph.nodeSelfSize[i]
    if (graph.nodeId[i] > maxNodeId) maxNodeId = graph.nodeId[i]
  }
  done('summary')

  // Distances are needed only by queries (rows, paths, leaks): computed on first use, once the
  // analysis's working arrays are free.
  let distance: Uint32Array | null = null
  return {
    name: options.name,
    fileBytes: options.fileBytes,
    graph,
    idom,
    order,
    retained,
    get distance() {
      distance ??= computeDistances(graph)
      return distance
    },
    ...classes,
    totalSize: retained[0],
    unreachableCount: graph.nodeCount - reachableCount,
    unreachableSize,
    maxNodeId,
    timings
  }
}

/** Breadth-first from the root over strong (non-weak) edges. */
function computeDistances(graph: HeapGraph): Uint32Array {
  const { nodeCount, firstEdge, edgeTo, edgeType, weakEdgeType } = graph
  const distance = new Uint32Array(nodeCount).fill(unreachable)
  const queue = new Uint32Array(nodeCount)
  let head = 0
  let tail = 0
  distance[0] = 0
  queue[tail++] = 0
  while (head < tail) {
    const node = queue[head++]
    const next = distance[node] + 1
    const last = firstEdge[node + 1]
    for (let e = firstEdge[node]; e < last; e++) {
      if (edgeType[e] === weakEdgeType) continue
      const to = edgeTo[e]
      if (distance[to] !== unreachable) continue
      distance[to] = next
      queue[tail++] = to
    }
  }
  return distance
}

/**
 * Count, shallow and retained size per class over reachable nodes. A class's retained size adds
 * the retained sizes of its instances that no other instance of the class dominates, found by a
 * walk of the dominator tree that counts, per class, the instances on the current path.
 */
function summarizeClasses(graph: HeapGraph, idom: Uint32Array, order: Uint32Array, retained: Float64Array, scratch: ScratchArrays) {
  const { nodeClass, nodeSelfSize, classNames } = graph
  const classTotal = classNames.length
  const classCount = new Uint32Array(classTotal)
  const classShallow = new Float64Array(classTotal)
  const classRetained = new Float64Array(classTotal)
  const reachable = order.length
  for (let i = 0; i < reachable; i++) {
    const node = order[i]
    classCount[nodeClass[node]]++
    classShallow[nodeClass[node]] += nodeSelfSize[node]
  }
  // Children lists of the dominator tree (a counting sort by dominator), then a DFS with exits.
  const nodeCount = graph.nodeCount
  const firstChild = scratch.get(0, true)
  for (let i = 1; i < reachable; i++) firstChild[idom[order[i]] + 1]++
  for (let i = 0; i < nodeCount; i++) firstChild[i + 1] += firstChild[i]
  const children = scratch.get(1)
  const cursor = scratch.get(2)
  cursor.set(firstChild.subarray(0, nodeCount))
  for (let i = 1; i < reachable; i++) {
    const node = order[i]
    children[cursor[idom[node]]++] = node
  }
  const onPath = new Uint32Array(classTotal)
  const stackNode = scratch.get(3)
  const stackChild = scratch.get(4)
  let top = 0
  const enter = (node: number): void => {
    const c = nodeClass[node]
    if (onPath[c] === 0) classRetained[c] += retained[node]
    onPath[c]++
    stackNode[top] = node
    stackChild[top] = firstChild[node]
    top++
  }
  enter(order[0])
  while (top > 0) {
    const node = stackNode[top - 1]
    const next = stackChild[top - 1]
    if (next < firstChild[node + 1]) {
      stackChild[top - 1] = next + 1
      enter(children[next])
    } else {
      onPath[nodeClass[node]]--
      top--
    }
  }
  return { classCount, classShallow, classRetained }
}
