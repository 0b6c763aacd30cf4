// The engine's queries on a loaded profile model, each answering one request of the Profiler view
// for one viewport: the flame graph of a focused subtree and the flame chart of a time window, each
// without the nodes narrower than about a pixel (so a payload stays bounded however big the
// profile is, and the view redraws only what it can show), plus the function table's pages and
// the sandwich of one function. Pure functions of the model; the library keeps the models and caches.
import type { FlameChartData, FlameFunctions, FlameGraphData, ProfileFunctionSort, ProfileFunctionTableRow, SandwichData, SandwichTree } from '../../shared/profilerApi'
import type { ProfileCategory, ProfileFlameChartColumns, ProfileTreeColumns } from '../../shared/profileTypes'
import { UserError } from '../../shared/userError'
import { profileCategories, type ProfileModel } from './profileModel'
import { functionRows } from './profileRows'
import { sandwich } from './sandwich'

/** How a function is shown: the model's own name and place, or the original ones where a source map says. */
export interface FunctionDisplay {
  name(fn: number): string
  url(fn: number): string
  /** 1-based; 0 where unknown. */
  line(fn: number): number
}

export function modelDisplay(model: ProfileModel): FunctionDisplay {
  const { functions: f, strings } = model
  return {
    name: (fn) => strings[f.name[fn]],
    url: (fn) => strings[f.url[fn]],
    line: (fn) => (f.line[fn] >= 0 ? f.line[fn] + 1 : 0)
  }
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000
const defaultWidthPx = 1200

/** The functions a payload refers to, each once, in order of first use. */
class FunctionTable {
  private readonly position = new Map<number, number>()
  readonly columns: FlameFunctions = { index: [], name: [], url: [], line: [], category: [], packageName: [] }

  constructor(
    private readonly model: ProfileModel,
    private readonly display: FunctionDisplay
  ) {}

  add(fn: number): number {
    let at = this.position.get(fn)
    if (at !== undefined) return at
    at = this.columns.index.length
    this.position.set(fn, at)
    const category = profileCategories[this.model.functions.category[fn]]
    this.columns.index.push(fn)
    this.columns.name.push(this.display.name(fn))
    this.columns.url.push(this.display.url(fn))
    this.columns.line.push(this.display.line(fn))
    this.columns.category.push(category)
    this.columns.packageName.push(category === 'npm' ? this.model.groups.name[this.model.functions.group[fn]] : null)
    return at
  }
}

function requireNode(tree: ProfileTreeColumns, node: number): void {
  if (!Number.isInteger(node) || node < 0 || node >= tree.count) throw new UserError('BAD_REQUEST', `no node ${node} in this profile`)
}

export interface FlameViewport {
  focus?: number
  startMs?: number
  endMs?: number
  widthPx?: number
}

/**
 * The merged tree under `focus`, depths counted from the focus, for the window [startMs, endMs)
 * of the root's frame (the focus's whole span by default). A node is kept when it reaches into
 * the window and is at least one pixel wide; a culled node takes its subtree with it.
 */
export function flameGraphViewport(profileId: string, model: ProfileModel, display: FunctionDisplay, viewport: FlameViewport): FlameGraphData {
  const { tree } = model
  const focus = viewport.focus ?? 0
  requireNode(tree, focus)
  const focusStart = tree.startMs[focus]
  const focusEnd = focusStart + tree.totalMs[focus]
  const startMs = Math.max(focusStart, Math.min(viewport.startMs ?? focusStart, focusEnd))
  const endMs = Math.max(startMs, Math.min(viewport.endMs ?? focusEnd, focusEnd))
  const minMs = (endMs - startMs) / (viewport.widthPx ?? defaultWidthPx)
  const functions = new FunctionTable(model, display)
  const focusPath: number[] = []
  for (let a = focus; a !== -1; a = tree.parent[a]) focusPath.push(a)
  focusPath.reverse()
  const focusPathFn = focusPath.map((node) => functions.add(tree.function[node]))
  const out: FlameGraphData = {
    profileId,
    focus,
    focusPath,
    focusPathFn,
    rootTotalMs: tree.totalMs[0],
    focusStartMs: focusStart,
    focusTotalMs: tree.totalMs[focus],
    startMs,
    endMs,
    minMs,
    culled: 0,
    count: 0,
    node: [],
    parent: [],
    fn: [],
    depth: [],
    startMsOf: [],
    totalMs: [],
    selfMs: [],
    functions: functions.columns
  }
  const baseDepth = tree.depth[focus]
  const end = tree.subtreeEnd[focus]
  const kept = new Map<number, number>()
  let i = focus
  while (i < end) {
    const left = tree.startMs[i]
    const width = tree.totalMs[i]
    const outside = left >= endMs || left + width <= startMs
    if (i !== focus && (outside || width < minMs || width <= 0)) {
      if (!outside) out.culled += tree.subtreeEnd[i] - i
      i = tree.subtreeEnd[i]
      continue
    }
    kept.set(i, out.count)
    out.node.push(i)
    out.parent.push(i === focus ? -1 : (kept.get(tree.parent[i]) ?? -1))
    out.fn.push(functions.add(tree.function[i]))
    out.depth.push(tree.depth[i] - baseDepth)
    out.startMsOf.push(round3(left))
    out.totalMs.push(round3(width))
    out.selfMs.push(round3(tree.selfMs[i]))
    out.count++
    i++
  }
  return out
}

/** First index in [from, to) whose span ends after `ms` (spans of one depth are time-ordered and disjoint). */
function firstEndingAfter(chart: ProfileFlameChartColumns, from: number, to: number, ms: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (chart.endMs[mid] <= ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The flame chart's spans in [startMs, endMs) (ms from the profile's start), at least a pixel wide. */
export function flameChartWindow(
  profileId: string,
  model: ProfileModel,
  chart: ProfileFlameChartColumns,
  display: FunctionDisplay,
  window: { startMs?: number; endMs?: number; widthPx?: number }
): FlameChartData {
  const duration = model.samples.count > 0 ? model.samples.startMs[model.samples.count - 1] + model.samples.durationMs[model.samples.count - 1] : 0
  const startMs = Math.max(0, Math.min(window.startMs ?? 0, duration))
  const endMs = Math.max(startMs, Math.min(window.endMs ?? duration, duration))
  const minMs = (endMs - startMs) / (window.widthPx ?? defaultWidthPx)
  const functions = new FunctionTable(model, display)
  const out: FlameChartData = {
    profileId,
    durationMs: duration,
    startMs,
    endMs,
    minMs,
    culled: 0,
    count: 0,
    node: [],
    fn: [],
    depth: [],
    startMsOf: [],
    endMsOf: [],
    functions: functions.columns
  }
  const emit = (node: number, depth: number, from: number, to: number): void => {
    out.node.push(node)
    out.fn.push(functions.add(model.tree.function[node]))
    out.depth.push(depth)
    out.startMsOf.push(round3(from))
    out.endMsOf.push(round3(to))
    out.count++
  }
  const depths = chart.depthStart.length - 1
  for (let d = 0; d < depths; d++) {
    const to = chart.depthStart[d + 1]
    // Runs of spans narrower than a pixel that touch each other (a stack broken up by GC or
    // idle samples) become one span, shown as the run's widest member: culling them one by one
    // would leave a zoomed-out chart mostly empty.
    let runStart = -1
    let runEnd = -1
    let runNode = -1
    let runWidest = -1
    let runMembers = 0
    const flushRun = (): void => {
      if (runMembers === 0) return
      if (runEnd - runStart >= minMs) {
        emit(runNode, d, runStart, runEnd)
        out.culled += runMembers - 1
      } else out.culled += runMembers
      runMembers = 0
    }
    for (let k = firstEndingAfter(chart, chart.depthStart[d], to, startMs); k < to && chart.startMs[k] < endMs; k++) {
      const from = chart.startMs[k]
      const until = chart.endMs[k]
      if (until - from >= minMs) {
        flushRun()
        emit(chart.node[k], d, from, until)
        continue
      }
      if (runMembers > 0 && from - runEnd > minMs) flushRun()
      if (runMembers === 0) {
        runStart = from
        runWidest = -1
      }
      runEnd = until
      runMembers++
      if (until - from > runWidest) {
        runWidest = until - from
        runNode = chart.node[k]
      }
    }
    flushRun()
  }
  return out
}

/** Calls per function, from precise coverage; null where the capture did not count. */
export type CallCounts = Float64Array | null

export interface FunctionQuery {
  sort?: ProfileFunctionSort
  descending?: boolean
  search?: string
  category?: ProfileCategory
  packageName?: string
  offset?: number
  limit?: number
}

/** Rows of every function (computed once per profile), with display names and call counts joined. */
export function functionTableRows(model: ProfileModel, display: FunctionDisplay, calls: CallCounts): ProfileFunctionTableRow[] {
  return functionRows(model).map((row) => {
    const count = calls ? calls[row.index] : Number.NaN
    const known = calls !== null && count >= 0
    const line = display.line(row.index)
    return {
      ...row,
      functionName: display.name(row.index),
      url: display.url(row.index),
      line: line > 0 ? line : null,
      column: display.url(row.index) === row.url ? row.column : null,
      calls: known ? count : null,
      msPerCall: known && count > 0 ? row.totalMs / count : null
    }
  })
}

export function functionTablePage(rows: readonly ProfileFunctionTableRow[], query: FunctionQuery): { total: number; rows: ProfileFunctionTableRow[] } {
  const needle = query.search?.trim().toLowerCase() ?? ''
  let picked = rows.filter(
    (row) =>
      (query.category === undefined || row.category === query.category) &&
      (query.packageName === undefined || row.packageName === query.packageName) &&
      (needle === '' || row.functionName.toLowerCase().includes(needle) || row.url.toLowerCase().includes(needle))
  )
  const sort = query.sort ?? 'self'
  const direction = (query.descending ?? sort !== 'name') ? -1 : 1
  if (sort !== 'self' || direction !== -1) {
    const key: (row: ProfileFunctionTableRow) => number | string =
      sort === 'total' ? (r) => r.totalMs : sort === 'name' ? (r) => r.functionName.toLowerCase() : sort === 'calls' ? (r) => r.calls ?? -1 : (r) => r.selfMs
    picked = picked.slice().sort((a, b) => {
      const ka = key(a)
      const kb = key(b)
      return (ka < kb ? -1 : ka > kb ? 1 : 0) * direction || b.selfMs - a.selfMs || a.index - b.index
    })
  }
  const offset = query.offset ?? 0
  return { total: picked.length, rows: picked.slice(offset, offset + (query.limit ?? 200)) }
}

function sandwichTree(tree: ProfileTreeColumns, functions: FunctionTable): SandwichTree {
  const out: SandwichTree = { count: tree.count, parent: [], fn: [], depth: [], startMsOf: [], totalMs: [], selfMs: [] }
  for (let i = 0; i < tree.count; i++) {
    out.parent.push(tree.parent[i])
    out.fn.push(functions.add(tree.function[i]))
    out.depth.push(tree.depth[i])
    out.startMsOf.push(round3(tree.startMs[i]))
    out.totalMs.push(round3(tree.totalMs[i]))
    out.selfMs.push(round3(tree.selfMs[i]))
  }
  return out
}

export function sandwichOf(profileId: string, model: ProfileModel, display: FunctionDisplay, row: ProfileFunctionTableRow): SandwichData {
  const result = sandwich(model, row.index)
  const functions = new FunctionTable(model, display)
  return { profileId, function: row, callers: sandwichTree(result.callers, functions), callees: sandwichTree(result.callees, functions), functions: functions.columns }
}

/** Tree nodes of one function, for highlighting it. */
export function nodesOfFunction(model: ProfileModel, fn: number): number[] {
  if (!Number.isInteger(fn) || fn < 0 || fn >= model.functions.count) throw new UserError('BAD_REQUEST', `no function ${fn} in this profile`)
  const nodes: number[] = []
  const { tree } = model
  for (let i = 0; i < tree.count; i++) if (tree.function[i] === fn) nodes.push(i)
  return nodes
}
