// The debugger of one live target, for one connection to it (DevTools' SDKModel): its scripts and
// source maps, where the process's breakpoints are bound in it, what becomes of each pause,
// stepping, and evaluation. The Debugger domain is shared with exception capture and the target
// manager; pauses are decided through the connection's pause coordinator (see targets/pauseCoordinator.ts).
import type { Protocol } from 'devtools-protocol'
import type { BoundLocation, DebugSource, PausedState, PauseOptions, PauseReason, SourceLocation, SourceText } from '../../shared/debuggerTypes'
import { UserError } from '../../shared/userError'
import { formatConsoleArgs } from '../console'
import { pauseCoordinatorOf, type CdpClient, type TargetConnection } from '../targets'
import { hitConditionMet, type BreakpointEntry, type BreakpointStore } from './breakpointStore'
import { breakpointIdOfEvalUrl, conditionCode, reportBindingName, type ConditionReport } from './conditionCode'
import { BreakLocations, uniqueByUrl } from './breakLocations'
import { locateFunction } from './functionLocator'
import { buildPausedState } from './pausedState'
import { ScriptRegistry, type ScriptInfo } from './scriptRegistry'
import { scriptFileUrl } from './scriptSourceMap'
import { readSourceText } from './sourceText'
import { urlRegexFor } from './sourceGroups'
import { evaluate, invokeGetter, listProperties, objectGroup, type EvaluateOptions } from './variables'

/** What a target debugger reports to the service that owns it. */
export interface TargetDebuggerHost {
  readonly targetId: string
  readonly rootId: string
  readonly store: BreakpointStore
  options(): PauseOptions
  cwd(): string | null
  /** `removed`: urls listed before that are no longer files of their own (a script whose map came). */
  sourcesChanged(added: DebugSource[], removed: string[]): void
  breakpointsChanged(): void
  paused(state: PausedState): void
  resumed(pauseId: number): void
  logpoint(entry: BreakpointEntry, text: string, location: SourceLocation | null): void
}

/** Quiet steps a step out takes looking for the function's return before it gives up on the value. */
const maxQuietSteps = 200

/**
 * Async call stacks this deep are kept (what DevTools uses), only while the user debugs the
 * target: tracking them costs the target time on every async hop, and a recording that nobody
 * debugs should not pay for it.
 */
const asyncStackDepth = 32

interface CurrentPause {
  pauseId: number
  event: Protocol.Debugger.PausedEvent
  state: Promise<PausedState>
}

/** One V8 breakpoint: the breakpoint it stands for and the key of the file it was set by. */
interface V8Breakpoint {
  entryId: string
  fileKey: string
}

/** A setBreakpointByUrl on its way: the file (key) and 1-based line it asked for, with what it runs there. */
interface SettingByUrl {
  entryId: string
  fileKey: string
  line: number
  condition: string | undefined
}

export class TargetDebugger {
  readonly targetId: string
  readonly cdp: CdpClient
  readonly scripts = new ScriptRegistry()
  private readonly v8Breakpoints = new Map<string, V8Breakpoint>()
  /** Per breakpoint: the files it is set by in this connection (file key → V8 id). */
  private readonly filesOf = new Map<string, Map<string, string>>()
  /**
   * setBreakpointByUrl requests not answered yet. The answer and what V8 does next with the
   * breakpoint (breakpointResolved as the script loads, a pause on it) can come in one socket
   * read: their handlers run before the code awaiting the answer, and must not drop them.
   */
  private readonly settingByUrl = new Set<SettingByUrl>()
  /** breakpointResolved events for breakpoints whose answer has not been seen yet. */
  private readonly earlyResolved = new Map<string, Protocol.Debugger.Location[]>()
  private current: CurrentPause | null = null
  private pauseCounter = 0
  private stepping = false
  /**
   * A step out in progress that wants the function's return value: V8 only reports it when paused
   * on the return itself, so the function is stepped over (quietly) until it gets there.
   */
  private stepOut: { depth: number; steps: number } | null = null
  /** The value the function stepped out of returned, for the pause that ends the step. */
  private carriedReturn: Protocol.Runtime.RemoteObject | null = null
  private pauseRequested = false
  private asyncStacks = false
  /** Something was put in our object group (evaluations, getters) since the last resume. */
  private groupUsed = false
  private closed = false
  private readonly offs: Array<() => void> = []

