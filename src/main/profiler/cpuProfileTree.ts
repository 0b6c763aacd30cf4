// The second half of parsing: from the columns as the file gave them to a checked call tree.
// Resolves node ids (children lists, "parent" fields or legacy nesting) to indices, proves the
// nodes form a forest (no missing ids, no node with two parents, no cycle), orders it parents
// first, builds the function table (functionName + url + line + column) and checks the samples
// and their times. Iterative throughout: a 100k-deep tree is just a long array here.
import type { ProfileFormat } from '../../shared/profileTypes'
import { UserError } from '../../shared/userError'
import { Int32Builder } from './growableArrays'

/** What the byte parser collected, before any checking. */
export interface RawCpuProfile {
  format: ProfileFormat
  strings: string[]
  nodeCount: number
  nodeId: Int32Array
  /** The "parent" field of each node, `noValue` where absent. */
  nodeParentId: Int32Array
  /** Legacy `head` trees: the index of the enclosing node, -1 for the head. */
  nodeParentIndex: Int32Array
  nodeName: Int32Array
  nodeUrl: Int32Array
  nodeLine: Int32Array
  nodeColumn: Int32Array
  nodeScriptId: Int32Array
  /** "children" lists as pairs: node index childOf[k] lists node id childId[k]. */
  childOf: Int32Array
  childId: Int32Array
  samples: Int32Array | null
  timeDeltas: Float64Array | null
  timestamps: Float64Array | null
  startTime: number
  endTime: number
  noValue: number
}

/** A checked profile: a forest of nodes, a function table and samples with their times. */
export interface ParsedCpuProfile {
  format: ProfileFormat
  strings: string[]
  nodeCount: number
  /** The id each node has in the file. */
  nodeId: Int32Array
  /** Index of the parent node, -1 for a root. */
  nodeParent: Int32Array
  /** Index in the function table. */
  nodeFunction: Int32Array
  /** Every node once, each parent before its children (breadth-first from the roots). */
  order: Int32Array
  functionCount: number
  /** Index in `strings`. */
  functionName: Int32Array
  functionUrl: Int32Array
  /** 0-based, as in CDP call frames; -1 where unknown. */
  functionLine: Int32Array
  functionColumn: Int32Array
  /** -1 where unknown or not a number. */
  functionScriptId: Int32Array
  /** The node index of each sample. */
  samples: Int32Array
  /** Microseconds from the previous sample (from startTime for the first); may be negative where the profiler's clock stepped back. */
  timeDeltas: Float64Array
  /** Microseconds, on the profiler's clock. */
  startTime: number
  endTime: number
}

function bad(reason: string): UserError {
  return new UserError('BAD_REQUEST', reason)
}

export function resolveProfile(raw: RawCpuProfile): ParsedCpuProfile {
  const n = raw.nodeCount
  if (n === 0) throw bad('not a CPU profile: it has no nodes')
  const lookup = nodeIndexLookup(raw)
  const indexOf = lookup.indexOf
  const parent = raw.format === 'cpuprofile-legacy' ? raw.nodeParentIndex : parentsFromIds(raw, indexOf)
  const order = breadthFirstOrder(parent)
  const { nodeFunction, functions } = functionTable(raw)
  const samples = raw.samples
  if (samples === null || samples.length === 0) throw bad('the profile has no samples (0 samples): there is nothing to show')
  const table = lookup.table
  const max = table ? table.length - 1 : -1
  for (let i = 0; i < samples.length; i++) {
    // The dense table inline: a million samples are worth not calling a closure for each.
    const id = samples[i]
    const index = table !== null ? (id >= 0 && id <= max ? table[id] : -1) : indexOf(id)
    if (index < 0) throw bad(`sample ${i.toLocaleString('en-US')} refers to node ${samples[i]}, which is not in the profile`)
    samples[i] = index
  }
  const { timeDeltas, startTime, endTime } = sampleTimes(raw, samples.length)
  return {
    format: raw.format,
    strings: raw.strings,
    nodeCount: n,
    nodeId: raw.nodeId,
    nodeParent: parent,
    nodeFunction,
    order,
    ...functions,
    samples,
    timeDeltas,
    startTime,
    endTime
  }
}

