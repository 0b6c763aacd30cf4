// Pure facts the Sources view shows about breakpoints and pauses, kept apart from the store so
// they are trivially testable: which gutter line a breakpoint sits on, what kind it is, how a hit
// condition reads, where the execution line is, which threads are paused, what the source pane says.
import type { Breakpoint, DebugCallFrame, DebuggerHistoryEntry, DebugSource, HitCondition, PausedState } from '../../../shared/debuggerTypes'
import type { TargetInfo } from '../../../shared/targetTypes'
import { rootTargetId } from '../sessions/sessionFacts'
import type { OpenSource } from './debuggerStoreTypes'

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

/** The line the editor highlights as where execution stands (1-based line and column). */
export interface ExecutionLine {
  line: number
  column: number
  /** The frame the target stopped in (false: a caller's frame selected in the call stack). */
  top: boolean
  /** What it paused on, when it paused on an exception. */
  exception: string | null
}

/** Where the execution line of a file is, when the shown frame is in that file. */
export function executionIn(paused: PausedState | null, frameIndex: number, url: string): ExecutionLine | null {
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

/** The live targets of a target's process (itself, its parent, its workers): the threads a pause may stop. */
export function processThreads(targets: readonly TargetInfo[], targetId: string): string[] {
  const root = rootTargetId(targets, targetId)
  return targets.filter((t) => t.state === 'attached' && rootTargetId(targets, t.id) === root).map((t) => t.id)
}

/** Other threads of the shown target's process that are paused: the view offers to go there. */
export function pausedThreads(targets: readonly TargetInfo[], targetId: string, pauses: Readonly<Record<string, PausedState>>): TargetInfo[] {
  const root = rootTargetId(targets, targetId)
  return targets.filter((t) => t.id !== targetId && pauses[t.id] && rootTargetId(targets, t.id) === root)
}

/** Where a breakpoint is shown: where it is bound in `targetId` (else in any thread), else where it was asked for. */
export function breakpointPlace(bp: Breakpoint, targetId: string): { url: string; line: number | null } | null {
  const at = bp.locations.find((l) => l.targetId === targetId) ?? bp.locations[0]
  const url = at?.location.url ?? bp.url
  return url ? { url, line: at?.location.line ?? bp.line } : null
}

/** The execution line in the open file: the selected frame's, or a script without a url (eval) opened by its id. */
export function executionMark(paused: PausedState | null, frameIndex: number, open: Pick<OpenSource, 'key' | 'url'> | null): ExecutionLine | null {
  if (!open) return null
  if (open.url) return executionIn(paused, frameIndex, open.url)
  const frame = selectedFrame(paused, frameIndex)
  if (!paused || !frame || frame.location.url || open.key !== `script:${frame.scriptId}`) return null
  return { line: frame.location.line, column: frame.location.column, top: frame === paused.callFrames[0], exception: null }
}

/** A recorded stop shown in its file marks its line as a pause would. */
export function recordedStopMark(history: readonly DebuggerHistoryEntry[] | null, shownStop: number | null, openUrl: string | null): ExecutionLine | null {
  const stop = shownStop === null ? null : (history?.[shownStop] ?? null)
  if (!stop?.location || stop.location.url !== openUrl) return null
  return { line: stop.location.line, column: stop.location.column, top: true, exception: null }
}

/** The list's name for the open file (relative to the target's working dir), else its url. */
export function openFileName(open: OpenSource | null, sources: readonly DebugSource[]): string | null {
  if (!open) return null
  return sources.find((x) => x.url === open.url)?.name ?? open.url ?? open.key
}

/** What the source pane says while it shows no file. */
export function placeholderText(open: OpenSource | null, readOnly: boolean, noFiles: boolean): string {
  if (open?.status === 'loading') return 'Loading…'
  if (open?.status === 'error') return `Could not read this file: ${open.message}`
  if (readOnly && noFiles) return 'This recording holds no source files; where it stopped and its breakpoints with their hits are on the right.'
  if (readOnly) return 'Pick a place it stopped on the right, or a file on the left, to read it.'
  return 'Pick a file on the left, then click a line number to add a breakpoint.'
}
