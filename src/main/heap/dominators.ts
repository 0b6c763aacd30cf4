// Immediate dominators by Lengauer–Tarjan (the simple version with path compression,
// O(m log n)), written without recursion: heap graphs have chains millions of nodes long (linked
// lists, long arrays of closures) that would overflow any call stack. Weak edges do not count:
// an object held only weakly is collected, so it is not part of anybody's retained size.
// Working arrays are indexed by DFS number (1-based, 0 = not reached) for locality.
import type { HeapGraph } from './heapGraph'
import type { ScratchArrays } from './scratchArrays'

export const noDominator = 0xffffffff

export interface Dominators {
  /** The immediate dominator's ordinal; the root's is itself; noDominator where unreachable. */
  idom: Uint32Array
  /** Reachable nodes in DFS preorder from the root: every node comes after its dominator (a view of a larger array). */
  order: Uint32Array
  reachableCount: number
}

export function computeDominators(graph: HeapGraph, scratch: ScratchArrays, root = 0): Dominators {
  const { nodeCount, firstEdge, edgeTo, edgeType, weakEdgeType, firstRetainer, retainerNode, retainerEdge } = graph
  const dfnum = scratch.get(0, true)
  const parent = scratch.get(1)
  const vertex = new Uint32Array(nodeCount + 1)

  // Depth-first numbering with an explicit stack of (node, next edge to look at).
  let count = 0
  {
    const stackNode = scratch.get(2)
    const stackEdge = scratch.get(3)
    dfnum[root] = ++count
    vertex[count] = root
    stackNode[0] = root
    stackEdge[0] = firstEdge[root]
    let top = 1
    while (top > 0) {
      const node = stackNode[top - 1]
      const last = firstEdge[node + 1]
      let e = stackEdge[top - 1]
      while (e < last && (edgeType[e] === weakEdgeType || dfnum[edgeTo[e]] !== 0)) e++
      if (e === last) {
        top--
        continue
      }
      stackEdge[top - 1] = e + 1
      const next = edgeTo[e]
      dfnum[next] = ++count
      vertex[count] = next
      parent[count] = dfnum[node]
      stackNode[top] = next
      stackEdge[top] = firstEdge[next]
      top++
    }
  }

  // The DFS stacks are free again: they become ancestor and idomNum. The result array serves as
  // the path stack of evaluate() until the end.
  const idom = new Uint32Array(nodeCount)
  const semi = scratch.get(4)
  const label = scratch.get(5)
  const ancestor = scratch.get(2, true)
  const idomNum = scratch.get(3)
  const bucketHead = scratch.get(6, true)
  const bucketNext = scratch.get(7)
  const path = idom
  for (let v = 1; v <= count; v++) {
    semi[v] = v
    label[v] = v
  }

  // eval(v): the vertex of smallest semi on the compressed forest path above v.
  const evaluate = (v: number): number => {
    if (ancestor[v] === 0) return v
    // Collect the path up to the forest root's child, then compress top-down.
    let depth = 0
    let x = v
    while (ancestor[ancestor[x]] !== 0) {
      path[depth++] = x
      x = ancestor[x]
    }
    while (depth > 0) {
      const y = path[--depth]
      const a = ancestor[y]
      if (semi[label[a]] < semi[label[y]]) label[y] = label[a]
      ancestor[y] = ancestor[a]
    }
    return label[v]
  }

  for (let w = count; w >= 2; w--) {
    const node = vertex[w]
    const lastRetainer = firstRetainer[node + 1]
    let s = semi[w]
    for (let r = firstRetainer[node]; r < lastRetainer; r++) {
      if (edgeType[retainerEdge[r]] === weakEdgeType) continue
      const v = dfnum[retainerNode[r]]
      if (v === 0) continue
      const u = evaluate(v)
      if (semi[u] < s) s = semi[u]
    }
    semi[w] = s
    bucketNext[w] = bucketHead[s]
    bucketHead[s] = w
    const p = parent[w]
    ancestor[w] = p
    for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
      const u = evaluate(v)
      idomNum[v] = semi[u] < semi[v] ? u : p
    }
    bucketHead[p] = 0
  }
  for (let w = 2; w <= count; w++) if (idomNum[w] !== semi[w]) idomNum[w] = idomNum[idomNum[w]]

  idom.fill(noDominator)
  idom[root] = root
  for (let w = 2; w <= count; w++) idom[vertex[w]] = vertex[idomNum[w]]
  return { idom, order: vertex.subarray(1, count + 1), reachableCount: count }
}
