// Small hand-made snapshots for the edge cases real programs do not produce (bad meta, edges
// past the node array, 0 nodes, escapes split across chunks). Real snapshots come from
// realSnapshots.ts and ../shared/fixtures.

export interface SyntheticSnapshot {
  nodeFields?: string[]
  /** Flat, node_fields per node. */
  nodes: number[]
  /** Flat: type, name_or_index, to_node (an index into the flat nodes array). */
  edges: number[]
  strings: string[]
  nodeCount?: number
  edgeCount?: number
}

export const nodeTypes = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape']
export const edgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']
const defaultNodeFields = ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness']

export function syntheticSnapshot(s: SyntheticSnapshot): string {
  const nodeFields = s.nodeFields ?? defaultNodeFields
  const meta = {
    node_fields: nodeFields,
    node_types: [nodeTypes, 'string', 'number', 'number', 'number', 'number'].slice(0, nodeFields.length),
    edge_fields: ['type', 'name_or_index', 'to_node'],
    edge_types: [edgeTypes, 'string_or_number', 'node']
  }
  const nodeCount = s.nodeCount ?? s.nodes.length / nodeFields.length
  const edgeCount = s.edgeCount ?? s.edges.length / 3
  return `{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${nodeCount},"edge_count":${edgeCount},"trace_function_count":0},
"nodes":[${s.nodes.join(',')}],
"edges":[${s.edges.join(',')}],
"trace_function_infos":[],"trace_tree":[],"samples":[],"locations":[],
"strings":${JSON.stringify(s.strings)}}`
}

/**
 * A root (synthetic) holding `objects` objects by property "item", each holding the next by
 * "next" (a chain), so that node k is dominated by node k-1. Node 0 is the root.
 */
export function chainSnapshot(length: number): string {
  const nodes: number[] = [9, 0, 1, 0, 1, 0]
  const edges: number[] = [2, 1, 6]
  for (let k = 1; k <= length; k++) {
    const last = k === length
    nodes.push(3, 2, 2 * k + 1, 16, last ? 0 : 1, 0)
    if (!last) edges.push(2, 3, 6 * (k + 1))
  }
  return syntheticSnapshot({ nodes, edges, strings: ['', 'item', 'Link', 'next'] })
}
