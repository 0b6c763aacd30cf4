// The Sources view's presenter, as its views see it: the state it holds and the actions it
// offers. The store that implements them is debuggerStore.ts.
import type { StoreApi } from 'zustand/vanilla'
import type { DebuggerEvents } from '../../../shared/debuggerApi'
import type {
  Breakpoint,
  DebuggerHistoryEntry,
  DebugSource,
  DebugVariable,
  EvaluateResult,
  HitCondition,
  PausedState,
  PauseOnExceptionsMode,
  PauseOptions,
  SourceText
} from '../../../shared/debuggerTypes'

export type VariablesEntry =
  | { status: 'loading'; rows: DebugVariable[]; total: number }
  | { status: 'loaded'; rows: DebugVariable[]; total: number }
  | { status: 'error'; rows: DebugVariable[]; total: number; message: string }

export type GetterEntry = { status: 'loading' } | { status: 'loaded'; result: EvaluateResult } | { status: 'error'; message: string }

/** The text of the file shown; `key` is its url (or `script:<id>` for a script without one). */
export type OpenSource =
  | { key: string; url: string | null; status: 'loading' }
  | { key: string; url: string | null; status: 'loaded'; source: SourceText }
  | { key: string; url: string | null; status: 'error'; message: string }
  /** A place in a recorded session whose file's text the recording does not hold: only where it is. */
  | { key: string; url: string | null; status: 'location'; line: number }

export interface Evaluation {
  id: number
  expression: string
  /** Where it ran: a frame's function name, or "global" while running. */
  scope: string
  status: 'running' | 'done' | 'error'
  result: EvaluateResult | null
  message: string | null
}

export interface DebuggerViewState {
  /** The target shown (a process or a worker), or null while no Sources view is open. */
  targetId: string | null
  /** Its process: breakpoints belong to it. */
  rootId: string | null
  readOnly: boolean
  attached: boolean
  status: 'idle' | 'loading' | 'loaded'
  loadError: string | null
  sources: DebugSource[]
  search: string
  open: OpenSource | null
  /** A line to scroll to in the open file; a new object each time (the editor scrolls on identity). */
  reveal: { line: number } | null
  breakpoints: Breakpoint[]
  options: PauseOptions
  paused: PausedState | null
  /** Index into paused.callFrames of the frame whose source and scopes are shown. */
  frameIndex: number
  /** Object properties by objectId, for the current pause (objectIds of an older pause are void). */
  variables: Record<string, VariablesEntry>
  /** Getter results by `${objectId}\u0000${name}`. */
  getters: Record<string, GetterEntry>
  /** Open/closed tree nodes by their path of names, kept across steps so a tree stays as the user left it. */
  expanded: Record<string, boolean>
  evaluations: Evaluation[]
  /** Other threads (targets) that are paused, by targetId: the view offers to show them. */
  otherPauses: Record<string, PausedState>
  /** The last failed action (step, set breakpoint…), as one line. */
  actionError: string | null
  /** A recorded target: where it stopped and what its logpoints printed, oldest first (null: not read yet). */
  history: DebuggerHistoryEntry[] | null
  /** Why the recorded history could not be read. */
  historyError: string | null
}

export interface BreakpointSettings {
  condition?: string | null
  logMessage?: string | null
  hitCondition?: HitCondition | null
}

export interface DebuggerActions {
  /**
   * The view opened on a target: fetch its state and files, and follow its events. `threads`: the
   * other live targets of its process, asked whether they are paused.
   */
  show(targetId: string, readOnly: boolean, threads?: readonly string[]): void
  hide(): void
  /** Read everything again (after a reconnect). */
  refresh(): Promise<void>
  handleSources(event: DebuggerEvents['debugger.sources']): void
  handleBreakpoints(event: DebuggerEvents['debugger.breakpoints']): void
  handlePaused(state: PausedState): void
  handleResumed(event: DebuggerEvents['debugger.resumed']): void
  handleOptions(event: DebuggerEvents['debugger.options']): void
  setSearch(text: string): void
  /** Show a file (by url, or a script without one by its id), optionally scrolled to a line. */
  openSource(target: { url: string } | { scriptId: string }, line?: number): Promise<void>
  /** Gutter click: remove the breakpoint shown at that line of the open file, or add one there. */
  toggleLineBreakpoint(line: number): Promise<void>
  /** Add or change the breakpoint at a line of the open file (the gutter's editor). */
  saveLineBreakpoint(line: number, settings: BreakpointSettings): Promise<void>
  addFunctionBreakpoint(functionName: string): Promise<void>
  setBreakpointEnabled(breakpointId: string, enabled: boolean): Promise<void>
  removeBreakpoint(breakpointId: string): Promise<void>
  removeAllBreakpoints(): Promise<void>
  setPauseOnExceptions(mode: PauseOnExceptionsMode): Promise<void>
  /** Stop at `debugger;` statements (off by default: a recording must not hang on one). */
  setPauseOnDebuggerStatements(on: boolean): Promise<void>
  pause(): Promise<void>
  resume(): Promise<void>
  step(action: 'over' | 'into' | 'out'): Promise<void>
  /** F8: resume while paused, pause while running. */
  resumeOrPause(): Promise<void>
  /** A recorded stop or logpoint line: its file at its line, or only the place when the recording holds no text of it. */
  openHistoryEntry(entry: DebuggerHistoryEntry): Promise<void>
  /** Show a frame of the call stack: its source at its line, its scopes. */
  selectFrame(index: number): void
  /** Fetch an object's properties (the first window, or the next one with `more`). */
  loadVariables(objectId: string, more?: boolean): Promise<void>
  setExpanded(path: string, open: boolean): void
  invokeGetter(objectId: string, name: string): Promise<void>
  /** The evaluate box: in the selected frame while paused, in the global scope while running. */
  evaluate(expression: string): Promise<void>
  clearEvaluations(): void
  /** A hover: side-effect free, in the selected frame, quick; null when there is nothing to show. */
  tryHoverValue(expression: string): Promise<EvaluateResult | null>
  dismissError(): void
}


export type DebuggerStore = StoreApi<DebuggerViewState & DebuggerActions>
