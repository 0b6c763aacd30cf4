// The profiler domain of the workbench: one capture at a time per target, saved as a standard
// .cpuprofile under the app data dir and, while the target is recorded, into its session.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../../shared/userError'
import type { SessionService } from '../sessions'
import type { CdpClient, TargetManager } from '../targets'
import { defaultSamplingIntervalUs, ProfileCapture, type CaptureOptions, type CapturedProfile, type FunctionCallCount } from './profileCapture'
import { createLogger } from '../log'

const log = createLogger('profiler')

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

/** A running capture, as the view shows it. */
export interface RunningCapture {
  startedAt: number
  intervalUs: number
  stopsOn: 'request' | 'duration' | 'breakpoint'
  stopsAt: number | null
}

export interface StartOptions extends CaptureOptions {
  /** Stop by itself after this long. */
  durationMs?: number
}

export class ProfilerService {
  private readonly clients = new Map<string, CdpClient>()
  private readonly running = new Map<string, ProfileCapture>()
  private readonly runningInfo = new Map<string, RunningCapture>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly finishing = new Map<string, Promise<SavedProfile>>()
  private readonly stateListeners: Array<(targetId: string) => void> = []
  private readonly saved: SavedProfile[] = []
  private readonly savedListeners: Array<(profile: SavedProfile) => void> = []

  constructor(private readonly options: ProfilerServiceOptions) {
    options.targets.onConnection((connection) => {
      this.clients.set(connection.targetId, connection.cdp)
      connection.cdp.onClose(() => {
        if (this.clients.get(connection.targetId) === connection.cdp) this.clients.delete(connection.targetId)
        if (this.running.has(connection.targetId)) this.forget(connection.targetId)
      })
    })
    // A program that ends while profiled: its profile is collected before it may exit.
    options.targets.onFinishing(async (targetId) => {
      const pending = this.finishing.get(targetId) ?? (this.running.has(targetId) ? this.stop(targetId) : null)
      if (pending) await pending.catch(log.dropped('the profile of an ending target was not collected'))
    })
  }

  get profilesDir(): string {
    return path.join(this.options.dataDir, 'profiles')
  }

  onSaved(listener: (profile: SavedProfile) => void): void {
    this.savedListeners.push(listener)
  }

  /** A capture started or ended (by request, duration, breakpoint or the target going away). */
  onStateChanged(listener: (targetId: string) => void): void {
    this.stateListeners.push(listener)
  }

  runningCapture(targetId: string): RunningCapture | null {
    return this.runningInfo.get(targetId) ?? null
  }

  isRunning(targetId: string): boolean {
    return this.running.has(targetId)
  }

  list(): SavedProfile[] {
    return [...this.saved]
  }

  async start(targetId: string, options: StartOptions = {}): Promise<void> {
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
    const startedAt = Date.now()
    const stopsAt = options.durationMs !== undefined ? startedAt + options.durationMs : null
    this.runningInfo.set(targetId, {
      startedAt,
      intervalUs: options.intervalUs ?? defaultSamplingIntervalUs,
      stopsOn: options.untilBreakpoint ? 'breakpoint' : stopsAt !== null ? 'duration' : 'request',
      stopsAt
    })
    capture.onAutoStop((profile) => void this.finish(targetId, Promise.resolve(profile)).catch(log.dropped('finishing a profile that stopped by itself failed')))
    if (options.durationMs !== undefined) {
      // A failed stop (the target went away meanwhile) was reported through the state change.
      this.timers.set(targetId, setTimeout(() => void this.stop(targetId).catch(log.dropped('stopping a timed profile failed')), options.durationMs))
    }
    this.stateChanged(targetId)
  }

  /** Stops every capture without saving (the workbench is closing). */
  dispose(): void {
    for (const targetId of [...this.running.keys()]) this.forget(targetId)
  }

  private forget(targetId: string): void {
    this.running.delete(targetId)
    this.runningInfo.delete(targetId)
    clearTimeout(this.timers.get(targetId))
    this.timers.delete(targetId)
    this.stateChanged(targetId)
  }

  private stateChanged(targetId: string): void {
    for (const listener of this.stateListeners) listener(targetId)
  }

  async stop(targetId: string): Promise<SavedProfile> {
    const capture = this.running.get(targetId)
    if (!capture) throw new UserError('BAD_REQUEST', 'no CPU profile of this target is being recorded')
    return this.finish(targetId, capture.stop())
  }

  /**
   * One save per capture, however many ways it ends at once (a request, the duration, a
   * breakpoint, the target finishing): they all get the same saved profile.
   */
  private finish(targetId: string, collected: Promise<CapturedProfile>): Promise<SavedProfile> {
    let pending = this.finishing.get(targetId)
    if (pending) return pending
    pending = (async () => {
      let profile: CapturedProfile
      try {
        profile = await collected
      } catch (error) {
        this.forget(targetId)
        throw new UserError('TARGET_EXITED', `the profile could not be collected: ${(error as Error).message.split('\n')[0]}`)
      }
      return this.save(targetId, profile)
    })().finally(() => this.finishing.delete(targetId))
    this.finishing.set(targetId, pending)
    return pending
  }

  private async save(targetId: string, captured: CapturedProfile): Promise<SavedProfile> {
    this.forget(targetId)
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
