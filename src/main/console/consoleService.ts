// Console events of every target: stored within a byte budget, batched to listeners about ten times
// a second, queryable, and expandable through the target's live connection.
import { EventEmitter } from 'node:events'
import type { ConsoleBatch, ConsoleEvent, ConsoleFilter, ConsoleLevel, ConsoleRowUpdate, ConsoleStats, PropertyRow } from '../../shared/consoleTypes'
import { UserError } from '../../shared/userError'
import type { SourceMapService } from '../sourcemaps'
import { CdpError, isInspectorBanner, type CdpClient, type TargetConnection } from '../targets'
import { captureConsole } from './consoleCapture'
import { EventStore, type NewConsoleEvent } from './eventStore'
import { OriginalLocations } from './originalLocations'
import { toRemoteValue } from './remoteValue'
import { StdioEventSource } from './stdioLines'

/** Every occurrence captured for a target, repetitions included (recordings, error groups). */
export interface CapturedBatch {
  targetId: string
  events: ConsoleEvent[]
}

export interface ConsoleServiceOptions {
  budgetBytes: () => number
  /** Share of each level to store (settings: consoleSampling). */
  sampling?: () => Record<ConsoleLevel, number>
  /** Whether a launched program's stdout/stderr become events (the console calls always do). */
  captureStdio?: () => boolean
  /** How often batches go out; 100 ms keeps the renderer at about ten updates a second. */
  batchIntervalMs?: number
  /** The workbench's one source-map service: console calls are shown where the original code makes them. */
  sourceMaps: SourceMapService
}

function listFor<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key)
  if (!list) map.set(key, (list = []))
  return list
}

