// Call trees as flat arrays: a builder that merges children by function (a flame graph's
// "same function under the same parent is one box"), and the left-heavy preorder layout that
// the flame graph, the function totals and the sandwich view all read. No recursion: trees here
// can be 100k frames deep.
import type { ProfileTreeColumns } from '../../shared/profileTypes'
import { Float64Builder, Int32Builder } from './growableArrays'

/**
 * Builds a tree whose nodes are unique per (parent, function). Node 0 is the root. Nodes are
 * numbered in creation order, so a parent's index is always below its children's, which is
 * what `layoutTree` needs.
 */
export class MergedTreeBuilder {
  readonly parent = new Int32Builder()
  readonly function = new Int32Builder()
  readonly selfMs = new Float64Builder()
  private slots = new Int32Array(1 << 12)

  constructor(rootFunction: number) {
    this.parent.push(-1)
    this.function.push(rootFunction)
    this.selfMs.push(0)
  }

  get count(): number {
    return this.parent.length
  }

  /** The child of `parent` for function `fn`, created on first use. */
  child(parent: number, fn: number): number {
    const mask = this.slots.length - 1
    const parents = this.parent.data
    const functions = this.function.data
    let slot = hashPair(parent, fn) & mask
    for (;;) {
      const entry = this.slots[slot]
      if (entry === 0) break
      const node = entry - 1
      if (parents[node] === parent && functions[node] === fn) return node
      slot = (slot + 1) & mask
    }
    const node = this.parent.length
    this.parent.push(parent)
    this.function.push(fn)
    this.selfMs.push(0)
    this.slots[slot] = node + 1
    if (this.parent.length * 2 > this.slots.length) this.rehash()
    return node
  }

  addSelf(node: number, ms: number): void {
    this.selfMs.data[node] += ms
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    const parents = this.parent.data
    const functions = this.function.data
    for (let node = 1; node < this.parent.length; node++) {
      let slot = hashPair(parents[node], functions[node]) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = node + 1
    }
    this.slots = slots
  }
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/**
 * Lays a tree out for a flame graph: totals from self times, children sorted by total
 * (descending; ties keep creation order), nodes renumbered in preorder with depth, subtree end
 * and left edge. `parent[i] < i` must hold for every node but the root (index 0).
 * Returns the columns and, for each old index, its new one.
 */
export function layoutTree(parentIn: Int32Array, functionIn: Int32Array, selfIn: Float64Array, count: number): { tree: ProfileTreeColumns; newIndex: Int32Array } {
  const n = count
  const total = selfIn.slice(0, n)
  const size = new Int32Array(n).fill(1)
  for (let i = n - 1; i > 0; i--) {
    total[parentIn[i]] += total[i]
    size[parentIn[i]] += size[i]
  }
  // Children in CSR form, in creation order, then sorted by total.
  const childStart = new Int32Array(n + 1)
  for (let i = 1; i < n; i++) childStart[parentIn[i] + 1]++
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i]
  const fill = childStart.slice(0, n)
  const children = new Int32Array(Math.max(0, n - 1))
  for (let i = 1; i < n; i++) children[fill[parentIn[i]]++] = i
  for (let p = 0; p < n; p++) sortByTotalDescending(children, childStart[p], childStart[p + 1], total)

  // Preorder: each node's subtree occupies [newIndex, newIndex + size). A node's children are
  // placed one after another inside its range, so no stack is needed.
  const newIndex = new Int32Array(n)
  const depth = new Int32Array(n)
  const start = new Float64Array(n)
  newIndex[0] = 0
  for (let p = 0; p < n; p++) {
    // Parents come before children in creation order, so p's own placement is known here.
    let next = newIndex[p] + 1
    let x = start[p]
    for (let k = childStart[p]; k < childStart[p + 1]; k++) {
      const c = children[k]
      newIndex[c] = next
      depth[c] = depth[p] + 1
      start[c] = x
      next += size[c]
      x += total[c]
    }
  }
  const tree: ProfileTreeColumns = {
    count: n,
    parent: new Int32Array(n),
    function: new Int32Array(n),
    depth: new Int32Array(n),
    subtreeEnd: new Int32Array(n),
    selfMs: new Float64Array(n),
    totalMs: new Float64Array(n),
    startMs: new Float64Array(n)
  }
  for (let i = 0; i < n; i++) {
    const j = newIndex[i]
    tree.parent[j] = i === 0 ? -1 : newIndex[parentIn[i]]
    tree.function[j] = functionIn[i]
    tree.depth[j] = depth[i]
    tree.subtreeEnd[j] = j + size[i]
    tree.selfMs[j] = selfIn[i]
    tree.totalMs[j] = total[i]
    tree.startMs[j] = start[i]
  }
  return { tree, newIndex }
}

function sortByTotalDescending(items: Int32Array, from: number, to: number, total: Float64Array): void {
  const length = to - from
  if (length < 2) return
  if (length <= 24) {
    for (let i = from + 1; i < to; i++) {
      const item = items[i]
      const key = total[item]
      let j = i - 1
      while (j >= from && (total[items[j]] < key || (total[items[j]] === key && items[j] > item))) {
        items[j + 1] = items[j]
        j--
      }
      items[j + 1] = item
    }
    return
  }
  const sorted = Array.from(items.subarray(from, to)).sort((a, b) => total[b] - total[a] || a - b)
  items.set(sorted, from)
}
