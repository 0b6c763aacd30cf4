// The sessions this workbench holds (recordings and opened files) and the two events about them,
// shared by the recordings and the library: one list, one `changed`, one `progress`.
import { EventEmitter } from 'node:events'
import type { SessionInfo, SessionProgress } from '../../shared/sessionTypes'
import { UserError } from '../../shared/userError'
import type { Recorder } from './recorder'

export interface ManagedSession {
  info: SessionInfo
  recorder: Recorder | null
  /** The autosave folder while it holds the only copy. */
  folder: string | null
  /** For recordings: ends the auto-stop watch. */
  unwatch: (() => void) | null
  stopping: Promise<void> | null
  /** Resolves when a recording has stopped, for whatever reason. */
  ended: Promise<void>
  markEnded: () => void
}

export function endSignal(): { ended: Promise<void>; markEnded: () => void } {
  let markEnded: () => void = () => undefined
  const ended = new Promise<void>((resolve) => (markEnded = resolve))
  return { ended, markEnded }
}

export interface ProgressReporter {
  update(done: number, total: number): void
  finish(): void
}

type RegistryEvents = { changed: [SessionInfo[]]; progress: [SessionProgress]; opened: [SessionInfo]; closed: [string] }

export class SessionRegistry {
  private readonly sessions = new Map<string, ManagedSession>()
  private readonly events = new EventEmitter<RegistryEvents>()
  private changeTimer: NodeJS.Timeout | null = null

  constructor() {
    this.events.setMaxListeners(0)
  }

  on<E extends keyof RegistryEvents>(event: E, listener: (...args: RegistryEvents[E]) => void): () => void {
    this.events.on(event, listener as never)
    return () => this.events.off(event, listener as never)
  }

  all(): ManagedSession[] {
    return [...this.sessions.values()]
  }

  list(): SessionInfo[] {
    return this.all().map((s) => this.snapshot(s))
  }

  add(session: ManagedSession): void {
    this.sessions.set(session.info.id, session)
  }

  delete(sessionId: string): void {
    this.sessions.delete(sessionId)
  }

  require(sessionId: string): ManagedSession {
    const session = this.sessions.get(sessionId)
    if (!session) throw new UserError('UNKNOWN_SESSION', `no session ${sessionId}`)
    return session
  }

  /** A copy of the session's info, its counts fresh from the recorder while it records. */
  snapshot(session: ManagedSession): SessionInfo {
    if (session.info.state === 'recording') refreshFromRecorder(session)
    return structuredClone(session.info)
  }

  emitChanged(): void {
    this.events.emit('changed', this.list())
  }

  emitOpened(session: ManagedSession): void {
    this.events.emit('opened', this.snapshot(session))
  }

  emitClosed(sessionId: string): void {
    this.events.emit('closed', sessionId)
  }

  /** Counts change with every batch: the list goes out at most twice a second for them. */
  scheduleChanged(): void {
    if (this.changeTimer) return
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null
      this.emitChanged()
    }, 500)
    this.changeTimer.unref()
  }

  /** Progress of a long open, save or recovery: a few updates a second, and always a last one. */
  progressReporter(operation: SessionProgress['operation'], subject: string): ProgressReporter {
    let last = 0
    let latest = { done: 0, total: 0 }
    return {
      update: (done, total) => {
        latest = { done, total }
        const now = Date.now()
        if (now - last < 100) return
        last = now
        this.events.emit('progress', { operation, subject, done, total, finished: false })
      },
      finish: () => {
        this.events.emit('progress', { operation, subject, done: latest.done, total: latest.total, finished: true })
      }
    }
  }

  dispose(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer)
  }
}

/** Copies what a recorder knows now (counts, targets, the root's description) into the session's info. */
export function refreshFromRecorder(session: ManagedSession): void {
  const recorder = session.recorder
  if (!recorder) return
  session.info.counts = recorder.currentCounts
  session.info.targetIds = [...recorder.targetIds]
  const root = recorder.targetList[0]
  if (root) {
    session.info.target = root
    session.info.title = root.title
  }
}
