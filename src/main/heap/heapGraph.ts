// The graph of a parsed snapshot in flat arrays: each node's first edge, each node's retainers
// (incoming edges, grouped by target with a counting sort), and each node's "class" (the
// constructor name for objects, "(string)", "(closure)", … for V8's other kinds, as DevTools
// groups them). Everything is indexed by node ordinal (position in the file), not by V8 id.
import { UserError } from '../../shared/userError'
import type { ParsedHeapSnapshot } from './heapSnapshotParser'
import type { ScratchArrays } from './scratchArrays'

export interface HeapGraph {
  nodeCount: number
  edgeCount: number
  nodeTypes: string[]
  edgeTypes: string[]
  nodeFields: string[]
  nodeType: Uint8Array
  nodeName: Uint32Array
  nodeId: Uint32Array
  nodeSelfSize: Uint32Array | Float64Array
  /** Edges of node i are firstEdge[i] .. firstEdge[i + 1] - 1. */
  firstEdge: Uint32Array
  edgeType: Uint8Array
  edgeName: Uint32Array
  edgeTo: Uint32Array
  /** Retainers of node i are retainerNode/retainerEdge[firstRetainer[i] .. firstRetainer[i + 1] - 1]. */
  firstRetainer: Uint32Array
  retainerNode: Uint32Array
  retainerEdge: Uint32Array
  /** Index into classNames (classifyNodes fills both). */
  nodeClass: Uint32Array
  classNames: string[]
  strings: string[]
  /** Edge type numbers used in hot loops. */
  weakEdgeType: number
  elementEdgeType: number
  hiddenEdgeType: number
}

/** Builds the graph; the parsed columns become its own (nodeEdgeCount is turned into firstEdge in place). */
export function buildHeapGraph(parsed: ParsedHeapSnapshot, scratch: ScratchArrays): HeapGraph {
  const { nodeCount, edgeCount, edgeTo, meta } = parsed
  const firstEdge = parsed.nodeEdgeCount
  let total = 0
  for (let i = 0; i < nodeCount; i++) {
    const count = firstEdge[i]
    firstEdge[i] = total
    total += count
  }
  firstEdge[nodeCount] = total
  if (total !== edgeCount) {
    throw new UserError('BAD_REQUEST', `the nodes' edge counts add up to ${total.toLocaleString('en-US')} edges, but edge_count says ${edgeCount.toLocaleString('en-US')}: the snapshot is damaged`)
  }

  // Retainers: count per target, prefix sums, then fill (a counting sort by target).
  const firstRetainer = new Uint32Array(nodeCount + 1)
  for (let e = 0; e < edgeCount; e++) firstRetainer[edgeTo[e] + 1]++
  for (let i = 0; i < nodeCount; i++) firstRetainer[i + 1] += firstRetainer[i]
  const retainerNode = new Uint32Array(edgeCount)
  const retainerEdge = new Uint32Array(edgeCount)
  const cursor = scratch.get(0)
  cursor.set(firstRetainer.subarray(0, nodeCount))
  for (let node = 0; node < nodeCount; node++) {
    const last = firstEdge[node + 1]
    for (let e = firstEdge[node]; e < last; e++) {
      const slot = cursor[edgeTo[e]]++
      retainerNode[slot] = node
      retainerEdge[slot] = e
    }
  }

  return {
    nodeCount,
    edgeCount,
    nodeTypes: meta.nodeTypes,
    edgeTypes: meta.edgeTypes,
    nodeFields: meta.nodeFields,
    nodeType: parsed.nodeType,
    nodeName: parsed.nodeName,
    nodeId: parsed.nodeId,
    nodeSelfSize: parsed.nodeSelfSize,
    firstEdge,
    edgeType: parsed.edgeType,
    edgeName: parsed.edgeName,
    edgeTo,
    firstRetainer,
    retainerNode,
    retainerEdge,
    // Filled by classifyNodes, after the dominators have borrowed the array (one spare entry).
    nodeClass: new Uint32Array(nodeCount + 1),
    classNames: [],
    strings: parsed.strings,
    weakEdgeType: meta.edgeTypes.indexOf('weak'),
    elementEdgeType: meta.edgeTypes.indexOf('element'),
    hiddenEdgeType: meta.edgeTypes.indexOf('hidden')
  }
}

/**
 * Objects and native objects are grouped by their name (the constructor), synthetic nodes
 * ("(GC roots)", …) by theirs; every other kind by its type, as DevTools does: "(string)", "(closure)", "(array)", "(compiled code)" for code,
 * "(system)" for hidden V8 internals.
 */
export function classifyNodes(graph: HeapGraph): void {
  const { nodeCount, nodeType, nodeName, strings, nodeTypes, nodeClass } = graph
  const classNames = graph.classNames
  classNames.length = 0
  const classByName = new Map<string, number>()
  const classOf = (name: string): number => {
    let id = classByName.get(name)
    if (id === undefined) {
      id = classNames.length
      classNames.push(name)
      classByName.set(name, id)
    }
    return id
  }
  const byNamedType = new Int32Array(nodeTypes.length).fill(-1)
  const namedByName = new Int32Array(nodeTypes.length).fill(0)
  nodeTypes.forEach((type, t) => {
    if (type === 'object' || type === 'native' || type === 'synthetic') namedByName[t] = 1
    else byNamedType[t] = classOf(type === 'hidden' ? '(system)' : type === 'code' ? '(compiled code)' : `(${type})`)
  })
  // Objects' names are string indexes: one lookup per distinct string, not one Map lookup per node.
  const classOfString = new Int32Array(strings.length).fill(-1)
  for (let i = 0; i < nodeCount; i++) {
    const type = nodeType[i]
    if (namedByName[type] === 0) {
      nodeClass[i] = byNamedType[type]
      continue
    }
    const name = nodeName[i]
    let id = classOfString[name]
    if (id < 0) {
      id = classOf(strings[name] || (nodeTypes[type] === 'synthetic' ? '(root)' : '(anonymous)'))
      classOfString[name] = id
    }
    nodeClass[i] = id
  }
}
