// The model of one CPU profile, computed from the parsed columns (pure; runs inline or in the
// profile worker): sample times, the merged call tree laid out left-heavy for a flame graph,
// self and total time per function and per owner (your code, npm packages, node internals, V8,
// V8's pseudo-frames). Everything is flat typed arrays, so that the model crosses postMessage as
// a handful of transferable buffers. No recursion anywhere.
//
// Time: a sample stands for the stretch until the next sample (the last one: until endTime), so
// the times come from timeDeltas, not from counting samples; durations are milliseconds.
// Function identity: functionName + url + line + column. A function's total counts each
// sample once even when it recurses.
import { profileCategoryLabels, type ProfileCategory, type ProfileFormat, type ProfileTreeColumns } from '../../shared/profileTypes'
import type { ParsedCpuProfile } from './cpuProfileTree'
import { classifyFrame } from './attribution'
import { layoutTree, MergedTreeBuilder } from './callTree'

/** Category codes in the Uint8Array columns; `profileCategories[code]`. */
export const profileCategories: readonly ProfileCategory[] = ['app', 'npm', 'node', 'v8', 'program', 'gc', 'idle']
const categoryCode = (c: ProfileCategory): number => profileCategories.indexOf(c)

export interface ProfileFunctionColumns {
  count: number
  /** Indices in `strings`. */
  name: Int32Array
  url: Int32Array
  /** 0-based as in the file's call frames; -1 where unknown. */
  line: Int32Array
  column: Int32Array
  scriptId: Int32Array
  /** Code in profileCategories. */
  category: Uint8Array
  /** Index in the group columns (a category, or one npm package). */
  group: Int32Array
  selfMs: Float64Array
  totalMs: Float64Array
}

export interface ProfileGroupColumns {
  count: number
  /** The package name for npm groups, the category label otherwise ('(root)' for the root's own group). */
  name: string[]
  category: Uint8Array
  selfMs: Float64Array
  totalMs: Float64Array
}

export interface ProfileSampleColumns {
  count: number
  /** The tree node (leaf of the stack) of each sample, in time order. */
  node: Int32Array
  /** Start of each sample, ms from the profile's startTime. */
  startMs: Float64Array
  durationMs: Float64Array
}

export interface ProfileModel {
  format: ProfileFormat
  /** Microseconds on the profiler's clock, as in the file. */
  startTime: number
  endTime: number
  durationMs: number
  sampledMs: number
  idleMs: number
  nonIdleMs: number
  /** Nodes of the call tree as stored in the file (before merging). */
  fileNodes: number
  maxDepth: number
  strings: string[]
  functions: ProfileFunctionColumns
  groups: ProfileGroupColumns
  /** The merged call tree, left-heavy preorder (see ProfileTreeColumns). */
  tree: ProfileTreeColumns
  samples: ProfileSampleColumns
  /** The group that holds only "(root)" (excluded from attribution rows while it has no self time). */
  rootGroup: number
}

