// The `snapshot` object at the head of a .heapsnapshot: which fields each node and edge has, in
// which order, and the names of their types. The parser is driven by it (fields are looked up by
// name, never assumed by position), so both the 2017 layout (…, trace_node_id) and the current
// one (…, detachedness) load, and a meta that does not describe the data is refused.
import { z } from 'zod'
import { UserError } from '../../shared/userError'

const typeList = z.array(z.string())
const fieldTypes = z.array(z.union([typeList, z.string()]))

const snapshotHeaderSchema = z.object({
  meta: z.object({
    node_fields: z.array(z.string()).min(1),
    node_types: fieldTypes,
    edge_fields: z.array(z.string()).min(1),
    edge_types: fieldTypes
  }),
  node_count: z.number().int().nonnegative(),
  edge_count: z.number().int().nonnegative()
})

export interface HeapSnapshotMeta {
  nodeFields: string[]
  edgeFields: string[]
  /** Names of node types by their number in the `type` field. */
  nodeTypes: string[]
  edgeTypes: string[]
  nodeCount: number
  edgeCount: number
  /** Positions of the fields the parser keeps, within one node / edge. */
  nodeTypeField: number
  nodeNameField: number
  nodeIdField: number
  nodeSelfSizeField: number
  nodeEdgeCountField: number
  edgeTypeField: number
  edgeNameField: number
  edgeToField: number
}

const requiredNodeFields = ['type', 'name', 'id', 'self_size', 'edge_count'] as const
const requiredEdgeFields = ['type', 'name_or_index', 'to_node'] as const

/** Reads the parsed `snapshot` object; throws a UserError naming what is missing or wrong. */
export function readSnapshotMeta(header: unknown): HeapSnapshotMeta {
  const parsed = snapshotHeaderSchema.safeParse(header)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw badMeta(`${['snapshot', ...(issue?.path ?? [])].join('.')}: ${issue?.message ?? 'unexpected value'}`)
  }
  const { meta, node_count: nodeCount, edge_count: edgeCount } = parsed.data
  const nodeFields = meta.node_fields
  const edgeFields = meta.edge_fields
  for (const field of requiredNodeFields) if (!nodeFields.includes(field)) throw badMeta(`node_fields has no "${field}" (it lists ${nodeFields.join(', ')})`)
  for (const field of requiredEdgeFields) if (!edgeFields.includes(field)) throw badMeta(`edge_fields has no "${field}" (it lists ${edgeFields.join(', ')})`)
  if (new Set(nodeFields).size !== nodeFields.length) throw badMeta('node_fields lists a field twice')
  if (new Set(edgeFields).size !== edgeFields.length) throw badMeta('edge_fields lists a field twice')
  // node_types may have more entries than node_fields (2017 snapshots list 7 for 6 fields): only the type field's entry is used.
  const nodeTypeField = nodeFields.indexOf('type')
  const edgeTypeField = edgeFields.indexOf('type')
  const nodeTypes = meta.node_types[nodeTypeField]
  const edgeTypes = meta.edge_types[edgeTypeField]
  if (!Array.isArray(nodeTypes) || nodeTypes.length === 0) throw badMeta('node_types gives no list of names for the node type field')
  if (!Array.isArray(edgeTypes) || edgeTypes.length === 0) throw badMeta('edge_types gives no list of names for the edge type field')
  if (nodeTypes.length > 255 || edgeTypes.length > 255) throw badMeta('more than 255 node or edge types')
  for (const needed of ['element', 'hidden', 'weak']) if (!edgeTypes.includes(needed)) throw badMeta(`edge_types has no "${needed}" type`)
  return {
    nodeFields,
    edgeFields,
    nodeTypes,
    edgeTypes,
    nodeCount,
    edgeCount,
    nodeTypeField,
    nodeNameField: nodeFields.indexOf('name'),
    nodeIdField: nodeFields.indexOf('id'),
    nodeSelfSizeField: nodeFields.indexOf('self_size'),
    nodeEdgeCountField: nodeFields.indexOf('edge_count'),
    edgeTypeField,
    edgeNameField: edgeFields.indexOf('name_or_index'),
    edgeToField: edgeFields.indexOf('to_node')
  }
}

// V8's type numbering only ever grew at the end; some versions wrote types their meta does not
// list (2017 snapshots have symbol nodes, type 12, with 12 names in node_types).
export const knownNodeTypes = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape']
export const knownEdgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']

/** Extends `names` so that every type number in `types` has a name. */
export function nameUnlistedTypes(names: string[], types: Uint8Array, known: string[]): void {
  let max = -1
  for (let i = 0; i < types.length; i++) if (types[i] > max) max = types[i]
  for (let t = names.length; t <= max; t++) names.push(names.length === t && known.slice(0, t).every((name, k) => names[k] === name) && t < known.length ? known[t] : `(type ${t})`)
}

function badMeta(reason: string): UserError {
  return new UserError('BAD_REQUEST', `not a heap snapshot this version can read: the meta is wrong (${reason})`)
}
