// The session library: saving sessions into .spyglass files, opening files and autosaves as
// read-only targets, the recent list, recovery of interrupted recordings, and reading a saved
// session's entries back for the domains that show them.
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { access, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { formatBytes } from '../../shared/formatBytes'
import type { RecentSession, RecoverableSession, SessionCounts, SessionInfo, SessionProgress } from '../../shared/sessionTypes'
import { UserError } from '../../shared/userError'
import { describeAutosave, isAutosaveId, listAutosaveFolders, ownerIsAlive, removeSavedAutosaves } from './autosaves'
import type { RecentSessionsStore } from './recentSessions'
import type { FilePicker, RecordedEventSink, SessionTargets } from './sessionHost'
import { ownerFile, removeFolder, savedMarkerFile, syncAndRename } from './sessionFolder'
import { sessionFileExtension, type SessionManifest } from './sessionFormat'
import { artifactsOf, countEvents, loadRecordedTargets } from './sessionLoader'
import { packSession } from './sessionPacker'
import { endSignal, type ManagedSession, type SessionRegistry } from './sessionRegistry'
import { openSessionFolder } from './folderSessionSource'
import type { SessionSource } from './sessionSource'
import { openSessionFile } from './zipSessionSource'

/** Big events.ndjson entries are refused by `open` (memory); `spyglass inspect`/`export` stream them. */
export const maxOpenEventBytes = 4 * 1024 * 1024 * 1024

export interface SessionLibraryOptions {
  registry: SessionRegistry
  targets: SessionTargets
  events: RecordedEventSink
  /** The app data dir: autosaves, the library, uploads and extracted artifacts live under it. */
  dataDir: string
  autosaveRoot: string
  recent: RecentSessionsStore
  pickFile?: FilePicker
  /** Stops a session that is still recording (saving and closing stop it first). */
  stopRecording(session: ManagedSession): Promise<void>
}

export class SessionLibrary {
  private nextOpenId = 1

  constructor(private readonly options: SessionLibraryOptions) {}

  /** Where sessions are saved when the user names no file (the browser workbench's downloads). */
  get libraryDir(): string {
    return path.join(this.options.dataDir, 'sessions')
  }

  // --- saving ------------------------------------------------------------------------------

  /** Packs a session into `file` (or asks, or uses the library); a recording is stopped first. */
  async save(sessionId: string, file?: string): Promise<{ file: string } | null> {
    const { registry } = this.options
    const session = registry.require(sessionId)
    const target = file ?? (await this.chooseSavePath(session))
    if (target === null) return null
    const destination = path.resolve(target)
    await this.options.stopRecording(session)
    if (session.folder) {
      await this.packFolder(session, destination)
    } else if (session.info.file && path.resolve(session.info.file) !== destination) {
      await copyInto(session.info.file, destination)
    }
    session.info.file = destination
    session.info.saved = true
    this.remember(session.info)
    registry.emitChanged()
    return { file: destination }
  }

  /** The browser workbench's download: saved into the library, then streamed from there. */
  async saveForDownload(sessionId: string): Promise<string> {
    const session = this.options.registry.require(sessionId)
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
    const { registry } = this.options
    let chosen = file
    if (chosen === undefined) {
      if (!this.options.pickFile) throw new UserError('BAD_REQUEST', 'name the .spyglass file to open')
      chosen = (await this.options.pickFile.openSession(this.libraryDir)) ?? undefined
      if (chosen === undefined) return null
    }
    const resolved = path.resolve(chosen)
    const already = registry.all().find((s) => s.info.state === 'opened' && s.info.file === resolved)
    if (already) return registry.snapshot(already)
    const source = await openSessionFile(resolved)
    try {
      const session = await this.load(source, { file: resolved, folder: null, recovered: false, progressSubject: resolved, operation: 'open' })
      this.remember(session.info)
      return registry.snapshot(session)
    } finally {
      await source.close()
    }
  }

  async close(sessionId: string): Promise<void> {
    const { registry, targets } = this.options
    const session = registry.require(sessionId)
    await this.options.stopRecording(session)
    if (session.info.state === 'opened') {
      // Workers first is not needed: remove takes a target's children with it.
      const root = session.info.rootTargetId
      if (targets.get(root)) await targets.remove(root)
      for (const id of session.info.targetIds) if (targets.get(id)) await targets.remove(id)
    }
    if (session.info.state === 'opened' && session.folder) await releaseFolder(session.folder)
    await rm(this.extractedDir(sessionId), { recursive: true, force: true })
    registry.delete(sessionId)
    registry.emitClosed(sessionId)
    registry.emitChanged()
  }

  recent(): RecentSession[] {
    return this.options.recent.list()
  }

  forgetRecent(file: string): RecentSession[] {
    return this.options.recent.forget(file)
  }

  /**
   * A file that holds one artifact of a session (a CPU profile, a heap snapshot): the autosave
   * folder's own copy while there is one, otherwise copied out of the .spyglass file once (into
   * the app data dir, removed when the session closes).
   */
  async artifactFile(sessionId: string, entry: string): Promise<string> {
    const session = this.options.registry.require(sessionId)
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
    const session = this.options.registry.require(sessionId)
    if (session.info.state === 'recording') throw new UserError('BAD_REQUEST', 'the session is still recording')
    if (session.folder) return openSessionFolder(session.folder)
    if (session.info.file) return openSessionFile(session.info.file)
    throw new UserError('BAD_SESSION', 'the session has no file yet: save it to read it back')
  }

  // --- recovery ----------------------------------------------------------------------------

  async recoverable(): Promise<RecoverableSession[]> {
    const folders = await listAutosaveFolders(this.options.autosaveRoot)
    await removeSavedAutosaves(folders)
    const held = new Set(this.options.registry.all().flatMap((s) => (s.folder ? [path.basename(s.folder)] : [])))
    const offers: RecoverableSession[] = []
    for (const folder of folders) {
      if (folder.saved || held.has(folder.id) || ownerIsAlive(folder.owner)) continue
      const described = await describeAutosave(folder)
      if (described) offers.push(described)
    }
    return offers.sort((a, b) => b.startedAt - a.startedAt)
  }

  async recover(id: string): Promise<SessionInfo> {
    const { registry } = this.options
    const dir = this.autosaveFolder(id)
    const held = registry.all().find((s) => s.folder === dir)
    if (held) return registry.snapshot(held)
    const source = await openSessionFolder(dir)
    // This process now owns the folder: another Spyglass must not offer it while it is open here.
    await writeFile(path.join(dir, ownerFile), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: Date.now() }))
    try {
      const session = await this.load(source, { file: null, folder: dir, recovered: true, progressSubject: id, operation: 'recover' })
      return registry.snapshot(session)
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
    if (this.options.registry.all().some((s) => s.folder === dir)) throw new UserError('BAD_REQUEST', 'that session is open in this workbench; save it from there')
    const source = await openSessionFolder(dir)
    const destination = path.resolve(file)
    const progress = this.options.registry.progressReporter('recover', id)
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
    const sessions = this.options.registry.all()
    if (sessions.some((s) => s.folder === dir && s.info.state === 'recording')) {
      throw new UserError('BAD_REQUEST', 'that session is still recording')
    }
    for (const session of sessions) if (session.folder === dir) await this.close(session.info.id)
    await removeFolder(dir)
  }

  /** Recovered autosaves not saved here go back to being offered. */
  async dispose(): Promise<void> {
    for (const session of this.options.registry.all()) if (session.info.state === 'opened' && session.folder) await releaseFolder(session.folder)
  }

  // --- internals ---------------------------------------------------------------------------

  private autosaveFolder(id: string): string {
    if (!isAutosaveId(id)) throw new UserError('UNKNOWN_SESSION', `no autosave ${id}`)
    return path.join(this.options.autosaveRoot, id)
  }

  private extractedDir(sessionId: string): string {
    return path.join(this.options.dataDir, 'extracted', `${process.pid}-${sessionId.replace(/[^A-Za-z0-9._-]+/g, '_')}`)
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

  private async packFolder(session: ManagedSession, destination: string): Promise<void> {
    const folder = session.folder!
    const source = await openSessionFolder(folder)
    const progress = this.options.registry.progressReporter('save', session.info.id)
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

  /** Reads a session into read-only targets and lists it; on failure nothing of it is left behind. */
  private async load(
    source: SessionSource,
    how: { file: string | null; folder: string | null; recovered: boolean; progressSubject: string; operation: SessionProgress['operation'] }
  ): Promise<ManagedSession> {
    const { registry } = this.options
    const manifest = source.manifest
    if (how.operation === 'open' && source.eventBytes > maxOpenEventBytes) {
      throw new UserError('BAD_SESSION', `${path.basename(source.location)}: ${formatBytes(source.eventBytes)} of events is more than the workbench opens; use spyglass inspect or spyglass export`)
    }
    const sessionId = randomUUID()
    const progress = registry.progressReporter(how.operation, how.progressSubject)
    let loaded
    try {
      loaded = await loadRecordedTargets(source, {
        targets: this.options.targets,
        events: this.options.events,
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
    registry.add(session)
    // Domains that show what the session recorded (profiles, snapshots, samples, pauses) read it now.
    registry.emitOpened(session)
    registry.emitChanged()
    return session
  }

  private remember(info: SessionInfo): void {
    if (!info.file) return
    this.options.recent.add({ file: info.file, title: info.title, openedAt: Date.now(), startedAt: info.startedAt, endedAt: info.endedAt, events: info.counts.events })
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
