// Rows as the UI and the CLI see them, made from one node or edge of an analysed snapshot.
import type { HeapEdgeRow, HeapObjectRow } from '../../shared/heapTypes'
import { unreachable, type HeapAnalysis } from './heapAnalysis'

const valueTypes = new Set(['string', 'concatenated string', 'sliced string', 'number', 'bigint', 'closure', 'regexp', 'symbol'])
const previewLength = 200

export function objectRow(analysis: HeapAnalysis, node: number): HeapObjectRow {
  const { graph } = analysis
  const type = graph.nodeTypes[graph.nodeType[node]] ?? 'unknown'
  const distance = analysis.distance[node]
  return {
    nodeId: graph.nodeId[node],
    name: graph.classNames[graph.nodeClass[node]],
    type,
    shallowSize: graph.nodeSelfSize[node],
    retainedSize: analysis.retained[node],
    distance: distance === unreachable ? null : distance,
    value: valueTypes.has(type) ? clip(graph.strings[graph.nodeName[node]] ?? '') : null
  }
}

export function edgeName(analysis: HeapAnalysis, edge: number): string {
  const { graph } = analysis
  const type = graph.edgeType[edge]
  if (type === graph.elementEdgeType || type === graph.hiddenEdgeType) return String(graph.edgeName[edge])
  return graph.strings[graph.edgeName[edge]] ?? ''
}

export function edgeTypeName(analysis: HeapAnalysis, edge: number): string {
  return analysis.graph.edgeTypes[analysis.graph.edgeType[edge]] ?? 'unknown'
}

/** An outgoing edge, shown with its target. */
export function outgoingRow(analysis: HeapAnalysis, edge: number): HeapEdgeRow {
  return { type: edgeTypeName(analysis, edge), name: edgeName(analysis, edge), node: objectRow(analysis, analysis.graph.edgeTo[edge]) }
}

/** An incoming edge, shown with its holder. */
export function retainingRow(analysis: HeapAnalysis, retainer: number): HeapEdgeRow {
  const { graph } = analysis
  const edge = graph.retainerEdge[retainer]
  return { type: edgeTypeName(analysis, edge), name: edgeName(analysis, edge), node: objectRow(analysis, graph.retainerNode[retainer]) }
}

/** The node's name as a person reads it in a path: the class, with a closure's function name. */
export function displayName(analysis: HeapAnalysis, node: number): string {
  const { graph } = analysis
  const className = graph.classNames[graph.nodeClass[node]]
  if (graph.nodeTypes[graph.nodeType[node]] === 'closure') return `${className} ${graph.strings[graph.nodeName[node]] || 'anonymous'}`
  return className
}

function clip(text: string): string {
  return text.length <= previewLength ? text : `${text.slice(0, previewLength - 1)}…`
}