  private readonly breakLocations: BreakLocations

  constructor(connection: TargetConnection, private readonly host: TargetDebuggerHost) {
    this.targetId = connection.targetId
    this.cdp = connection.cdp
    this.breakLocations = new BreakLocations(connection.cdp)
  }

  get attached(): boolean {
    return !this.closed
  }

  /**
   * Subscribes and sends the setup at once, with no round trip before the breakpoints: a program
   * held at start (--inspect-brk) is let go right after this, and its first lines must already
   * see them.
   */
  start(): void {
    const cdp = this.cdp
    const coordinator = pauseCoordinatorOf(cdp)
    this.offs.push(
      coordinator.keep((event) => this.keepPause(event)),
      cdp.on('Debugger.scriptParsed', (event) => this.onScriptParsed(event)),
      cdp.on('Debugger.breakpointResolved', (event) => this.onBreakpointResolved(event)),
      cdp.on('Debugger.resumed', () => this.onResumed()),
      cdp.on('Runtime.bindingCalled', (event) => this.onBindingCalled(event)),
      cdp.on('Runtime.consoleAPICalled', (event) => this.onConsoleCall(event))
    )
    cdp.onClose(() => this.onClose())
    void cdp.trySend('Debugger.enable', {}).then(() => coordinator.setPauseOnExceptions('debugger', this.exceptionState()))
    this.refreshAsyncStacks()
    void cdp.trySend('Runtime.addBinding', { name: reportBindingName })
    for (const entry of this.host.store.list()) if (entry.enabled) void this.bindKnown(entry)
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off()
  }

  /** V8's side of pause on exceptions: exception capture needs 'uncaught' whatever the user chose. */
  exceptionState(): 'none' | 'uncaught' | 'all' {
    return this.host.options().exceptions === 'all' ? 'all' : 'uncaught'
  }

  async applyOptions(): Promise<void> {
    this.refreshAsyncStacks()
    await pauseCoordinatorOf(this.cdp).setPauseOnExceptions('debugger', this.exceptionState())
  }

  /** Async stacks on while the user debugs this target (breakpoints, pause options, a pause asked for). */
  refreshAsyncStacks(): void {
    const options = this.host.options()
    const wanted = this.pauseRequested || options.exceptions !== 'none' || options.debuggerStatements || this.host.store.list().some((e) => e.enabled)
    if (wanted === this.asyncStacks || this.closed) return
    this.asyncStacks = wanted
    void this.cdp.trySend('Debugger.setAsyncCallStackDepth', { maxDepth: wanted ? asyncStackDepth : 0 })
  }

  // ---- breakpoints -------------------------------------------------------------------------

  /**
   * Binds a breakpoint in this target. A file already loaded is bound at its exact next
   * breakable location (an original file through its map); one not loaded yet is set by url,
   * and V8 binds it when the file loads.
   */
  async bind(entry: BreakpointEntry): Promise<void> {
    if (this.closed || !entry.enabled) return
    entry.failures.delete(this.targetId)
    if (entry.kind === 'function') {
      if (!entry.hint) await this.locateFunction(entry)
      if (entry.hint) await this.setByUrl(entry, entry.hint.url, entry.hint.line, entry.hint.column, true)
      return
    }
    const url = entry.url!
    const line = entry.line!
    const column = entry.column ?? 1
    await this.scripts.settled()
    const generated = this.scripts.scriptsOfOriginal(url)
    if (generated.length > 0) {
      for (const script of uniqueByUrl(generated)) await this.bindOriginal(entry, script, url, line, column)
      return
    }
    const loaded = this.scripts.scriptsWithUrl(url)[0]
    if (loaded) {
      const at = await this.breakLocations.next(loaded, line, column)
      if (!at) {
        entry.failures.set(this.targetId, `no code at or after line ${line}`)
        return
      }
      await this.setByUrl(entry, loaded.url, at.line, at.column, true)
      return
    }
    if (entry.hint) await this.setByUrl(entry, entry.hint.url, entry.hint.line, entry.hint.column, true)
    else await this.setByUrl(entry, url, line, entry.column ?? undefined, false)
  }

