// Sorted V8 object ids: to find a node by id (the UI and other snapshots speak in ids, the
// arrays in ordinals) and to test membership in another snapshot's id set. A two-pass radix sort
// (16 bits each) keeps it linear on millions of nodes, where a comparator sort takes seconds.

export interface NodeIdIndex {
  /** Ids in increasing order. */
  ids: Uint32Array
  /** ordinals[k] is the node whose id is ids[k]. */
  ordinals: Uint32Array
}

/** Sorts the ids of the nodes listed in `nodes` (all nodes when omitted). */
export function buildNodeIdIndex(nodeId: Uint32Array, nodes?: Uint32Array): NodeIdIndex {
  const count = nodes ? nodes.length : nodeId.length
  let keys = new Uint32Array(count)
  let ordinals = new Uint32Array(count)
  for (let k = 0; k < count; k++) {
    const ordinal = nodes ? nodes[k] : k
    keys[k] = nodeId[ordinal]
    ordinals[k] = ordinal
  }
  let nextKeys = new Uint32Array(count)
  let nextOrdinals = new Uint32Array(count)
  const buckets = new Uint32Array(65536)
  for (const shift of [0, 16]) {
    buckets.fill(0)
    for (let k = 0; k < count; k++) buckets[(keys[k] >>> shift) & 0xffff]++
    let sum = 0
    for (let b = 0; b < 65536; b++) {
      const n = buckets[b]
      buckets[b] = sum
      sum += n
    }
    for (let k = 0; k < count; k++) {
      const slot = buckets[(keys[k] >>> shift) & 0xffff]++
      nextKeys[slot] = keys[k]
      nextOrdinals[slot] = ordinals[k]
    }
    ;[keys, nextKeys] = [nextKeys, keys]
    ;[ordinals, nextOrdinals] = [nextOrdinals, ordinals]
  }
  return { ids: keys, ordinals }
}

/** Position of `id` in sorted `ids`, or -1. */
export function findId(ids: Uint32Array, id: number): number {
  let low = 0
  let high = ids.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const value = ids[mid]
    if (value < id) low = mid + 1
    else if (value > id) high = mid - 1
    else return mid
  }
  return -1
}

/** For each node of `own` (sorted), whether its id is in `other` (sorted): one merge pass. */
export function markShared(own: NodeIdIndex, other: Uint32Array, nodeCount: number): Uint8Array {
  const shared = new Uint8Array(nodeCount)
  let j = 0
  const { ids, ordinals } = own
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]
    while (j < other.length && other[j] < id) j++
    if (j < other.length && other[j] === id) shared[ordinals[k]] = 1
  }
  return shared
}
