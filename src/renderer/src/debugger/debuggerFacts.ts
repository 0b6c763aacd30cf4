// Pure facts the Sources view shows about breakpoints and pauses, kept apart from the store so
// they are trivially testable: which gutter line a breakpoint sits on, what kind it is, how a hit
// condition reads, where the execution line is.
import type { Breakpoint, DebugCallFrame, HitCondition, PausedState } from '../../../shared/debuggerTypes'

export type BreakpointKindShown = 'line' | 'conditional' | 'logpoint'

/** A line breakpoint as the gutter of one file draws it (lines 1-based). */
export interface LineMark {
  breakpointId: string
  line: number
  kind: BreakpointKindShown
  enabled: boolean
  /** Bound to code of a running target at this line. */
  bound: boolean
}

export function breakpointKind(bp: Pick<Breakpoint, 'logMessage' | 'condition' | 'hitCondition'>): BreakpointKindShown {
  if (bp.logMessage !== null) return 'logpoint'
  if (bp.condition !== null || bp.hitCondition !== null) return 'conditional'
  return 'line'
}

/**
 * The line breakpoints of a file, at the lines where they are bound (a breakpoint asked on a line
 * without code moves to the next breakable one) or, while unbound, where they were asked for.
 * Locations of the shown target come first; a breakpoint bound only in another thread of the
 * process shows where it is bound there.
 */
export function lineMarks(breakpoints: readonly Breakpoint[], url: string, targetId: string): LineMark[] {
  const marks: LineMark[] = []
  const taken = new Set<number>()
  const add = (bp: Breakpoint, line: number, bound: boolean): void => {
    if (taken.has(line)) return
    taken.add(line)
    marks.push({ breakpointId: bp.id, line, kind: breakpointKind(bp), enabled: bp.enabled, bound })
  }
  for (const bp of breakpoints) {
    if (bp.kind !== 'line') continue
    const here = bp.locations.filter((l) => l.location.url === url)
    const own = here.filter((l) => l.targetId === targetId)
    const shown = own.length > 0 ? own : here
    if (shown.length > 0) for (const l of shown) add(bp, l.location.line, bp.state === 'bound')
    else if (bp.url === url && bp.line !== null) add(bp, bp.line, false)
  }
  return marks.sort((a, b) => a.line - b.line)
}

/** The breakpoint the gutter shows at a line of a file, if any: clicking that line removes it. */
export function breakpointAtLine(breakpoints: readonly Breakpoint[], url: string, targetId: string, line: number): Breakpoint | null {
  const mark = lineMarks(breakpoints, url, targetId).find((m) => m.line === line)
  return mark ? (breakpoints.find((bp) => bp.id === mark.breakpointId) ?? null) : null
}

/** "on hit 3", "from hit 3 on", "every 3rd hit". */
export function describeHitCondition(hit: HitCondition): string {
  switch (hit.op) {
    case '==':
      return `on hit ${hit.count}`
    case '>=':
      return `from hit ${hit.count} on`
    case '%':
      return `every ${ordinal(hit.count)} hit`
  }
}

function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`
}

/** The frame shown: the one selected in the call stack, else the top one. */
export function selectedFrame(paused: PausedState | null, index: number): DebugCallFrame | null {
  if (!paused || paused.callFrames.length === 0) return null
  return paused.callFrames[index] ?? paused.callFrames[0]
}

/** Where the execution line of a file is, when the shown frame is in that file. */
export function executionIn(
  paused: PausedState | null,
  frameIndex: number,
  url: string
): { line: number; column: number; top: boolean; exception: string | null } | null {
  const frame = selectedFrame(paused, frameIndex)
  if (!paused || !frame || frame.location.url !== url) return null
  const top = frame === paused.callFrames[0]
  const onException = paused.reason === 'exception' || paused.reason === 'promiseRejection'
  return {
    line: frame.location.line,
    column: frame.location.column,
    top,
    exception: top && onException ? (paused.exception?.text ?? paused.description) : null
  }
}

/** Parses what a user types as a hit count: "3" or "== 3", ">= 3", "% 3"; null when it is not one. */
export function parseHitCondition(text: string): HitCondition | null {
  const match = /^\s*(==|>=|%)?\s*(\d+)\s*$/.exec(text)
  if (!match) return null
  const count = Number(match[2])
  if (!Number.isSafeInteger(count) || count < 1) return null
  return { op: (match[1] as HitCondition['op'] | undefined) ?? '==', count }
}

/** A hit condition as the editor field shows it. */
export function formatHitCondition(hit: HitCondition | null): string {
  return hit ? `${hit.op} ${hit.count}` : ''
}
