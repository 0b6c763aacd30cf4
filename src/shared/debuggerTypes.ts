// What crosses the boundary about the debugger: sources, breakpoints, the paused state, variables.
// Lines and columns are 1-based everywhere, as editors show them (CDP's are 0-based; the engine
// converts). Locations are in original files (the .ts a source map names) wherever a map exists.
import type { RemoteValue } from './consoleTypes'

/** Where a file comes from: the program's own code, a dependency, or Node itself. */
export type SourceGroup = 'app' | 'node_modules' | 'internal'

/**
 * A file in the Sources list. A script the target runs is listed as itself when it has no
 * source map; with one, its original files are listed instead (kind 'original').
 */
export interface DebugSource {
  /** The key for source text and breakpoints: file:///… for files, node:… for Node's internals. */
  url: string
  /** What the list shows: the path relative to the target's working dir when inside it, else the url. */
  name: string
  group: SourceGroup
  kind: 'script' | 'original'
  /** The generated script(s) that run this file (a url may be loaded more than once). */
  scriptIds: string[]
  /** For 'original': the generated file it was compiled into. */
  generatedUrl: string | null
  /** For 'script': the original files of its source map (empty without one). */
  originals: string[]
  /** The target (process or worker) that loaded it; the list is per target. */
  targetId: string
}

export interface SourceText {
  url: string
  text: string
  /** For the highlighter: from the file's extension. */
  language: 'javascript' | 'typescript' | 'json' | 'other'
  kind: 'script' | 'original'
}

/** A position in a file (original when source-mapped). */
export interface SourceLocation {
  url: string
  line: number
  column: number
}

/** When a breakpoint pauses, counting the hits that pass its condition (exact: counted by the engine). */
export interface HitCondition {
  /** '==': only the Nth hit; '>=': the Nth and every later one; '%': every Nth. */
  op: '==' | '>=' | '%'
  count: number
}

export type BreakpointState =
  /** Bound in at least one loaded script. */
  | 'bound'
  /** Waiting for its script to load (it binds when it does), or no session is attached. */
  | 'pending'
  | 'disabled'
  /** Cannot bind: a file with no code at or after that line, a function that was not found… */
  | 'error'

/** Where one breakpoint is bound in one target (process or worker). */
export interface BoundLocation {
  targetId: string
  /** Original when mapped: the line may differ from the asked one (moved to the next breakable line). */
  location: SourceLocation
  /** As the target runs it. */
  generated: SourceLocation
}

export interface Breakpoint {
  id: string
  /** The process the breakpoint belongs to; it applies to its workers too. */
  rootId: string
  kind: 'line' | 'function'
  /** 'line': the file and line asked for. */
  url: string | null
  line: number | null
  column: number | null
  /** 'function': the name asked for (`name` or `Class.prototype.name`, an expression in the target). */
  functionName: string | null
  condition: string | null
  /** A logpoint prints this instead of pausing: text with {expression} parts, into the console stream. */
  logMessage: string | null
  hitCondition: HitCondition | null
  enabled: boolean
  state: BreakpointState
  locations: BoundLocation[]
  /** Times it paused or logged (hits that passed the condition). */
  hits: number
  /** One line: why it is in error or pending, or what its condition threw last. */
  message: string | null
}

export type PauseOnExceptionsMode = 'none' | 'uncaught' | 'all'

export interface PauseOptions {
  exceptions: PauseOnExceptionsMode
  /** Stop at `debugger;` statements (off by default, so that a recording never hangs on one). */
  debuggerStatements: boolean
}

export type PauseReason =
  | 'breakpoint'
  | 'step'
  | 'exception'
  | 'promiseRejection'
  | 'debuggerStatement'
  /** The user asked (pause button). */
  | 'pause'
  | 'other'

export interface DebugScope {
  type: 'global' | 'local' | 'with' | 'closure' | 'catch' | 'block' | 'script' | 'eval' | 'module' | 'wasm-expression-stack'
  /** What the view shows: "Local", "Closure (makeCounter)", "Block", … */
  name: string
  /** Expand with `debugger.properties`. */
  objectId: string
  /** Global scope is big: views keep it collapsed. */
  expensive: boolean
}

