// The parser on real `nvidia-smi -q -x` documents from drivers 352 to 595 (DTD v7 to v13):
// several GPUs, MIG, vGPU, Windows, and values reported as N/A or not supported.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NvidiaSmiFormatError, numberOf, parseNvidiaSmiXml, valueOf } from '../nvidiaSmiXml'
import { nvidiaSmiFixture, nvidiaSmiFixtureDir } from './fakeNvidiaSmi'

const read = (name: string) => parseNvidiaSmiXml(readFileSync(nvidiaSmiFixture(name), 'utf8'))
const xmlFixtures = readdirSync(nvidiaSmiFixtureDir).filter((f) => f.endsWith('.xml'))

describe('every captured document', () => {
  it('has fixtures to read', () => expect(xmlFixtures.length).toBeGreaterThanOrEqual(19))
  it.each(xmlFixtures)('%s: GPUs with a name, a UUID and memory, processes tied to a GPU', (name) => {
    const reading = read(name)
    expect(reading.driverVersion).toMatch(/^\d+\.\d+/)
    expect(reading.gpus.length).toBeGreaterThan(0)
    for (const gpu of reading.gpus) {
      expect(gpu.uuid).toMatch(/^GPU-[0-9a-f-]+$/)
      expect(gpu.name.length).toBeGreaterThan(0)
      expect(gpu.memoryTotalMiB).toBeGreaterThan(0)
      expect(gpu.memoryUsedMiB).toBeLessThanOrEqual(gpu.memoryTotalMiB!)
    }
    const uuids = new Set(reading.gpus.map((g) => g.uuid))
    for (const p of reading.processes) {
      expect(uuids.has(p.gpuUuid)).toBe(true)
      expect(p.pid).toBeGreaterThan(0)
    }
  })
})

describe('particular captures', () => {
  it('two GTX 1080 (driver 460): both GPUs in index order, their processes on the right one', () => {
    const r = read('a0s-dual-gtx-1080-drv460.xml')
    expect(r.gpus.map((g) => [g.index, g.uuid])).toEqual([
      [0, 'GPU-683c6e09-3969-31a5-b7ca-cc88252b7fce'],
      [1, 'GPU-90e3dab0-b59d-8bf6-d909-d4fab8d2f29b']
    ])
    expect(r.gpus[0]).toMatchObject({ utilizationGpuPct: 100, memoryUsedMiB: 2900, memoryTotalMiB: 8116, temperatureC: 67, powerDrawW: 211.86, powerLimitW: 216, fanPct: 53, pstate: 'P2', migEnabled: null })
    expect(r.processes).toHaveLength(4)
    expect(r.processes[0]).toMatchObject({ pid: 450, name: '/usr/lib/xorg/Xorg', usedMemoryMiB: 12, gpuIndex: 0, type: 'G' })
    expect(new Set(r.processes.map((p) => p.gpuIndex))).toEqual(new Set([0, 1]))
  })

  it('an A100 in MIG mode: utilization is N/A, the MIG devices are listed with their memory', () => {
    const r = read('netdata-a100-sxm4-40gb-mig-drv510.xml')
    const gpu = r.gpus[0]!
    expect(gpu).toMatchObject({ migEnabled: true, utilizationGpuPct: null, utilizationMemoryPct: null, fanPct: null, memoryTotalMiB: 40960 })
    expect(gpu.migDevices).toEqual([
      { index: 0, gpuInstanceId: 1, computeInstanceId: 0, memoryUsedMiB: 19, memoryTotalMiB: 19968 },
      expect.objectContaining({ index: 1, gpuInstanceId: 2 })
    ])
    expect(read('telegraf-a100-sxm4-80gb-mig-drv535-1of4-gpus.xml').gpus[0]!.migDevices).toHaveLength(4)
  })

  it('driver 590+ (v13): power from <gpu_power_readings>, the instant draw, the current limit', () => {
    const r = read('telegraf-rtx-4000-sff-ada-drv595-v13.xml')
    expect(r.gpus[0]).toMatchObject({ powerDrawW: 8.44, powerLimitW: 70, temperatureC: 38, utilizationMemoryPct: 37 })
    expect(r.processes[0]).toMatchObject({ pid: 1842, name: 'cosmic-comp', usedMemoryMiB: 410 })
    const dual = read('telegraf-dual-rtx-a5000-drv590-v13.xml')
    expect(dual.gpus).toHaveLength(2)
    expect(dual.processes[0]).toMatchObject({ pid: 100477, usedMemoryMiB: 22430, gpuUuid: dual.gpus[0]!.uuid })
  })

  it('values a GPU does not report are null: a laptop without a power limit, WDDM process memory, a vGPU', () => {
    expect(read('netdata-rtx-3060-laptop-drv515.xml').gpus[0]).toMatchObject({ powerDrawW: 8.7, powerLimitW: null, fanPct: null })
    const windows = read('netdata-rtx-2080-windows-drv516.xml')
    expect(windows.processes).toHaveLength(26)
    expect(windows.processes.every((p) => p.usedMemoryMiB === null)).toBe(true)
    expect(read('telegraf-grid-p4-1q-vgpu-drv513.xml').gpus[0]).toMatchObject({ powerDrawW: null, powerLimitW: null })
  })

  it('driver 352 with an inline DTD reads the same as without it', () => {
    const inline = read('rai-grid-k520-drv352-inline-dtd.xml').gpus[0]!
    expect(inline).toMatchObject({ name: 'GRID K520', powerDrawW: 17.95, powerLimitW: 125, memoryTotalMiB: 4095 })
    expect(read('rai-grid-k520-drv352-v7.xml').gpus[0]!.uuid).toBe(inline.uuid)
  })
})

describe('values and bad input', () => {
  it('reads the placeholders for "not known" as null', () => {
    for (const text of ['N/A', '[N/A]', 'Not Supported', '[Not Supported]', 'Unknown Error', 'ERR!', '']) expect(valueOf(text)).toBeNull()
    expect(valueOf(' P8 ')).toBe('P8')
    expect(numberOf('211.86 W')).toBe(211.86)
    expect(numberOf('38 C')).toBe(38)
    expect(numberOf('Requested functionality has been deprecated')).toBeNull()
  })

  it('refuses a cut-off document and one that is not nvidia-smi\'s', () => {
    const whole = readFileSync(nvidiaSmiFixture('telegraf-tesla-t4-drv515.xml'), 'utf8')
    expect(() => parseNvidiaSmiXml(whole.slice(0, whole.length / 2))).toThrow(NvidiaSmiFormatError)
    expect(() => parseNvidiaSmiXml('<?xml version="1.0"?><html></html>')).toThrow(/not <nvidia_smi_log>/)
    expect(() => parseNvidiaSmiXml('No devices were found')).toThrow(NvidiaSmiFormatError)
  })
})
