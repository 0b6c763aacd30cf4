// What CPU profiling costs the target, to pick the default sampling interval (issue 5: under 5%
// at the default). An HTTP server doing a little JSON work per request, under load from a
// worker thread: attached but not profiled (the anchor), then profiled at several intervals,
// interleaved over rounds so that drift of the machine shows as spread rather than overhead.
import os from 'node:os'
import { afterAll, it } from 'vitest'
import { defaultSamplingIntervalUs } from '../src/main/profiler/profileCapture'
import { newWorkbench, stopAllNodes } from '../src/main/targets/test/harness'
import { median, report } from './figures'
import { load, measureLoad, percentChange, startHttpTarget, workingServer } from './httpTarget'

afterAll(() => stopAllNodes())

const connections = 32
const measureMs = 2500
const rounds = 3
const intervalsUs = [2000, 1000, 500, 250, 100]
const thousands = (n: number): string => Math.round(n).toLocaleString('en-US')

it('profiling overhead on the target, per sampling interval', async () => {
  const { node, port, inspectorUrl } = await startHttpTarget(workingServer)
  const wb = newWorkbench()
  const target = await wb.invoke('targets.attach', { kind: 'ws', url: inspectorUrl })
  type Mode = 'not profiled (anchor)' | number
  const modes: Mode[] = ['not profiled (anchor)', ...intervalsUs]
  const runs = new Map<Mode, Array<{ rate: number; cpuPerRequest: number | null }>>(modes.map((m) => [m, []]))
  await load(port, 1000, connections) // warms up both sides' JIT
  for (let round = 0; round < rounds; round++) {
    for (const mode of modes) {
      if (typeof mode === 'number') await wb.invoke('profiler.start', { targetId: target.id, intervalUs: mode })
      const { rate, cpuPerRequest } = await measureLoad(node.pid, port, measureMs, connections)
      runs.get(mode)!.push({ rate, cpuPerRequest })
      if (typeof mode === 'number') await wb.invoke('profiler.stop', { targetId: target.id })
    }
  }
  await wb.dispose()
  await node.stop()
  const anchor = runs.get('not profiled (anchor)')!
  const anchorRate = median(anchor.map((r) => r.rate))
  const cpuOf = (list: Array<{ cpuPerRequest: number | null }>): number | null => (list.every((r) => r.cpuPerRequest !== null) ? median(list.map((r) => r.cpuPerRequest!)) : null)
  const anchorCpu = cpuOf(anchor)
  report(
    `CPU profiling overhead on the target: an HTTP server rendering JSON, ${connections} keep-alive connections, ${rounds} interleaved rounds of ${measureMs / 1000} s per mode, ${os.cpus().length} CPUs; the default interval is ${defaultSamplingIntervalUs} µs`,
    modes.map((mode) => {
      const list = runs.get(mode)!
      const rate = median(list.map((r) => r.rate))
      const cpu = cpuOf(list)
      return {
        mode: typeof mode === 'number' ? `profiled every ${mode} µs${mode === defaultSamplingIntervalUs ? ' (default)' : ''}` : mode,
        'requests/s (median)': thousands(rate),
        'per round': list.map((r) => thousands(r.rate)).join(' / '),
        'vs not profiled': typeof mode === 'number' ? percentChange(rate, anchorRate) : '-',
        'target CPU per request': cpu === null ? 'n/a (no /proc)' : `${cpu.toFixed(1)} µs`,
        'CPU vs not profiled': typeof mode === 'number' && cpu !== null && anchorCpu !== null ? percentChange(cpu, anchorCpu) : '-'
      }
    })
  )
}, 300_000)
