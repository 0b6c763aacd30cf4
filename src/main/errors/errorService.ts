// The errors domain of the workbench: one ErrorGroups per process (root target and its workers),
// fed by the console batches of live targets and, for opened sessions, by their stored events.
import { EventEmitter } from 'node:events'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import type { ErrorGroupDetail, ErrorGroupFilter, ErrorGroupSummary, ErrorRateSeries, ErrorSort, ErrorsChanged } from '../../shared/errorTypes'
import { UserError } from '../../shared/userError'
import type { ConsoleService } from '../console'
import type { TargetManager } from '../targets'
import type { SourceMapService } from '../sourcemaps'
import { ErrorCatalog } from './errorCatalog'
import { ErrorGroups } from './errorGroups'

export interface ErrorServiceOptions {
  targets: TargetManager
  console: ConsoleService
  /** The user's own pattern file (settings), consulted before the built-in catalog. */
  patternsFile: () => string | null
  /** The workbench's one source-map service (group details show the original stack). */
  sourceMaps: SourceMapService
}

interface ProcessErrors {
  groups: ErrorGroups
  /** Per target of the process, the last event seq grouped. */
  seen: Map<string, number>
}

export class ErrorService {
  private readonly processes = new Map<string, ProcessErrors>()
  private readonly events = new EventEmitter<{ changed: [ErrorsChanged] }>()
  private readonly dirty = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private catalog: ErrorCatalog

  constructor(private readonly options: ErrorServiceOptions) {
    this.events.setMaxListeners(0)
    this.catalog = ErrorService.loadCatalog(options.patternsFile())
    options.console.onCaptured((batch) => {
      const root = this.rootIdOf(batch.targetId)
      if (root === null) return
      const process = this.processFor(root)
      if (this.take(process, batch.targetId, batch.events)) this.markChanged(root)
    })
    options.targets.onRemoved((targetId) => this.processes.delete(targetId))
  }

  /** A bad user file must not stop the workbench: it is reported and the built-in catalog used. */
  private static loadCatalog(file: string | null): ErrorCatalog {
    try {
      return ErrorCatalog.withUserFile(file)
    } catch (error) {
      process.stderr.write(`spyglass: ignoring the error patterns file: ${(error as Error).message}\n`)
      return new ErrorCatalog()
    }
  }

  /** Re-reads the user's pattern file (settings changed); throws its one-line problem. */
  reloadCatalog(): void {
    this.catalog = ErrorCatalog.withUserFile(this.options.patternsFile())
    // Groups keep their explanation from when they formed; regroup so that the new patterns apply.
    this.processes.clear()
  }

  onChanged(listener: (change: ErrorsChanged) => void): () => void {
    this.events.on('changed', listener)
    return () => this.events.off('changed', listener)
  }

  groups(targetId: string, filter: ErrorGroupFilter, sort: ErrorSort, offset: number, limit: number): { total: number; occurrences: number; groups: ErrorGroupSummary[] } {
    const process = this.current(targetId)
    return { ...process.groups.list(filter, sort, offset, limit), occurrences: process.groups.total }
  }

  async group(targetId: string, fingerprint: string): Promise<ErrorGroupDetail> {
    const detail = this.current(targetId).groups.detail(fingerprint)
    if (!detail) throw new UserError('BAD_REQUEST', `no error group ${fingerprint} in this target`)
    const latest = detail.samples[detail.samples.length - 1]
    const original = await this.options.sourceMaps.originalStack(latest?.stack)
    return original ? { ...detail, originalStack: original } : detail
  }

  rate(targetId: string): ErrorRateSeries {
    return this.current(targetId).groups.rate()
  }

  /** Every group of a process in detail (sessions write them as a summary). */
  details(targetId: string): ErrorGroupDetail[] {
    // A target removed before its recording stopped has no groups left to write.
    if (!this.options.targets.get(targetId)) return []
    return this.current(targetId).groups.details()
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
  }

  /** The process's groups, caught up with every event its targets' stores hold (opened sessions). */
  private current(targetId: string): ProcessErrors {
    this.options.targets.require(targetId)
    const root = this.options.targets.rootInfoOf(targetId)!
    const process = this.processFor(root.id)
    for (const info of this.options.targets.list()) {
      if (info.id !== root.id && this.rootIdOf(info.id) !== root.id) continue
      const store = this.options.console.storeFor(info.id)
      if (store.lastSeq > (process.seen.get(info.id) ?? 0)) {
        this.take(process, info.id, store.all())
        // Stored rows fold repetitions whose seqs they skip; all of those are counted now.
        process.seen.set(info.id, store.lastSeq)
      }
    }
    return process
  }

  private take(process: ProcessErrors, targetId: string, events: Iterable<ConsoleEvent>): boolean {
    let last = process.seen.get(targetId) ?? 0
    let changed = false
    for (const event of events) {
      if (event.seq <= last) continue
      last = event.seq
      if (process.groups.addEvent(event)) changed = true
    }
    process.seen.set(targetId, last)
    return changed
  }

  private processFor(rootId: string): ProcessErrors {
    let process = this.processes.get(rootId)
    if (!process) {
      const cwd = () => this.options.targets.get(rootId)?.cwd ?? null
      process = { groups: new ErrorGroups(this.catalog, cwd), seen: new Map() }
      this.processes.set(rootId, process)
    }
    return process
  }

  private rootIdOf(targetId: string): string | null {
    return this.options.targets.rootInfoOf(targetId)?.id ?? null
  }

  /** Live updates go out at most twice a second per process. */
  private markChanged(rootId: string): void {
    this.dirty.add(rootId)
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      for (const id of this.dirty) {
        const process = this.processes.get(id)
        if (process) this.events.emit('changed', { targetId: id, groups: process.groups.size, occurrences: process.groups.total })
      }
      this.dirty.clear()
    }, 500)
    this.timer.unref()
  }
}
