// The profiles the workbench holds: captured, imported, or found in opened sessions. Each loads
// once (a worker for big files, with progress), gets its source maps applied to the function
// names and places, and then answers the view's queries from memory.
import { stat } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import type { ProfileFunctionTableRow, ProfileInfo, ProfileProgress, ProfileSource } from '../../shared/profilerApi'
import type { ProfileFlameChartColumns } from '../../shared/profileTypes'
import { UserError } from '../../shared/userError'
import { ScriptMaps, type SourceMapService } from '../sourcemaps'
import type { FunctionCallCount } from './profileCapture'
import { buildFlameChart } from './flameChart'
import type { ProfileModel } from './profileModel'
import { functionTableRows, modelDisplay, type CallCounts, type FunctionDisplay } from './profileQueries'
import { loadProfile } from './profileWorker'
import { createLogger } from '../log'

const log = createLogger('profiler')

export interface LoadedEntry {
  model: ProfileModel
  display: FunctionDisplay
  rows: ProfileFunctionTableRow[]
  rowOf: Map<number, ProfileFunctionTableRow>
  /** Laid out on first use (the flame chart is not needed until the view shows it). */
  chart(): ProfileFlameChartColumns
}

interface Entry {
  info: ProfileInfo
  file: string
  callCounts: FunctionCallCount[] | null
  loading: Promise<LoadedEntry>
  abort: AbortController
}

export interface NewProfile {
  name: string
  source: ProfileSource
  file: string
  targetId: string | null
  sessionId: string | null
  capturedAt: number
  callCounts?: FunctionCallCount[] | null
  /** Set for captures: their ids name their files. */
  id?: string
}

export interface ProfileLibraryEvents {
  changed(list: ProfileInfo[]): void
  progress(progress: ProfileProgress): void
}

/** Progress updates at most this often per profile. */
const progressIntervalMs = 250

