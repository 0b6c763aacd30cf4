// Reads a target's heap, event-loop delay and utilization and GC pauses from inside it, without
// changing its code: one Runtime.evaluate installs a small probe (perf_hooks'
// monitorEventLoopDelay, eventLoopUtilization and a PerformanceObserver on 'gc') under a
// global symbol, and each sample evaluates its read(), which also resets the interval's
// counters at the loop's next turn. The probe is removed again when sampling of the target stops.
import type { CdpClient } from '../targets'

const probeKey = 'spyglass.metrics.probe'

/** What read() returns; times in ms, sizes in bytes. */
export interface ProbeReading {
  pid: number
  heapUsed: number
  heapTotal: number
  heapLimit: number
  external: number
  rss: number
  p50: number
  p99: number
  max: number
  /** Delay samples the histogram took: 0 means the loop never turned in the interval. */
  delaySamples: number
  elu: number
  gcCount: number
  gcPauseMs: number
  gcMaxMs: number
}

// Runs in the target. `process.getBuiltinModule` exists from Node 20.16/22.3; older targets
// lend their main module's require (CommonJS programs). Not the inspector's command-line API
// (includeCommandLineAPI): with it, targets were seen to die of SIGSEGV on their way out.
const installSource = `(() => {
  const key = Symbol.for(${JSON.stringify(probeKey)})
  if (globalThis[key]) return 'present'
  const load = (name) => {
    if (typeof process.getBuiltinModule === 'function') return process.getBuiltinModule(name)
    if (process.mainModule) return process.mainModule.require(name)
    throw new Error('this Node has no process.getBuiltinModule (Node 20.16+) and the program is no CommonJS module')
  }
  const { monitorEventLoopDelay, performance, PerformanceObserver } = load('node:perf_hooks')
  const v8 = load('node:v8')
  // 20 ms: 50 timer wakeups a second in the target, precise enough for thresholds of 100 ms.
  const histogram = monitorEventLoopDelay({ resolution: 20 })
  histogram.enable()
  let elu = performance.eventLoopUtilization()
  const gc = { count: 0, pauseMs: 0, maxMs: 0 }
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++
      gc.pauseMs += entry.duration
      if (entry.duration > gc.maxMs) gc.maxMs = entry.duration
    }
  })
  observer.observe({ entryTypes: ['gc'] })
  const probe = {
    // The inspector runs an evaluate in between the target's own JavaScript, even in the middle
    // of a loop that blocks: resetting the histogram there would drop the block's delay, so the
    // reading waits for the loop's next turn (after its timers have recorded the delay).
    read() {
      return new Promise((resolve) => setImmediate(() => resolve(probe.readNow())))
    },
    readNow() {
      const memory = process.memoryUsage()
      const next = performance.eventLoopUtilization()
      const interval = performance.eventLoopUtilization(next, elu)
      elu = next
      const reading = {
        pid: process.pid,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
        heapLimit: v8.getHeapStatistics().heap_size_limit,
        external: memory.external,
        rss: memory.rss,
        p50: histogram.percentile(50) / 1e6,
        p99: histogram.percentile(99) / 1e6,
        max: histogram.max / 1e6,
        delaySamples: histogram.count,
        elu: interval.utilization,
        gcCount: gc.count,
        gcPauseMs: gc.pauseMs,
        gcMaxMs: gc.maxMs
      }
      histogram.reset()
      gc.count = 0
      gc.pauseMs = 0
      gc.maxMs = 0
      return reading
    },
    dispose() {
      histogram.disable()
      observer.disconnect()
      delete globalThis[key]
    }
  }
  Object.defineProperty(globalThis, key, { value: probe, configurable: true, enumerable: false })
  return 'installed'
})()`

const readSource = `globalThis[Symbol.for(${JSON.stringify(probeKey)})]?.read()`
const disposeSource = `globalThis[Symbol.for(${JSON.stringify(probeKey)})]?.dispose()`

export class ProbeError extends Error {}

function isReading(value: unknown): value is ProbeReading {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return ['pid', 'heapUsed', 'heapTotal', 'heapLimit', 'external', 'rss', 'p50', 'p99', 'max', 'delaySamples', 'elu', 'gcCount', 'gcPauseMs', 'gcMaxMs'].every((k) => typeof v[k] === 'number')
}

/** Installs the probe (idempotent: a probe already there, from an earlier attach, is reused). */
export async function installProbe(cdp: CdpClient): Promise<void> {
  const result = await cdp.send('Runtime.evaluate', { expression: installSource, returnByValue: true, silent: true })
  if (result.exceptionDetails) throw new ProbeError(`the metrics probe could not be installed: ${result.exceptionDetails.exception?.description?.split('\n')[0] ?? result.exceptionDetails.text}`)
}

/** One reading; null when the probe is gone (the target reloaded its context): install again. */
export async function readProbe(cdp: CdpClient): Promise<ProbeReading | null> {
  const result = await cdp.send('Runtime.evaluate', { expression: readSource, returnByValue: true, awaitPromise: true, silent: true })
  if (result.exceptionDetails) throw new ProbeError(`the metrics probe failed: ${result.exceptionDetails.exception?.description?.split('\n')[0] ?? result.exceptionDetails.text}`)
  const value: unknown = result.result.value
  if (value === undefined || value === null) return null
  if (!isReading(value)) throw new ProbeError('the metrics probe answered something else than a reading')
  return value
}

/** Best effort: a target that is gone has no probe left to remove. */
export async function tryRemoveProbe(cdp: CdpClient): Promise<void> {
  await cdp.trySend('Runtime.evaluate', { expression: disposeSource, silent: true })
}
