// One terminal line per console event: time, level, text, location.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ConsoleEvent, StackFrame } from '../../shared/consoleTypes'
import type { TargetExit, TargetInfo } from '../../shared/targetTypes'

function clockTime(epochMs: number): string {
  const d = new Date(epochMs)
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** file:// URLs become paths relative to the current folder when that is shorter. */
export function formatLocation(frame: StackFrame, cwd = process.cwd()): string {
  let where = frame.url
  if (where.startsWith('file://')) {
    const absolute = fileURLToPath(where)
    const relative = path.relative(cwd, absolute)
    where = relative.length < absolute.length && !relative.startsWith('..') ? relative : absolute
  }
  return `${where || '<anonymous>'}:${frame.line}:${frame.column}`
}

export function formatConsoleLine(event: ConsoleEvent, targetLabel?: string): string {
  // Keep the promise of one line per event even when the target prints newlines.
  const text = event.text.replace(/\r?\n/g, '⏎ ')
  const location = event.location ?? event.stack?.[0]
  const parts = [clockTime(event.time), event.level.padEnd(5)]
  // Worker titles may already be bracketed ("[worker 1] name").
  if (targetLabel) parts.push(targetLabel.startsWith('[') ? targetLabel : `[${targetLabel}]`)
  parts.push(text)
  if (location) parts.push(` ${formatLocation(location)}`)
  return parts.join(' ')
}

export function formatExit(exit: TargetExit | null): string {
  if (!exit) return 'target exited'
  if (exit.signal) return `target exited with signal ${exit.signal}`
  return exit.code === null ? 'target exited' : `target exited with code ${exit.code}`
}

export function describeTarget(target: TargetInfo): string {
  const pid = target.pid === null ? '' : ` (pid ${target.pid})`
  return `${target.title || target.command}${pid}`
}