/** Builds the model; it takes over the parsed profile's sample columns (parse again to build twice). */
export function buildProfileModel(parsed: ParsedCpuProfile): ProfileModel {
  const strings = parsed.strings.slice()
  const timing = sampleTiming(parsed)
  const fn = functionColumns(parsed, strings)

  // Merge nodes by (parent, function), parents first. Several roots hang under a "(root)" of our own.
  let roots = 0
  for (let i = 0; i < parsed.nodeCount; i++) if (parsed.nodeParent[i] === -1) roots++
  const singleRoot = roots === 1
  const rootFunction = singleRoot ? parsed.nodeFunction[parsed.order[0]] : fn.addSynthetic('(root)')
  const builder = new MergedTreeBuilder(rootFunction)
  const merged = new Int32Array(parsed.nodeCount)
  for (let k = 0; k < parsed.nodeCount; k++) {
    const i = parsed.order[k]
    const p = parsed.nodeParent[i]
    if (p === -1) merged[i] = singleRoot ? 0 : builder.child(0, parsed.nodeFunction[i])
    else merged[i] = builder.child(merged[p], parsed.nodeFunction[i])
  }
  const selfMs = builder.selfMs.data // no node is added from here on, so this array stays
  for (let i = 0; i < parsed.nodeCount; i++) selfMs[merged[i]] += timing.nodeSelfMs[i]
  const { tree, newIndex } = layoutTree(builder.parent.data, builder.function.data, selfMs, builder.count)
  // Samples point at file nodes; from here on, at nodes of the laid-out tree.
  for (let i = 0; i < parsed.nodeCount; i++) merged[i] = newIndex[merged[i]]
  const sampleNode = timing.node
  for (let s = 0; s < sampleNode.length; s++) sampleNode[s] = merged[sampleNode[s]]

  const functions = fn.finish()
  const groups = groupColumns(functions, strings)
  accumulate(tree, functions, groups)

  let maxDepth = 0
  for (let i = 0; i < tree.count; i++) if (tree.depth[i] > maxDepth) maxDepth = tree.depth[i]
  const sampledMs = tree.totalMs[0]
  const idleMs = groups.selfMs[groups.category.indexOf(categoryCode('idle'))] ?? 0
  return {
    format: parsed.format,
    startTime: parsed.startTime,
    endTime: parsed.endTime,
    durationMs: (parsed.endTime - parsed.startTime) / 1000,
    sampledMs,
    idleMs,
    nonIdleMs: sampledMs - idleMs,
    fileNodes: parsed.nodeCount,
    maxDepth,
    strings,
    functions,
    groups,
    tree,
    samples: { count: sampleNode.length, node: sampleNode, startMs: timing.startMs, durationMs: timing.durationMs },
    rootGroup: groups.name.indexOf('(root)')
  }
}

/**
 * Sample start times and durations (ms), and the self time of each file node, in one pass.
 * Samples whose clock stepped back (negative deltas, seen in Chrome profiles) are put back in
 * time order first, as DevTools and speedscope do. Takes over parsed.samples and
 * parsed.timeDeltas (they become the model's sample columns).
 */
function sampleTiming(parsed: ParsedCpuProfile): { node: Int32Array; startMs: Float64Array; durationMs: Float64Array; nodeSelfMs: Float64Array } {
  const n = parsed.samples.length
  let node = parsed.samples
  // The deltas become the start times in place (µs from startTime until divided below).
  let start = parsed.timeDeltas
  let t = 0
  let ordered = true
  for (let i = 0; i < n; i++) {
    const d = start[i]
    if (d < 0 && i > 0) ordered = false
    t += d
    start[i] = t
  }
  if (!ordered) {
    const at = start
    const samples = node
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => at[a] - at[b] || a - b)
    node = Int32Array.from(order, (i) => samples[i])
    start = Float64Array.from(order, (i) => at[i])
  }
  const durationMs = new Float64Array(n)
  const nodeSelfMs = new Float64Array(parsed.nodeCount)
  const last = n - 1
  for (let i = 0; i < last; i++) {
    const ms = (start[i + 1] - start[i]) / 1000
    durationMs[i] = ms
    nodeSelfMs[node[i]] += ms
    start[i] /= 1000
  }
  const lastMs = (Math.max(start[last], parsed.endTime - parsed.startTime) - start[last]) / 1000
  durationMs[last] = lastMs
  nodeSelfMs[node[last]] += lastMs
  start[last] /= 1000
  return { node, startMs: start, durationMs, nodeSelfMs }
}

