// CPU profiles of a live target over the inspector's Profiler domain: a sampling interval, start
// and stop (by the caller, after a duration, or at the next breakpoint), and optionally exact call
// counts per function from precise coverage.
import type { Protocol } from 'devtools-protocol'
import { UserError } from '../../shared/userError'
import type { CdpClient } from '../targets'

/** Microseconds between samples; see bench/profile.bench.ts for the overhead it costs a target. */
export const defaultSamplingIntervalUs = 1000

export interface CaptureOptions {
  /** Microseconds between samples. */
  intervalUs?: number
  /** Also count calls per function (precise coverage); costs the target more. */
  callCounts?: boolean
  /** Stop by itself when the target next pauses at a breakpoint. */
  untilBreakpoint?: boolean
}

/** Calls of one function, located as the profile's call frames are (0-based line and column). */
export interface FunctionCallCount {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
  count: number
}

export interface CapturedProfile {
  profile: Protocol.Profiler.Profile
  callCounts: FunctionCallCount[] | null
  startedAt: number
  stoppedAt: number
  /** Why it stopped: asked, or the target paused at a breakpoint. */
  stoppedBy: 'request' | 'breakpoint'
}

export class ProfileCapture {
  private stopping: Promise<CapturedProfile> | null = null
  private readonly unsubscribe: Array<() => void> = []
  private stoppedBy: CapturedProfile['stoppedBy'] = 'request'
  private readonly autoStopped: Array<(profile: CapturedProfile) => void> = []

  private constructor(
    private readonly cdp: CdpClient,
    private readonly options: CaptureOptions,
    readonly startedAt: number
  ) {}

  static async start(cdp: CdpClient, options: CaptureOptions = {}): Promise<ProfileCapture> {
    const interval = options.intervalUs ?? defaultSamplingIntervalUs
    if (!Number.isInteger(interval) || interval < 10 || interval > 1_000_000) {
      throw new UserError('BAD_REQUEST', `the sampling interval must be 10 µs to 1 s, got ${interval} µs`)
    }
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval })
    if (options.callCounts) await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false })
    await cdp.send('Profiler.start')
    const capture = new ProfileCapture(cdp, options, Date.now())
    if (options.untilBreakpoint) {
      capture.unsubscribe.push(
        cdp.on('Debugger.paused', (event) => {
          // Exception pauses are the exception capture's, resumed at once: only real stops count.
          const reason: string = event.reason
          if (reason === 'exception' || reason === 'promiseRejection' || reason === 'Break on start') return
          capture.stoppedBy = 'breakpoint'
          void capture.stop().then((profile) => capture.autoStopped.forEach((listener) => listener(profile)))
        })
      )
    }
    return capture
  }

  /** Called when the capture stopped by itself (at a breakpoint). */
  onAutoStop(listener: (profile: CapturedProfile) => void): void {
    this.autoStopped.push(listener)
  }

  stop(): Promise<CapturedProfile> {
    this.stopping ??= this.collect()
    return this.stopping
  }

  private async collect(): Promise<CapturedProfile> {
    for (const off of this.unsubscribe.splice(0)) off()
    const { profile } = await this.cdp.send('Profiler.stop')
    let callCounts: FunctionCallCount[] | null = null
    if (this.options.callCounts) {
      const coverage = await this.cdp.send('Profiler.takePreciseCoverage')
      callCounts = await this.locateCounts(coverage.result)
      await this.cdp.trySend('Profiler.stopPreciseCoverage')
    }
    return { profile, callCounts, startedAt: this.startedAt, stoppedAt: Date.now(), stoppedBy: this.stoppedBy }
  }

  /** Coverage locates functions by source offset; profiles by line and column: the script's text joins them. */
  private async locateCounts(scripts: Protocol.Profiler.ScriptCoverage[]): Promise<FunctionCallCount[]> {
    const counts: FunctionCallCount[] = []
    for (const script of scripts) {
      const called = script.functions.filter((f) => (f.ranges[0]?.count ?? 0) > 0)
      if (called.length === 0) continue
      const source = await this.cdp.trySend('Debugger.getScriptSource', { scriptId: script.scriptId })
      if (!source) continue
      const lineStarts = lineStartsOf(source.scriptSource)
      for (const fn of called) {
        const { line, column } = positionOf(lineStarts, fn.ranges[0].startOffset)
        counts.push({ functionName: fn.functionName, url: script.url, lineNumber: line, columnNumber: column, count: fn.ranges[0].count })
      }
    }
    return counts
  }
}

export function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** 0-based line and column of an offset, by binary search over line starts. */
export function positionOf(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0
  let high = lineStarts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (lineStarts[mid] <= offset) low = mid
    else high = mid - 1
  }
  return { line: low, column: offset - lineStarts[low] }
}
