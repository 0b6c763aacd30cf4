// Metrics sampling, each figure beside an anchor measured in the same run:
// - the sampler's own CPU cost at the default 1 s interval (host + GPUs through the fake
//   nvidia-smi replaying a real capture + one target), as % of one core: Spyglass's process,
//   the nvidia-smi it runs, and the probe's share of the target; with one nvidia-smi in loop
//   mode and with one nvidia-smi per sample (which is why the loop is the default), beside the
//   same window without sampling;
// - the target's throughput (a small HTTP server under load, requests/s and CPU per request)
//   attached without sampling (anchor) and attached while sampled, in interleaved rounds.
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { afterAll, it } from 'vitest'
import { HostSampler, MetricsService, NvidiaSmiLoop, NvidiaSmiPoller, type GpuSource } from '../src/main/metrics'
import { installFakeNvidiaSmi } from '../src/main/metrics/test/fakeNvidiaSmi'
import { defaultSettings } from '../src/shared/settingsTypes'
import { newWorkbench, stopAllNodes } from '../src/main/targets/test/harness'
import { median, report } from './figures'
import { cpuMs, load, measureLoad, percentChange, startHttpTarget, workingServer } from './httpTarget'

const fake = installFakeNvidiaSmi({ fixtures: ['telegraf-dual-rtx-a5000-drv590-v13.xml'] })
afterAll(async () => {
  await stopAllNodes()
  fake.remove()
})

const thousands = (n: number): string => Math.round(n).toLocaleString('en-US')
const pct = (cpuMsUsed: number, wallMs: number): string => `${((cpuMsUsed / wallMs) * 100).toFixed(2)}%`
const settings = { metricsIntervalMs: 1000, metricsAlertAfterMs: defaultSettings.metricsAlertAfterMs, metricsThresholds: defaultSettings.metricsThresholds }

