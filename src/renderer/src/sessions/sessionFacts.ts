// Pure facts about sessions that views show: which session a target belongs to, durations,
// dates and file names. Kept apart from the store so they are trivially testable.
import type { SessionInfo, SessionProgress } from '../../../shared/sessionTypes'
import type { TargetInfo } from '../../../shared/targetTypes'

export const sessionFileExtension = '.spyglass'

/**
 * The session whose header a target shows: the opened session of a recorded copy, else the
 * recording that covers the live target, else its newest stopped recording.
 */
export function sessionOfTarget(sessions: readonly SessionInfo[], target: TargetInfo | null): SessionInfo | null {
  if (!target) return null
  if (target.sessionId !== null) return sessions.find((s) => s.id === target.sessionId) ?? null
  const covering = sessions.filter((s) => s.state !== 'opened' && (s.rootTargetId === target.id || s.targetIds.includes(target.id)))
  return covering.find((s) => s.state === 'recording') ?? [...covering].sort((a, b) => b.startedAt - a.startedAt)[0] ?? null
}

/** A session whose only copy is its autosave: stopped and never saved, or recovered and not saved since. */
export function needsSaving(session: SessionInfo): boolean {
  return !session.saved && session.state !== 'recording'
}

/** The process a target belongs to: itself, or the top of its parent chain for worker threads. */
export function rootTargetId(targets: readonly TargetInfo[], targetId: string): string {
  const byId = new Map(targets.map((t) => [t.id, t]))
  let current = byId.get(targetId)
  for (let guard = 0; current?.parentId && guard < 64; guard++) {
    const parent = byId.get(current.parentId)
    if (!parent) break
    current = parent
  }
  return current?.id ?? targetId
}

export function sessionDuration(session: Pick<SessionInfo, 'startedAt' | 'endedAt'>, now: number): number {
  return Math.max(0, (session.endedAt ?? now) - session.startedAt)
}

/** 0:07, 12:30, 1:02:03 */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "today 14:03", "yesterday 09:41", "Mar 3 14:03", "Mar 3 2023 14:03" (local time). */
export function formatWhen(epochMs: number, now: number): string {
  const d = new Date(epochMs)
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
  const dayStart = (t: number): number => new Date(new Date(t).toDateString()).getTime()
  const days = Math.round((dayStart(now) - dayStart(epochMs)) / 86_400_000)
  if (days === 0) return `today ${time}`
  if (days === 1) return `yesterday ${time}`
  const year = d.getFullYear() === new Date(now).getFullYear() ? '' : ` ${d.getFullYear()}`
  return `${monthNames[d.getMonth()]} ${d.getDate()}${year} ${time}`
}

/** The last segment of a host path, for either separator. */
export function fileName(filePath: string): string {
  const cut = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'))
  return cut >= 0 ? filePath.slice(cut + 1) : filePath
}

export function isSessionFileName(name: string): boolean {
  return name.toLowerCase().endsWith(sessionFileExtension) && name.length > sessionFileExtension.length
}

const operationLabels: Record<SessionProgress['operation'], string> = { open: 'Opening', save: 'Saving', recover: 'Recovering' }

/** "Opening run.spyglass" / "Saving the session"; the subject is a session id for saves. */
export function progressLabel(progress: SessionProgress, sessions: readonly SessionInfo[]): string {
  const session = sessions.find((s) => s.id === progress.subject)
  const what = session ? session.title : progress.operation === 'save' ? 'the session' : fileName(progress.subject)
  return `${operationLabels[progress.operation]} ${what}`
}

/** 0…1, or null when the total is not known yet. */
export function progressFraction(progress: Pick<SessionProgress, 'done' | 'total'>): number | null {
  if (!(progress.total > 0)) return null
  return Math.min(1, Math.max(0, progress.done / progress.total))
}
