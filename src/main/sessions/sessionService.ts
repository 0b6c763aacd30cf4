// The sessions domain of the workbench: recordings (into autosave folders), saving them into
// .spyglass files, opening files and autosaves as read-only targets, the recent list, recovery.
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { createWriteStream } from 'node:fs'
import { access, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { RecentSession, RecoverableSession, SessionArtifactKind, SessionCounts, SessionInfo, SessionProgress } from '../../shared/sessionTypes'
import { UserError } from '../../shared/userError'
import type { ConsoleService } from '../console'
import type { TargetManager } from '../targets'
import { describeAutosave, isAutosaveId, listAutosaveFolders, ownerIsAlive, removeSavedAutosaves } from './autosaves'
import { consoleRecorderStream } from './consoleRecorderStream'
import { newManifest, Recorder, sessionTargetOf, type RecorderStream } from './recorder'
import type { RecentSessionsStore } from './recentSessions'
import { ownerFile, removeFolder, savedMarkerFile, SessionFolderWriter, syncAndRename } from './sessionFolder'
import { sessionFileExtension, type SessionManifest } from './sessionFormat'
import { packSession } from './sessionPacker'
import { artifactsOf, countEvents, loadRecordedTargets } from './sessionLoader'
import { openSessionFile, openSessionFolder, type SessionSource } from './sessionSource'

/** Native file dialogs, where the shell has them (the desktop app). */
export interface FilePicker {
  saveSession(defaultPath: string): Promise<string | null>
  openSession(defaultDir: string): Promise<string | null>
  /** A CPU profile or heap snapshot to import (null: cancelled). */
  openArtifact(kind: SessionArtifactKind, defaultDir: string): Promise<string | null>
  /** Where to export one (null: cancelled). */
  saveArtifact(kind: SessionArtifactKind, defaultPath: string): Promise<string | null>
}

export interface SessionServiceOptions {
  targets: TargetManager
  console: ConsoleService
  appVersion: string
  /** The app data dir: autosaves, the session library and uploads live under it. */
  dataDir: string
  recent: RecentSessionsStore
  pickFile?: FilePicker
  /** More streams (profiles, snapshots, metrics…) as capabilities land. */
  extraStreams?: () => RecorderStream[]
}

interface ManagedSession {
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

function endSignal(): { ended: Promise<void>; markEnded: () => void } {
  let markEnded: () => void = () => undefined
  const ended = new Promise<void>((resolve) => (markEnded = resolve))
  return { ended, markEnded }
}

type ServiceEvents = { changed: [SessionInfo[]]; progress: [SessionProgress] }

/** Big events.ndjson entries are refused by `open` (memory); `spyglass inspect`/`export` stream them. */
export const maxOpenEventBytes = 4 * 1024 * 1024 * 1024

export class SessionService {
  private readonly sessions = new Map<string, ManagedSession>()
  private readonly events = new EventEmitter<ServiceEvents>()
  private nextOpenId = 1
  private changeTimer: NodeJS.Timeout | null = null

  constructor(private readonly options: SessionServiceOptions) {
    this.events.setMaxListeners(0)
  }

  get autosaveRoot(): string {
    return path.join(this.options.dataDir, 'autosave')
  }
  /** Where sessions are saved when the user names no file (the browser workbench's downloads). */
  get libraryDir(): string {
    return path.join(this.options.dataDir, 'sessions')
  }

  onChanged(listener: (list: SessionInfo[]) => void): () => void {
    this.events.on('changed', listener)
    return () => this.events.off('changed', listener)
  }
  onProgress(listener: (progress: SessionProgress) => void): () => void {
    this.events.on('progress', listener)
    return () => this.events.off('progress', listener)
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => this.snapshot(s))
  }

  get(sessionId: string): SessionInfo {
    return this.snapshot(this.require(sessionId))
  }

  // --- recording ---------------------------------------------------------------------------

  async record(targetId: string): Promise<SessionInfo> {
    const target = this.options.targets.require(targetId).info
    if (target.state === 'recorded') throw new UserError('READ_ONLY', 'this is a recorded session; record a live target instead')
    const root = this.options.targets.rootInfoOf(targetId) ?? target
    for (const session of this.sessions.values()) {
      if (session.info.state === 'recording' && session.info.rootTargetId === root.id) return this.snapshot(session)
    }
    const sessionId = randomUUID()
    const startedAt = Date.now()
    const manifest = newManifest({ sessionId, appVersion: this.options.appVersion, root: sessionTargetOf(root), startedAt })
    let writer: SessionFolderWriter
    try {
      writer = await SessionFolderWriter.create(this.autosaveRoot, manifest)
    } catch (error) {
      throw new UserError('WRITE_FAILED', `cannot record: the autosave folder ${this.autosaveRoot} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
    }
    const streams = [consoleRecorderStream(this.options.console), ...(this.options.extraStreams?.() ?? [])]
    const recorder = new Recorder(writer, this.options.targets, root.id, streams)
    const session: ManagedSession = {
      info: {
        id: sessionId,
        state: 'recording',
        title: root.title,
        file: null,
        saved: false,
        recovered: false,
        rootTargetId: root.id,
        targetIds: [...recorder.targetIds],
        target: sessionTargetOf(root),
        startedAt,
        endedAt: null,
        counts: recorder.currentCounts,
        artifacts: []
      },
      recorder,
      folder: writer.dir,
      unwatch: null,
      stopping: null,
      ...endSignal()
    }
    recorder.onChange(() => this.scheduleChanged())
    this.sessions.set(sessionId, session)
    session.unwatch = this.options.targets.onChanged((list) => {
      const rootNow = list.find((t) => t.id === root.id)
      if (!rootNow || rootNow.state === 'exited' || rootNow.state === 'detached') void this.stopWhenOutputEnded(session)
    })
    // The target may have ended while the autosave folder was being made, before the watch began.
    const rootNow = this.options.targets.get(root.id)
    if (!rootNow || rootNow.state === 'exited' || rootNow.state === 'detached') void this.stopWhenOutputEnded(session)
    this.emitChanged()
    return this.snapshot(session)
  }

  /**
   * Adds an artifact of a target (a CPU profile, a heap snapshot) to the recording that includes
   * it, with its summary; returns the session id, or null when no recording includes the target.
   */
  async addArtifact(targetId: string, artifact: { kind: 'cpuprofile' | 'heapsnapshot'; name: string; file: string; capturedAt: number; summary?: unknown }): Promise<string | null> {
    const session = [...this.sessions.values()].find((s) => s.info.state === 'recording' && s.recorder?.includes(targetId))
    if (!session?.recorder) return null
    const entry = artifact.kind === 'cpuprofile' ? `profiles/${artifact.name}.cpuprofile` : `heap/${artifact.name}.heapsnapshot`
    await session.recorder.writer.addArtifact(entry, artifact.kind, artifact.file, artifact.capturedAt)
    if (artifact.summary !== undefined) await session.recorder.writer.writeSummary(`${artifact.kind === 'cpuprofile' ? 'profile' : 'heap'}-${artifact.name}`, artifact.summary)
    session.info.artifacts = [...session.info.artifacts, { kind: artifact.kind, entry, bytes: (await stat(artifact.file)).size, capturedAt: artifact.capturedAt }]
    this.emitChanged()
    return session.info.id
  }

  /**
   * A file that holds one artifact of a session (a CPU profile, a heap snapshot): the autosave
   * folder's own copy while there is one, otherwise copied out of the .spyglass file once (into
   * the app data dir, removed when the session closes).
   */
  async artifactFile(sessionId: string, entry: string): Promise<string> {
    const session = this.require(sessionId)
    if (!session.info.artifacts.some((a) => a.entry === entry)) throw new UserError('BAD_REQUEST', `the session holds no ${entry}`)
    if (session.folder) return path.join(session.folder, entry)
    const sessionFile = session.info.file
    if (!sessionFile) throw new UserError('BAD_SESSION', `the session's file is gone: ${entry} cannot be read`)
    const file = path.join(this.extractedDir(sessionId), path.basename(entry))
    if (await access(file).then(() => true, () => false)) return file
    await mkdir(path.dirname(file), { recursive: true })
    const source = await openSessionFile(sessionFile)
    try {
      const partial = `${file}.${randomUUID().slice(0, 8)}.part`
      await pipeline(await source.openEntry(entry), createWriteStream(partial))
      await rename(partial, file)
    } finally {
      await source.close()
    }
    return file
  }

  /**
   * Reads an opened session again (its file, or the autosave folder it was recovered from), for
   * the streams a domain shows on demand; the caller closes it.
   */
  async openSessionSource(sessionId: string): Promise<SessionSource> {
    const session = this.require(sessionId)
    if (session.info.state === 'recording') throw new UserError('BAD_REQUEST', 'the session is still recording')
    if (session.folder) return openSessionFolder(session.folder)
    if (session.info.file) return openSessionFile(session.info.file)
    throw new UserError('BAD_SESSION', 'the session has no file yet: save it to read it back')
  }

  private extractedDir(sessionId: string): string {
    return path.join(this.options.dataDir, 'extracted', `${process.pid}-${sessionId.replace(/[^A-Za-z0-9._-]+/g, '_')}`)
  }

  async stop(sessionId: string): Promise<SessionInfo> {
    const session = this.require(sessionId)
    await this.stopRecording(session)
    return this.snapshot(session)
  }

  /** Resolves once the session is no longer recording (its manifest is final and on disk). */
  async stopped(sessionId: string): Promise<SessionInfo> {
    const session = this.require(sessionId)
    await session.ended
    return this.snapshot(session)
  }

  // --- saving ------------------------------------------------------------------------------

  /** Packs a session into `file` (or asks, or uses the library); a recording is stopped first. */
  async save(sessionId: string, file?: string): Promise<{ file: string } | null> {
    const session = this.require(sessionId)
    const target = file ?? (await this.chooseSavePath(session))
    if (target === null) return null
    const destination = path.resolve(target)
    await this.stopRecording(session)
    if (session.folder) {
      await this.packFolder(session, destination)
    } else if (session.info.file && path.resolve(session.info.file) !== destination) {
      await copyInto(session.info.file, destination)
    }
    session.info.file = destination
    session.info.saved = true
    this.remember(session.info)
    this.emitChanged()
    return { file: destination }
  }

  /** The browser workbench's download: saved into the library, then streamed from there. */
  async saveForDownload(sessionId: string): Promise<string> {
    const session = this.require(sessionId)
    if (session.info.saved && session.info.file) return session.info.file
    const saved = await this.save(sessionId, this.libraryPath(session.info))
    return saved!.file
  }

  /** A fresh path for an uploaded file (the browser workbench's open and imports). */
  uploadPath(name: string): string {
    const base = path.basename(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120) || 'session.spyglass'
    return path.join(this.options.dataDir, 'uploads', `${randomUUID().slice(0, 8)}-${base}`)
  }

  // --- opening -----------------------------------------------------------------------------

  async open(file?: string): Promise<SessionInfo | null> {
    let chosen = file
    if (chosen === undefined) {
      if (!this.options.pickFile) throw new UserError('BAD_REQUEST', 'name the .spyglass file to open')
      chosen = (await this.options.pickFile.openSession(this.libraryDir)) ?? undefined
      if (chosen === undefined) return null
    }
    const resolved = path.resolve(chosen)
    const already = [...this.sessions.values()].find((s) => s.info.state === 'opened' && s.info.file === resolved)
    if (already) return this.snapshot(already)
    const source = await openSessionFile(resolved)
    try {
      const session = await this.load(source, { file: resolved, folder: null, recovered: false, progressSubject: resolved, operation: 'open' })
      this.remember(session.info)
      return this.snapshot(session)
    } finally {
      await source.close()
    }
  }

  async close(sessionId: string): Promise<void> {
    const session = this.require(sessionId)
    await this.stopRecording(session)
    if (session.info.state === 'opened') {
      // Workers first is not needed: remove takes a target's children with it.
      const root = session.info.rootTargetId
      if (this.options.targets.get(root)) await this.options.targets.remove(root)
      for (const id of session.info.targetIds) if (this.options.targets.get(id)) await this.options.targets.remove(id)
    }
    if (session.info.state === 'opened' && session.folder) await releaseFolder(session.folder)
    await rm(this.extractedDir(sessionId), { recursive: true, force: true })
    this.sessions.delete(sessionId)
    this.emitChanged()
  }

  recent(): RecentSession[] {
    return this.options.recent.list()
  }

  forgetRecent(file: string): RecentSession[] {
    return this.options.recent.forget(file)
  }

  // --- recovery ----------------------------------------------------------------------------

  async recoverable(): Promise<RecoverableSession[]> {
    const folders = await listAutosaveFolders(this.autosaveRoot)
    await removeSavedAutosaves(folders)
    const held = new Set([...this.sessions.values()].flatMap((s) => (s.folder ? [path.basename(s.folder)] : [])))
    const offers: RecoverableSession[] = []
    for (const folder of folders) {
      if (folder.saved || held.has(folder.id) || ownerIsAlive(folder.owner)) continue
      const described = await describeAutosave(folder)
      if (described) offers.push(described)
    }
    return offers.sort((a, b) => b.startedAt - a.startedAt)
  }

  async recover(id: string): Promise<SessionInfo> {
    const dir = this.autosaveFolder(id)
    const held = [...this.sessions.values()].find((s) => s.folder === dir)
    if (held) return this.snapshot(held)
    const source = await openSessionFolder(dir)
    // This process now owns the folder: another Spyglass must not offer it while it is open here.
    await writeFile(path.join(dir, ownerFile), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: Date.now() }))
    try {
      const session = await this.load(source, { file: null, folder: dir, recovered: true, progressSubject: id, operation: 'recover' })
      return this.snapshot(session)
    } finally {
      await source.close()
    }
  }

  /**
   * Packs an autosave straight into a file without loading it (the CLI's recover): events are
   * recounted and validated on the way, a crashed recording gets its last event's time as its end.
   */
  async recoverInto(id: string, file: string): Promise<{ file: string; counts: SessionCounts; endedAt: number }> {
    const dir = this.autosaveFolder(id)
    if ([...this.sessions.values()].some((s) => s.folder === dir)) throw new UserError('BAD_REQUEST', 'that session is open in this workbench; save it from there')
    const source = await openSessionFolder(dir)
    const destination = path.resolve(file)
    const progress = this.progressReporter('recover', id)
    let manifest: SessionManifest
    try {
      const { counts, lastTime } = await countEvents(source, { onProgress: progress.update })
      manifest = { ...source.manifest, counts, endedAt: source.manifest.endedAt ?? lastTime }
      await packSession(source, destination, { manifest })
    } finally {
      progress.finish()
      await source.close()
    }
    await writeFile(path.join(dir, savedMarkerFile), JSON.stringify({ file: destination, savedAt: Date.now() }))
    await removeFolder(dir)
    this.options.recent.add({ file: destination, title: manifest.title, openedAt: Date.now(), startedAt: manifest.startedAt, endedAt: manifest.endedAt, events: manifest.counts.events })
    return { file: destination, counts: manifest.counts, endedAt: manifest.endedAt! }
  }

  async discard(id: string): Promise<void> {
    const dir = this.autosaveFolder(id)
    if ([...this.sessions.values()].some((s) => s.folder === dir && s.info.state === 'recording')) {
      throw new UserError('BAD_REQUEST', 'that session is still recording')
    }
    for (const session of [...this.sessions.values()]) if (session.folder === dir) await this.close(session.info.id)
    await removeFolder(dir)
  }

  /** Stops every recording so that its autosave is complete (offered for recovery next time unless saved). */
  async dispose(): Promise<void> {
    if (this.changeTimer) clearTimeout(this.changeTimer)
    await Promise.all([...this.sessions.values()].map((s) => this.stopRecording(s)))
    // Recovered autosaves not saved here go back to being offered.
    for (const session of this.sessions.values()) if (session.info.state === 'opened' && session.folder) await releaseFolder(session.folder)
  }

  // --- internals ---------------------------------------------------------------------------

  private require(sessionId: string): ManagedSession {
    const session = this.sessions.get(sessionId)
    if (!session) throw new UserError('UNKNOWN_SESSION', `no session ${sessionId}`)
    return session
  }

  private autosaveFolder(id: string): string {
    if (!isAutosaveId(id)) throw new UserError('UNKNOWN_SESSION', `no autosave ${id}`)
    return path.join(this.autosaveRoot, id)
  }

  private libraryPath(info: SessionInfo): string {
    const stamp = new Date(info.startedAt).toISOString().replace(/\.\d+Z$/, '').replace(/[:T]/g, '-')
    const title = info.title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'session'
    return path.join(this.libraryDir, `${title}-${stamp}${sessionFileExtension}`)
  }

  private async chooseSavePath(session: ManagedSession): Promise<string | null> {
    const suggested = this.libraryPath(session.info)
    if (this.options.pickFile) return this.options.pickFile.saveSession(suggested)
    return suggested
  }

  /** A launched target's last lines arrive on its pipes after its exit: wait for them, then stop. */
  private async stopWhenOutputEnded(session: ManagedSession): Promise<void> {
    if (session.info.state !== 'recording' || session.stopping) return
    await this.options.console.stdioSettled(session.info.rootTargetId)
    await this.stopRecording(session)
  }

  private stopRecording(session: ManagedSession): Promise<void> {
    if (!session.recorder || session.info.state !== 'recording') return session.stopping ?? Promise.resolve()
    const recorder = session.recorder
    session.stopping ??= (async () => {
      session.unwatch?.()
      const manifest = await recorder.stop().catch((error: Error) => {
        throw new UserError('WRITE_FAILED', `the recording could not be written to disk: ${error.message}`)
      })
      await recorder.writer.close()
      session.info.state = 'stopped'
      session.info.endedAt = manifest.endedAt
      this.refreshFromRecorder(session)
      session.markEnded()
      this.emitChanged()
    })()
    return session.stopping
  }

  private async packFolder(session: ManagedSession, destination: string): Promise<void> {
    const folder = session.folder!
    const source = await openSessionFolder(folder)
    const subject = session.info.id
    const progress = this.progressReporter('save', subject)
    try {
      const manifest: SessionManifest = {
        ...source.manifest,
        endedAt: session.info.endedAt ?? source.manifest.endedAt,
        counts: session.info.counts,
        targets: source.manifest.targets,
        entries: source.manifest.entries
      }
      await packSession(source, destination, {
        manifest,
        entrySizes: new Map([['events.ndjson', source.eventBytes]]),
        onProgress: progress.update
      })
    } finally {
      progress.finish()
      await source.close()
    }
    // The file is complete and synced: the autosave may go (the marker covers a crash right here).
    await writeFile(path.join(folder, savedMarkerFile), JSON.stringify({ file: destination, savedAt: Date.now() }))
    await removeFolder(folder)
    session.folder = null
  }

  /** Reads a session into read-only targets; on failure nothing of it is left behind. */
  /** Reads a session into read-only targets and lists it. */
  private async load(
    source: SessionSource,
    how: { file: string | null; folder: string | null; recovered: boolean; progressSubject: string; operation: SessionProgress['operation'] }
  ): Promise<ManagedSession> {
    const manifest = source.manifest
    if (how.operation === 'open' && source.eventBytes > maxOpenEventBytes) {
      throw new UserError('BAD_SESSION', `${path.basename(source.location)}: ${Math.round(source.eventBytes / 2 ** 30)} GiB of events is more than the workbench opens; use spyglass inspect or spyglass export`)
    }
    const sessionId = randomUUID()
    const progress = this.progressReporter(how.operation, how.progressSubject)
    let loaded
    try {
      loaded = await loadRecordedTargets(source, {
        targets: this.options.targets,
        console: this.options.console,
        sessionId,
        idPrefix: `r${this.nextOpenId++}`,
        onProgress: progress.update
      })
    } finally {
      progress.finish()
    }
    const session: ManagedSession = {
      info: {
        id: sessionId,
        state: 'opened',
        title: manifest.title,
        file: how.file,
        saved: how.file !== null,
        recovered: how.recovered,
        rootTargetId: loaded.rootId,
        targetIds: loaded.targets.map((t) => t.id),
        target: manifest.target,
        startedAt: manifest.startedAt,
        endedAt: manifest.endedAt ?? loaded.lastTime,
        counts: loaded.counts,
        artifacts: artifactsOf(manifest)
      },
      recorder: null,
      folder: how.folder,
      unwatch: null,
      stopping: null,
      ...endSignal()
    }
    session.markEnded()
    this.sessions.set(sessionId, session)
    this.emitChanged()
    return session
  }

  private remember(info: SessionInfo): void {
    if (!info.file) return
    this.options.recent.add({ file: info.file, title: info.title, openedAt: Date.now(), startedAt: info.startedAt, endedAt: info.endedAt, events: info.counts.events })
  }

  private refreshFromRecorder(session: ManagedSession): void {
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

  private snapshot(session: ManagedSession): SessionInfo {
    if (session.info.state === 'recording') this.refreshFromRecorder(session)
    return structuredClone(session.info)
  }

  /** Counts change with every batch: the list goes out at most twice a second for them. */
  private scheduleChanged(): void {
    if (this.changeTimer) return
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null
      this.emitChanged()
    }, 500)
    this.changeTimer.unref()
  }

  private emitChanged(): void {
    this.events.emit('changed', this.list())
  }

  private progressReporter(operation: SessionProgress['operation'], subject: string): { update(done: number, total: number): void; finish(): void } {
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
}

/** Hands an autosave this process held open back to recovery. */
async function releaseFolder(dir: string): Promise<void> {
  await rm(path.join(dir, ownerFile), { force: true })
}

async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true })
  const temporary = `${to}.${process.pid}.partial`
  try {
    await copyFile(from, temporary)
    await syncAndRename(temporary, to)
  } catch (error) {
    await rm(temporary, { force: true })
    throw new UserError('WRITE_FAILED', `could not write ${to}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}
