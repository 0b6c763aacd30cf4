// The rectangles of a flame payload, indexed for drawing a viewport: per depth, in time order,
// so that the visible range of a row is two binary searches away. Built once per payload (the
// flame graph's, the flame chart's or one side of a sandwich) and kept while the view draws it
// at any zoom, until a finer payload replaces it.
import type { FlameChartData, FlameFunctions, FlameGraphData, SandwichTree } from '../../../shared/profilerApi'

export interface FlameLayout {
  count: number
  /** Per rectangle k (the payload's order). */
  depth: Int32Array
  startMs: Float64Array
  widthMs: Float64Array
  /** Position in `functions` (the payload's own columns). */
  fn: Int32Array
  /** Stable tree node id, or null where the payload has none (sandwich trees). */
  node: Int32Array | null
  selfMs: Float64Array | null
  functions: FlameFunctions
  /** Rows: 0…rows−1. */
  rows: number
  /** Rectangles of row d are order[rowStart[d] … rowStart[d + 1]), left to right. */
  order: Int32Array
  rowStart: Int32Array
  /** startMs and endMs in `order`, for the binary searches. */
  orderStart: Float64Array
  orderEnd: Float64Array
}

interface Columns {
  count: number
  depth: ArrayLike<number>
  startMs: ArrayLike<number>
  widthMs: ArrayLike<number>
  fn: ArrayLike<number>
  node: ArrayLike<number> | null
  selfMs: ArrayLike<number> | null
  functions: FlameFunctions
}

/**
 * Counting sort by depth, then by start within a row. Rectangles of one row never overlap (a
 * tree's siblings, or one stack slot over time), so their ends are in order too.
 */
export function buildFlameLayout(c: Columns): FlameLayout {
  const count = c.count
  const depth = Int32Array.from({ length: count }, (_, k) => c.depth[k])
  let rows = 0
  for (let k = 0; k < count; k++) if (depth[k] + 1 > rows) rows = depth[k] + 1
  const rowStart = new Int32Array(rows + 1)
  for (let k = 0; k < count; k++) rowStart[depth[k] + 1]++
  for (let d = 0; d < rows; d++) rowStart[d + 1] += rowStart[d]
  const fill = rowStart.slice(0, rows)
  const order = new Int32Array(count)
  for (let k = 0; k < count; k++) order[fill[depth[k]]++] = k
  const startMs = Float64Array.from({ length: count }, (_, k) => c.startMs[k])
  const widthMs = Float64Array.from({ length: count }, (_, k) => c.widthMs[k])
  for (let d = 0; d < rows; d++) {
    // Preorder (graph) and time order (chart) are already sorted; only a payload that is not pays for a sort.
    let sorted = true
    for (let i = rowStart[d] + 1; i < rowStart[d + 1] && sorted; i++) sorted = startMs[order[i - 1]] <= startMs[order[i]]
    if (!sorted) order.subarray(rowStart[d], rowStart[d + 1]).sort((a, b) => startMs[a] - startMs[b])
  }
  const orderStart = new Float64Array(count)
  const orderEnd = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    orderStart[i] = startMs[order[i]]
    orderEnd[i] = startMs[order[i]] + widthMs[order[i]]
  }
  return {
    count,
    depth,
    startMs,
    widthMs,
    fn: Int32Array.from({ length: count }, (_, k) => c.fn[k]),
    node: c.node ? Int32Array.from({ length: count }, (_, k) => c.node![k]) : null,
    selfMs: c.selfMs ? Float64Array.from({ length: count }, (_, k) => c.selfMs![k]) : null,
    functions: c.functions,
    rows,
    order,
    rowStart,
    orderStart,
    orderEnd
  }
}

export function graphLayout(data: FlameGraphData): FlameLayout {
  return buildFlameLayout({ count: data.count, depth: data.depth, startMs: data.startMsOf, widthMs: data.totalMs, fn: data.fn, node: data.node, selfMs: data.selfMs, functions: data.functions })
}

export function chartLayout(data: FlameChartData): FlameLayout {
  const widthMs = data.endMsOf.map((end, k) => end - data.startMsOf[k])
  return buildFlameLayout({ count: data.count, depth: data.depth, startMs: data.startMsOf, widthMs, fn: data.fn, node: data.node, selfMs: null, functions: data.functions })
}

export function sandwichLayout(tree: SandwichTree, functions: FlameFunctions): FlameLayout {
  return buildFlameLayout({ count: tree.count, depth: tree.depth, startMs: tree.startMsOf, widthMs: tree.totalMs, fn: tree.fn, node: null, selfMs: tree.selfMs, functions })
}

/** The first position in `order` of row `row` whose rectangle ends after `ms` (the row's end when none does). */
export function firstEndingAfter(layout: FlameLayout, row: number, ms: number): number {
  let lo = layout.rowStart[row]
  let hi = layout.rowStart[row + 1]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (layout.orderEnd[mid] <= ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first position in `order` of row `row` whose rectangle starts at or after `ms`. */
export function firstStartingAt(layout: FlameLayout, row: number, ms: number, from = layout.rowStart[row]): number {
  let lo = from
  let hi = layout.rowStart[row + 1]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (layout.orderStart[mid] < ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The rectangle (index k) under time `ms` in row `row`, or −1. */
export function rectAt(layout: FlameLayout, row: number, ms: number): number {
  if (row < 0 || row >= layout.rows) return -1
  const i = firstEndingAfter(layout, row, ms)
  return i < layout.rowStart[row + 1] && layout.orderStart[i] <= ms ? layout.order[i] : -1
}

/** Where a tree node is in the layout (its rectangle k), or −1. */
export function rectOfNode(layout: FlameLayout, node: number): number {
  if (!layout.node) return -1
  return layout.node.indexOf(node)
}
