// nvidia-smi run for real: the fake one (nvidia-smi-replay.mjs) replays captured documents, or
// behaves like a hung driver, a missing driver, a machine without GPUs; and no nvidia-smi at all.
import { afterEach, expect, it } from 'vitest'
import type { GpuSample } from '../../../shared/metricsTypes'
import { NvidiaSmiLoop, noGpuReason, nvidiaSmiBinary, readNvidiaSmiOnce } from '../nvidiaSmi'
import { installFakeNvidiaSmi, type FakeNvidiaSmi } from './fakeNvidiaSmi'

const fakes: FakeNvidiaSmi[] = []
const loops: NvidiaSmiLoop[] = []
const savedPath = process.env.PATH
afterEach(() => {
  for (const loop of loops.splice(0)) loop.stop()
  for (const fake of fakes.splice(0)) fake.remove()
  process.env.PATH = savedPath
})

function fake(options: Parameters<typeof installFakeNvidiaSmi>[0]): FakeNvidiaSmi {
  const installed = installFakeNvidiaSmi(options)
  fakes.push(installed)
  return installed
}

/** The first `count` samples of a loop. */
function samplesOf(loop: NvidiaSmiLoop, count: number): Promise<GpuSample[]> {
  loops.push(loop)
  return new Promise((resolve) => {
    const got: GpuSample[] = []
    loop.onSample((sample) => {
      got.push(sample)
      if (got.length === count) resolve(got)
    })
    loop.start()
  })
}

it('takes the binary from SPYGLASS_NVIDIA_SMI, otherwise nvidia-smi from the PATH', async () => {
  expect(nvidiaSmiBinary({ SPYGLASS_NVIDIA_SMI: '/opt/x/nvidia-smi' })).toBe('/opt/x/nvidia-smi')
  expect(nvidiaSmiBinary({})).toBe('nvidia-smi')
  const { dir } = fake({ fixtures: ['a0s-dual-gtx-1080-drv460.xml'] })
  process.env.PATH = `${dir}:${savedPath}`
  const sample = await readNvidiaSmiOnce({ binary: nvidiaSmiBinary({}) })
  expect(sample).toMatchObject({ available: true, reason: null, driverVersion: '460.27.04' })
  expect(sample.gpus.map((g) => g.name)).toEqual(['GeForce GTX 1080', 'GeForce GTX 1080'])
  expect(sample.processes).toHaveLength(4)
})

it('reads no nvidia-smi at all as "no NVIDIA GPU found", not as an error', async () => {
  process.env.PATH = fake({}).dir // a folder with a nvidia-smi… that we then remove
  fakes[0]!.remove()
  expect(await readNvidiaSmiOnce()).toMatchObject({ available: false, reason: noGpuReason, gpus: [], processes: [] })
})

it('reports a machine without GPUs, a missing driver and a hung one, each in one line', async () => {
  expect(await readNvidiaSmiOnce({ binary: fake({ mode: 'nodevice' }).binary })).toMatchObject({ available: false, reason: noGpuReason })
  const failed = await readNvidiaSmiOnce({ binary: fake({ mode: 'fail' }).binary })
  expect(failed.available).toBe(false)
  expect(failed.reason).toMatch(/^nvidia-smi: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver/)
  const hung = await readNvidiaSmiOnce({ binary: fake({ mode: 'hang' }).binary, timeoutMs: 300 })
  expect(hung).toMatchObject({ available: false, reason: expect.stringMatching(/did not answer .* driver hung/) })
})

it('loop mode: one nvidia-smi writes a document every interval, each read as it arrives', async () => {
  const { binary } = fake({ fixtures: ['telegraf-rtx-3080-drv595-v13.xml', 'netdata-a100-sxm4-40gb-mig-drv510.xml'] })
  const loop = new NvidiaSmiLoop({ intervalMs: 100, binary })
  const samples = await samplesOf(loop, 3)
  expect(samples.map((s) => s.gpus[0]?.name)).toEqual(['NVIDIA GeForce RTX 3080', 'NVIDIA A100-SXM4-40GB', 'NVIDIA GeForce RTX 3080'])
  expect(loop.pid).toBeGreaterThan(0)
})

it('loop mode: a driver that stops answering is reported, and no nvidia-smi stops the loop for good', async () => {
  const hung = await samplesOf(new NvidiaSmiLoop({ intervalMs: 100, timeoutMs: 300, binary: fake({ mode: 'hang' }).binary }), 1)
  expect(hung[0]).toMatchObject({ available: false, reason: expect.stringMatching(/did not answer/) })
  const missing = await samplesOf(new NvidiaSmiLoop({ intervalMs: 100, binary: '/nonexistent/nvidia-smi' }), 1)
  expect(missing[0]).toMatchObject({ available: false, reason: noGpuReason })
  const failing = await samplesOf(new NvidiaSmiLoop({ intervalMs: 100, binary: fake({ mode: 'fail' }).binary, retryAfterMs: 50 }), 2)
  expect(failing.map((s) => s.reason)).toEqual([expect.stringMatching(/couldn't communicate/), expect.stringMatching(/couldn't communicate/)])
})