/** id → node index (-1 for an unknown id): a dense table where ids are small, a Map otherwise. */
function nodeIndexLookup(raw: RawCpuProfile): { indexOf: (id: number) => number; table: Int32Array | null } {
  const { nodeId, nodeCount: n, noValue } = raw
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const id = nodeId[i]
    if (id === noValue) throw bad(`not a CPU profile: node ${(i + 1).toLocaleString('en-US')} of ${n.toLocaleString('en-US')} has no "id"`)
    if (id < min) min = id
    if (id > max) max = id
  }
  const duplicate = (id: number): UserError => bad(`node id ${id} is used by two nodes`)
  if (min >= 0 && max <= 4 * n + 1024) {
    const table = new Int32Array(max + 1).fill(-1)
    for (let i = 0; i < n; i++) {
      if (table[nodeId[i]] !== -1) throw duplicate(nodeId[i])
      table[nodeId[i]] = i
    }
    return { indexOf: (id) => (id >= 0 && id <= max ? table[id] : -1), table }
  }
  const map = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    if (map.has(nodeId[i])) throw duplicate(nodeId[i])
    map.set(nodeId[i], i)
  }
  return { indexOf: (id) => map.get(id) ?? -1, table: null }
}

/** Parents from "children" lists and "parent" fields (either may be given; they must agree). */
function parentsFromIds(raw: RawCpuProfile, indexOf: (id: number) => number): Int32Array {
  const { nodeId, childOf, childId, nodeParentId, noValue, nodeCount: n } = raw
  const parent = new Int32Array(n).fill(-1)
  const setParent = (child: number, p: number): void => {
    if (parent[child] !== -1 && parent[child] !== p) throw bad(`node ${nodeId[child]} has two parents (nodes ${nodeId[parent[child]]} and ${nodeId[p]})`)
    parent[child] = p
  }
  for (let k = 0; k < childOf.length; k++) {
    const child = indexOf(childId[k])
    if (child < 0) throw bad(`node ${nodeId[childOf[k]]} lists child ${childId[k]}, which is not in the profile`)
    setParent(child, childOf[k])
  }
  for (let i = 0; i < n; i++) {
    if (nodeParentId[i] === noValue) continue
    const p = indexOf(nodeParentId[i])
    if (p < 0) throw bad(`node ${nodeId[i]} names parent ${nodeParentId[i]}, which is not in the profile`)
    setParent(i, p)
  }
  return parent
}

/** Breadth-first from the roots; a node never reached sits on a cycle. */
function breadthFirstOrder(parent: Int32Array): Int32Array {
  const n = parent.length
  // Children as CSR: childStart[p]..childStart[p + 1] in `children`.
  const childStart = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) if (parent[i] >= 0) childStart[parent[i] + 1]++
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i]
  const fill = childStart.slice(0, n)
  const children = new Int32Array(childStart[n])
  for (let i = 0; i < n; i++) if (parent[i] >= 0) children[fill[parent[i]]++] = i
  const order = new Int32Array(n)
  let length = 0
  for (let i = 0; i < n; i++) if (parent[i] === -1) order[length++] = i
  for (let head = 0; head < length; head++) {
    const p = order[head]
    for (let k = childStart[p]; k < childStart[p + 1]; k++) order[length++] = children[k]
  }
  if (length < n) {
    const onCycle = findUnreached(order, length, n)
    throw bad(`the nodes form a cycle (node at position ${(onCycle + 1).toLocaleString('en-US')} is its own ancestor)`)
  }
  return order
}

function findUnreached(order: Int32Array, length: number, n: number): number {
  const reached = new Uint8Array(n)
  for (let k = 0; k < length; k++) reached[order[k]] = 1
  return reached.indexOf(0)
}

