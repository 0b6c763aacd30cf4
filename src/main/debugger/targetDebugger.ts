// The debugger of one live target, for one connection to it (DevTools' SDKModel): its scripts and
// source maps, what becomes of each pause, stepping, and evaluation. Where the process's
// breakpoints are bound in it is the binder's job (breakpointBinder.ts). The Debugger domain is
// shared with exception capture and the target manager; pauses are decided through the
// connection's pause coordinator (see targets/pauseCoordinator.ts).
import type { Protocol } from 'devtools-protocol'
import type { DebugSource, PausedState, PauseOptions, PauseReason, SourceLocation, SourceText } from '../../shared/debuggerTypes'
import { UserError } from '../../shared/userError'
import type { SourceMapService } from '../sourcemaps'
import { pauseCoordinatorOf, type CdpClient, type TargetConnection } from '../targets'
import { BreakLocations } from './breakLocations'
import { BreakpointBinder } from './breakpointBinder'
import { hitConditionMet, type BreakpointEntry, type BreakpointStore } from './breakpointStore'
import { reportBindingName } from './conditionCode'
import { locateFunction } from './functionLocator'
import { buildPausedState } from './pausedState'
import { ScriptRegistry } from './scriptRegistry'
import { readSourceText } from './sourceText'
import { evaluate, invokeGetter, listProperties, objectGroup, type EvaluateOptions } from './variables'

/** What a target debugger reports to the service that owns it. */
export interface TargetDebuggerHost {
  readonly targetId: string
  readonly rootId: string
  readonly store: BreakpointStore
  readonly sourceMaps: SourceMapService
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

export class TargetDebugger {
  readonly targetId: string
  readonly cdp: CdpClient
  readonly scripts: ScriptRegistry
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
  private readonly breakpoints: BreakpointBinder

  constructor(connection: TargetConnection, private readonly host: TargetDebuggerHost) {
    this.targetId = connection.targetId
    this.cdp = connection.cdp
    this.scripts = new ScriptRegistry(host.sourceMaps)
    this.breakLocations = new BreakLocations(connection.cdp)
    this.breakpoints = new BreakpointBinder({
      targetId: this.targetId,
      cdp: this.cdp,
      scripts: this.scripts,
      breakLocations: this.breakLocations,
      store: host.store,
      attached: () => !this.closed,
      locateFunction: (entry) => this.locateFunction(entry),
      breakpointsChanged: () => host.breakpointsChanged(),
      logpoint: (entry, text, location) => host.logpoint(entry, text, location)
    })
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
      cdp.on('Debugger.resumed', () => this.onResumed()),
      ...this.breakpoints.subscribe()
    )
    cdp.onClose(() => this.onClose())
    void cdp.trySend('Debugger.enable', {}).then(() => coordinator.setPauseOnExceptions('debugger', this.exceptionState()))
    this.refreshAsyncStacks()
    void cdp.trySend('Runtime.addBinding', { name: reportBindingName })
    for (const entry of this.host.store.list()) if (entry.enabled) void this.breakpoints.bindKnown(entry)
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

  // ---- breakpoints (bound by the binder) --------------------------------------------------

  bind(entry: BreakpointEntry): Promise<void> {
    return this.breakpoints.bind(entry)
  }

  unbind(entry: BreakpointEntry): Promise<void> {
    return this.breakpoints.unbind(entry)
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
      await this.breakpoints.bindOriginalsOf(script)
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
      const entry = this.breakpoints.entryOfHit(v8Id, event)
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