/** The function table with owners; `addSynthetic` appends a function that is in no file (a shared root). */
function functionColumns(parsed: ParsedCpuProfile, strings: string[]) {
  let count = parsed.functionCount
  // One spare row for a synthetic root.
  const column = (from: Int32Array): Int32Array => {
    const to = new Int32Array(count + 1)
    to.set(from.subarray(0, count))
    return to
  }
  const names = column(parsed.functionName)
  const urls = column(parsed.functionUrl)
  const lines = column(parsed.functionLine)
  const columns = column(parsed.functionColumn)
  const scripts = column(parsed.functionScriptId)
  return {
    addSynthetic(name: string): number {
      let id = strings.indexOf(name)
      if (id < 0) id = strings.push(name) - 1
      names[count] = id
      urls[count] = 0
      lines[count] = -1
      columns[count] = -1
      scripts[count] = -1
      return count++
    },
    finish(): ProfileFunctionColumns {
      const trim = (a: Int32Array): Int32Array => (a.length === count ? a : a.slice(0, count))
      return {
        count,
        name: trim(names),
        url: trim(urls),
        line: trim(lines),
        column: trim(columns),
        scriptId: trim(scripts),
        category: new Uint8Array(count),
        group: new Int32Array(count),
        selfMs: new Float64Array(count),
        totalMs: new Float64Array(count)
      }
    }
  }
}

/** Classifies every function and gives each category, and each npm package, a group. */
function groupColumns(functions: ProfileFunctionColumns, strings: string[]): ProfileGroupColumns {
  const names: string[] = []
  const categories: number[] = []
  const groupOf = new Map<string, number>()
  const group = (key: string, name: string, category: ProfileCategory): number => {
    let g = groupOf.get(key)
    if (g === undefined) {
      g = names.length
      names.push(name)
      categories.push(categoryCode(category))
      groupOf.set(key, g)
    }
    return g
  }
  // A script's owner depends on its URL alone: classified once per distinct URL. Frames without
  // a URL (pseudo-frames, builtins, anonymous scripts) are classified one by one.
  const byUrl = new Map<number, number>() // url id → category code << 24 | group
  for (let f = 0; f < functions.count; f++) {
    const urlId = functions.url[f]
    const known = urlId === 0 ? undefined : byUrl.get(urlId)
    if (known !== undefined) {
      functions.category[f] = known >>> 24
      functions.group[f] = known & 0xffffff
      continue
    }
    const name = strings[functions.name[f]]
    const owner = classifyFrame(name, strings[urlId], functions.scriptId[f])
    let g: number
    if (name === '(root)' && urlId === 0) g = group('(root)', '(root)', 'program')
    else if (owner.packageName !== null) g = group(`npm:${owner.packageName}`, owner.packageName, 'npm')
    else g = group(owner.category, profileCategoryLabels[owner.category], owner.category)
    functions.category[f] = categoryCode(owner.category)
    functions.group[f] = g
    if (urlId !== 0) byUrl.set(urlId, (categoryCode(owner.category) << 24) | g)
  }
  const count = names.length
  return { count, name: names, category: Uint8Array.from(categories), selfMs: new Float64Array(count), totalMs: new Float64Array(count) }
}

/**
 * Self and total time per function and per group, in one preorder walk. A function's total is
 * the total of its outermost occurrences on each path (those with no occurrence above them), so
 * recursion never counts a sample twice; the same for groups.
 */
function accumulate(tree: ProfileTreeColumns, functions: ProfileFunctionColumns, groups: ProfileGroupColumns): void {
  const openFunctions = new Int32Array(functions.count)
  const openGroups = new Int32Array(groups.count)
  const stack = new Int32Array(tree.count)
  let sp = 0
  const { subtreeEnd, function: fnOf, selfMs, totalMs } = tree
  const groupOf = functions.group
  for (let i = 0; i < tree.count; i++) {
    while (sp > 0 && subtreeEnd[stack[sp - 1]] <= i) {
      const f = fnOf[stack[--sp]]
      openFunctions[f]--
      openGroups[groupOf[f]]--
    }
    const f = fnOf[i]
    const g = groupOf[f]
    functions.selfMs[f] += selfMs[i]
    groups.selfMs[g] += selfMs[i]
    if (openFunctions[f]++ === 0) functions.totalMs[f] += totalMs[i]
    if (openGroups[g]++ === 0) groups.totalMs[g] += totalMs[i]
    stack[sp++] = i
  }
}
