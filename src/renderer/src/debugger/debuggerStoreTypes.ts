// The Sources view's store, as its views see it: the state each slice holds and the actions it
// offers. The store is debuggerStore.ts; its slices are sourcesSlice.ts (files and breakpoints),
// pauseSlice.ts (pauses, stepping, variables, evaluate) and historySlice.ts (a recording's stops).
import type { StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
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
import type { DebugCommand } from '../hooks/shortcuts'

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

export interface BreakpointSettings {
  condition?: string | null
  logMessage?: string | null
  hitCondition?: HitCondition | null
}

/** The gutter's breakpoint editor: the line it edits, and where on the page it opens. */
export interface EditingBreakpoint {
  line: number
  anchor: { left: number; top: number; bottom: number }
}

/** The target shown and how far its state has been read (debuggerStore.ts). */
export interface DebuggerShownState {
  /** The target shown (a process or a worker), or null while no Sources view is open. */
  targetId: string | null
  /** Its process: breakpoints belong to it. */
  rootId: string | null
  readOnly: boolean
  attached: boolean
  status: 'idle' | 'loading' | 'loaded'
  loadError: string | null
  /** The last failed action (step, set breakpoint…), as one line. */
  actionError: string | null
}

export interface DebuggerShownActions {
  /**
   * The view opened on a target: fetch its state and files, and follow its events. `threads`: the
   * other live targets of its process, asked whether they are paused (by default, those the
   * targets list holds).
   */
  show(targetId: string, readOnly: boolean, threads?: readonly string[]): void
  hide(): void
  /** Read everything again (after a reconnect). */
  refresh(): Promise<void>
  dismissError(): void
}

/** The files of the target and the breakpoints of its process (sourcesSlice.ts). */
export interface SourcesState {
  sources: DebugSource[]
  search: string
  open: OpenSource | null
  /** A line to scroll to in the open file; a new object each time (the editor scrolls on identity). */
  reveal: { line: number } | null
  breakpoints: Breakpoint[]
  /** The breakpoint editor, while open. */
  editing: EditingBreakpoint | null
}

export interface SourcesActions {
  handleSources(event: DebuggerEvents['debugger.sources']): void
  handleBreakpoints(event: DebuggerEvents['debugger.breakpoints']): void
  setSearch(text: string): void
  /** Show a file (by url, or a script without one by its id), optionally scrolled to a line. */
  openSource(target: { url: string } | { scriptId: string }, line?: number): Promise<void>
  /** The file and line a breakpoint is bound at in the shown target (else anywhere, else where it was asked for). */
  openBreakpoint(breakpoint: Breakpoint): Promise<void>
  /** Gutter click: remove the breakpoint shown at that line of the open file, or add one there. */
  toggleLineBreakpoint(line: number): Promise<void>
  /** Add or change the breakpoint at a line of the open file (the gutter's editor). */
  saveLineBreakpoint(line: number, settings: BreakpointSettings): Promise<void>
  /** Open the breakpoint editor on a line of the open file (not in a recording). */
  editBreakpoint(line: number, anchor: EditingBreakpoint['anchor']): void
  /** The editor's Save: the line's breakpoint gets these settings, and the editor closes. */
  saveEditedBreakpoint(settings: BreakpointSettings): Promise<void>
  /** The editor's Remove: the line's breakpoint goes, and the editor closes. */
  removeEditedBreakpoint(): Promise<void>
  closeBreakpointEditor(): void
  addFunctionBreakpoint(functionName: string): Promise<void>
  setBreakpointEnabled(breakpointId: string, enabled: boolean): Promise<void>
  removeBreakpoint(breakpointId: string): Promise<void>
  removeAllBreakpoints(): Promise<void>
}

/** Pauses, stepping, the paused frame's variables and the evaluate box (pauseSlice.ts). */
export interface PauseState {
  options: PauseOptions
  /** The shown target's pause. */
  paused: PausedState | null
  /**
   * Every target known to be paused, by id: the one shown, the other threads of its process (the
   * view offers to show them), and any other (the debugger keys act on the selected one from any view).
   */
  pauses: Record<string, PausedState>
  /** Index into paused.callFrames of the frame whose source and scopes are shown. */
  frameIndex: number
  /** Object properties by objectId, for the current pause (objectIds of an older pause are void). */
  variables: Record<string, VariablesEntry>
  /** Getter results by `${objectId}\u0000${name}`. */
  getters: Record<string, GetterEntry>
  /** Open/closed tree nodes by their path of names, kept across steps so a tree stays as the user left it. */
  expanded: Record<string, boolean>
  evaluations: Evaluation[]
}

export interface PauseActions {
  handlePaused(state: PausedState): void
  handleResumed(event: DebuggerEvents['debugger.resumed']): void
  handleOptions(event: DebuggerEvents['debugger.options']): void
  /** Ask the targets believed paused, other than the one shown, whether they still are (after a reconnect). */
  refreshPauses(): Promise<void>
  setPauseOnExceptions(mode: PauseOnExceptionsMode): Promise<void>
  /** Stop at `debugger;` statements (off by default: a recording must not hang on one). */
  setPauseOnDebuggerStatements(on: boolean): Promise<void>
  pause(): Promise<void>
  resume(): Promise<void>
  step(action: 'over' | 'into' | 'out'): Promise<void>
  /** F8: resume while paused, pause while running. */
  resumeOrPause(): Promise<void>
  /** A debugger key for a target, shown or not: F8 resumes or pauses it, the others step it while it is paused. */
  runCommand(targetId: string, command: DebugCommand): Promise<void>
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
}

/** Where a recorded target stopped (historySlice.ts). */
export interface HistoryState {
  /** A recorded target: where it stopped and what its logpoints printed, oldest first (null: not read yet). */
  history: DebuggerHistoryEntry[] | null
  /** Why the recorded history could not be read. */
  historyError: string | null
  /** The index of the stop shown in its file. */
  shownStop: number | null
}

export interface HistoryActions {
  /** A recorded stop or logpoint line: its file at its line, or only the place when the recording holds no text of it. */
  openHistoryEntry(entry: DebuggerHistoryEntry): Promise<void>
  /** The list's click on a stop: it is marked as shown, and opened. */
  showStop(index: number): Promise<void>
}

export type DebuggerViewState = DebuggerShownState & SourcesState & PauseState & HistoryState
export type DebuggerActions = DebuggerShownActions & SourcesActions & PauseActions & HistoryActions
export type DebuggerStoreState = DebuggerViewState & DebuggerActions
export type DebuggerStore = StoreApi<DebuggerStoreState>

/** What every slice of the store shares: the API, the store itself, and the tokens that drop stale answers. */
export interface DebuggerSliceContext {
  api: WorkbenchApi
  set: StoreApi<DebuggerStoreState>['setState']
  get: () => DebuggerStoreState
  /** Answers for a target or a file that is no longer shown are dropped by token. */
  tokens: { show: number; source: number }
  /** The target shown, or null. */
  current(): string | null
  /** Runs an action; a failure becomes the one-line actionError. */
  attempt(action: () => Promise<unknown>): Promise<void>
}
