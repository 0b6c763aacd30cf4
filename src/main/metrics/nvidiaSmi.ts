// Runs nvidia-smi and turns what it writes into GPU samples. Two ways: once (`spyglass gpu`),
// or one long-running `nvidia-smi -q -x -lms N` that writes a document every interval (the
// sampler). bench/metrics.bench.ts measures the loop against spawning one nvidia-smi per
// sample: the loop costs a fraction, since most of nvidia-smi's time goes into starting up
// (loading NVML, opening the devices), which the loop pays once.
import { execa, type ResultPromise } from 'execa'
import type { GpuSample } from '../../shared/metricsTypes'
import { NvidiaSmiFormatError, parseNvidiaSmiXml } from './nvidiaSmiXml'
import { createLogger } from '../log'

const log = createLogger('metrics')

export const noGpuReason = 'no NVIDIA GPU found'
/** A driver that hangs leaves nvidia-smi blocked in the kernel; this long without an answer means that. */
export const nvidiaSmiTimeoutMs = 5000

/** The binary: SPYGLASS_NVIDIA_SMI when set, otherwise nvidia-smi from the PATH. */
export function nvidiaSmiBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.SPYGLASS_NVIDIA_SMI || 'nvidia-smi'
}

export function unavailableGpuSample(reason: string, time = Date.now()): GpuSample {
  return { time, available: false, reason, driverVersion: null, gpus: [], processes: [] }
}

/** One document into a sample; a machine with nvidia-smi but no GPU reads as "no NVIDIA GPU found". */
export function gpuSampleOf(xml: string, time = Date.now()): GpuSample {
  const reading = parseNvidiaSmiXml(xml)
  if (reading.gpus.length === 0) return unavailableGpuSample(noGpuReason, time)
  return { time, available: true, reason: null, ...reading }
}

function timeoutReason(timeoutMs: number): string {
  return `nvidia-smi did not answer within ${Math.round(timeoutMs / 1000)} s (is the NVIDIA driver hung?)`
}

/** What nvidia-smi says when it fails ("No devices were found", "…couldn't communicate with the NVIDIA driver…"), in one line. */
function failureReason(output: string, exitCode: number | undefined): string {
  const line = output.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '')
  if (line && /no devices were found/i.test(line)) return noGpuReason
  return line ? `nvidia-smi: ${line}` : `nvidia-smi failed (exit code ${exitCode ?? 'unknown'})`
}

/** Runs `nvidia-smi -q -x` once. Never throws: no GPU, no binary, a hung driver all come back as `available: false`. */
export async function readNvidiaSmiOnce(options: { binary?: string; timeoutMs?: number } = {}): Promise<GpuSample> {
  const timeoutMs = options.timeoutMs ?? nvidiaSmiTimeoutMs
  const result = await execa(options.binary ?? nvidiaSmiBinary(), ['-q', '-x'], { timeout: timeoutMs, reject: false, forceKillAfterDelay: 500, stdin: 'ignore' })
  const time = Date.now()
  if (result.failed) {
    if (result.code === 'ENOENT') return unavailableGpuSample(noGpuReason, time)
    if (result.timedOut) return unavailableGpuSample(timeoutReason(timeoutMs), time)
    if (result.exitCode === undefined) return unavailableGpuSample(`nvidia-smi could not run: ${String(result.shortMessage ?? result.message).split('\n')[0]}`, time)
    return unavailableGpuSample(failureReason(`${result.stdout}\n${result.stderr}`, result.exitCode), time)
  }
  try {
    return gpuSampleOf(result.stdout, time)
  } catch (error) {
    if (error instanceof NvidiaSmiFormatError) return unavailableGpuSample(error.message, time)
    throw error
  }
}

/** A source of GPU samples that runs on its own schedule. */
export interface GpuSource {
  start(): void
  stop(): void
  onSample(listener: (sample: GpuSample) => void): () => void
}

const endTag = '</nvidia_smi_log>'
/** After a failure (a crash, a hang), how long until nvidia-smi is tried again. */
const retryAfterMs = 30_000

/**
 * One `nvidia-smi -q -x -lms N` for as long as sampling runs: a document every interval, split
 * at its closing tag. A loop that stays silent for `timeoutMs` (a hung driver) is killed and
 * reported; one that ends is started again after `retryAfterMs`, except when there is no
 * nvidia-smi at all.
 */
