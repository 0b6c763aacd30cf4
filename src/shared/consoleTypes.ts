// Console events as the store keeps them and the renderer shows them.

export const consoleLevels = ['debug', 'log', 'info', 'warn', 'error'] as const
export type ConsoleLevel = (typeof consoleLevels)[number]

/** Where an event came from: a console.* call, an uncaught exception, or the launched process's output. */
export const consoleSources = ['console', 'exception', 'stdout', 'stderr', 'spyglass'] as const
export type ConsoleSource = (typeof consoleSources)[number]

export interface StackFrame {
  functionName: string
  url: string
  /** 1-based, as editors show them. */
  line: number
  /** 1-based. */
  column: number
}

/** A value printed by the target, reduced to what a list row needs; objects keep a handle to expand lazily. */
export interface RemoteValue {
  type: string
  subtype?: string
  className?: string
  /** What a console would print for this value on one line. */
  text: string
  /** Present for objects that can be expanded with `console.getProperties`. */
  objectId?: string
}

export interface ConsoleEvent {
  /** Monotonic per target, assigned by the store. */
  seq: number
  targetId: string
  /** Epoch milliseconds. */
  time: number
  level: ConsoleLevel
  source: ConsoleSource
  /** The console API method (log, table, trace, …) for console events. */
  method?: string
  /** The whole message on one line, as searched and exported. */
  text: string
  args?: RemoteValue[]
  stack?: StackFrame[]
  location?: StackFrame
  /**
   * How many times this event happened in a row: the store keeps one row for consecutive
   * duplicates. Absent means once.
   */
  repeat?: number
  /** Time of the last repetition, when `repeat` is set. */
  lastTime?: number
  /** Set when storage shortened the event: the original text length and stack depth. */
  trimmed?: { text?: number; stack?: number }
}

/** How many occurrences an event stands for. */
export function occurrencesOf(event: Pick<ConsoleEvent, 'repeat'>): number {
  return event.repeat ?? 1
}

/** A stored row that got more repetitions since it was sent. */
export interface ConsoleRowUpdate {
  seq: number
  repeat: number
  lastTime: number
}

export interface PropertyRow {
  name: string
  value: RemoteValue
  /** True for accessors not yet evaluated, and for internal slots like [[Prototype]]. */
  isAccessor?: boolean
  isInternal?: boolean
}

export interface ConsoleFilter {
  /** Levels to show; an empty or missing list shows every level. */
  levels?: ConsoleLevel[]
  /** Case-insensitive substring over the message and its location. */
  text?: string
  sources?: ConsoleSource[]
}

export interface ConsoleStats {
  stored: number
  storedBytes: number
  budgetBytes: number
  /** Events evicted from the store to stay within the byte budget. */
  dropped: number
  /** Events received in total, stored or not. */
  received: number
  /** Events not stored because their level is sampled (settings: consoleSampling). */
  sampledOut: number
  /** Events folded into the row before them as repetitions. */
  collapsed: number
}

export interface ConsoleBatch {
  targetId: string
  /** New rows. */
  events: ConsoleEvent[]
  /** Rows sent before that repeated since. */
  updates?: ConsoleRowUpdate[]
  stats: ConsoleStats
}