  /** When the connection starts: bound with no round trip first (see start()); exact places come with the scripts. */
  private async bindKnown(entry: BreakpointEntry): Promise<void> {
    if (entry.hint) await this.setByUrl(entry, entry.hint.url, entry.hint.line, entry.hint.column, true)
    else if (entry.kind === 'line') await this.setByUrl(entry, entry.url!, entry.line!, entry.column ?? undefined, false)
  }

  async unbind(entry: BreakpointEntry): Promise<void> {
    const ids = [...(this.filesOf.get(entry.id)?.values() ?? [])]
    this.filesOf.delete(entry.id)
    for (const id of ids) this.v8Breakpoints.delete(id)
    entry.bound.delete(this.targetId)
    entry.failures.delete(this.targetId)
    await Promise.all(ids.map((breakpointId) => this.cdp.trySend('Debugger.removeBreakpoint', { breakpointId })))
  }

  private async bindOriginal(entry: BreakpointEntry, script: ScriptInfo, url: string, line: number, column: number): Promise<void> {
    const position = script.map?.toGenerated(url, line, column)
    if (!position) {
      entry.failures.set(this.targetId, `no code at or after line ${line} of ${url}`)
      return
    }
    const at = await this.breakLocations.next(script, position.line, position.column)
    if (!at) {
      entry.failures.set(this.targetId, `no code at or after line ${line} of ${url}`)
      return
    }
    const fileKey = scriptFileUrl(script.url) ?? script.url
    const previous = this.filesOf.get(entry.id)?.get(fileKey)
    if (previous !== undefined && entry.hint && (entry.hint.line !== at.line || entry.hint.column !== at.column)) {
      // Bound early from where the last run had it, and the file changed since: move it.
      this.filesOf.get(entry.id)!.delete(fileKey)
      this.v8Breakpoints.delete(previous)
      const kept = (entry.bound.get(this.targetId) ?? []).filter((l) => scriptFileUrl(l.generated.url) !== fileKey)
      entry.bound.set(this.targetId, kept)
      await this.cdp.trySend('Debugger.removeBreakpoint', { breakpointId: previous })
    }
    entry.hint = { url: script.url, line: at.line, column: at.column }
    await this.setByUrl(entry, script.url, at.line, at.column, true)
  }

  /**
   * `exact`: the url as the target reports it (a script it loaded). Otherwise a file the user
   * named is matched in either form a target may load it as (a path for CommonJS, a file URL
   * for ESM), at V8's cost of matching a pattern against every script.
   */
  private async setByUrl(entry: BreakpointEntry, url: string, line: number, column: number | undefined, exact: boolean): Promise<void> {
    const fileKey = scriptFileUrl(url) ?? url
    if (this.filesOf.get(entry.id)?.has(fileKey)) return
    const regex = exact ? null : urlRegexFor(url)
    const where = regex ? { urlRegex: regex } : { url }
    const condition = conditionCode(entry.id, entry.condition, entry.logMessage)
    // A connection that starts while the breakpoint is being set binds it twice (its own start
    // and the set): one V8 breakpoint per place is enough, and a second would outlive a remove.
    if ([...this.settingByUrl].some((s) => s.entryId === entry.id && s.fileKey === fileKey && s.line === line && s.condition === condition)) return
    const setting: SettingByUrl = { entryId: entry.id, fileKey, line, condition }
    this.settingByUrl.add(setting)
    let response
    try {
      response = await this.cdp.send('Debugger.setBreakpointByUrl', {
        ...where,
        lineNumber: line - 1,
        columnNumber: column === undefined ? undefined : column - 1,
        condition
      })
    } catch (error) {
      if (!this.closed) entry.failures.set(this.targetId, (error as Error).message.replace(/^Debugger\.setBreakpointByUrl: /, ''))
      return
    } finally {
      this.settingByUrl.delete(setting)
    }
    const early = this.earlyResolved.get(response.breakpointId) ?? []
    this.earlyResolved.delete(response.breakpointId)
    // Events for breakpoints nobody waits for any more (removed meanwhile) are let go.
    if (this.settingByUrl.size === 0) this.earlyResolved.clear()
    // Removed or disabled while the request was out: take it back.
    if (!entry.enabled || this.host.store.get(entry.id) !== entry) {
      await this.cdp.trySend('Debugger.removeBreakpoint', { breakpointId: response.breakpointId })
      return
    }
    this.v8Breakpoints.set(response.breakpointId, { entryId: entry.id, fileKey })
    let files = this.filesOf.get(entry.id)
    if (!files) this.filesOf.set(entry.id, (files = new Map()))
    files.set(fileKey, response.breakpointId)
    for (const location of [...response.locations, ...early]) await this.addLocation(entry, location)
  }

