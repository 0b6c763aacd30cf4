// Recordings: a live target and its workers written into an autosave folder as they run, with
// every domain's recorder stream, until the user stops them or the target ends.
import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import type { SessionInfo } from '../../shared/sessionTypes'
import { UserError } from '../../shared/userError'
import { newManifest, Recorder, sessionTargetOf, type RecorderStream } from './recorder'
import { endSignal, refreshFromRecorder, type ManagedSession, type SessionRegistry } from './sessionRegistry'
import type { RecordedEventSink, SessionTargets } from './sessionHost'
import { SessionFolderWriter } from './sessionFolder'

export interface SessionRecordingsOptions {
  registry: SessionRegistry
  targets: SessionTargets
  events: RecordedEventSink
  appVersion: string
  autosaveRoot: string
  /** Every domain's streams, asked afresh for each recording. */
  streams: () => RecorderStream[]
}

export class SessionRecordings {
  constructor(private readonly options: SessionRecordingsOptions) {}

  async record(targetId: string): Promise<SessionInfo> {
    const { registry, targets } = this.options
    const target = targets.require(targetId).info
    if (target.state === 'recorded') throw new UserError('READ_ONLY', 'this is a recorded session; record a live target instead')
    const root = targets.rootInfoOf(targetId) ?? target
    for (const session of registry.all()) {
      if (session.info.state === 'recording' && session.info.rootTargetId === root.id) return registry.snapshot(session)
    }
    const sessionId = randomUUID()
    const startedAt = Date.now()
    const manifest = newManifest({ sessionId, appVersion: this.options.appVersion, root: sessionTargetOf(root), startedAt })
    let writer: SessionFolderWriter
    try {
      writer = await SessionFolderWriter.create(this.options.autosaveRoot, manifest)
    } catch (error) {
      throw new UserError('WRITE_FAILED', `cannot record: the autosave folder ${this.options.autosaveRoot} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
    }
    const recorder = new Recorder(writer, targets, root.id, this.options.streams())
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
    recorder.onChange(() => registry.scheduleChanged())
    registry.add(session)
    session.unwatch = targets.onChanged((list) => {
      const rootNow = list.find((t) => t.id === root.id)
      if (!rootNow || rootNow.state === 'exited' || rootNow.state === 'detached') void this.stopWhenOutputEnded(session)
    })
    // The target may have ended while the autosave folder was being made, before the watch began.
    const rootNow = targets.get(root.id)
    if (!rootNow || rootNow.state === 'exited' || rootNow.state === 'detached') void this.stopWhenOutputEnded(session)
    registry.emitChanged()
    return registry.snapshot(session)
  }

  /**
   * Adds an artifact of a target (a CPU profile, a heap snapshot) to the recording that includes
   * it, with its summary; returns the session id, or null when no recording includes the target.
   */
  async addArtifact(targetId: string, artifact: { kind: 'cpuprofile' | 'heapsnapshot'; name: string; file: string; capturedAt: number; summary?: unknown }): Promise<string | null> {
    const session = this.options.registry.all().find((s) => s.info.state === 'recording' && s.recorder?.includes(targetId))
    if (!session?.recorder) return null
    const entry = artifact.kind === 'cpuprofile' ? `profiles/${artifact.name}.cpuprofile` : `heap/${artifact.name}.heapsnapshot`
    await session.recorder.writer.addArtifact(entry, artifact.kind, artifact.file, artifact.capturedAt)
    if (artifact.summary !== undefined) await session.recorder.writer.writeSummary(`${artifact.kind === 'cpuprofile' ? 'profile' : 'heap'}-${artifact.name}`, artifact.summary)
    session.info.artifacts = [...session.info.artifacts, { kind: artifact.kind, entry, bytes: (await stat(artifact.file)).size, capturedAt: artifact.capturedAt }]
    this.options.registry.emitChanged()
    return session.info.id
  }

  async stop(sessionId: string): Promise<SessionInfo> {
    const session = this.options.registry.require(sessionId)
    await this.stopRecording(session)
    return this.options.registry.snapshot(session)
  }

  /** Resolves once the session is no longer recording (its manifest is final and on disk). */
  async stopped(sessionId: string): Promise<SessionInfo> {
    const session = this.options.registry.require(sessionId)
    await session.ended
    return this.options.registry.snapshot(session)
  }

  /** Stops a recording (nothing for other sessions); resolves once its manifest is final and on disk. */
  stopRecording(session: ManagedSession): Promise<void> {
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
      refreshFromRecorder(session)
      session.markEnded()
      this.options.registry.emitChanged()
    })()
    return session.stopping
  }

  /** Stops every recording so that its autosave is complete (offered for recovery next time unless saved). */
  async dispose(): Promise<void> {
    await Promise.all(this.options.registry.all().map((s) => this.stopRecording(s)))
  }

  /** A launched target's last lines arrive on its pipes after its exit: wait for them, then stop. */
  private async stopWhenOutputEnded(session: ManagedSession): Promise<void> {
    if (session.info.state !== 'recording' || session.stopping) return
    await this.options.events.stdioSettled(session.info.rootTargetId)
    await this.stopRecording(session)
  }
}
