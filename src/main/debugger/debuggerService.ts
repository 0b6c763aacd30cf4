// The debugger of every attached target: one TargetDebugger per connection (workers and reconnects
// included), breakpoints per process (they apply to its workers and survive a reconnect or a
// restart: each new connection binds them again by url), pause options per target, and batched
// events for the views.
import { EventEmitter } from 'node:events'
import type { Breakpoint, DebuggerRecord, DebuggerState, DebugSource, PausedState, PauseOptions, SourceText } from '../../shared/debuggerTypes'
import type { BreakpointPatch, FunctionBreakpointParams, LineBreakpointParams } from '../../shared/debuggerApi'
import { UserError } from '../../shared/userError'
import type { SourceMapService } from '../sourcemaps'
import type { TargetManager, TargetConnection } from '../targets'
import { BreakpointStore, toBreakpoint, type BreakpointEntry } from './breakpointStore'
import { checkExpression } from './conditionCode'
import { TargetDebugger, type TargetDebuggerHost } from './targetDebugger'
import type { EvaluateOptions } from './variables'

export interface DebuggerServiceOptions {
  targets: TargetManager
  sourceMaps: SourceMapService
  /** How often batched events (sources, breakpoint lists) go out; 100 ms is ten a second. */
  batchIntervalMs?: number
}

type ServiceEvents = {
  sources: [{ targetId: string; added: DebugSource[]; removed: string[]; reset: boolean }]
  breakpoints: [{ rootId: string; breakpoints: Breakpoint[] }]
  paused: [PausedState]
  resumed: [{ targetId: string; pauseId: number }]
  options: [{ targetId: string; options: PauseOptions }]
  record: [{ rootId: string; record: DebuggerRecord }]
}

const defaultOptions: PauseOptions = { exceptions: 'none', debuggerStatements: false }

/** How long `sources` waits for the source maps of scripts already parsed. */
const sourceMapWaitMs = 2000

export class DebuggerService {
  private readonly debuggers = new Map<string, TargetDebugger>()
  private readonly stores = new Map<string, BreakpointStore>()
  private readonly pauseOptions = new Map<string, PauseOptions>()
  private readonly pendingSources = new Map<string, { added: DebugSource[]; removed: string[]; reset: boolean }>()
  private readonly pendingRoots = new Set<string>()
  private readonly events = new EventEmitter<ServiceEvents>()
  private readonly offs: Array<() => void> = []
  private timer: NodeJS.Timeout | null = null
  private nextBreakpoint = 1

  constructor(private readonly options: DebuggerServiceOptions) {
    this.events.setMaxListeners(0)
    this.offs.push(
      options.targets.onConnection((connection) => this.observe(connection)),
      options.targets.onRemoved((targetId) => this.forget(targetId))
    )
  }

  on<E extends keyof ServiceEvents>(event: E, listener: (...args: ServiceEvents[E]) => void): () => void {
    this.events.on(event, listener as never)
    return () => this.events.off(event, listener as never)
  }

  /** A new connection to a target: its debugger binds the process's breakpoints at once. */
  observe(connection: TargetConnection): void {
    this.debuggers.get(connection.targetId)?.dispose()
    const store = this.storeOf(connection.rootId)
    const host: TargetDebuggerHost = {
      targetId: connection.targetId,
      rootId: connection.rootId,
      store,
      sourceMaps: this.options.sourceMaps,
      options: () => this.optionsOf(connection.targetId),
      cwd: () => this.options.targets.get(connection.targetId)?.cwd ?? null,
      sourcesChanged: (added, removed) => this.queueSources(connection.targetId, added, removed, false),
      breakpointsChanged: () => this.queueBreakpoints(connection.rootId),
      paused: (state) => {
        this.events.emit('paused', state)
        const top = state.callFrames[0]
        this.record(connection.rootId, {
          type: 'pause',
          time: state.pausedAt,
          targetId: state.targetId,
          reason: state.reason,
          description: state.description,
          location: top ? top.location : null,
          functionName: top ? top.functionName : null,
          breakpointIds: state.hitBreakpoints
        })
      },
      resumed: (pauseId) => {
        this.events.emit('resumed', { targetId: connection.targetId, pauseId })
        this.record(connection.rootId, { type: 'resume', time: Date.now(), targetId: connection.targetId })
      },
      logpoint: (entry, text, location) => {
        this.record(connection.rootId, { type: 'logpoint', time: Date.now(), targetId: connection.targetId, breakpointId: entry.id, text, location })
      }
    }
    const targetDebugger = new TargetDebugger(connection, host)
    this.debuggers.set(connection.targetId, targetDebugger)
    // What was bound through the previous connection to this target is gone with it.
    if (store.dropTarget(connection.targetId)) this.queueBreakpoints(connection.rootId)
    this.queueSources(connection.targetId, [], [], true)
    connection.cdp.onClose(() => {
      if (store.dropTarget(connection.targetId)) this.queueBreakpoints(connection.rootId)
    })
    targetDebugger.start()
  }

