// The profiler domain's part of the API contract (merged into the one contract in api.ts).
// Profiles are loaded once in the main process (in a worker for big files); the views fetch
// what they draw: the flame graph and the flame chart for a viewport (level of detail: nodes
// narrower than about a pixel are left out, so a payload stays bounded however big the
// profile), and the tables a page at a time. Arrays are columns of plain numbers, since the
// WebSocket bridge speaks JSON.
import { z } from 'zod'
import { defineEvents, defineRequests, noParams, optionalParams, payload, result, type EventTypes, type RequestTypes } from './contract'
import { profileCategoryLabels, type ProfileCategory, type ProfileFunctionRow, type ProfileGroupRow, type ProfileSummary } from './profileTypes'

export type ProfileSource = 'capture' | 'import' | 'session'

export interface ProfileInfo {
  id: string
  /** What the list shows: the file name, or "CPU profile of <target> at <time>". */
  name: string
  source: ProfileSource
  /** The target it was captured from (for 'session': the opened session's recorded target). */
  targetId: string | null
  sessionId: string | null
  /** When the capture started, or the file's time for imports (epoch ms). */
  capturedAt: number
  fileBytes: number
  state: 'loading' | 'ready' | 'failed'
  /** Why it failed to load (one line). */
  error: string | null
  summary: ProfileSummary | null
  /** Exact call counts were collected (precise coverage) with this capture. */
  hasCallCounts: boolean
  /** Source maps of the target were applied to the function names and locations. */
  sourceMapped: boolean
}

export interface ProfileCaptureStatus {
  targetId: string
  running: boolean
  startedAt: number | null
  intervalUs: number | null
  /** How the running capture ends by itself: never (on request), after a duration, or at the next pause. */
  stopsOn: 'request' | 'duration' | 'breakpoint' | null
  /** For 'duration': when it stops (epoch ms). */
  stopsAt: number | null
}

const targetId = z.object({ targetId: z.string().min(1) })
const profileId = z.object({ profileId: z.string().min(1) })
const ms = z.number().finite().min(0)
const widthPx = z.number().int().min(1).max(16_384)
const categories = Object.keys(profileCategoryLabels) as [ProfileCategory, ...ProfileCategory[]]

const profileStartParams = targetId.extend({
  /**
   * Sampling interval in microseconds (settings' default when left out). V8 samples no faster
   * than about every 50 µs; a second is the slowest that still says anything.
   */
  intervalUs: z.number().int().min(50).max(1_000_000).optional(),
  durationMs: z.number().int().min(1).max(24 * 3600 * 1000).optional(),
  untilBreakpoint: z.boolean().optional(),
  /** Collect exact call counts per function (precise coverage). */
  callCounts: z.boolean().optional()
})
export type ProfileStartParams = z.output<typeof profileStartParams>

/** A function row with exact call counts where the capture collected them. */
export interface ProfileFunctionTableRow extends ProfileFunctionRow {
  calls: number | null
  /** totalMs / calls, where both are known. */
  msPerCall: number | null
}

const profileFunctionSorts = ['self', 'total', 'name', 'calls'] as const
export type ProfileFunctionSort = (typeof profileFunctionSorts)[number]

/**
 * The functions a flame payload refers to, by their index in the profile's function table
 * (`index[k]`); a node's `fn` is a position k in these columns.
 */
export interface FlameFunctions {
  index: number[]
  name: string[]
  url: string[]
  /** 1-based, 0 where unknown. */
  line: number[]
  category: ProfileCategory[]
  packageName: Array<string | null>
}

/**
 * The merged call tree (left-heavy) for one viewport. Node k: tree node `node[k]` (stable for
 * the profile: the id for focus and linking), drawn at `depth[k]` from `startMs[k]` for
 * `totalMs[k]`. Preorder; ancestors of every node are included. `startMs` is in the root's frame.
 */
export interface FlameGraphData {
  profileId: string
  /** The focused subtree's root (0: the whole profile) and the path to it (root first). */
  focus: number
  focusPath: number[]
  /** The functions (positions in `functions`) of focusPath's nodes, for breadcrumbs. */
  focusPathFn: number[]
  /** The whole tree's span (the root's total) and the focus's span in it. */
  rootTotalMs: number
  focusStartMs: number
  focusTotalMs: number
  /** What was asked, so a client can tell whether a payload still fits its viewport. */
  startMs: number
  endMs: number
  minMs: number
  /** Nodes left out because they were narrower than minMs. */
  culled: number
  count: number
  node: number[]
  parent: number[]
  fn: number[]
  depth: number[]
  startMsOf: number[]
  totalMs: number[]
  selfMs: number[]
  functions: FlameFunctions
}

