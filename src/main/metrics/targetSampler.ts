// Samples one target process: CPU and RSS from the OS, heap, event loop and GC from the probe
// inside it. A target whose event loop is blocked answers the probe late: its sample then has
// the OS half only, and the late answer (with the block's delay in it) goes into the next one.
import type { TargetSample } from '../../shared/metricsTypes'
import type { CdpClient } from '../targets'
import { cpuPctBetween, readProcess } from './processStats'
import { installProbe, readProbe, tryRemoveProbe, type ProbeReading } from './targetProbe'
import { createLogger } from '../log'

const log = createLogger('metrics')

export class TargetSampler {
  private installed: Promise<void> | null = null
  private inFlight: Promise<ProbeReading | null> | null = null
  private late: ProbeReading | null = null
  private previousCpu: { cpuMs: number; time: number } | null = null
  private probePid: number | null = null
  private lastProblem: string | null = null
  private finished = false

  constructor(
    readonly targetId: string,
    private readonly cdp: CdpClient,
    /** The pid Spyglass knows for the target; null lets the probe's own pid be used. */
    private readonly knownPid: () => number | null
  ) {}

  /** `waitMs`: how long the probe may take before the sample goes without it. */
  async sample(waitMs: number): Promise<TargetSample> {
    const time = Date.now()
    const reading = await this.probeReading(waitMs)
    if (reading) this.probePid = reading.pid
    const pid = this.knownPid() ?? this.probePid
    const os = pid === null ? null : await readProcess(pid).catch((error: Error) => this.problem(`reading process ${pid}: ${error.message}`))
    const cpu = os ? { cpuMs: os.cpuMs, time } : null
    const cpuPct = cpu ? cpuPctBetween(this.previousCpu, cpu) : null
    if (cpu) this.previousCpu = cpu
    return {
      time,
      targetId: this.targetId,
      pid,
      cpuPct,
      rssBytes: os?.rssBytes ?? reading?.rss ?? null,
      heapUsedBytes: reading?.heapUsed ?? null,
      heapTotalBytes: reading?.heapTotal ?? null,
      heapLimitBytes: reading?.heapLimit ?? null,
      externalBytes: reading?.external ?? null,
      // No delay samples in the interval: the loop never turned, so percentiles mean nothing.
      eventLoopDelayP50Ms: reading && reading.delaySamples > 0 ? reading.p50 : null,
      eventLoopDelayP99Ms: reading && reading.delaySamples > 0 ? reading.p99 : null,
      eventLoopDelayMaxMs: reading && reading.delaySamples > 0 ? reading.max : null,
      eventLoopUtilization: reading?.elu ?? null,
      gcCount: reading?.gcCount ?? null,
      gcPauseMs: reading?.gcPauseMs ?? null,
      gcMaxPauseMs: reading?.gcMaxMs ?? null,
      gpuMemoryMiB: null
    }
  }

  /**
   * The program has ended and waits for the debugger to let go: nothing more is evaluated in it
   * (JavaScript run while Node tears a process down can crash it).
   */
  finish(): void {
    this.finished = true
  }

  /** Removes the probe from a target that stays attached (sampling stopped). */
  async dispose(): Promise<void> {
    await this.inFlight?.catch(log.dropped('the last target sample failed while sampling stopped', null))
    this.inFlight = null
    this.late = null
    if (!this.cdp.closed && !this.finished) await tryRemoveProbe(this.cdp)
    // Sampling again later installs a fresh probe.
    this.installed = null
    this.previousCpu = null
  }

  private async probeReading(waitMs: number): Promise<ProbeReading | null> {
    if (this.late) {
      const late = this.late
      this.late = null
      return late
    }
    if (this.cdp.closed || this.finished) return null
    if (!this.inFlight) {
      const read = this.read()
      this.inFlight = read
      void read.then(
        (reading) => {
          if (this.inFlight !== read) return
          this.inFlight = null
          this.late = reading
        },
        () => {
          if (this.inFlight === read) this.inFlight = null
        }
      )
    }
    const inFlight = this.inFlight
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), waitMs)))
    try {
      const outcome = await Promise.race([inFlight, timedOut])
      if (outcome === 'timeout') return null
      // Answered in time: it is this sample's, not a late one for the next.
      this.inFlight = null
      this.late = null
      return outcome
    } catch (error) {
      this.inFlight = null
      return this.problem((error as Error).message)
    } finally {
      clearTimeout(timer)
    }
  }

  private async read(): Promise<ProbeReading | null> {
    this.installed ??= installProbe(this.cdp).catch((error: Error) => {
      this.installed = null
      throw error
    })
    await this.installed
    const reading = await readProbe(this.cdp)
    // The probe is gone (a new context): installed again for the next sample.
    if (reading === null) this.installed = null
    return reading
  }

  /** Reports a problem once (not every second), and stands for "no value". */
  private problem(message: string): null {
    if (message !== this.lastProblem && !this.cdp.closed) process.emitWarning(`spyglass metrics: ${this.targetId}: ${message}`)
    this.lastProblem = message
    return null
  }
}