export interface DebugCallFrame {
  /** For evaluate in this frame; null for async frames (they can only be shown). */
  callFrameId: string | null
  functionName: string
  /** Original when mapped. */
  location: SourceLocation
  generated: SourceLocation
  scriptId: string
  /** Only for frames with a callFrameId. */
  scopes: DebugScope[]
  thisValue: RemoteValue | null
  /** Set on the first frame of each async segment: "await", "Promise.then", "setTimeout"… */
  asyncBoundary: string | null
}

export interface PausedState {
  targetId: string
  /** Increases with every pause of a target: requests about an older pause are refused. */
  pauseId: number
  reason: PauseReason
  /** Our ids of the breakpoints it stopped at. */
  hitBreakpoints: string[]
  /** The thrown value, for exception and promiseRejection pauses. */
  exception: RemoteValue | null
  /** Whether the exception is caught somewhere (V8's prediction); null for other pauses. */
  uncaught: boolean | null
  /** What the view says: "Paused on breakpoint", "Paused on exception: TypeError: …". */
  description: string
  /** Sync frames first, then async ones (asyncBoundary set on the first of each segment). */
  callFrames: DebugCallFrame[]
  /** The value the function returned, when the pause is on its return (after step out or over the last line). */
  returnValue: RemoteValue | null
  pausedAt: number
}

/** One variable or property; objects expand lazily with their own objectId. */
export interface DebugVariable {
  name: string
  value: RemoteValue
  /** A getter not yet run: run it with `debugger.invokeGetter` (it may have side effects). */
  getter: boolean
  /** Internal slots ([[Prototype]], [[Entries]], [[Scopes]]…). */
  internal: boolean
  /** Inherited from the prototype chain (getters of a class, shown on its instances). */
  inherited: boolean
}

export interface EvaluateResult {
  value: RemoteValue
  /** The expression threw: value is what it threw. */
  threw: boolean
}

/** The whole debugger state of one target, for a view that opens. */
export interface DebuggerState {
  targetId: string
  rootId: string
  attached: boolean
  paused: PausedState | null
  options: PauseOptions
  breakpoints: Breakpoint[]
}

/**
 * Session records of the debugger stream (entry `debugger` in a .spyglass file). `functionName`
 * of a pause and the `source` records came later in format 1: older files have neither.
 */
export type DebuggerRecord =
  | {
      type: 'pause'
      time: number
      targetId: string
      reason: PauseReason
      description: string
      location: SourceLocation | null
      functionName?: string | null
      breakpointIds: string[]
    }
  | { type: 'resume'; time: number; targetId: string }
  | { type: 'logpoint'; time: number; targetId: string; breakpointId: string; text: string; location: SourceLocation | null }
  | { type: 'breakpoint'; time: number; breakpoint: Breakpoint }
  /** The text of a file the target stopped or logged in, once per file and recording. */
  | { type: 'source'; time: number; targetId: string; url: string; text: string; language: SourceText['language'] }

/** One place a recorded target stopped, or one line a logpoint printed. */
export type DebuggerHistoryEntry =
  | {
      kind: 'pause'
      time: number
      targetId: string
      reason: PauseReason
      description: string
      location: SourceLocation | null
      /** The function of the top frame ('' for an anonymous one); null where the file predates it. */
      functionName: string | null
      breakpointIds: string[]
    }
  | { kind: 'logpoint'; time: number; targetId: string; breakpointId: string; text: string; location: SourceLocation | null }

/** What a recorded session's debugger stream holds for one of its targets. */
export interface DebuggerHistory {
  targetId: string
  /** Pauses and logpoint lines of this target, oldest first. */
  entries: DebuggerHistoryEntry[]
  /** The process's breakpoints as last recorded; `hits`: pauses and logpoint lines in the recording. */
  breakpoints: Breakpoint[]
  /** Files whose text the recording holds (`debugger.source` reads them). */
  sources: DebugSource[]
  /** Lines of the stream that were not valid records. */
  skipped: number
}

/**
 * Logpoints and conditions run in the target with this sourceURL prefix (then the breakpoint id):
 * the console leaves those frames out, so a logpoint's line is the breakpoint's line.
 */
export const debuggerEvalUrlPrefix = 'spyglass-debugger:'
