// Lengauer–Tarjan against the plain iterative algorithm (Cooper, Harvey, Kennedy: "A Simple,
// Fast Dominance Algorithm") on real snapshots, and on shapes that break recursive versions.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { HeapSnapshotParser, parseHeapSnapshotFile } from '..'
import { computeDominators, noDominator } from '../dominators'
import { buildHeapGraph, type HeapGraph } from '../heapGraph'
import { ScratchArrays } from '../scratchArrays'
import { chainSnapshot, syntheticSnapshot } from './syntheticSnapshots'

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures/heapsnapshot')

/** The textbook fix-point over reverse postorder; slow, obviously right. */
function referenceDominators(graph: HeapGraph): Uint32Array {
  const { nodeCount, firstEdge, edgeTo, edgeType, weakEdgeType, firstRetainer, retainerNode, retainerEdge } = graph
  const postorder: number[] = []
  const seen = new Uint8Array(nodeCount)
  const stack: [number, number][] = [[0, firstEdge[0]]]
  seen[0] = 1
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    const [node, e] = top
    if (e < firstEdge[node + 1]) {
      top[1]++
      const next = edgeTo[e]
      if (edgeType[e] !== weakEdgeType && !seen[next]) {
        seen[next] = 1
        stack.push([next, firstEdge[next]])
      }
    } else {
      postorder.push(node)
      stack.pop()
    }
  }
  const rank = new Int32Array(nodeCount).fill(-1)
  postorder.forEach((node, k) => (rank[node] = k))
  const idom = new Int32Array(nodeCount).fill(-1)
  idom[0] = 0
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (rank[a] < rank[b]) a = idom[a]
      while (rank[b] < rank[a]) b = idom[b]
    }
    return a
  }
  for (let changed = true; changed; ) {
    changed = false
    for (let k = postorder.length - 1; k >= 0; k--) {
      const node = postorder[k]
      if (node === 0) continue
      let best = -1
      for (let r = firstRetainer[node]; r < firstRetainer[node + 1]; r++) {
        const holder = retainerNode[r]
        if (edgeType[retainerEdge[r]] === weakEdgeType || idom[holder] < 0) continue
        best = best < 0 ? holder : intersect(holder, best)
      }
      if (best !== idom[node]) {
        idom[node] = best
        changed = true
      }
    }
  }
  return Uint32Array.from(idom, (d) => (d < 0 ? noDominator : d))
}

describe.each(['stefanpenner-small-2017', 'v8-heap-analyzer-object-modern'])('%s', (name) => {
  it('matches the iterative algorithm on every node', async () => {
    const parsed = await parseHeapSnapshotFile(path.join(fixtureDir, `${name}.heapsnapshot`))
    const graph = buildHeapGraph(parsed, new ScratchArrays(parsed.nodeCount + 1))
    const { idom, order, reachableCount } = computeDominators(graph, new ScratchArrays(graph.nodeCount + 1))
    const reference = referenceDominators(graph)
    expect(reachableCount).toBe(reference.filter((d) => d !== noDominator).length)
    expect(order).toHaveLength(reachableCount)
    let differing = 0
    for (let i = 0; i < graph.nodeCount; i++) if (idom[i] !== reference[i]) differing++
    expect(differing).toBe(0)
  })
})

function graphOf(text: string): HeapGraph {
  const parser = new HeapSnapshotParser()
  parser.push(new TextEncoder().encode(text))
  const parsed = parser.end()
  return buildHeapGraph(parsed, new ScratchArrays(parsed.nodeCount + 1))
}

it('walks a chain of 300,000 objects without recursion', () => {
  const graph = graphOf(chainSnapshot(300_000))
  const { idom, reachableCount } = computeDominators(graph, new ScratchArrays(graph.nodeCount + 1))
  expect(reachableCount).toBe(300_001)
  expect(idom[1]).toBe(0)
  expect(idom[150_000]).toBe(149_999)
  expect(idom[300_000]).toBe(299_999)
})

it('ignores weak edges: an object held only weakly is unreachable, one held also strongly is not', () => {
  // root -property-> A, root -weak-> B, A -weak-> C, A -property-> D, root -property-> D
  const text = syntheticSnapshot({
    nodes: [9, 0, 1, 0, 3, 0, 3, 1, 3, 8, 2, 0, 3, 1, 5, 8, 0, 0, 3, 1, 7, 8, 0, 0, 3, 1, 9, 8, 0, 0],
    edges: [2, 2, 6, 6, 2, 12, 2, 2, 24, 6, 2, 18, 2, 2, 24],
    strings: ['', 'Thing', 'p']
  })
  const graph = graphOf(text)
  const { idom } = computeDominators(graph, new ScratchArrays(graph.nodeCount + 1))
  expect([...idom]).toEqual([0, 0, noDominator, noDominator, 0])
})