/** The time-ordered flame chart for a window: spans grouped by depth, time-ordered within one. */
export interface FlameChartData {
  profileId: string
  durationMs: number
  startMs: number
  endMs: number
  minMs: number
  culled: number
  count: number
  /** Tree node of the span (the same ids as the flame graph's). */
  node: number[]
  fn: number[]
  depth: number[]
  startMsOf: number[]
  endMsOf: number[]
  functions: FlameFunctions
}

/** One side of a sandwich (callers or callees) as a small flame tree, root = the function. */
export interface SandwichTree {
  count: number
  parent: number[]
  fn: number[]
  depth: number[]
  startMsOf: number[]
  totalMs: number[]
  selfMs: number[]
}

export interface SandwichData {
  profileId: string
  function: ProfileFunctionTableRow
  callers: SandwichTree
  callees: SandwichTree
  functions: FlameFunctions
}

export interface ProfileProgress {
  profileId: string
  phase: 'reading' | 'modelling' | 'done' | 'failed'
  bytesRead: number
  totalBytes: number
}

export const profilerRequests = defineRequests({
  'profiler.list': { params: noParams, result: result<ProfileInfo[]>() },
  'profiler.status': { params: targetId, result: result<ProfileCaptureStatus>() },
  'profiler.start': { params: profileStartParams, result: result<ProfileCaptureStatus>() },
  /** Stop, save (and, while recorded, add to the session) and load the profile. */
  'profiler.stop': { params: targetId, result: result<ProfileInfo>() },
  /**
   * Import a .cpuprofile; without a path the desktop app asks with a dialog (null: cancelled).
   * `name`: what the list calls it (the name the user picked, for a file uploaded under another).
   */
  'profiler.import': {
    params: optionalParams(z.object({ path: z.string().min(1).optional(), name: z.string().min(1).max(255).optional() }).strict()),
    result: result<ProfileInfo | null>()
  },
  'profiler.remove': { params: profileId, result: result<void>() },
  'profiler.functions': {
    params: profileId.extend({
      sort: z.enum(profileFunctionSorts).optional(),
      descending: z.boolean().optional(),
      search: z.string().max(1000).optional(),
      category: z.enum(categories).optional(),
      packageName: z.string().optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(0).max(10_000).optional()
    }),
    result: result<{ total: number; rows: ProfileFunctionTableRow[] }>()
  },
  /** Attribution: categories and npm packages, by self time. */
  'profiler.groups': { params: profileId, result: result<ProfileGroupRow[]>() },
  /** The flame graph for a viewport of the focused subtree (see FlameGraphData). */
  'profiler.flame': {
    params: profileId.extend({ focus: z.number().int().min(0).optional(), startMs: ms.optional(), endMs: ms.optional(), widthPx: widthPx.optional() }),
    result: result<FlameGraphData>()
  },
  /** The flame chart for a time window (ms from the profile's start). */
  'profiler.flameChart': {
    params: profileId.extend({ startMs: ms.optional(), endMs: ms.optional(), widthPx: widthPx.optional() }),
    result: result<FlameChartData>()
  },
  'profiler.sandwich': { params: profileId.extend({ functionIndex: z.number().int().min(0) }), result: result<SandwichData>() },
  /** Tree nodes of one function (for highlighting it in the flame views). */
  'profiler.nodesOf': { params: profileId.extend({ functionIndex: z.number().int().min(0) }), result: result<number[]>() },
  /** Write the profile as a standard .cpuprofile; without a path the desktop app asks (null: cancelled). */
  'profiler.export': { params: profileId.extend({ path: z.string().min(1).optional() }), result: result<{ file: string } | null>() }
})

export const profilerEvents = defineEvents({
  /** The whole profile list, whenever a profile is added, loaded, fails or is removed. */
  'profiler.changed': payload<ProfileInfo[]>(),
  /** A target's capture started or stopped. */
  'profiler.capture': payload<ProfileCaptureStatus>(),
  /** Loading progress of big profiles (a few updates a second at most). */
  'profiler.progress': payload<ProfileProgress>()
})

export type ProfilerRequests = RequestTypes<typeof profilerRequests>
export type ProfilerEvents = EventTypes<typeof profilerEvents>
