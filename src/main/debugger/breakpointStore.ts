// The breakpoints of one process (its workers share them): what the user asked for, where each
// is bound in which target, and its hits. Target debuggers bind and unbind; this only keeps the record.
import type { BoundLocation, Breakpoint, HitCondition, SourceLocation } from '../../shared/debuggerTypes'

export interface BreakpointEntry {
  readonly id: string
  readonly rootId: string
  readonly kind: 'line' | 'function'
  readonly url: string | null
  readonly line: number | null
  readonly column: number | null
  readonly functionName: string | null
  condition: string | null
  logMessage: string | null
  hitCondition: HitCondition | null
  enabled: boolean
  hits: number
  /**
   * The generated position it last bound at (1-based): a new connection (a restart, a reconnect, a
   * worker) binds there by url before the script loads, even when the script is source-mapped.
   */
  hint: SourceLocation | null
  /** Bound locations, per target. */
  readonly bound: Map<string, BoundLocation[]>
  /** Why it could not bind, per target. */
  readonly failures: Map<string, string>
  /** What its condition threw last. */
  conditionError: string | null
}

/** Whether the hit that was just counted (hits already includes it) pauses. */
export function hitConditionMet(condition: HitCondition | null, hits: number): boolean {
  if (!condition) return true
  switch (condition.op) {
    case '==':
      return hits === condition.count
    case '>=':
      return hits >= condition.count
    case '%':
      return hits % condition.count === 0
  }
}

export function toBreakpoint(entry: BreakpointEntry): Breakpoint {
  const locations = [...entry.bound.values()].flat()
  const failure = [...entry.failures.values()][0] ?? null
  const state = !entry.enabled ? 'disabled' : locations.length > 0 ? 'bound' : failure ? 'error' : 'pending'
  return {
    id: entry.id,
    rootId: entry.rootId,
    kind: entry.kind,
    url: entry.url,
    line: entry.line,
    column: entry.column,
    functionName: entry.functionName,
    condition: entry.condition,
    logMessage: entry.logMessage,
    hitCondition: entry.hitCondition,
    enabled: entry.enabled,
    state,
    locations,
    hits: entry.hits,
    message: entry.conditionError ?? (state === 'error' || state === 'pending' ? failure : null)
  }
}

export class BreakpointStore {
  private readonly entries = new Map<string, BreakpointEntry>()

  constructor(readonly rootId: string) {}

  add(entry: BreakpointEntry): void {
    this.entries.set(entry.id, entry)
  }

  get(id: string): BreakpointEntry | undefined {
    return this.entries.get(id)
  }

  delete(id: string): void {
    this.entries.delete(id)
  }

  list(): BreakpointEntry[] {
    return [...this.entries.values()]
  }

  /** The same place asked twice is one breakpoint (a second click on a gutter line toggles in the view). */
  findLine(url: string, line: number, column: number | null): BreakpointEntry | undefined {
    return this.list().find((e) => e.kind === 'line' && e.url === url && e.line === line && e.column === column)
  }

  /** Forgets everything bound through a connection that ended. */
  dropTarget(targetId: string): boolean {
    let changed = false
    for (const entry of this.entries.values()) {
      if (entry.bound.delete(targetId)) changed = true
      if (entry.failures.delete(targetId)) changed = true
    }
    return changed
  }
}
