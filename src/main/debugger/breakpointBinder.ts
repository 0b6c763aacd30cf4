// Where the process's breakpoints are bound in one live target: each breakpoint set by url (a
// file already loaded at its exact next breakable location, an original file through its map),
// the locations V8 resolves it to as scripts load, which breakpoint a V8 id stands for when the
// target stops on it, and what the breakpoints report back (a condition that threw, logpoint
// output). The target's debugger (targetDebugger.ts) owns one and decides about the pauses.
import type { Protocol } from 'devtools-protocol'
import type { BoundLocation, SourceLocation } from '../../shared/debuggerTypes'
import { formatConsoleArgs } from '../console'
import type { CdpClient } from '../targets'
import type { BreakLocations } from './breakLocations'
import { uniqueByUrl } from './breakLocations'
import type { BreakpointEntry, BreakpointStore } from './breakpointStore'
import { breakpointIdOfEvalUrl, conditionCode, reportBindingName, type ConditionReport } from './conditionCode'
import type { ScriptInfo, ScriptRegistry } from './scriptRegistry'
import { scriptFileUrl } from '../sourcemaps'
import { urlRegexFor } from './sourceGroups'
import { createLogger } from '../log'

const log = createLogger('debugger')

/** What the binder needs of the target's debugger and the service above it. */
export interface BreakpointBinderHost {
  readonly targetId: string
  readonly cdp: CdpClient
  readonly scripts: ScriptRegistry
  readonly breakLocations: BreakLocations
  readonly store: BreakpointStore
  /** False once the connection has closed. */
  attached(): boolean
  /** Finds a function breakpoint's place (its hint) or records why not (see functionLocator.ts). */
  locateFunction(entry: BreakpointEntry): Promise<void>
  breakpointsChanged(): void
  logpoint(entry: BreakpointEntry, text: string, location: SourceLocation | null): void
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

export class BreakpointBinder {
  private readonly targetId: string
  private readonly cdp: CdpClient
  private readonly v8Breakpoints = new Map<string, V8Breakpoint>()
  /** Per breakpoint: the files it is set by in this target (file key → V8 id). */
  private readonly filesOf = new Map<string, Map<string, string>>()
  /**
   * setBreakpointByUrl requests not answered yet. The answer and what V8 does next with the
   * breakpoint (breakpointResolved as the script loads, a pause on it) can come in one socket
   * read: their handlers run before the code awaiting the answer, and must not drop them.
   */
  private readonly settingByUrl = new Set<SettingByUrl>()
  /** breakpointResolved events for breakpoints whose answer has not been seen yet. */
  private readonly earlyResolved = new Map<string, Protocol.Debugger.Location[]>()

  constructor(private readonly host: BreakpointBinderHost) {
    this.targetId = host.targetId
    this.cdp = host.cdp
  }

  /** Listens for what V8 and the target say about the breakpoints; returns the unsubscribers. */
  subscribe(): Array<() => void> {
    return [
      this.cdp.on('Debugger.breakpointResolved', (event) => this.onBreakpointResolved(event)),
      this.cdp.on('Runtime.bindingCalled', (event) => this.onBindingCalled(event)),
      this.cdp.on('Runtime.consoleAPICalled', (event) => this.onConsoleCall(event))
    ]
  }

  /**
   * Binds a breakpoint in this target. A file already loaded is bound at its exact next
   * breakable location (an original file through its map); one not loaded yet is set by url,
   * and V8 binds it when the file loads.
   */
  async bind(entry: BreakpointEntry): Promise<void> {
    if (!this.host.attached() || !entry.enabled) return
    entry.failures.delete(this.targetId)
    if (entry.kind === 'function') {
      if (!entry.hint) await this.host.locateFunction(entry)
      if (entry.hint) await this.setByUrl(entry, entry.hint.url, entry.hint.line, entry.hint.column, true)
      return
    }
    const url = entry.url!
    const line = entry.line!
    const column = entry.column ?? 1
    const scripts = this.host.scripts
    await scripts.settled()
    const generated = scripts.scriptsOfOriginal(url)
    if (generated.length > 0) {
      for (const script of uniqueByUrl(generated)) await this.bindOriginal(entry, script, url, line, column)
      return
    }
    const loaded = scripts.scriptsWithUrl(url)[0]
    if (loaded) {
      const at = await this.host.breakLocations.next(loaded, line, column)
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

  /** When the connection starts: bound with no round trip first (see TargetDebugger.start); exact places come with the scripts. */
  async bindKnown(entry: BreakpointEntry): Promise<void> {
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

  /** Breakpoints in original files bind once the map that names them is known: `script`'s just came. */
  async bindOriginalsOf(script: ScriptInfo): Promise<void> {
    const originals = script.map?.originals ?? []
    if (originals.length === 0) return
    for (const entry of this.host.store.list()) {
      if (entry.enabled && entry.kind === 'line' && originals.includes(entry.url!)) {
        await this.bindOriginal(entry, script, entry.url!, entry.line!, entry.column ?? 1)
        this.host.breakpointsChanged()
      }
    }
  }

  private async bindOriginal(entry: BreakpointEntry, script: ScriptInfo, url: string, line: number, column: number): Promise<void> {
    const position = script.map?.toGenerated(url, line, column)
    if (!position) {
      entry.failures.set(this.targetId, `no code at or after line ${line} of ${url}`)
      return
    }
    const at = await this.host.breakLocations.next(script, position.line, position.column)
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
      if (this.host.attached()) entry.failures.set(this.targetId, (error as Error).message.replace(/^Debugger\.setBreakpointByUrl: /, ''))
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
    const scripts = this.host.scripts
    const script = scripts.get(location.scriptId)
    await script?.mapReady
    const line = location.lineNumber + 1
    const column = (location.columnNumber ?? 0) + 1
    const bound: BoundLocation = {
      targetId: this.targetId,
      location: scripts.originalLocation(location.scriptId, line, column),
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
  entryOfHit(v8Id: string, event: Protocol.Debugger.PausedEvent): BreakpointEntry | undefined {
    const v8 = this.v8Breakpoints.get(v8Id)
    if (v8) return this.host.store.get(v8.entryId)
    const top = event.callFrames[0]
    const script = top ? this.host.scripts.get(top.location.scriptId) : undefined
    if (!top || !script) return undefined
    const fileKey = scriptFileUrl(script.url) ?? script.url
    const setting = [...this.settingByUrl].find((s) => s.fileKey === fileKey && s.line === top.location.lineNumber + 1)
    return setting ? this.host.store.get(setting.entryId) : undefined
  }

  // ---- what the breakpoints report back -----------------------------------------------------

  private onBindingCalled(event: Protocol.Runtime.BindingCalledEvent): void {
    if (event.name !== reportBindingName) return
    let report: ConditionReport
    try {
      report = JSON.parse(event.payload) as ConditionReport
    } catch (error) {
      log.debug('dropped a condition report that is not JSON', error)
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
    const location = frame ? this.host.scripts.originalLocation(frame.scriptId, frame.lineNumber + 1, frame.columnNumber + 1) : null
    this.host.logpoint(entry, formatConsoleArgs(event.args), location)
    this.host.breakpointsChanged()
  }
}