  private async addLocation(entry: BreakpointEntry, location: Protocol.Debugger.Location): Promise<void> {
    const script = this.scripts.get(location.scriptId)
    await script?.mapReady
    const line = location.lineNumber + 1
    const column = (location.columnNumber ?? 0) + 1
    const bound: BoundLocation = {
      targetId: this.targetId,
      location: this.scripts.originalLocation(location.scriptId, line, column),
      generated: { url: script?.url ?? '', line, column }
    }
    const list = entry.bound.get(this.targetId) ?? []
    if (!list.some((l) => l.generated.url === bound.generated.url && l.generated.line === line && l.generated.column === column)) list.push(bound)
    entry.bound.set(this.targetId, list)
    entry.failures.delete(this.targetId)
    this.host.breakpointsChanged()
  }

  private onBreakpointResolved(event: Protocol.Debugger.BreakpointResolvedEvent): void {
    const v8 = this.v8Breakpoints.get(event.breakpointId)
    if (!v8) {
      // Resolved before the answer that names it was seen (see settingByUrl): kept for it.
      if (this.settingByUrl.size > 0) this.earlyResolved.set(event.breakpointId, [...(this.earlyResolved.get(event.breakpointId) ?? []), event.location])
      return
    }
    const entry = this.host.store.get(v8.entryId)
    if (entry) void this.addLocation(entry, event.location)
  }

  /**
   * The breakpoint a V8 id stands for. One whose answer has not been seen yet (hit at once, in
   * the same socket read) is told by the file and line it was asked for.
   */
  private entryOfHit(v8Id: string, event: Protocol.Debugger.PausedEvent): BreakpointEntry | undefined {
    const v8 = this.v8Breakpoints.get(v8Id)
    if (v8) return this.host.store.get(v8.entryId)
    const top = event.callFrames[0]
    const script = top ? this.scripts.get(top.location.scriptId) : undefined
    if (!top || !script) return undefined
    const fileKey = scriptFileUrl(script.url) ?? script.url
    const setting = [...this.settingByUrl].find((s) => s.fileKey === fileKey && s.line === top.location.lineNumber + 1)
    return setting ? this.host.store.get(setting.entryId) : undefined
  }

  /**
   * Finds a function by name and remembers where its body starts: the breakpoint binds there, by
   * url, in every connection of the process (see functionLocator.ts).
   */
  async locateFunction(entry: BreakpointEntry): Promise<void> {
    const frameId = this.current ? ((await this.current.state).callFrames[0]?.callFrameId ?? undefined) : undefined
    this.groupUsed = true
    const found = await locateFunction(this.cdp, this.scripts, entry.functionName!, frameId)
    if ('failure' in found) entry.failures.set(this.targetId, found.failure)
    else entry.hint = found
  }

  // ---- scripts and sources -----------------------------------------------------------------

  private onScriptParsed(event: Protocol.Debugger.ScriptParsedEvent): void {
    const script = this.scripts.add(event)
    if (!script) return
    void script.mapReady.then(async () => {
      if (this.closed) return
      const originals = script.map?.originals ?? []
      // The script may have been listed as itself while its map loaded: its originals replace it.
      this.host.sourcesChanged(this.scripts.sourcesOf(script, this.targetId, this.host.cwd()), originals.length > 0 && script.url ? [script.url] : [])
      // Breakpoints in original files bind once the map that names them is known.
      if (originals.length === 0) return
      for (const entry of this.host.store.list()) {
        if (entry.enabled && entry.kind === 'line' && originals.includes(entry.url!)) {
          await this.bindOriginal(entry, script, entry.url!, entry.line!, entry.column ?? 1)
          this.host.breakpointsChanged()
        }
      }
    })
  }

  sourceText(url: string | undefined, scriptId: string | undefined): Promise<SourceText> {
    return readSourceText(this.cdp, this.scripts, url, scriptId)
  }

  breakableLines(url: string, startLine: number, endLine: number): Promise<number[]> {
    return this.breakLocations.breakableLines(this.scripts, url, startLine, endLine)
  }