export class ProfileLibrary {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly events: ProfileLibraryEvents,
    /** The workbench's one source-map service: function places come from its maps. */
    private readonly sourceMaps: SourceMapService
  ) {}

  list(): ProfileInfo[] {
    return [...this.entries.values()].map((e) => ({ ...e.info })).sort((a, b) => b.capturedAt - a.capturedAt)
  }

  info(id: string): ProfileInfo {
    return { ...this.require(id).info }
  }

  fileOf(id: string): string {
    return this.require(id).file
  }

  /** The entry of a file already held (a session's profile opened twice is one entry). */
  findByFile(file: string): ProfileInfo | null {
    for (const entry of this.entries.values()) if (entry.file === file) return { ...entry.info }
    return null
  }

  async add(profile: NewProfile): Promise<ProfileInfo> {
    const fileBytes = await stat(profile.file).then(
      (s) => s.size,
      () => {
        throw new UserError('NOT_FOUND', `no such profile: ${profile.file}`)
      }
    )
    const id = profile.id ?? randomUUID().slice(0, 12)
    const info: ProfileInfo = {
      id,
      name: profile.name,
      source: profile.source,
      targetId: profile.targetId,
      sessionId: profile.sessionId,
      capturedAt: profile.capturedAt,
      fileBytes,
      state: 'loading',
      error: null,
      summary: null,
      hasCallCounts: Boolean(profile.callCounts),
      sourceMapped: false
    }
    const abort = new AbortController()
    const entry: Entry = { info, file: profile.file, callCounts: profile.callCounts ?? null, abort, loading: this.load(info, profile.file, profile.callCounts ?? null, abort.signal) }
    // Failures are stored in the entry's state; whoever awaits `ready` sees them as UserErrors.
    entry.loading.catch(log.dropped('loading a profile failed (kept in its state)'))
    this.entries.set(id, entry)
    this.changed()
    return { ...info }
  }

  /** The loaded profile; waits while it loads, fails as it failed. */
  ready(id: string): Promise<LoadedEntry> {
    return this.require(id).loading
  }

  /** Waits for the load and gives the entry's final state, whichever it is. */
  async settled(id: string): Promise<ProfileInfo> {
    const entry = this.require(id)
    await entry.loading.catch(log.dropped('loading a profile failed (kept in its state)'))
    return { ...entry.info }
  }

  remove(id: string): void {
    const entry = this.require(id)
    entry.abort.abort()
    this.entries.delete(id)
    this.changed()
  }

  /** Forgets every profile of a closed session. */
  removeSession(sessionId: string): void {
    let removed = false
    for (const [id, entry] of this.entries) {
      if (entry.info.sessionId !== sessionId || entry.info.source !== 'session') continue
      entry.abort.abort()
      this.entries.delete(id)
      removed = true
    }
    if (removed) this.changed()
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.abort.abort()
    this.entries.clear()
  }

  private require(id: string): Entry {
    const entry = this.entries.get(id)
    if (!entry) throw new UserError('NOT_FOUND', `no profile ${id}`)
    return entry
  }

  private async load(info: ProfileInfo, file: string, callCounts: FunctionCallCount[] | null, signal: AbortSignal): Promise<LoadedEntry> {
    let lastProgress = 0
    const progress = (phase: ProfileProgress['phase'], bytesRead: number): void => {
      this.events.progress({ profileId: info.id, phase, bytesRead, totalBytes: info.fileBytes })
    }
    try {
      const loaded = await loadProfile(file, {
        signal,
        onProgress: (p) => {
          const now = Date.now()
          if (now - lastProgress < progressIntervalMs) return
          lastProgress = now
          progress(p.phase === 'read' ? 'reading' : 'modelling', p.bytesDone)
        }
      })
      const display = await this.sourceMapped(loaded.model)
      const calls = callCountsOf(loaded.model, callCounts)
      const rows = functionTableRows(loaded.model, display.display, calls)
      let chart: ProfileFlameChartColumns | null = loaded.flameChart
      const result: LoadedEntry = {
        model: loaded.model,
        display: display.display,
        rows,
        rowOf: new Map(rows.map((r) => [r.index, r])),
        chart: () => (chart ??= buildFlameChart(loaded.model))
      }
      info.state = 'ready'
      info.summary = loaded.summary
      info.sourceMapped = display.mapped
      progress('done', info.fileBytes)
      this.changedIfHeld(info)
      return result
    } catch (error) {
      info.state = 'failed'
      info.error = error instanceof UserError ? error.message : `the profile could not be loaded: ${(error as Error).message.split('\n')[0]}`
      progress('failed', 0)
      this.changedIfHeld(info)
      throw error instanceof UserError ? error : new UserError('BAD_FILE', info.error)
    }
  }

  /**
   * Function names and places from the target's source maps (compiled TypeScript, bundles), for
   * the functions whose files are on this machine and name a map; the rest stay as profiled.
   */
  private async sourceMapped(model: ProfileModel): Promise<{ display: FunctionDisplay; mapped: boolean }> {
    const base = modelDisplay(model)
    const { functions: f, strings } = model
    const mapped = new Map<number, { name: string; url: string; line: number }>()
    // Each file's map is looked up once for all of its functions.
    const maps = new ScriptMaps(this.sourceMaps)
    const work: Array<Promise<void>> = []
    for (let fn = 0; fn < f.count; fn++) {
      const url = strings[f.url[fn]]
      if (!url.startsWith('file://') && !url.startsWith('/')) continue
      const frame = { functionName: strings[f.name[fn]], url, line: Math.max(1, f.line[fn] + 1), column: Math.max(1, f.column[fn] + 1) }
      work.push(
        maps.mapOf(url).then((map) => {
          const original = map?.originalFrame(frame)
          if (original) mapped.set(fn, { name: original.functionName || frame.functionName, url: original.url, line: original.line })
        })
      )
    }
    await Promise.all(work)
    if (mapped.size === 0) return { display: base, mapped: false }
    return {
      mapped: true,
      display: {
        name: (fn) => mapped.get(fn)?.name ?? base.name(fn),
        url: (fn) => mapped.get(fn)?.url ?? base.url(fn),
        line: (fn) => mapped.get(fn)?.line ?? base.line(fn)
      }
    }
  }

  private changedIfHeld(info: ProfileInfo): void {
    if (this.entries.get(info.id)?.info === info) this.changed()
  }

  private changed(): void {
    this.events.changed(this.list())
  }
}

/**
 * Precise coverage counts joined to the profile's functions by url and line (0-based). Coverage
 * places a function where its source text starts (`function`, `async`, the name of a method)
 * and the profile where V8 puts its position (the parameters), so columns differ: on a line with
 * several functions, the one starting last at or before the profile's column is taken.
 */
function callCountsOf(model: ProfileModel, counts: FunctionCallCount[] | null): CallCounts {
  if (!counts) return null
  const byLine = new Map<string, FunctionCallCount[]>()
  for (const c of counts) {
    const key = `${c.url}\n${c.lineNumber}`
    const list = byLine.get(key)
    if (list) list.push(c)
    else byLine.set(key, [c])
  }
  const { functions: f, strings } = model
  const calls = new Float64Array(f.count).fill(-1)
  for (let fn = 0; fn < f.count; fn++) {
    const candidates = byLine.get(`${strings[f.url[fn]]}\n${f.line[fn]}`)
    if (!candidates) continue
    let best: FunctionCallCount | null = null
    for (const c of candidates) if (c.columnNumber <= f.column[fn] && (best === null || c.columnNumber > best.columnNumber)) best = c
    calls[fn] = (best ?? candidates[0]).count
  }
  return calls
}
