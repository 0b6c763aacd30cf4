// What crosses the boundary about CPU profiles (.cpuprofile import now, capture later): the
// summary, the function and attribution rows, and the columnar trees and charts the views draw.
// Times are milliseconds; shares (`…Pct`) are percentages of non-idle time, so that "(idle)"
// never dilutes them. Columnar data is typed arrays: it crosses postMessage and structured clone
// as a few buffers, never as millions of small objects (ARCHITECTURE.md, "Large results").

/**
 * Where time goes, by who owns the code: your code, an npm package (see `packageName`), Node's
 * own JavaScript (node:*, internal/*), V8 and native code (builtins, bindings: frames without a
 * script), and V8's pseudo-frames.
 */
export type ProfileCategory = 'app' | 'npm' | 'node' | 'v8' | 'program' | 'gc' | 'idle'

export const profileCategoryLabels: Record<ProfileCategory, string> = {
  app: 'your code',
  npm: 'npm packages',
  node: 'node internals',
  v8: 'V8 / native',
  program: '(program)',
  gc: '(garbage collector)',
  idle: '(idle)'
}

/** One function: functionName + url + line + column, merged over every node of the call tree. */
export interface ProfileFunctionRow {
  /** Index in the model's function table (stable for one loaded profile). */
  index: number
  functionName: string
  url: string
  /** 1-based line as editors show it; null where the profile has none. */
  line: number | null
  /** 1-based column; null where the profile has none. */
  column: number | null
  category: ProfileCategory
  /** The npm package that owns the function (`name` or `@scope/name`), for category 'npm'. */
  packageName: string | null
  selfMs: number
  selfPct: number
  /** Time with the function anywhere on the stack, counted once per sample even under recursion. */
  totalMs: number
  totalPct: number
}

/** One row of the attribution: a category, or one npm package. */
export interface ProfileGroupRow {
  index: number
  /** The package name for 'npm' rows, the category label otherwise. */
  name: string
  category: ProfileCategory
  selfMs: number
  selfPct: number
  /** Time with any function of the group on the stack (once per sample). */
  totalMs: number
  totalPct: number
}

export type ProfileFormat = 'cpuprofile' | 'cpuprofile-legacy'

export interface ProfileSummary {
  /** 'cpuprofile': nodes/samples/timeDeltas (node --cpu-prof, DevTools, CDP); 'cpuprofile-legacy': the old `head` tree. */
  format: ProfileFormat
  /** Start and end as the profile gives them, in microseconds of the profiler's clock. */
  startTime: number
  endTime: number
  /** endTime − startTime. */
  durationMs: number
  /** The time the samples cover (each sample lasts until the next one). */
  sampledMs: number
  idleMs: number
  /** sampledMs − idleMs: the denominator of every share. */
  nonIdleMs: number
  samples: number
  /** Mean time between samples. */
  sampleIntervalMs: number
  /** Nodes of the call tree as stored in the file. */
  nodes: number
  /** Distinct functions (functionName + url + line + column). */
  functions: number
  /** Deepest stack, in frames below the root. */
  maxDepth: number
  /** The first rows of the function table, by self time. */
  topFunctions: ProfileFunctionRow[]
  /** Every attribution row (categories, and one row per npm package), by self time; "(idle)" is idleMs. */
  groups: ProfileGroupRow[]
}

/**
 * A call tree in preorder, children left-heavy (by total time, descending), as a flame graph
 * draws it: node i spans [startMs, startMs + totalMs) at `depth`, and its subtree is the index
 * range [i, subtreeEnd[i]). Index 0 is the root.
 */
export interface ProfileTreeColumns {
  count: number
  parent: Int32Array
  /** Index in the function table. */
  function: Int32Array
  depth: Int32Array
  subtreeEnd: Int32Array
  selfMs: Float64Array
  totalMs: Float64Array
  /** Left edge in the left-heavy layout, in ms from the root's left edge. */
  startMs: Float64Array
}

/**
 * The time-ordered flame chart: one span per stretch of consecutive samples during which a
 * frame stayed on the stack. Spans are grouped by depth (the spans of depth d are the index
 * range [depthStart[d], depthStart[d + 1])) and time-ordered within a depth, so that a view can
 * binary-search the visible window.
 */
export interface ProfileFlameChartColumns {
  count: number
  /** The tree node (of the model's merged tree) the span shows; its function and depth follow from it. */
  node: Int32Array
  depth: Int32Array
  startMs: Float64Array
  endMs: Float64Array
  depthStart: Int32Array
}

/** The CLI's `spyglass profile --json` object (rows by self time, shares of non-idle time). */
export interface ProfileReport {
  durationMs: number
  samples: number
  sampledMs: number
  idleMs: number
  functions: Array<{ functionName: string; url: string; line: number | null; column: number | null; category: ProfileCategory; packageName: string | null; selfMs: number; selfPct: number; totalMs: number; totalPct: number }>
  packages: Array<{ name: string; category: ProfileCategory; selfMs: number; selfPct: number; totalMs: number; totalPct: number }>
}
