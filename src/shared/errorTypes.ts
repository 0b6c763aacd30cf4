// Error groups as the Errors view, the session file and `spyglass inspect` show them.
import type { ConsoleEvent, ConsoleSource, StackFrame } from './consoleTypes'

export const errorCategories = ['network', 'filesystem', 'memory', 'validation', 'module', 'runtime', 'timeout', 'permission', 'system', 'unknown'] as const
export type ErrorCategory = (typeof errorCategories)[number]

export const errorSeverities = ['critical', 'high', 'medium', 'low'] as const
export type ErrorSeverity = (typeof errorSeverities)[number]

/** What the catalog of known errors says about a group. */
export interface ErrorExplanation {
  /** The catalog entry that matched; null when none did. */
  patternId: string | null
  category: ErrorCategory
  severity: ErrorSeverity
  title: string
  hint: string
  docs: string | null
}

/** One row of the group list. */
export interface ErrorGroupSummary extends ErrorExplanation {
  fingerprint: string
  /** Error type: TypeError, Error, MaxListenersExceededWarning… */
  type: string
  /** The system or Node error code when there is one (ECONNREFUSED, ERR_INVALID_ARG_TYPE). */
  code: string | null
  /** The latest message. */
  message: string
  count: number
  firstSeen: number
  lastSeen: number
  /** The first in-app frame (or the top frame when there is none). */
  topFrame: StackFrame | null
  /** How the errors reached us: uncaught, console.error, stderr… */
  sources: ConsoleSource[]
  /** Counts per time bucket on the process's shared timeline (the `start` of errors.rate), for the sparkline. */
  rate: number[]
  bucketMs: number
  targetIds: string[]
}

export interface ErrorMessageCount {
  message: string
  count: number
}

export interface ErrorGroupDetail extends ErrorGroupSummary {
  /** What the fingerprint was computed from, readable. */
  basis: string
  /** The first few and the latest occurrences, with their full stacks. */
  samples: ConsoleEvent[]
  /** Distinct messages seen, most frequent first (bounded). */
  messages: ErrorMessageCount[]
  /** Messages beyond the bound are counted here. */
  otherMessages: number
  /**
   * The latest sample's stack mapped to original sources (TypeScript, bundles), where the
   * target's files on this machine carry source maps; absent when no frame has a map.
   */
  originalStack?: StackFrame[]
}

export const errorSorts = ['count', 'recent', 'severity'] as const
export type ErrorSort = (typeof errorSorts)[number]

export interface ErrorGroupFilter {
  categories?: ErrorCategory[]
  severities?: ErrorSeverity[]
  /** Case-insensitive substring over type, message, code and top frame. */
  text?: string
}

/** Errors per time bucket across all groups of a target, for the error-rate chart. */
export interface ErrorRateSeries {
  start: number
  bucketMs: number
  /** Per severity, counts per bucket. */
  counts: Record<ErrorSeverity, number[]>
}

export interface ErrorsChanged {
  targetId: string
  groups: number
  occurrences: number
}