export class ConsoleService {
  private readonly stores = new Map<string, EventStore>()
  private readonly connections = new Map<string, CdpClient>()
  private readonly stdio = new Map<string, StdioEventSource>()
  /** Per live target, its events on their way in (in order, each placed in the original code). */
  private readonly incoming = new Map<string, OriginalLocations>()
  private readonly pending = new Map<string, ConsoleEvent[]>()
  private readonly pendingUpdates = new Map<string, Map<number, ConsoleRowUpdate>>()
  private readonly pendingCaptured = new Map<string, ConsoleEvent[]>()
  /** Targets whose stores hold a recorded session's events: never evicted, never cleared. */
  private readonly recorded = new Set<string>()
  /** Resolve once a launched target's stdout/stderr have ended (its last lines are in the store). */
  private readonly stdioEnded = new Map<string, Promise<void>>()
  private readonly events = new EventEmitter<{ batch: [ConsoleBatch]; captured: [CapturedBatch] }>()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly options: ConsoleServiceOptions) {
    this.events.setMaxListeners(0)
  }

  /** New rows and row updates, for views (about ten times a second). */
  onBatch(listener: (batch: ConsoleBatch) => void): () => void {
    this.events.on('batch', listener)
    return () => this.events.off('batch', listener)
  }

  /** Every occurrence, each with its own seq, sent with the batches (recordings, error groups). */
  onCaptured(listener: (batch: CapturedBatch) => void): () => void {
    this.events.on('captured', listener)
    return () => this.events.off('captured', listener)
  }

  /** Attach to a new connection to a target (first attach, worker, or reconnect). */
  observe(connection: TargetConnection): void {
    const { targetId, cdp } = connection
    this.connections.set(targetId, cdp)
    // A new connection may run rebuilt code: its maps are looked up afresh.
    const incoming = new OriginalLocations(this.options.sourceMaps, (event) => this.add(targetId, event), this.incoming.get(targetId))
    this.incoming.set(targetId, incoming)
    // The Debugger domain is on for every target (exception capture enables it): its scripts come with their map URLs.
    cdp.on('Debugger.scriptParsed', (script) => incoming.noteScript(script.url, script.sourceMapURL))
    cdp.onClose(() => {
      if (this.connections.get(targetId) === cdp) this.connections.delete(targetId)
    })
    let stdio: StdioEventSource | null = null
    let ended: () => void = () => undefined
    if (connection.stdio) this.stdioEnded.set(targetId, new Promise<void>((resolve) => (ended = resolve)))
    if (connection.stdio && this.options.captureStdio?.() === false) {
      // Still drained, so that the pipes never fill up and block the program.
      connection.stdio.drain(() => undefined, () => ended())
    } else if (connection.stdio) {
      stdio = new StdioEventSource((event) => incoming.push(event), isInspectorBanner)
      this.stdio.set(targetId, stdio)
      const source = stdio
      connection.stdio.drain(
        (stream, text) => {
          source.push(stream, text)
          this.schedule()
        },
        () => {
          source.flush(Date.now(), true)
          void incoming.drained().then(() => {
            this.flush()
            ended()
          })
        }
      )
    }
    // Workers print through their process's stdout, so their echoes are expected there too.
    const echoes = stdio ?? this.stdio.get(connection.rootId) ?? null
    captureConsole(cdp, {
      add: (event) => incoming.push(event),
      expectEcho: echoes ? (expectation) => echoes.expect(expectation) : undefined
    })
  }

  add(targetId: string, event: NewConsoleEvent): void {
    const result = this.storeFor(targetId).add(event)
    if (result.kind === 'sampled') return
    if (result.kind === 'added') listFor(this.pending, targetId).push(result.event)
    else {
      let updates = this.pendingUpdates.get(targetId)
      if (!updates) this.pendingUpdates.set(targetId, (updates = new Map()))
      const { seq, repeat, lastTime } = result.row
      updates.set(seq, { seq, repeat: repeat ?? 1, lastTime: lastTime ?? result.row.time })
    }
    listFor(this.pendingCaptured, targetId).push(result.event)
    this.schedule()
  }

  storeFor(targetId: string): EventStore {
    let store = this.stores.get(targetId)
    if (!store) this.stores.set(targetId, (store = new EventStore(targetId, { budgetBytes: this.options.budgetBytes, sampling: this.options.sampling })))
    return store
  }

  /** Resolves when a launched target's output has ended, or at once for other targets. */
  stdioSettled(targetId: string): Promise<void> {
    return this.stdioEnded.get(targetId) ?? Promise.resolve()
  }

  /** Resolves once every event the target sent so far is in the store (some wait for a source map). */
  arrived(targetId: string): Promise<void> {
    return this.incoming.get(targetId)?.drained() ?? Promise.resolve()
  }

  /**
   * Adds a recorded session's events to a read-only target's store, keeping their sequence
   * numbers. Nothing is evicted: the file's size was bounded when it was opened.
   */
  loadRecorded(targetId: string, events: readonly ConsoleEvent[]): void {
    this.recorded.add(targetId)
    let store = this.stores.get(targetId)
    if (!store) this.stores.set(targetId, (store = new EventStore(targetId, { budgetBytes: () => Number.POSITIVE_INFINITY })))
    for (const event of events) store.addRecorded(event)
  }

  query(targetId: string, filter: ConsoleFilter, offset: number, limit: number): { total: number; events: ConsoleEvent[]; stats: ConsoleStats } {
    const store = this.storeFor(targetId)
    return { ...store.query(filter, offset, limit), stats: store.stats() }
  }

  stats(targetId: string): ConsoleStats {
    return this.storeFor(targetId).stats()
  }

  async getProperties(targetId: string, objectId: string): Promise<PropertyRow[]> {
    const cdp = this.connections.get(targetId)
    if (this.recorded.has(targetId)) throw new UserError('READ_ONLY', 'this is a recorded session: objects were saved as text and cannot be expanded')
    if (!cdp) throw new UserError('TARGET_EXITED', 'the target is not attached: its objects can no longer be expanded')
    let response
    try {
      response = await cdp.send('Runtime.getProperties', { objectId, ownProperties: true, generatePreview: true })
    } catch (error) {
      if (error instanceof CdpError) throw new UserError('BAD_REQUEST', `that object is no longer available in the target (${error.message})`)
      throw error
    }
    const rows: PropertyRow[] = []
    for (const property of response.result) {
      if (property.value) rows.push({ name: property.name, value: toRemoteValue(property.value) })
      else if (property.get || property.set) rows.push({ name: property.name, value: { type: 'accessor', text: '(...)' }, isAccessor: true })
    }
    for (const internal of response.internalProperties ?? []) {
      if (internal.value) rows.push({ name: `[[${internal.name.replace(/^\[\[|\]\]$/g, '')}]]`, value: toRemoteValue(internal.value), isInternal: true })
    }
    return rows
  }

  clear(targetId: string): void {
    if (this.recorded.has(targetId)) throw new UserError('READ_ONLY', 'this is a recorded session: its events cannot be cleared')
    // Pending events go out first: a recording of this target must still get them.
    this.flush()
    this.storeFor(targetId).clear()
  }

  forget(targetId: string): void {
    this.recorded.delete(targetId)
    this.stdioEnded.delete(targetId)
    this.stores.delete(targetId)
    this.connections.delete(targetId)
    this.stdio.delete(targetId)
    this.incoming.get(targetId)?.close()
    this.incoming.delete(targetId)
    this.pending.delete(targetId)
    this.pendingUpdates.delete(targetId)
    this.pendingCaptured.delete(targetId)
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Sends what is pending now (tests and shutdown; the timer does it otherwise). */
  flush(): void {
    const now = Date.now()
    for (const source of this.stdio.values()) source.flush(now)
    for (const [targetId, captured] of this.pendingCaptured) {
      if (captured.length === 0) continue
      this.pendingCaptured.set(targetId, [])
      const events = this.pending.get(targetId) ?? []
      this.pending.set(targetId, [])
      const updates = [...(this.pendingUpdates.get(targetId)?.values() ?? [])]
      this.pendingUpdates.delete(targetId)
      const batch: ConsoleBatch = { targetId, events, stats: this.storeFor(targetId).stats() }
      if (updates.length > 0) batch.updates = updates
      this.events.emit('batch', batch)
      this.events.emit('captured', { targetId, events: captured })
    }
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setInterval(() => {
      this.flush()
      const idle = [...this.pendingCaptured.values()].every((l) => l.length === 0) && [...this.stdio.values()].every((s) => s.idle)
      if (idle && this.timer) {
        clearInterval(this.timer)
        this.timer = null
      }
    }, this.options.batchIntervalMs ?? 100)
    this.timer.unref()
  }
}