  state(targetId: string): DebuggerState {
    const rootId = this.rootIdOf(targetId)
    const targetDebugger = this.debuggers.get(targetId)
    return {
      targetId,
      rootId,
      attached: targetDebugger?.attached ?? false,
      paused: null,
      options: this.optionsOf(targetId),
      breakpoints: this.breakpoints(targetId)
    }
  }

  async stateWithPause(targetId: string): Promise<DebuggerState> {
    const state = this.state(targetId)
    state.paused = (await this.debuggers.get(targetId)?.pausedState()) ?? null
    return state
  }

  /**
   * The target's files. Source maps of scripts already parsed are waited for (a while: a map that
   * takes longer is listed as its script until it comes, then an event replaces it), so that a
   * compiled program lists its .ts files, not the .js.
   */
  async sources(targetId: string, search?: string): Promise<DebugSource[]> {
    const targetDebugger = this.debuggers.get(targetId)
    if (!targetDebugger) return []
    await targetDebugger.scripts.settled(sourceMapWaitMs)
    const all = targetDebugger.scripts.allSources(targetId, this.options.targets.get(targetId)?.cwd ?? null)
    const needle = search?.trim().toLowerCase()
    const found = needle ? all.filter((s) => s.name.toLowerCase().includes(needle) || s.url.toLowerCase().includes(needle)) : all
    return found.sort((a, b) => groupRank[a.group] - groupRank[b.group] || a.name.localeCompare(b.name))
  }

  sourceText(targetId: string, url?: string, scriptId?: string) {
    return this.debuggerOf(targetId).sourceText(url, scriptId)
  }

  /** Best effort (for recordings): the text of a file of an attached target, or null. */
  async trySourceText(targetId: string, url: string): Promise<SourceText | null> {
    const targetDebugger = this.debuggers.get(targetId)
    if (!targetDebugger?.attached) return null
    try {
      return await targetDebugger.sourceText(url, undefined)
    } catch (error) {
      process.stderr.write(`spyglass: the text of ${url} was not recorded: ${(error as Error).message}\n`)
      return null
    }
  }

  breakableLines(targetId: string, url: string, startLine = 1, endLine = Number.MAX_SAFE_INTEGER): Promise<number[]> {
    return this.debuggerOf(targetId).breakableLines(url, startLine, endLine)
  }

  breakpoints(targetId: string): Breakpoint[] {
    const store = this.stores.get(this.rootIdOf(targetId))
    return store ? store.list().map(toBreakpoint) : []
  }

  async setBreakpoint(params: LineBreakpointParams): Promise<Breakpoint> {
    this.requireLive(params.targetId)
    if (params.condition) checkExpression(params.condition, 'condition')
    if (params.logMessage && params.hitCondition) throw new UserError('BAD_REQUEST', 'a logpoint prints every time its condition holds: it takes no hit count')
    const store = this.storeOf(this.rootIdOf(params.targetId))
    const column = params.column ?? null
    const existing = store.findLine(params.url, params.line, column)
    const entry: BreakpointEntry = existing ?? this.newEntry(store.rootId, 'line', { url: params.url, line: params.line, column, functionName: null })
    if (existing) await this.unbindEverywhere(existing)
    entry.condition = params.condition ?? null
    entry.logMessage = params.logMessage ?? null
    if (entry.logMessage) this.checkLogMessage(entry.logMessage)
    entry.hitCondition = params.hitCondition ?? null
    entry.enabled = params.enabled ?? true
    entry.conditionError = null
    store.add(entry)
    await this.bindEverywhere(entry, params.targetId)
    return this.changed(entry)
  }

