// Ties a target's streams into one session: the target and its workers, their descriptions and
// exits, and one stream per domain (console events, error groups, profiles, snapshots, metric
// samples, breakpoint hits), all written into the session's autosave folder. The recorder knows
// no domain: each plugs in a RecorderStream.
import { occurrencesOf, type ConsoleEvent } from '../../shared/consoleTypes'
import type { SessionCounts, SessionTarget } from '../../shared/sessionTypes'
import type { TargetInfo } from '../../shared/targetTypes'
import { emptyLevelCounts, sessionFormatName, sessionFormatVersion, type SessionManifest } from './sessionFormat'
import type { SessionFolderWriter } from './sessionFolder'

/** What a stream gets from the recorder it is plugged into. */
export interface RecorderContext {
  readonly writer: SessionFolderWriter
  /** The session's root target (the process; workers are its children). */
  readonly rootId: string
  /** Whether a target belongs to the session (the root or one of its workers). */
  includes(targetId: string): boolean
  readonly targetIds: ReadonlySet<string>
  /** Called for each worker that appears after the recording started. */
  onTargetAdded(listener: (targetId: string) => void): void
  /**
   * Writes events into events.ndjson and counts them (every occurrence a row stands for) for the
   * manifest and the session header: the events entry counts itself, whoever writes it.
   */
  appendEvents(events: readonly ConsoleEvent[]): void
  /** Events the session will never hold (evicted from memory before recording began). */
  missedEvents(count: number): void
}

/** One capability's contribution to a session. */
export interface RecorderStream {
  readonly name: string
  start(context: RecorderContext): { stop(): Promise<void> | void }
}

export interface TargetSource {
  list(): TargetInfo[]
  onChanged(listener: (list: TargetInfo[]) => void): () => void
}

export function sessionTargetOf(info: TargetInfo): SessionTarget {
  return {
    id: info.id,
    parentId: info.parentId,
    kind: info.kind,
    title: info.title,
    pid: info.pid,
    command: info.command,
    nodeVersion: info.nodeVersion,
    platform: info.platform,
    cwd: info.cwd,
    attachedAt: info.attachedAt,
    exit: info.exit,
    lastError: info.lastError
  }
}

export function newManifest(fields: { sessionId: string; appVersion: string; root: SessionTarget; startedAt: number }): SessionManifest {
  return {
    format: sessionFormatName,
    formatVersion: sessionFormatVersion,
    appVersion: fields.appVersion,
    sessionId: fields.sessionId,
    title: fields.root.title,
    target: fields.root,
    targets: [fields.root],
    startedAt: fields.startedAt,
    endedAt: null,
    counts: { events: 0, byLevel: emptyLevelCounts(), dropped: 0 },
    entries: []
  }
}

export class Recorder implements RecorderContext {
  private readonly ids = new Set<string>()
  private readonly descriptions = new Map<string, SessionTarget>()
  private readonly addedListeners: Array<(targetId: string) => void> = []
  private readonly handles: Array<{ stop(): Promise<void> | void }> = []
  private readonly unsubscribe: () => void
  private readonly counts: SessionCounts = { events: 0, byLevel: emptyLevelCounts(), dropped: 0 }
  private stopped = false
  private readonly changeListeners: Array<() => void> = []

  constructor(
    readonly writer: SessionFolderWriter,
    private readonly targets: TargetSource,
    readonly rootId: string,
    streams: readonly RecorderStream[]
  ) {
    this.ids.add(rootId)
    this.takeTargets(targets.list(), false)
    this.unsubscribe = targets.onChanged((list) => this.takeTargets(list, true))
    for (const stream of streams) this.handles.push(stream.start(this))
  }

  get targetIds(): ReadonlySet<string> {
    return this.ids
  }

  get currentCounts(): SessionCounts {
    return { ...this.counts, byLevel: { ...this.counts.byLevel } }
  }

  /** Root first, workers in the order they appeared. */
  get targetList(): SessionTarget[] {
    return [...this.ids].flatMap((id) => this.descriptions.get(id) ?? [])
  }

  includes(targetId: string): boolean {
    return this.ids.has(targetId)
  }

  onTargetAdded(listener: (targetId: string) => void): void {
    this.addedListeners.push(listener)
  }

  /** Counts or targets changed (for the session list). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener)
  }

  appendEvents(events: readonly ConsoleEvent[]): void {
    if (events.length === 0) return
    this.writer.appendEvents(events)
    for (const event of events) {
      const times = occurrencesOf(event)
      this.counts.events += times
      this.counts.byLevel[event.level] += times
    }
    this.changed()
  }

  missedEvents(count: number): void {
    this.counts.dropped += count
  }

  /** Stops every stream, writes the final manifest and waits until all of it is on disk. */
  async stop(endedAt = Date.now()): Promise<SessionManifest> {
    if (!this.stopped) {
      this.stopped = true
      for (const handle of this.handles) await handle.stop()
      this.unsubscribe()
      await this.writer.updateManifest((m) => ({ ...this.withTargets(m), endedAt, counts: this.currentCounts }))
    }
    await this.writer.flushed()
    return this.writer.currentManifest
  }

  private takeTargets(list: TargetInfo[], announce: boolean): void {
    let changed = false
    // Workers of workers: repeat until no new child is found.
    for (let grew = true; grew; ) {
      grew = false
      for (const info of list) {
        if (!this.ids.has(info.id) && info.parentId !== null && this.ids.has(info.parentId) && info.state !== 'recorded') {
          this.ids.add(info.id)
          grew = true
          if (announce) for (const listener of this.addedListeners) listener(info.id)
        }
      }
    }
    for (const info of list) {
      if (!this.ids.has(info.id)) continue
      const next = sessionTargetOf(info)
      const previous = this.descriptions.get(info.id)
      if (previous && JSON.stringify(previous) === JSON.stringify(next)) continue
      this.descriptions.set(info.id, next)
      changed = true
    }
    if (changed && !this.stopped) {
      void this.writer.updateManifest((m) => ({ ...this.withTargets(m), counts: this.currentCounts }))
      this.changed()
    }
  }

  private withTargets(manifest: SessionManifest): SessionManifest {
    const targets = this.targetList
    const root = this.descriptions.get(this.rootId) ?? manifest.target
    return { ...manifest, target: root, title: root.title, targets: targets.length > 0 ? targets : manifest.targets }
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener()
  }
}