/** One function per distinct functionName + url + line + column. */
function functionTable(raw: RawCpuProfile) {
  const n = raw.nodeCount
  const legacy = raw.format === 'cpuprofile-legacy'
  const { nodeName, nodeUrl, nodeScriptId } = raw
  // Legacy trees count lines and columns from 1; CDP call frames from 0.
  const line = legacy ? raw.nodeLine.map((l) => (l > 0 ? l - 1 : -1)) : raw.nodeLine
  const column = legacy ? raw.nodeColumn.map((c) => (c > 0 ? c - 1 : -1)) : raw.nodeColumn
  const nodeFunction = new Int32Array(n)
  const fName = new Int32Builder()
  const fUrl = new Int32Builder()
  const fLine = new Int32Builder()
  const fColumn = new Int32Builder()
  const fScript = new Int32Builder()
  let slots = new Int32Array(1024)
  let mask = slots.length - 1
  for (let i = 0; i < n; i++) {
    const a = nodeName[i]
    const b = nodeUrl[i]
    const c = line[i]
    const d = column[i]
    let slot = hashFrame(a, b, c, d) & mask
    let f = -1
    for (;;) {
      const entry = slots[slot]
      if (entry === 0) break
      const g = entry - 1
      if (fName.data[g] === a && fUrl.data[g] === b && fLine.data[g] === c && fColumn.data[g] === d) {
        f = g
        break
      }
      slot = (slot + 1) & mask
    }
    if (f === -1) {
      f = fName.length
      fName.push(a)
      fUrl.push(b)
      fLine.push(c)
      fColumn.push(d)
      fScript.push(nodeScriptId[i])
      slots[slot] = f + 1
      if (fName.length * 2 > slots.length) {
        slots = new Int32Array(slots.length * 2)
        mask = slots.length - 1
        for (let g = 0; g < fName.length; g++) {
          let s = hashFrame(fName.data[g], fUrl.data[g], fLine.data[g], fColumn.data[g]) & mask
          while (slots[s] !== 0) s = (s + 1) & mask
          slots[s] = g + 1
        }
      }
    }
    nodeFunction[i] = f
  }
  return {
    nodeFunction,
    functions: {
      functionCount: fName.length,
      functionName: fName.finish(),
      functionUrl: fUrl.finish(),
      functionLine: fLine.finish(),
      functionColumn: fColumn.finish(),
      functionScriptId: fScript.finish()
    }
  }
}

function hashFrame(a: number, b: number, c: number, d: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca6b) ^ Math.imul(c + 0x1b873593, 0xc2b2ae35) ^ Math.imul(d + 0x27d4eb2f, 0x165667b1)
  return h ^ (h >>> 15)
}

/**
 * Time deltas in microseconds whatever the file gave: timeDeltas as they are; legacy absolute
 * `timestamps` (with start and end in seconds) turned into deltas; neither: samples spread evenly
 * between start and end.
 */
function sampleTimes(raw: RawCpuProfile, count: number): { timeDeltas: Float64Array; startTime: number; endTime: number } {
  const legacy = raw.format === 'cpuprofile-legacy'
  let startTime = legacy ? raw.startTime * 1e6 : raw.startTime
  let endTime = legacy ? raw.endTime * 1e6 : raw.endTime
  if (raw.timeDeltas !== null) {
    if (raw.timeDeltas.length !== count) throw bad(`"samples" and "timeDeltas" differ in length (${count.toLocaleString('en-US')} samples, ${raw.timeDeltas.length.toLocaleString('en-US')} time deltas)`)
    if (!Number.isFinite(startTime)) startTime = 0
    if (!Number.isFinite(endTime)) {
      let t = startTime
      for (let i = 0; i < count; i++) t += raw.timeDeltas[i]
      endTime = t
    }
    return { timeDeltas: raw.timeDeltas, startTime, endTime }
  }
  if (raw.timestamps !== null) {
    const ts = raw.timestamps
    if (ts.length !== count) throw bad(`"samples" and "timestamps" differ in length (${count.toLocaleString('en-US')} samples, ${ts.length.toLocaleString('en-US')} timestamps)`)
    const last = ts[count - 1]
    if (legacy) {
      // Legacy start and end are whole seconds: the first timestamp is the better start, and the
      // last sample is given one mean interval.
      startTime = ts[0]
      endTime = count > 1 ? last + (last - ts[0]) / (count - 1) : Math.max(endTime, last)
    }
    if (!Number.isFinite(startTime) || startTime > ts[0]) startTime = ts[0]
    if (!Number.isFinite(endTime) || endTime < last) endTime = last
    const timeDeltas = new Float64Array(count)
    let previous = startTime
    for (let i = 0; i < count; i++) {
      timeDeltas[i] = ts[i] - previous
      previous = ts[i]
    }
    return { timeDeltas, startTime, endTime }
  }
  if (!Number.isFinite(startTime)) startTime = 0
  const span = Number.isFinite(endTime) && endTime > startTime ? endTime - startTime : count * 1000
  endTime = startTime + span
  const timeDeltas = new Float64Array(count).fill(span / count)
  timeDeltas[0] = 0
  return { timeDeltas, startTime, endTime }
}