  async setFunctionBreakpoint(params: FunctionBreakpointParams): Promise<Breakpoint> {
    this.requireLive(params.targetId)
    if (params.condition) checkExpression(params.condition, 'condition')
    checkExpression(params.functionName, 'function name')
    const store = this.storeOf(this.rootIdOf(params.targetId))
    const entry = this.newEntry(store.rootId, 'function', { url: null, line: null, column: null, functionName: params.functionName })
    entry.condition = params.condition ?? null
    entry.hitCondition = params.hitCondition ?? null
    entry.enabled = params.enabled ?? true
    // Found in the target it was asked in; the place found binds in the others of the process.
    await this.debuggerOf(params.targetId).locateFunction(entry)
    const failure = entry.failures.get(params.targetId)
    if (!entry.hint) throw new UserError('BAD_REQUEST', failure ?? `no function named ${params.functionName} was found`)
    store.add(entry)
    await this.bindEverywhere(entry, params.targetId)
    return this.changed(entry)
  }

  async updateBreakpoint(patch: BreakpointPatch): Promise<Breakpoint> {
    const entry = this.requireEntry(patch.targetId, patch.breakpointId)
    if (patch.condition) checkExpression(patch.condition, 'condition')
    if (patch.logMessage) this.checkLogMessage(patch.logMessage)
    const logMessage = patch.logMessage !== undefined ? patch.logMessage : entry.logMessage
    const hitCondition = patch.hitCondition !== undefined ? patch.hitCondition : entry.hitCondition
    if (logMessage && hitCondition) throw new UserError('BAD_REQUEST', 'a logpoint prints every time its condition holds: it takes no hit count')
    await this.unbindEverywhere(entry)
    if (patch.enabled !== undefined) entry.enabled = patch.enabled
    if (patch.condition !== undefined) entry.condition = patch.condition
    entry.logMessage = logMessage
    entry.hitCondition = hitCondition
    entry.conditionError = null
    await this.bindEverywhere(entry, patch.targetId)
    return this.changed(entry)
  }

  async removeBreakpoint(targetId: string, breakpointId: string): Promise<void> {
    const entry = this.requireEntry(targetId, breakpointId)
    this.storeOf(entry.rootId).delete(entry.id)
    await this.unbindEverywhere(entry)
    this.queueBreakpoints(entry.rootId)
  }

  async removeAllBreakpoints(targetId: string): Promise<void> {
    const store = this.storeOf(this.rootIdOf(targetId))
    for (const entry of store.list()) {
      store.delete(entry.id)
      await this.unbindEverywhere(entry)
    }
    this.queueBreakpoints(store.rootId)
  }

  async setPauseOptions(targetId: string, patch: Partial<PauseOptions>): Promise<PauseOptions> {
    this.requireLive(targetId)
    const next = { ...this.optionsOf(targetId), ...patch }
    this.pauseOptions.set(targetId, next)
    await this.debuggers.get(targetId)?.applyOptions()
    this.events.emit('options', { targetId, options: next })
    return next
  }

  pause(targetId: string): Promise<void> {
    return this.debuggerOf(targetId).pause()
  }
  resume(targetId: string): Promise<void> {
    return this.debuggerOf(targetId).resume()
  }
  step(targetId: string, action: 'over' | 'into' | 'out'): Promise<void> {
    return this.debuggerOf(targetId).step(action)
  }
  async paused(targetId: string): Promise<PausedState | null> {
    return (await this.debuggers.get(targetId)?.pausedState()) ?? null
  }
  async properties(targetId: string, objectId: string, offset = 0, limit = 1000) {
    const rows = await this.debuggerOf(targetId).properties(objectId)
    return { total: rows.length, rows: rows.slice(offset, offset + limit) }
  }
  invokeGetter(targetId: string, objectId: string, name: string) {
    return this.debuggerOf(targetId).invokeGetter(objectId, name)
  }
  evaluate(targetId: string, options: EvaluateOptions) {
    return this.debuggerOf(targetId).evaluate(options)
  }

