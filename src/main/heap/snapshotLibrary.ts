// The snapshots the workbench knows: taken from targets (saved under <dataDir>/heap and, while
// the target is recorded, added to its session with a summary) or imported from files. Each is
// analysed once by the engine; the domain's requests are answered from the opened snapshot.
import { randomUUID } from 'node:crypto'
import { mkdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { HeapProgress, HeapSnapshotItem, LeakStep } from '../../shared/heapApi'
import type { HeapDiffReport, HeapLeakReport, HeapObjectRow, HeapPage, HeapPageQuery, HeapSnapshotInfo } from '../../shared/heapTypes'
import { UserError } from '../../shared/userError'
import type { SessionService } from '../sessions'
import type { CdpClient } from '../targets'
import type { HeapSnapshotSummary } from './heapSessionSummary'
import { captureHeapSnapshot, type CapturedSnapshot } from './snapshotCapture'
import type { OpenedSnapshot, SnapshotEngine } from './snapshotEngine'
import { createLogger } from '../log'

const log = createLogger('heap')

export interface SnapshotLibraryOptions {
  engine: SnapshotEngine
  sessions: SessionService
  dataDir: string
  /** The target's title, for the names of snapshots taken from it. */
  titleOf(targetId: string): string
}

interface Entry {
  item: HeapSnapshotItem
  /** Settles once analysed (rejects with the analysis failure). */
  opened: Promise<OpenedSnapshot> | null
  /** Files Spyglass wrote are deleted with the entry; imported ones are the user's. */
  owned: boolean
  /** Settles once analysed and, for a recorded target, added to its session. */
  settled: Promise<void>
}

/** Progress events per snapshot at most every this long (the last of each phase always goes). */
const progressEveryMs = 250
const summaryConstructors = 20

export class SnapshotLibrary {
  private readonly entries = new Map<string, Entry>()
  private readonly changedListeners = new Set<(list: HeapSnapshotItem[]) => void>()
  private readonly progressListeners = new Set<(progress: HeapProgress) => void>()
  private readonly diffs = new Map<string, Promise<HeapDiffReport>>()
  private readonly leakReports = new Map<string, Promise<HeapLeakReport>>()
  /** Targets a snapshot is being taken of: the chunks of two at once would interleave. */
  private readonly capturing = new Set<string>()
  private changedTimer: NodeJS.Timeout | null = null

  constructor(private readonly options: SnapshotLibraryOptions) {}

  get heapDir(): string {
    return path.join(this.options.dataDir, 'heap')
  }

  onChanged(listener: (list: HeapSnapshotItem[]) => void): () => void {
    this.changedListeners.add(listener)
    return () => this.changedListeners.delete(listener)
  }

  onProgress(listener: (progress: HeapProgress) => void): () => void {
    this.progressListeners.add(listener)
    return () => this.progressListeners.delete(listener)
  }

  list(): HeapSnapshotItem[] {
    return [...this.entries.values()].map((e) => ({ ...e.item }))
  }

  get(snapshotId: string): HeapSnapshotItem {
    return { ...this.require(snapshotId).item }
  }

  /**
   * Snapshots a target into the heap folder, then analyses it in the background (`ready` waits
   * for that). Resolves once the file is complete.
   */
  async take(targetId: string, cdp: CdpClient, options: { collectGarbage?: boolean; leakStep?: LeakStep } = {}): Promise<HeapSnapshotItem> {
    if (this.capturing.has(targetId)) throw new UserError('BAD_REQUEST', 'a heap snapshot of this target is already being taken')
    this.capturing.add(targetId)
    try {
      return await this.capture(targetId, cdp, options)
    } finally {
      this.capturing.delete(targetId)
    }
  }

  private async capture(targetId: string, cdp: CdpClient, options: { collectGarbage?: boolean; leakStep?: LeakStep }): Promise<HeapSnapshotItem> {
    const capturedAt = Date.now()
    const id = `${new Date(capturedAt).toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`.toLowerCase()
    await mkdir(this.heapDir, { recursive: true })
    const file = path.join(this.heapDir, `${id}.heapsnapshot`)
    const entry: Entry = {
      item: {
        id,
        name: `${this.options.titleOf(targetId)} at ${new Date(capturedAt).toLocaleTimeString('en-GB')}`,
        source: 'capture',
        targetId,
        sessionId: null,
        file,
        capturedAt,
        fileBytes: 0,
        state: 'capturing',
        error: null,
        gc: null,
        nodeCount: null,
        edgeCount: null,
        totalSize: null,
        leakStep: options.leakStep ?? null
      },
      opened: null,
      owned: true,
      settled: Promise.resolve()
    }
    this.entries.set(id, entry)
    this.changed()
    const progress = this.progressReporter(id)
    let captured: CapturedSnapshot
    try {
      captured = await captureHeapSnapshot(cdp, file, {
        collectGarbage: options.collectGarbage,
        onProgress: (p) => progress(p.phase, p.done, p.total)
      })
    } catch (error) {
      this.entries.delete(id)
      progress('failed', 0, 0, true)
      this.changed()
      throw error
    }
    Object.assign(entry.item, { fileBytes: captured.bytes, gc: captured.gc })
    this.analyse(entry, async () => {
      entry.item.sessionId = await this.options.sessions.addArtifact(targetId, {
        kind: 'heapsnapshot',
        name: id,
        file,
        capturedAt,
        summary: await this.summaryOf(entry)
      })
    })
    return { ...entry.item }
  }

  /** Adds a .heapsnapshot file from disk (Node's or Chrome's) and analyses it in the background. */
  import(file: string, name?: string): Promise<HeapSnapshotItem> {
    return this.addFile(file, { source: 'import', name, targetId: null, sessionId: null, capturedAt: null })
  }

  /** Lists a snapshot of an opened session (its file copied out by the session service). */
  addFromSession(file: string, origin: { targetId: string; sessionId: string; capturedAt: number }): Promise<HeapSnapshotItem> {
    return this.addFile(file, { source: 'session', ...origin })
  }

  /** Forgets the snapshots of a session that was closed (their files are the session's). */
  async removeSession(sessionId: string): Promise<void> {
    const ids = [...this.entries.values()].filter((e) => e.item.source === 'session' && e.item.sessionId === sessionId).map((e) => e.item.id)
    for (const id of ids) await this.remove(id)
  }

  private async addFile(
    file: string,
    origin: { source: 'import' | 'session'; name?: string; targetId: string | null; sessionId: string | null; capturedAt: number | null }
  ): Promise<HeapSnapshotItem> {
    const resolved = path.resolve(file)
    const info = await stat(resolved).catch(log.dropped('no snapshot file', null))
    if (!info?.isFile()) throw new UserError('NOT_FOUND', `no file ${resolved}`)
    const id = `${origin.source}-${randomUUID().slice(0, 8)}`
    const entry: Entry = {
      item: {
        id,
        name: origin.name ?? path.basename(resolved),
        source: origin.source,
        targetId: origin.targetId,
        sessionId: origin.sessionId,
        file: resolved,
        capturedAt: origin.capturedAt ?? info.mtimeMs,
        fileBytes: info.size,
        state: 'loading',
        error: null,
        gc: null,
        nodeCount: null,
        edgeCount: null,
        totalSize: null,
        leakStep: null
      },
      opened: null,
      owned: false,
      settled: Promise.resolve()
    }
    this.entries.set(id, entry)
    this.analyse(entry)
    return { ...entry.item }
  }

  /** Resolves once the snapshot is analysed (failed: rejects with the reason). */
  async ready(snapshotId: string): Promise<HeapSnapshotItem> {
    const entry = this.require(snapshotId)
    await this.openedOf(entry)
    return { ...entry.item }
  }

  /** Resolves once the snapshot is analysed (or failed) and, when its target is recorded, in the session. */
  async settled(snapshotId: string): Promise<HeapSnapshotItem> {
    const entry = this.require(snapshotId)
    await entry.settled
    return { ...entry.item }
  }

  async opened(snapshotId: string): Promise<OpenedSnapshot> {
    return this.openedOf(this.require(snapshotId))
  }

  async remove(snapshotId: string): Promise<void> {
    const entry = this.require(snapshotId)
    if (entry.item.state === 'capturing') throw new UserError('BAD_REQUEST', 'the snapshot is still being taken')
    this.entries.delete(snapshotId)
    for (const cache of [this.diffs, this.leakReports]) {
      for (const key of [...cache.keys()]) if (key.split('|').includes(snapshotId)) cache.delete(key)
    }
    this.changed()
    const opened = await entry.opened?.catch(log.dropped('a removed snapshot never opened', null))
    await opened?.dispose()
    if (entry.owned) await rm(entry.item.file, { force: true })
  }

  diff(beforeId: string, afterId: string): Promise<HeapDiffReport> {
    const key = `${beforeId}|${afterId}`
    let report = this.diffs.get(key)
    if (!report) {
      report = Promise.all([this.opened(beforeId), this.opened(afterId)]).then(([a, b]) => this.options.engine.diff(a, b))
      this.diffs.set(key, report)
      report.catch(() => this.diffs.delete(key))
    }
    return report
  }

  /** Objects of a constructor in `afterId` that are not in `beforeId` (a diff's drill-down). */
  async newObjects(beforeId: string, afterId: string, constructorName: string, query: HeapPageQuery): Promise<HeapPage<HeapObjectRow>> {
    const [before, after] = await Promise.all([this.opened(beforeId), this.opened(afterId)])
    return this.options.engine.newObjects(before, after, constructorName, query)
  }

  leaks(baselineId: string, targetId: string, finalId: string): Promise<HeapLeakReport> {
    const key = `${baselineId}|${targetId}|${finalId}`
    let report = this.leakReports.get(key)
    if (!report) {
      report = Promise.all([this.opened(baselineId), this.opened(targetId), this.opened(finalId)]).then(([a, b, c]) => this.options.engine.leaks(a, b, c))
      this.leakReports.set(key, report)
      report.catch(() => this.leakReports.delete(key))
    }
    return report
  }

  async dispose(): Promise<void> {
    if (this.changedTimer) clearTimeout(this.changedTimer)
    const all = [...this.entries.values()]
    this.entries.clear()
    await Promise.all(all.map(async (e) => (await e.opened?.catch(log.dropped('a snapshot never opened', null)))?.dispose()))
  }

  private require(snapshotId: string): Entry {
    const entry = this.entries.get(snapshotId)
    if (!entry) throw new UserError('NOT_FOUND', `no heap snapshot ${snapshotId}`)
    return entry
  }

  private async openedOf(entry: Entry): Promise<OpenedSnapshot> {
    if (!entry.opened) throw new UserError('BAD_REQUEST', `the snapshot ${entry.item.name} is still being taken`)
    try {
      return await entry.opened
    } catch (error) {
      if (error instanceof UserError) throw error
      throw new UserError('BAD_FILE', `${entry.item.name}: ${(error as Error).message.split('\n')[0]}`)
    }
  }

  private analyse(entry: Entry, then?: () => Promise<void>): void {
    const id = entry.item.id
    entry.item.state = 'loading'
    this.changed()
    const progress = this.progressReporter(id)
    entry.opened = this.options.engine.open(entry.item.file, {
      onProgress: (p) => progress('parsing', p.phase === 'read' ? p.bytesDone : p.bytesTotal, p.bytesTotal)
    })
    entry.opened.catch(log.dropped('opening a snapshot failed (kept in its state)'))
    entry.settled = entry.opened
      .then(async (opened) => {
        const info: HeapSnapshotInfo = await opened.info()
        Object.assign(entry.item, { state: 'ready', fileBytes: info.fileBytes, nodeCount: info.nodeCount, edgeCount: info.edgeCount, totalSize: info.totalSize })
        progress('done', info.fileBytes, info.fileBytes, true)
      })
      .catch((error: Error) => {
        Object.assign(entry.item, { state: 'failed', error: error.message.split('\n')[0] })
        progress('failed', 0, 0, true)
      })
      .then(async () => {
        // Removed meanwhile: nothing more to do with it.
        if (this.entries.get(id) !== entry) return
        await then?.().catch((error: Error) => process.stderr.write(`spyglass: the snapshot ${id} could not be added to the session: ${error.message}\n`))
        this.changed()
      })
  }

  private async summaryOf(entry: Entry): Promise<HeapSnapshotSummary> {
    const { id, capturedAt, fileBytes, gc, leakStep, nodeCount, edgeCount, totalSize, error } = entry.item
    let constructors: HeapSnapshotSummary['constructors'] = []
    if (entry.item.state === 'ready' && entry.opened) {
      const page = await (await entry.opened).summary({ sort: 'retainedSize', limit: summaryConstructors })
      constructors = page.rows.map(({ name, count, shallowSize, retainedSize }) => ({ name, count, shallowSize, retainedSize }))
    }
    return { id, capturedAt, fileBytes, gc, leakStep, nodeCount, edgeCount, totalSize, constructors, error }
  }

  private progressReporter(snapshotId: string): (phase: HeapProgress['phase'], done: number, total: number, force?: boolean) => void {
    let last = 0
    let lastPhase: HeapProgress['phase'] | null = null
    return (phase, done, total, force = false) => {
      const now = Date.now()
      if (!force && phase === lastPhase && now - last < progressEveryMs) return
      last = now
      lastPhase = phase
      for (const listener of this.progressListeners) listener({ snapshotId, phase, done, total })
    }
  }

  /** List changes go out at most every 100 ms: a burst (capture, then analysis) is one event. */
  private changed(): void {
    if (this.changedTimer) return
    this.changedTimer = setTimeout(() => {
      this.changedTimer = null
      const list = this.list()
      for (const listener of this.changedListeners) listener(list)
    }, 100)
    this.changedTimer.unref()
  }
}