  // ---- pauses ------------------------------------------------------------------------------

  /** Decides synchronously whether a pause stays for the user; counts breakpoint hits. */
  private keepPause(event: Protocol.Debugger.PausedEvent): boolean {
    if (this.closed) return false
    // Break on start belongs to the target manager, which lets the program run.
    if ((event.reason as string) === 'Break on start' || event.reason === 'instrumentation') return false
    const hit: string[] = []
    let counted = false
    for (const v8Id of event.hitBreakpoints ?? []) {
      const entry = this.entryOfHit(v8Id, event)
      if (!entry || !entry.enabled || entry.logMessage || hit.includes(entry.id)) continue
      entry.hits++
      counted = true
      if (hitConditionMet(entry.hitCondition, entry.hits)) hit.push(entry.id)
    }
    if (counted) this.host.breakpointsChanged()
    if (this.stepOut && hit.length === 0 && (event.reason === 'other' || (event.reason as string) === 'step') && this.quietStepOut(event)) return true
    this.stepOut = null
    const exceptional = event.reason === 'exception' || event.reason === 'promiseRejection'
    let reason: PauseReason | null = null
    if (hit.length > 0) reason = 'breakpoint'
    else if (this.stepping) reason = 'step'
    else if (this.pauseRequested) reason = 'pause'
    else if (exceptional) {
      const mode = this.host.options().exceptions
      const uncaught = (event.data as { uncaught?: boolean } | undefined)?.uncaught !== false
      if (mode === 'all' || (mode === 'uncaught' && uncaught)) reason = event.reason === 'exception' ? 'exception' : 'promiseRejection'
    } else if (event.reason === 'other' && (event.hitBreakpoints ?? []).length === 0 && this.host.options().debuggerStatements) {
      reason = 'debuggerStatement'
    }
    if (reason === null) return false
    this.stepping = false
    this.pauseRequested = false
    const pauseId = ++this.pauseCounter
    const returned = reason === 'step' ? this.carriedReturn : null
    this.carriedReturn = null
    const state = buildPausedState(event, { targetId: this.targetId, pauseId, reason, hitBreakpoints: hit, cwd: this.host.cwd(), returned }, this.scripts)
    this.current = { pauseId, event, state }
    void state.then(
      (paused) => {
        if (this.current?.pauseId === pauseId) this.host.paused(paused)
      },
      (error: Error) => process.stderr.write(`spyglass: the paused state of ${this.targetId} could not be built: ${error.message}\n`)
    )
    return true
  }

  /**
   * One quiet step of a step out: true when this pause is taken over (stepped on at once, never
   * shown). Bounded: a long loop before the return ends in a plain step out, without the value.
   */
  private quietStepOut(event: Protocol.Debugger.PausedEvent): boolean {
    const track = this.stepOut!
    const depth = event.callFrames.length
    if (depth < track.depth) return false
    const returnValue = event.callFrames[0]?.returnValue
    if (depth === track.depth && returnValue) {
      this.carriedReturn = returnValue
      this.stepOut = null
      void this.cdp.trySend('Debugger.stepOut')
      return true
    }
    if (++track.steps > maxQuietSteps) {
      this.stepOut = null
      void this.cdp.trySend('Debugger.stepOut')
      return true
    }
    void this.cdp.trySend('Debugger.stepOver', {})
    return true
  }

  private onResumed(): void {
    const current = this.current
    if (!current) return
    this.current = null
    // What evaluations and getters made while paused is let go; the pause's own objects V8 frees itself.
    if (this.groupUsed) void this.cdp.trySend('Runtime.releaseObjectGroup', { objectGroup })
    this.groupUsed = false
    this.host.resumed(current.pauseId)
  }

  async pausedState(): Promise<PausedState | null> {
    return this.current ? await this.current.state : null
  }

  private requirePaused(): CurrentPause {
    if (this.closed) throw new UserError('TARGET_EXITED', 'the target is no longer attached')
    if (!this.current) throw new UserError('BAD_REQUEST', 'the target is not paused')
    return this.current
  }

  private requireAttached(): void {
    if (this.closed) throw new UserError('TARGET_EXITED', 'the target is no longer attached')
  }

  async resume(): Promise<void> {
    this.requirePaused()
    await this.control(this.cdp.send('Debugger.resume', {}), true)
  }