  /** Sends what is batched now (tests and shutdown; the timer does it otherwise). */
  flush(): void {
    for (const [targetId, pending] of this.pendingSources) {
      const added = new Set(pending.added.map((source) => source.url))
      this.events.emit('sources', { targetId, added: pending.added, removed: [...new Set(pending.removed)].filter((url) => !added.has(url)), reset: pending.reset })
    }
    this.pendingSources.clear()
    for (const rootId of this.pendingRoots) {
      const breakpoints = this.stores.get(rootId)?.list().map(toBreakpoint) ?? []
      this.events.emit('breakpoints', { rootId, breakpoints })
    }
    this.pendingRoots.clear()
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off()
    for (const targetDebugger of this.debuggers.values()) targetDebugger.dispose()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  // ----------------------------------------------------------------------------------------

  private newEntry(rootId: string, kind: 'line' | 'function', where: Pick<BreakpointEntry, 'url' | 'line' | 'column' | 'functionName'>): BreakpointEntry {
    return {
      id: `bp${this.nextBreakpoint++}`,
      rootId,
      kind,
      ...where,
      condition: null,
      logMessage: null,
      hitCondition: null,
      enabled: true,
      hits: 0,
      hint: null,
      bound: new Map(),
      failures: new Map(),
      conditionError: null
    }
  }

  private checkLogMessage(message: string): void {
    for (const part of message.match(/\{[^{}]*\}/g) ?? []) {
      const expression = part.slice(1, -1).trim()
      if (expression) checkExpression(expression, `logpoint expression {${expression}}`)
    }
  }

  /** The target asked in first (a function breakpoint's place is found there), then the others of the process. */
  private async bindEverywhere(entry: BreakpointEntry, firstTargetId: string): Promise<void> {
    const debuggers = this.debuggersOfRoot(entry.rootId).sort((a, b) => (a.targetId === firstTargetId ? -1 : b.targetId === firstTargetId ? 1 : 0))
    for (const targetDebugger of debuggers) {
      targetDebugger.refreshAsyncStacks()
      await targetDebugger.bind(entry)
    }
  }

  private async unbindEverywhere(entry: BreakpointEntry): Promise<void> {
    await Promise.all(
      this.debuggersOfRoot(entry.rootId).map(async (targetDebugger) => {
        await targetDebugger.unbind(entry)
        targetDebugger.refreshAsyncStacks()
      })
    )
  }

  private debuggersOfRoot(rootId: string): TargetDebugger[] {
    return [...this.debuggers.values()].filter((d) => d.attached && this.rootIdOf(d.targetId) === rootId)
  }

  private changed(entry: BreakpointEntry): Breakpoint {
    const breakpoint = toBreakpoint(entry)
    this.queueBreakpoints(entry.rootId)
    this.record(entry.rootId, { type: 'breakpoint', time: Date.now(), breakpoint })
    return breakpoint
  }

  private record(rootId: string, record: DebuggerRecord): void {
    this.events.emit('record', { rootId, record })
  }

  private requireEntry(targetId: string, breakpointId: string): BreakpointEntry {
    const entry = this.stores.get(this.rootIdOf(targetId))?.get(breakpointId)
    if (!entry) throw new UserError('BAD_REQUEST', `no breakpoint ${breakpointId} in this target`)
    return entry
  }

  private requireLive(targetId: string): void {
    const info = this.options.targets.require(targetId).info
    if (info.state === 'recorded') throw new UserError('READ_ONLY', 'this is a recorded session: it cannot be debugged')
  }

  private debuggerOf(targetId: string): TargetDebugger {
    const info = this.options.targets.require(targetId).info
    if (info.state === 'recorded') throw new UserError('READ_ONLY', 'this is a recorded session: it cannot be debugged')
    const targetDebugger = this.debuggers.get(targetId)
    if (!targetDebugger || !targetDebugger.attached) throw new UserError('TARGET_EXITED', `target ${targetId} is not attached`)
    return targetDebugger
  }

  private rootIdOf(targetId: string): string {
    return this.options.targets.rootInfoOf(targetId)?.id ?? targetId
  }

  private storeOf(rootId: string): BreakpointStore {
    let store = this.stores.get(rootId)
    if (!store) this.stores.set(rootId, (store = new BreakpointStore(rootId)))
    return store
  }

  private optionsOf(targetId: string): PauseOptions {
    return this.pauseOptions.get(targetId) ?? defaultOptions
  }

  private queueSources(targetId: string, added: DebugSource[], removed: string[], reset: boolean): void {
    const pending = this.pendingSources.get(targetId)
    if (reset || !pending) {
      this.pendingSources.set(targetId, { added: [...added], removed: [...removed], reset: reset || (pending?.reset ?? false) })
    } else {
      // A file removed after it was added in the same batch is neither.
      pending.added = pending.added.filter((source) => !removed.includes(source.url))
      pending.removed.push(...removed)
      pending.added.push(...added)
    }
    this.schedule()
  }

  private queueBreakpoints(rootId: string): void {
    this.pendingRoots.add(rootId)
    this.schedule()
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.flush()
    }, this.options.batchIntervalMs ?? 100)
    this.timer.unref()
  }

  private forget(targetId: string): void {
    this.debuggers.get(targetId)?.dispose()
    this.debuggers.delete(targetId)
    this.pauseOptions.delete(targetId)
    this.stores.delete(targetId)
    this.pendingSources.delete(targetId)
  }
}

const groupRank = { app: 0, node_modules: 1, internal: 2 } as const
