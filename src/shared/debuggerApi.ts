// The debugger domain's part of the API contract (merged into ApiRequests / ApiEvents in api.ts).
// Each request: name → params → result; each event: name → payload. The name sets below are
// checked against the interfaces, so neither can drift. A target is a process or one of its
// workers (each has its own targetId); breakpoints belong to the process and apply to its workers.
import type {
  Breakpoint,
  DebuggerHistory,
  DebuggerState,
  DebugSource,
  DebugVariable,
  EvaluateResult,
  HitCondition,
  PausedState,
  PauseOptions,
  SourceText
} from './debuggerTypes'

export interface LineBreakpointParams {
  targetId: string
  /** A file's url as `debugger.sources` lists it (an original .ts works: it is mapped). */
  url: string
  /** 1-based; a line with no code moves to the next breakable line. */
  line: number
  column?: number
  condition?: string
  logMessage?: string
  hitCondition?: HitCondition
  enabled?: boolean
}

export interface FunctionBreakpointParams {
  targetId: string
  /** Evaluated in the target's global scope: `handleRequest`, `Cart.prototype.add`. */
  functionName: string
  condition?: string
  hitCondition?: HitCondition
  enabled?: boolean
}

/** Fields to change; null clears condition / logMessage / hitCondition. */
export interface BreakpointPatch {
  targetId: string
  breakpointId: string
  enabled?: boolean
  condition?: string | null
  logMessage?: string | null
  hitCondition?: HitCondition | null
}

export interface DebuggerRequests {
  /** Everything a view needs when it opens on a target. */
  'debugger.state': { params: { targetId: string }; result: DebuggerState }
  /**
   * The target's files, original ones for source-mapped scripts (maps still loading are waited
   * for, briefly); `search` filters by name. A recorded target: the files whose text it kept.
   */
  'debugger.sources': { params: { targetId: string; search?: string }; result: DebugSource[] }
  /** A file's text: by url (original or script), or by scriptId for scripts without a url (eval). A recorded target: by url. */
  'debugger.source': { params: { targetId: string; url?: string; scriptId?: string }; result: SourceText }
  /** The lines of a file where a breakpoint can bind (for the gutter), within a range of lines. */
  'debugger.breakableLines': { params: { targetId: string; url: string; startLine?: number; endLine?: number }; result: number[] }
  /** The breakpoints of the target's process. */
  'debugger.breakpoints': { params: { targetId: string }; result: Breakpoint[] }
  'debugger.setBreakpoint': { params: LineBreakpointParams; result: Breakpoint }
  'debugger.setFunctionBreakpoint': { params: FunctionBreakpointParams; result: Breakpoint }
  'debugger.updateBreakpoint': { params: BreakpointPatch; result: Breakpoint }
  'debugger.removeBreakpoint': { params: { targetId: string; breakpointId: string }; result: void }
  'debugger.removeAllBreakpoints': { params: { targetId: string }; result: void }
  /** Pause on exceptions (none / uncaught / all) and on `debugger;` statements. */
  'debugger.setPauseOptions': { params: { targetId: string } & Partial<PauseOptions>; result: PauseOptions }
  'debugger.pause': { params: { targetId: string }; result: void }
  'debugger.resume': { params: { targetId: string }; result: void }
  'debugger.step': { params: { targetId: string; action: 'over' | 'into' | 'out' }; result: void }
  /** The paused state now (null while running). */
  'debugger.paused': { params: { targetId: string }; result: PausedState | null }
  /**
   * Properties of a scope or an object (lazy: one level), a window of rows for big arrays.
   * Getters come unevaluated (`getter: true`).
   */
  'debugger.properties': {
    params: { targetId: string; objectId: string; offset?: number; limit?: number }
    result: { total: number; rows: DebugVariable[] }
  }
  /** Runs one getter of an object on demand. */
  'debugger.invokeGetter': { params: { targetId: string; objectId: string; name: string }; result: EvaluateResult }
  /**
   * Evaluates in a paused frame (callFrameId) or, without one, in the target's global scope.
   * `sideEffectFree` refuses anything with side effects (hover). Past `timeoutMs` (default 5000)
   * the evaluation is stopped and the request fails with TIMEOUT.
   */
  'debugger.evaluate': {
    params: { targetId: string; expression: string; callFrameId?: string; sideEffectFree?: boolean; timeoutMs?: number }
    result: EvaluateResult
  }
  /**
   * A recorded target (an opened session): where it stopped and what its logpoints printed, its
   * process's breakpoints with their hits in the recording, and the files whose text it kept.
   */
  'debugger.history': { params: { targetId: string }; result: DebuggerHistory }
}

export interface DebuggerEvents {
  /**
   * Files the target loaded since the last batch (batched: hundreds arrive at start). `removed`:
   * urls listed before that are gone from the list (a compiled script whose source map arrived:
   * its original files are in `added`). `reset`: the list starts over (reconnect).
   */
  'debugger.sources': { targetId: string; added: DebugSource[]; removed: string[]; reset: boolean }
  /** A process's whole breakpoint list, whenever any of them changed (at most ten times a second). */
  'debugger.breakpoints': { rootId: string; breakpoints: Breakpoint[] }
  'debugger.paused': PausedState
  /** Also sent when the target went away while paused. */
  'debugger.resumed': { targetId: string; pauseId: number }
  'debugger.options': { targetId: string; options: PauseOptions }
}

export const debuggerRequestNames: { [N in keyof DebuggerRequests]: true } = {
  'debugger.state': true,
  'debugger.sources': true,
  'debugger.source': true,
  'debugger.breakableLines': true,
  'debugger.breakpoints': true,
  'debugger.setBreakpoint': true,
  'debugger.setFunctionBreakpoint': true,
  'debugger.updateBreakpoint': true,
  'debugger.removeBreakpoint': true,
  'debugger.removeAllBreakpoints': true,
  'debugger.setPauseOptions': true,
  'debugger.pause': true,
  'debugger.resume': true,
  'debugger.step': true,
  'debugger.paused': true,
  'debugger.properties': true,
  'debugger.invokeGetter': true,
  'debugger.evaluate': true,
  'debugger.history': true
}
export const debuggerEventNames: { [N in keyof DebuggerEvents]: true } = {
  'debugger.sources': true,
  'debugger.breakpoints': true,
  'debugger.paused': true,
  'debugger.resumed': true,
  'debugger.options': true
}
