// memlab's leak method on the final snapshot: given the ids of objects allocated between the
// baseline and the target (V8 ids increase with allocation), the ones still alive in the final
// snapshot are leak suspects. Unlike memlab's defaults, nothing here is about the DOM or React:
// every JavaScript object, closure or regexp counts, so that plain leaks in Node programs (a
// global array, a cache Map, an event listener, a closure) are found. Only suspects that no
// other suspect dominates are reported (the rest are their insides, already in their retained
// size); they are grouped by constructor and retainer path, biggest first.
import type { HeapLeak, HeapLeakReport } from '../../shared/heapTypes'
import { noDominator } from './dominators'
import type { HeapAnalysis } from './heapAnalysis'
import { displayName } from './heapRows'
import { buildNodeIdIndex, markShared } from './nodeIdIndex'
import { retainerPathText } from './retainerPaths'

/** Node types that a program allocates itself; V8's internal arrays, code and strings are not leaks by themselves. */
const reportableTypes = new Set(['object', 'closure', 'regexp'])
const samplesPerLeak = 5

/** Ids (sorted) of the reachable nodes of `analysis` that are not in `baselineIds` (sorted). */
export function idsNotIn(analysis: HeapAnalysis, baselineIds: Uint32Array): Uint32Array {
  const index = buildNodeIdIndex(analysis.graph.nodeId, analysis.order)
  const shared = markShared(index, baselineIds, analysis.graph.nodeCount)
  const fresh: number[] = []
  for (let k = 0; k < index.ids.length; k++) if (!shared[index.ordinals[k]]) fresh.push(index.ids[k])
  return Uint32Array.from(fresh)
}

export function findLeakGroups(analysis: HeapAnalysis, suspectIds: Uint32Array): HeapLeakReport {
  const { graph, idom, order, retained } = analysis
  const { nodeCount, nodeType, nodeTypes } = graph
  const reportable = new Uint8Array(nodeTypes.length)
  nodeTypes.forEach((type, t) => (reportable[t] = reportableTypes.has(type) ? 1 : 0))
  const suspect = markShared(buildNodeIdIndex(graph.nodeId, order), suspectIds, nodeCount)
  for (let i = 0; i < nodeCount; i++) if (suspect[i] && !reportable[nodeType[i]]) suspect[i] = 0

  // In preorder every dominator comes before what it dominates: "covered" flows down the tree.
  const covered = new Uint8Array(nodeCount)
  for (let k = 1; k < order.length; k++) {
    const node = order[k]
    const dominator = idom[node]
    if (dominator !== noDominator && (covered[dominator] || suspect[dominator])) covered[node] = 1
  }

  const groups = new Map<string, HeapLeak>()
  for (let k = 1; k < order.length; k++) {
    const node = order[k]
    if (!suspect[node] || covered[node]) continue
    const path = retainerPathText(analysis, node) ?? []
    const name = displayName(analysis, node)
    const key = `${name}\0${path.join('\0')}`
    let group = groups.get(key)
    if (!group) {
      group = { name, count: 0, retainedSize: 0, retainerPath: path, sampleNodeIds: [] }
      groups.set(key, group)
    }
    group.count++
    group.retainedSize += retained[node]
    if (group.sampleNodeIds.length < samplesPerLeak) group.sampleNodeIds.push(graph.nodeId[node])
  }
  const leaks = [...groups.values()].sort((a, b) => b.retainedSize - a.retainedSize || b.count - a.count || (a.name < b.name ? -1 : 1))
  return { leaks }
}