/** CPU time of this process's children that have been waited for (the per-sample nvidia-smis), from /proc. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = 100
  return ((Number(fields[13]) + Number(fields[14])) / ticks) * 1000
}

const ownCpuMs = (): number => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

const windowMs = 15_000

it('the sampler\'s own CPU cost at 1 s (host + GPUs + one target)', async () => {
  const { node, inspectorUrl } = await startHttpTarget(workingServer)
  const wb = newWorkbench()
  const target = await wb.invoke('targets.attach', { kind: 'ws', url: inspectorUrl })
  const modes = ['not sampling (anchor)', 'sampling, one nvidia-smi in loop mode', 'sampling, one nvidia-smi per sample'] as const
  type Mode = (typeof modes)[number]
  const rows: Array<Record<string, string>> = []
  const anchor: { own: number } = { own: 0 }
  for (const mode of modes) {
    let gpu: GpuSource | null = null
    let loop: NvidiaSmiLoop | null = null
    const service =
      mode === 'not sampling (anchor)'
        ? null
        : new MetricsService({
            targets: wb.targets,
            settings: () => settings,
            host: new HostSampler(),
            gpuSource: (intervalMs) => {
              gpu = mode === 'sampling, one nvidia-smi in loop mode' ? (loop = new NvidiaSmiLoop({ intervalMs, binary: fake.binary })) : new NvidiaSmiPoller({ intervalMs, binary: fake.binary })
              return gpu
            }
          })
    // The sampler only samples targets announced after it exists: attach again for it.
    if (service) {
      await wb.invoke('targets.detach', { targetId: target.id })
      await wb.invoke('targets.attach', { kind: 'ws', url: inspectorUrl })
      service.start()
      // Past the start (the loop's nvidia-smi starting, the probe installing).
      await new Promise((resolve) => setTimeout(resolve, 2500))
    }
    const start = performance.now()
    const own0 = ownCpuMs()
    const children0 = childrenCpuMs()
    const loopPid = (loop as NvidiaSmiLoop | null)?.pid
    const loop0 = loopPid ? (cpuMs(loopPid) ?? 0) : 0
    const target0 = cpuMs(node.pid) ?? 0
    await new Promise((resolve) => setTimeout(resolve, windowMs))
    const wall = performance.now() - start
    const own = ownCpuMs() - own0
    const smi = childrenCpuMs() - children0 + (loopPid ? (cpuMs(loopPid) ?? 0) - loop0 : 0)
    const targetCpu = (cpuMs(node.pid) ?? 0) - target0
    const samples = service ? service.series().host.filter((h) => h.time >= Date.now() - wall).length : 0
    await service?.dispose()
    if (mode === 'not sampling (anchor)') anchor.own = own
    const sampler = own - anchor.own
    rows.push({
      mode: mode as Mode,
      'samples in window': String(samples),
      'Spyglass process (% of a core)': pct(own, wall),
      'of which sampling (minus anchor)': mode === 'not sampling (anchor)' ? '-' : pct(sampler, wall),
      'nvidia-smi (fake, % of a core)': pct(smi, wall),
      'target (% of a core)': pct(targetCpu, wall),
      'sampler total: sampling + nvidia-smi': mode === 'not sampling (anchor)' ? '-' : pct(sampler + smi, wall)
    })
  }
  await wb.dispose()
  await node.stop()
  report(
    `Sampler CPU cost at 1 s: host (systeminformation + /proc), two GPUs through the fake nvidia-smi (a node script replaying a real driver-590 capture; the real nvidia-smi costs more per start, which only widens the loop's lead), one idle HTTP server as target; ${windowMs / 1000} s windows; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`,
    rows
  )
}, 180_000)

const connections = 32
const measureMs = 3000
const rounds = 6

it('target throughput with sampling on vs off', async () => {
  const { node, port, inspectorUrl } = await startHttpTarget(workingServer)
  const wb = newWorkbench()
  await wb.invoke('settings.set', { metricsIntervalMs: 1000 })
  process.env.SPYGLASS_NVIDIA_SMI = fake.binary
  await wb.invoke('targets.attach', { kind: 'ws', url: inspectorUrl })
  const modes = ['attached, not sampling (anchor)', 'attached, sampling at 1 s'] as const
  type Mode = (typeof modes)[number]
  const runs: Record<Mode, Array<{ rate: number; cpuPerRequest: number | null }>> = { 'attached, not sampling (anchor)': [], 'attached, sampling at 1 s': [] }
  let served = 0
  await load(port, 1000, connections) // warms up both sides' JIT
  for (let round = 0; round < rounds; round++) {
    for (const mode of modes) {
      if (mode === 'attached, sampling at 1 s') wb.metrics.service.start()
      const { rate, cpuPerRequest, result } = await measureLoad(node.pid, port, measureMs, connections)
      served += result.done
      runs[mode].push({ rate, cpuPerRequest })
      // Stopping removes the probe from the target: the anchor rounds run without it.
      if (mode === 'attached, sampling at 1 s') await wb.metrics.service.stop()
    }
  }
  const sampled = wb.metrics.service.series().targets
  await wb.dispose()
  await node.stop()
  delete process.env.SPYGLASS_NVIDIA_SMI
  const anchorRate = median(runs['attached, not sampling (anchor)'].map((r) => r.rate))
  const cpuOf = (mode: Mode): number | null => (runs[mode].every((r) => r.cpuPerRequest !== null) ? median(runs[mode].map((r) => r.cpuPerRequest!)) : null)
  const anchorCpu = cpuOf('attached, not sampling (anchor)')
  report(
    `Target throughput with metrics sampling on vs off: an HTTP server rendering a little JSON per request, ${connections} keep-alive connections from a worker thread, ${rounds} interleaved rounds of ${measureMs / 1000} s per mode (${thousands(served)} requests; ${Object.values(sampled).reduce((n, s) => n + s.length, 0)} target samples kept)`,
    modes.map((mode) => {
      const cpu = cpuOf(mode)
      const rate = median(runs[mode].map((r) => r.rate))
      return {
        mode,
        'requests/s (median)': thousands(rate),
        'per round': runs[mode].map((r) => thousands(r.rate)).join(' / '),
        'vs anchor': mode === 'attached, not sampling (anchor)' ? '-' : percentChange(rate, anchorRate),
        'target CPU per request (median)': cpu === null ? 'n/a (no /proc)' : `${cpu.toFixed(1)} µs`,
        'CPU vs anchor': mode === 'attached, not sampling (anchor)' || cpu === null || anchorCpu === null ? '-' : percentChange(cpu, anchorCpu)
      }
    })
  )
}, 180_000)
