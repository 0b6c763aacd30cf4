// The sessions domain's service: one list of sessions, kept by the recordings (live targets into
// autosave folders) and the library (save, open, recover). Other domains plug in through
// RecorderStreams and the opened/closed events; this folder imports none of them.
import path from 'node:path'
import type { RecentSession, RecoverableSession, SessionCounts, SessionInfo, SessionProgress } from '../../shared/sessionTypes'
import type { RecorderStream } from './recorder'
import type { RecentSessionsStore } from './recentSessions'
import type { FilePicker, RecordedEventSink, SessionTargets } from './sessionHost'
import { SessionLibrary } from './sessionLibrary'
import { SessionRecordings } from './sessionRecordings'
import { SessionRegistry } from './sessionRegistry'
import type { SessionSource } from './sessionSource'

export { maxOpenEventBytes } from './sessionLibrary'

export interface SessionServiceOptions {
  targets: SessionTargets
  /** The console's event store: where opened sessions' events go, and whose output a stop waits for. */
  events: RecordedEventSink
  appVersion: string
  /** The app data dir: autosaves, the session library and uploads live under it. */
  dataDir: string
  recent: RecentSessionsStore
  pickFile?: FilePicker
  /** Every domain's streams, asked afresh for each recording. */
  streams?: () => RecorderStream[]
}

export class SessionService {
  private readonly registry = new SessionRegistry()
  private readonly recordings: SessionRecordings
  private readonly library: SessionLibrary

  constructor(options: SessionServiceOptions) {
    const common = { registry: this.registry, targets: options.targets, events: options.events, autosaveRoot: path.join(options.dataDir, 'autosave') }
    this.recordings = new SessionRecordings({ ...common, appVersion: options.appVersion, streams: options.streams ?? (() => []) })
    this.library = new SessionLibrary({
      ...common,
      dataDir: options.dataDir,
      recent: options.recent,
      pickFile: options.pickFile,
      stopRecording: (session) => this.recordings.stopRecording(session)
    })
    this.autosaveRoot = common.autosaveRoot
  }

  readonly autosaveRoot: string
  /** Where sessions are saved when the user names no file (the browser workbench's downloads). */
  get libraryDir(): string {
    return this.library.libraryDir
  }

  onChanged(listener: (list: SessionInfo[]) => void): () => void {
    return this.registry.on('changed', listener)
  }
  onProgress(listener: (progress: SessionProgress) => void): () => void {
    return this.registry.on('progress', listener)
  }
  /** A session was opened or recovered into read-only targets (its events are loaded). */
  onOpened(listener: (session: SessionInfo) => void): () => void {
    return this.registry.on('opened', listener)
  }
  /** A session was closed: whatever a domain read of it may go. */
  onClosed(listener: (sessionId: string) => void): () => void {
    return this.registry.on('closed', listener)
  }

  list(): SessionInfo[] {
    return this.registry.list()
  }
  get(sessionId: string): SessionInfo {
    return this.registry.snapshot(this.registry.require(sessionId))
  }

  // Recordings
  record(targetId: string): Promise<SessionInfo> {
    return this.recordings.record(targetId)
  }
  addArtifact(targetId: string, artifact: Parameters<SessionRecordings['addArtifact']>[1]): Promise<string | null> {
    return this.recordings.addArtifact(targetId, artifact)
  }
  stop(sessionId: string): Promise<SessionInfo> {
    return this.recordings.stop(sessionId)
  }
  stopped(sessionId: string): Promise<SessionInfo> {
    return this.recordings.stopped(sessionId)
  }

  // The library
  save(sessionId: string, file?: string): Promise<{ file: string } | null> {
    return this.library.save(sessionId, file)
  }
  saveForDownload(sessionId: string): Promise<string> {
    return this.library.saveForDownload(sessionId)
  }
  uploadPath(name: string): string {
    return this.library.uploadPath(name)
  }
  open(file?: string): Promise<SessionInfo | null> {
    return this.library.open(file)
  }
  close(sessionId: string): Promise<void> {
    return this.library.close(sessionId)
  }
  recent(): RecentSession[] {
    return this.library.recent()
  }
  forgetRecent(file: string): RecentSession[] {
    return this.library.forgetRecent(file)
  }
  artifactFile(sessionId: string, entry: string): Promise<string> {
    return this.library.artifactFile(sessionId, entry)
  }
  openSessionSource(sessionId: string): Promise<SessionSource> {
    return this.library.openSessionSource(sessionId)
  }
  recoverable(): Promise<RecoverableSession[]> {
    return this.library.recoverable()
  }
  recover(id: string): Promise<SessionInfo> {
    return this.library.recover(id)
  }
  recoverInto(id: string, file: string): Promise<{ file: string; counts: SessionCounts; endedAt: number }> {
    return this.library.recoverInto(id, file)
  }
  discard(id: string): Promise<void> {
    return this.library.discard(id)
  }

  /** Stops every recording so that its autosave is complete (offered for recovery next time unless saved). */
  async dispose(): Promise<void> {
    this.registry.dispose()
    await this.recordings.dispose()
    await this.library.dispose()
  }
}
