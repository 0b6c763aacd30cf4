// `spyglass gpu` and `spyglass record --metrics-interval` as users run them, on the build (run
// `npm run build` first), with the fake nvidia-smi replaying real captures: the JSON shape of
// the issue exactly, no GPU as a plain answer, metrics recorded and summarised by inspect.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { installFakeNvidiaSmi, type FakeNvidiaSmi } from '../src/main/metrics/test/fakeNvidiaSmi'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const blocker = path.join(root, 'src/main/metrics/test/fixtures/blocker.cjs')
let dir: string
const fakes: FakeNvidiaSmi[] = []

beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests')
  dir = await mkdtemp(path.join(tmpdir(), 'spyglass-gpu-cli-'))
  await mkdir(path.join(dir, 'config'))
})

afterAll(async () => {
  for (const fake of fakes) fake.remove()
  await rm(dir, { recursive: true, force: true })
})

function spyglass(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [path.join(root, 'bin/spyglass.mjs'), ...args], {
    cwd: dir,
    reject: false,
    timeout: 60_000,
    env: { SPYGLASS_CONFIG_DIR: path.join(dir, 'config'), SPYGLASS_NO_BROWSER: '1', SPYGLASS_NO_ELECTRON: '1', ...env }
  })
}

function fake(options: Parameters<typeof installFakeNvidiaSmi>[0]): FakeNvidiaSmi {
  const installed = installFakeNvidiaSmi(options)
  fakes.push(installed)
  return installed
}

it('prints one sample in exactly the JSON shape of the issue', async () => {
  const result = await spyglass(['gpu', '--json'], { SPYGLASS_NVIDIA_SMI: fake({ fixtures: ['telegraf-dual-rtx-a5000-drv590-v13.xml'] }).binary })
  expect(result.exitCode).toBe(0)
  const json = JSON.parse(result.stdout) as Record<string, unknown>
  expect(Object.keys(json)).toEqual(['available', 'gpus', 'processes'])
  expect(json).toEqual({
    available: true,
    gpus: [
      {
        index: 0,
        name: 'NVIDIA RTX A5000',
        uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab',
        utilizationGpuPct: 0,
        utilizationMemoryPct: 0,
        memoryUsedMiB: 22437,
        memoryTotalMiB: 24564,
        temperatureC: 13,
        powerDrawW: 6.52,
        powerLimitW: 230
      },
      expect.objectContaining({ index: 1, uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789cd', memoryUsedMiB: 17253, powerDrawW: 13.59 })
    ],
    processes: [
      { pid: 100477, name: '/root/src/llama.cpp/build/bin/llama-server', usedMemoryMiB: 22430, gpuUuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab' },
      { pid: expect.any(Number), name: expect.any(String), usedMemoryMiB: expect.any(Number), gpuUuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789cd' }
    ]
  })
})

it('reports what a GPU does not say as null, and reads a table for people', async () => {
  const binary = fake({ fixtures: ['netdata-a100-sxm4-40gb-mig-drv510.xml'] }).binary
  const json = JSON.parse((await spyglass(['gpu', '--json'], { SPYGLASS_NVIDIA_SMI: binary })).stdout) as { gpus: Array<Record<string, unknown>> }
  expect(json.gpus[0]).toMatchObject({ utilizationGpuPct: null, utilizationMemoryPct: null, powerDrawW: 66.92 })
  const text = await spyglass(['gpu'], { SPYGLASS_NVIDIA_SMI: binary })
  expect(text.exitCode).toBe(0)
  expect(text.stdout).toContain('GPU 0  NVIDIA A100-SXM4-40GB')
  expect(text.stdout).toContain('MIG: 2 instances')
  expect(text.stdout).toContain('No processes are using a GPU.')
})

it('no nvidia-smi, or no GPU, is an answer and not an error', async () => {
  const none = await spyglass(['gpu', '--json'], { SPYGLASS_NVIDIA_SMI: path.join(dir, 'no-such-nvidia-smi') })
  expect(none.exitCode).toBe(0)
  expect(JSON.parse(none.stdout)).toEqual({ available: false, reason: 'no NVIDIA GPU found', gpus: [], processes: [] })
  const noDevice = await spyglass(['gpu'], { SPYGLASS_NVIDIA_SMI: fake({ mode: 'nodevice' }).binary })
  expect(noDevice.exitCode).toBe(0)
  expect(noDevice.stderr.trim()).toBe('spyglass: no NVIDIA GPU found')
  const bad = await spyglass(['gpu', '--top', '3'])
  expect(bad.exitCode).toBe(2)
  expect(bad.stderr.trim().split('\n')).toHaveLength(1)
})

it('records metric samples with --metrics-interval, and inspect summarises them under "metrics"', async () => {
  const file = path.join(dir, 'metrics.spyglass')
  const binary = fake({ fixtures: ['telegraf-tesla-t4-drv515.xml'] }).binary
  const recorded = await spyglass(['record', '--metrics-interval', '200ms', '--duration', '3s', '-o', file, '--json', '--', process.execPath, blocker], {
    SPYGLASS_NVIDIA_SMI: binary,
    BLOCK_MS: '120',
    BLOCK_EVERY_MS: '200'
  })
  expect(recorded.exitCode, recorded.stderr).toBe(0)
  const inspected = await spyglass(['inspect', file, '--json'])
  expect(inspected.exitCode, inspected.stderr).toBe(0)
  const { metrics, entries } = JSON.parse(inspected.stdout) as { metrics: { samples: { host: number; gpu: number; target: number }; host: Record<string, { peak: number; mean: number }>; gpus: Array<{ name: string }>; targets: Array<{ metrics: Record<string, { peak: number; mean: number }> }>; alerts: unknown[] }; entries: string[] }
  expect(entries).toContain('streams/metrics.ndjson')
  expect(metrics.samples.host).toBeGreaterThanOrEqual(3)
  expect(metrics.samples.target).toBeGreaterThanOrEqual(3)
  expect(metrics.host.cpuPct!.peak).toBeGreaterThanOrEqual(metrics.host.cpuPct!.mean)
  expect(metrics.gpus.map((g) => g.name)).toEqual(['Tesla T4'])
  expect(metrics.targets[0]!.metrics.eventLoopDelayMaxMs!.peak).toBeGreaterThanOrEqual(100)
  expect(Array.isArray(metrics.alerts)).toBe(true)

  // Without the option, no samples; a bad interval is a usage error.
  const plain = path.join(dir, 'plain.spyglass')
  expect((await spyglass(['record', '--duration', '1s', '-o', plain, '--', process.execPath, blocker])).exitCode).toBe(0)
  expect(JSON.parse((await spyglass(['inspect', plain, '--json'])).stdout).entries).not.toContain('streams/metrics.ndjson')
  const bad = await spyglass(['record', '--metrics-interval', '5ms', '-o', plain, '--', process.execPath, blocker])
  expect(bad.exitCode).toBe(2)
  expect(bad.stderr).toContain('--metrics-interval must be between 100ms and 60s')
})
