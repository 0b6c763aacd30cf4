// The profiler domain of the workbench: one capture at a time per target, saved as a standard
// .cpuprofile under the app data dir and, while the target is recorded, into its session.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../../shared/userError'
import type { SessionService } from '../sessions'
import type { CdpClient, TargetManager } from '../targets'
import { ProfileCapture, type CaptureOptions, type CapturedProfile, type FunctionCallCount } from './profileCapture'

export interface SavedProfile {
  id: string
  targetId: string
  /** The .cpuprofile on disk. */
  file: string
  startedAt: number
  stoppedAt: number
  samples: number
  stoppedBy: CapturedProfile['stoppedBy']
  callCounts: FunctionCallCount[] | null
  /** The session it was added to, when the target was being recorded. */
  sessionId: string | null
}

export interface ProfilerServiceOptions {
  targets: TargetManager
  sessions: SessionService
  dataDir: string
}

export class ProfilerService {
  private readonly clients = new Map<string, CdpClient>()
  private readonly running = new Map<string, ProfileCapture>()
  private readonly saved: SavedProfile[] = []
  private readonly savedListeners: Array<(profile: SavedProfile) => void> = []

  constructor(private readonly options: ProfilerServiceOptions) {
    options.targets.onSession((session) => {
      this.clients.set(session.targetId, session.cdp)
      session.cdp.onClose(() => {
        if (this.clients.get(session.targetId) === session.cdp) this.clients.delete(session.targetId)
        this.running.delete(session.targetId)
      })
    })
    // A program that ends while profiled: its profile is collected before it may exit.
    options.targets.onFinishing(async (targetId) => {
      if (this.running.has(targetId)) await this.stop(targetId)
    })
  }

  get profilesDir(): string {
    return path.join(this.options.dataDir, 'profiles')
  }

  onSaved(listener: (profile: SavedProfile) => void): void {
    this.savedListeners.push(listener)
  }

  isRunning(targetId: string): boolean {
    return this.running.has(targetId)
  }

  list(): SavedProfile[] {
    return [...this.saved]
  }

  async start(targetId: string, options: CaptureOptions = {}): Promise<void> {
    const cdp = this.clients.get(targetId)
    if (!cdp) throw new UserError('TARGET_EXITED', 'the target is not attached: there is nothing to profile')
    if (this.running.has(targetId)) throw new UserError('BAD_REQUEST', 'a CPU profile of this target is already being recorded')
    let capture: ProfileCapture
    try {
      capture = await ProfileCapture.start(cdp, options)
    } catch (error) {
      if (error instanceof UserError) throw error
      throw new UserError('TARGET_EXITED', `profiling could not start: ${(error as Error).message.split('\n')[0]}`)
    }
    this.running.set(targetId, capture)
    capture.onAutoStop((profile) => void this.save(targetId, profile))
  }

  async stop(targetId: string): Promise<SavedProfile> {
    const capture = this.running.get(targetId)
    if (!capture) throw new UserError('BAD_REQUEST', 'no CPU profile of this target is being recorded')
    let profile: CapturedProfile
    try {
      profile = await capture.stop()
    } catch (error) {
      this.running.delete(targetId)
      throw new UserError('TARGET_EXITED', `the profile could not be collected: ${(error as Error).message.split('\n')[0]}`)
    }
    return this.save(targetId, profile)
  }

  private async save(targetId: string, captured: CapturedProfile): Promise<SavedProfile> {
    this.running.delete(targetId)
    // Lower case: summary entry names are (see sessionFormat.ts).
    const id = `${new Date(captured.startedAt).toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`.toLowerCase()
    await mkdir(this.profilesDir, { recursive: true })
    const file = path.join(this.profilesDir, `${id}.cpuprofile`)
    // The standard format, as `node --cpu-prof` writes it, so that DevTools and speedscope open it.
    await writeFile(file, JSON.stringify(captured.profile))
    const sessionId = await this.options.sessions.addArtifact(targetId, {
      kind: 'cpuprofile',
      name: id,
      file,
      capturedAt: captured.startedAt,
      summary: { startedAt: captured.startedAt, stoppedAt: captured.stoppedAt, samples: captured.profile.samples?.length ?? 0, stoppedBy: captured.stoppedBy, callCounts: captured.callCounts }
    })
    const saved: SavedProfile = {
      id,
      targetId,
      file,
      startedAt: captured.startedAt,
      stoppedAt: captured.stoppedAt,
      samples: captured.profile.samples?.length ?? 0,
      stoppedBy: captured.stoppedBy,
      callCounts: captured.callCounts,
      sessionId
    }
    this.saved.push(saved)
    for (const listener of this.savedListeners) listener(saved)
    return saved
  }
}