  async pause(): Promise<void> {
    this.requireAttached()
    // Even when a pause is still known: V8 answers a resume before it says it resumed, and a
    // pause asked right after a resume must not be lost.
    this.pauseRequested = true
    this.refreshAsyncStacks()
    await this.control(this.cdp.send('Debugger.pause'))
  }

  async step(action: 'over' | 'into' | 'out'): Promise<void> {
    const current = this.requirePaused()
    this.stepping = true
    this.carriedReturn = null
    if (action === 'out') {
      const top = current.event.callFrames[0]
      if (top?.returnValue) this.carriedReturn = top.returnValue
      else if (top) {
        this.stepOut = { depth: current.event.callFrames.length, steps: 0 }
        await this.control(this.cdp.send('Debugger.stepOver', {}), true)
        return
      }
    }
    const request =
      action === 'over' ? this.cdp.send('Debugger.stepOver', {}) : action === 'into' ? this.cdp.send('Debugger.stepInto', {}) : this.cdp.send('Debugger.stepOut')
    await this.control(request, true)
  }

  /** `letsRun`: a target that ends once it runs again (it was paused on its fatal exception) did what was asked. */
  private async control(request: Promise<unknown>, letsRun = false): Promise<void> {
    try {
      await request
    } catch (error) {
      this.stepping = false
      this.pauseRequested = false
      this.stepOut = null
      if (this.cdp.closed && letsRun) return
      if (this.closed || this.cdp.closed) throw new UserError('TARGET_EXITED', 'the target went away')
      throw new UserError('BAD_REQUEST', (error as Error).message)
    }
  }

  async properties(objectId: string) {
    this.requireAttached()
    const scope = this.current?.event.callFrames.some((frame) => frame.scopeChain.some((s) => s.object.objectId === objectId)) ?? false
    return listProperties(this.cdp, objectId, scope)
  }

  async invokeGetter(objectId: string, name: string) {
    this.requireAttached()
    this.groupUsed = true
    return invokeGetter(this.cdp, objectId, name)
  }

  async evaluate(options: EvaluateOptions) {
    this.requireAttached()
    this.groupUsed = true
    if (options.callFrameId) this.requirePaused()
    else if (this.current) {
      // V8 does not stop a Runtime.evaluate that hangs while the target is paused; one on a frame
      // it does. An indirect eval in the top frame runs in the global scope all the same.
      const top = this.current.event.callFrames[0]
      if (top) return evaluate(this.cdp, { ...options, callFrameId: top.callFrameId, expression: `(0, eval)(${JSON.stringify(options.expression)})`, shownAs: options.expression })
    }
    return evaluate(this.cdp, options)
  }

  // ---- what the target reports back ------------------------------------------------------

  private onBindingCalled(event: Protocol.Runtime.BindingCalledEvent): void {
    if (event.name !== reportBindingName) return
    let report: ConditionReport
    try {
      report = JSON.parse(event.payload) as ConditionReport
    } catch {
      return // not from our conditions: the program called the binding itself
    }
    const entry = typeof report.id === 'string' ? this.host.store.get(report.id) : undefined
    if (!entry) return
    const message = `${entry.logMessage ? 'the logpoint' : 'the condition'} threw ${String(report.error).split('\n')[0]}`
    if (entry.conditionError === message) return
    entry.conditionError = message
    this.host.breakpointsChanged()
  }

  private onConsoleCall(event: Protocol.Runtime.ConsoleAPICalledEvent): void {
    const frames = event.stackTrace?.callFrames ?? []
    const id = frames[0] ? breakpointIdOfEvalUrl(frames[0].url) : null
    const entry = id ? this.host.store.get(id) : undefined
    if (!entry) return
    entry.hits++
    const frame = frames[1]
    const location = frame ? this.scripts.originalLocation(frame.scriptId, frame.lineNumber + 1, frame.columnNumber + 1) : null
    this.host.logpoint(entry, formatConsoleArgs(event.args), location)
    this.host.breakpointsChanged()
  }

  private onClose(): void {
    if (this.closed) return
    this.closed = true
    // Listeners stay: messages read before the socket closed still arrive (a program that ends
    // right after its last logpoint), and their hits count.
    const current = this.current
    this.current = null
    if (current) this.host.resumed(current.pauseId)
  }
}
