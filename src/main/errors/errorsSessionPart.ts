// The errors' part of a saved session: the error groups, grouped again from the events the same
// way the live Errors view does (summaries/errors.json is a convenience copy, never trusted).
import path from 'node:path'
import type { ConsoleSource, StackFrame } from '../../shared/consoleTypes'
import type { ErrorGroupDetail } from '../../shared/errorTypes'
import { textTable } from '../../shared/textTable'
import { oneLine, type SessionPart } from '../sessions'
import { ErrorCatalog } from './errorCatalog'
import { ErrorGroups } from './errorGroups'

/** An error group as `inspect --json` lists it. */
export interface SessionErrorGroup {
  fingerprint: string
  type: string
  code: string | null
  message: string
  count: number
  category: ErrorGroupDetail['category']
  severity: ErrorGroupDetail['severity']
  /** The catalog entry that explains it; null for errors no known pattern matches. */
  patternId: string | null
  title: string
  hint: string
  docs: string | null
  firstSeen: number
  lastSeen: number
  topFrame: StackFrame | null
  sources: ConsoleSource[]
  /** The most frequent distinct messages (at most five). */
  messages: Array<{ message: string; count: number }>
}

export interface ErrorsSessionSummary {
  /** Error groups, most frequent first. */
  errors: SessionErrorGroup[]
}

function sessionErrorGroup(group: ErrorGroupDetail): SessionErrorGroup {
  const { fingerprint, type, code, message, count, category, severity, patternId, title, hint, docs, firstSeen, lastSeen, topFrame, sources } = group
  return { fingerprint, type, code, message, count, category, severity, patternId, title, hint, docs, firstSeen, lastSeen, topFrame, sources, messages: group.messages.slice(0, 5) }
}

/** `catalog`: the known errors that explain groups (the user's own patterns included, where given). */
export function errorsSessionPart(catalog: () => ErrorCatalog = () => new ErrorCatalog()): SessionPart<ErrorsSessionSummary> {
  return {
    name: 'errors',
    summarize(source) {
      const groups = new ErrorGroups(catalog(), () => source.manifest.target.cwd)
      return {
        onEvent: (event) => groups.addEvent(event),
        finish: () => ({ errors: groups.details().map(sessionErrorGroup) })
      }
    },
    format({ errors }) {
      if (errors.length === 0) return []
      const lines = [`Error groups (${errors.length}, most frequent first):`]
      const shown = errors.slice(0, 10)
      const rows = shown.map((g) => {
        const where = g.topFrame ? ` at ${g.topFrame.functionName || '<anonymous>'} (${path.basename(g.topFrame.url)}:${g.topFrame.line})` : ''
        return [`${g.count}×`, g.severity, g.category, `${oneLine(`${g.type}${g.code ? ` [${g.code}]` : ''}: ${g.message}`, 90)}${where}`]
      })
      const countWidth = Math.max(...rows.map((row) => row[0].length))
      // Each group's hint goes under its row, below the message.
      textTable(rows, { align: ['right'], indent: '  ', gap: ' ' }).forEach((line, i) => {
        lines.push(line)
        if (shown[i].patternId) lines.push(`  ${' '.repeat(countWidth)} ↳ ${oneLine(shown[i].hint, 110)}`)
      })
      if (errors.length > 10) lines.push(`  … and ${errors.length - 10} more (spyglass inspect --json lists them all)`)
      lines.push('')
      return lines
    }
  }
}
