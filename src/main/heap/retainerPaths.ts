// Shortest retainer paths: how an object is kept alive, from the root down, over strong edges
// only (weak edges keep nothing alive). Distances from the root were computed once by a BFS
// (heapAnalysis.ts), so a shortest path is found by stepping to any holder one edge closer to the
// root; several paths go through distinct direct holders. Holders by user-visible edges
// (properties, elements, variables) are preferred to V8's internal and hidden ones when both are
// equally short, so that the path reads like the program.
import type { HeapRetainerPath, HeapRetainerPathQuery, HeapRetainerStep } from '../../shared/heapTypes'
import { unreachable, type HeapAnalysis } from './heapAnalysis'
import { displayName, edgeName, edgeTypeName, objectRow } from './heapRows'

/** A hop towards the root: the holder and the retainer slot (index into graph.retainerNode/Edge). */
interface Hop {
  holder: number
  retainer: number
}

const defaultMaxPaths = 5
const defaultMaxDepth = 50

export function retainerPaths(analysis: HeapAnalysis, node: number, query: HeapRetainerPathQuery = {}): HeapRetainerPath[] {
  const maxPaths = Math.max(1, query.maxPaths ?? defaultMaxPaths)
  const maxDepth = Math.max(1, query.maxDepth ?? defaultMaxDepth)
  if (analysis.distance[node] === unreachable) return []
  if (node === 0) return [{ steps: [{ node: objectRow(analysis, 0), edge: null }], truncated: false }]
  const paths: HeapRetainerPath[] = []
  for (const first of closerHolders(analysis, node).slice(0, maxPaths)) {
    const hops = [first, ...hopsToRoot(analysis, first.holder, maxDepth - 1)]
    const truncated = hops[hops.length - 1].holder !== 0
    const steps: HeapRetainerStep[] = []
    for (let k = hops.length - 1; k >= 0; k--) {
      const edge = analysis.graph.retainerEdge[hops[k].retainer]
      steps.push({ node: objectRow(analysis, hops[k].holder), edge: { type: edgeTypeName(analysis, edge), name: edgeName(analysis, edge) } })
    }
    steps.push({ node: objectRow(analysis, node), edge: null })
    paths.push({ steps, truncated })
  }
  return paths
}

/** The shortest path as `holder .edge` texts, element indexes as `[]`: the same for every object kept the same way. */
export function retainerPathText(analysis: HeapAnalysis, node: number, maxDepth = defaultMaxDepth): string[] | null {
  if (analysis.distance[node] === unreachable) return null
  if (node === 0) return [displayName(analysis, 0)]
  const hops = hopsToRoot(analysis, node, maxDepth)
  const texts: string[] = []
  if (hops.length === 0 || hops[hops.length - 1].holder !== 0) texts.push('…')
  for (let k = hops.length - 1; k >= 0; k--) texts.push(`${displayName(analysis, hops[k].holder)} ${edgeText(analysis, analysis.graph.retainerEdge[hops[k].retainer])}`)
  texts.push(displayName(analysis, node))
  return texts
}

function edgeText(analysis: HeapAnalysis, edge: number): string {
  const type = edgeTypeName(analysis, edge)
  const name = edgeName(analysis, edge)
  // Indexes differ from object to object kept the same way (array slots, hash table slots).
  const indexed = /^\d+$/.test(name)
  switch (type) {
    case 'element':
      return '[]'
    case 'property':
      return indexed ? '[]' : `.${name}`
    case 'context':
      return `.${name} (closure variable)`
    default:
      return indexed ? `[] (${type})` : `.${name} (${type})`
  }
}

/** Hops from `node` up to the root (the first hop holds `node`), at most maxDepth. */
function hopsToRoot(analysis: HeapAnalysis, node: number, maxDepth: number): Hop[] {
  const hops: Hop[] = []
  let current = node
  while (current !== 0 && hops.length < maxDepth) {
    const hop = closerHolders(analysis, current, true)[0]
    if (!hop) break
    hops.push(hop)
    current = hop.holder
  }
  return hops
}

/**
 * Holders of `node` one strong edge closer to the root, user-visible edges first; with `first`,
 * stops at the first user-visible one.
 */
function closerHolders(analysis: HeapAnalysis, node: number, first = false): Hop[] {
  const { graph, distance } = analysis
  const { firstRetainer, retainerNode, retainerEdge, edgeType, weakEdgeType, edgeTypes } = graph
  const wanted = distance[node] - 1
  const visible: Hop[] = []
  const internal: Hop[] = []
  const seen = new Set<number>()
  const last = firstRetainer[node + 1]
  for (let r = firstRetainer[node]; r < last; r++) {
    const type = edgeType[retainerEdge[r]]
    const holder = retainerNode[r]
    if (type === weakEdgeType || distance[holder] !== wanted || seen.has(holder)) continue
    seen.add(holder)
    const name = edgeTypes[type]
    if (name === 'property' || name === 'element' || name === 'context') {
      visible.push({ holder, retainer: r })
      if (first) return visible
    } else internal.push({ holder, retainer: r })
  }
  return [...visible, ...internal]
}