export class NvidiaSmiLoop implements GpuSource {
  private child: ResultPromise | null = null
  private buffer = ''
  private watchdog: NodeJS.Timeout | null = null
  private retry: NodeJS.Timeout | null = null
  private stopped = true
  private readonly listeners = new Set<(sample: GpuSample) => void>()

  constructor(private readonly options: { intervalMs: number; binary?: string; timeoutMs?: number; retryAfterMs?: number }) {}

  /** The pid of the running nvidia-smi (the bench reads its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid
  }

  onSample(listener: (sample: GpuSample) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.spawn()
  }

  stop(): void {
    this.stopped = true
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
    this.kill()
  }

  private get timeoutMs(): number {
    return Math.max(this.options.timeoutMs ?? nvidiaSmiTimeoutMs, this.options.intervalMs * 3)
  }

  private spawn(): void {
    this.buffer = ''
    const binary = this.options.binary ?? nvidiaSmiBinary()
    const args = ['-q', '-x', '-lms', String(Math.max(100, Math.round(this.options.intervalMs)))]
    const child = execa(binary, args, { buffer: false, reject: false, stdin: 'ignore', stderr: 'pipe', encoding: 'utf8' })
    this.child = child
    let stderr = ''
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => this.receive(chunk))
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk
    })
    this.armWatchdog()
    void child.then((result) => {
      if (this.child !== child) return // killed by the watchdog or stop(): already reported
      this.child = null
      this.clearWatchdog()
      if (this.stopped) return
      if (result.code === 'ENOENT') {
        // No nvidia-smi: nothing will change that while Spyglass runs.
        this.publish(unavailableGpuSample(noGpuReason))
        return
      }
      this.publish(unavailableGpuSample(failureReason(`${this.buffer}\n${stderr}`, result.exitCode)))
      this.scheduleRetry()
    })
  }

  private receive(chunk: string): void {
    this.buffer += chunk
    let end = this.buffer.indexOf(endTag)
    while (end !== -1) {
      const document = this.buffer.slice(0, end + endTag.length)
      this.buffer = this.buffer.slice(end + endTag.length)
      this.armWatchdog()
      try {
        this.publish(gpuSampleOf(document))
      } catch (error) {
        if (!(error instanceof NvidiaSmiFormatError)) throw error
        this.publish(unavailableGpuSample(error.message))
      }
      end = this.buffer.indexOf(endTag)
    }
    // A document is tens of kilobytes; megabytes without an end tag is not nvidia-smi's XML.
    if (this.buffer.length > 16 * 1024 * 1024) {
      this.kill()
      this.publish(unavailableGpuSample('nvidia-smi wrote something that is not its XML'))
      this.scheduleRetry()
    }
  }

  private publish(sample: GpuSample): void {
    for (const listener of this.listeners) listener(sample)
  }

  private armWatchdog(): void {
    this.clearWatchdog()
    this.watchdog = setTimeout(() => {
      this.kill()
      this.publish(unavailableGpuSample(timeoutReason(this.timeoutMs)))
      this.scheduleRetry()
    }, this.timeoutMs)
    this.watchdog.unref()
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog)
    this.watchdog = null
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retry) return
    this.retry = setTimeout(() => {
      this.retry = null
      if (!this.stopped && !this.child) this.spawn()
    }, this.options.retryAfterMs ?? retryAfterMs)
    this.retry.unref()
  }

  private kill(): void {
    this.clearWatchdog()
    const child = this.child
    this.child = null
    // SIGKILL: a nvidia-smi stuck on a hung driver ignores anything gentler (and may not even die;
    // it is left behind rather than waited for).
    child?.kill('SIGKILL')
    child?.catch(log.dropped('nvidia-smi ended with an error once stopped'))
  }
}

/** The alternative the bench compares against: one `nvidia-smi -q -x` per interval. */
export class NvidiaSmiPoller implements GpuSource {
  private timer: NodeJS.Timeout | null = null
  private running = false
  private readonly listeners = new Set<(sample: GpuSample) => void>()

  constructor(private readonly options: { intervalMs: number; binary?: string; timeoutMs?: number }) {}

  onSample(listener: (sample: GpuSample) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs)
    void this.poll()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private async poll(): Promise<void> {
    if (this.running) return // the previous one has not answered yet
    this.running = true
    try {
      const sample = await readNvidiaSmiOnce({ binary: this.options.binary, timeoutMs: this.options.timeoutMs })
      if (this.timer) for (const listener of this.listeners) listener(sample)
    } finally {
      this.running = false
    }
  }
}
