// Reads the XML that `nvidia-smi -q -x` writes into GPUs and the processes using them. The
// schema moved over the years (DTD v7 of driver 352 to v13 of driver 590+): power readings
// moved from <power_readings> to <gpu_power_readings>, <power_draw> became
// <instant_power_draw>/<average_power_draw>, <power_limit> became <current_power_limit>. Every
// value may also be "N/A", "[N/A]", "Not Supported", "[Not Supported]", "Unknown Error" or
// "ERR!": all of those read as null.
import type { GpuInfo, GpuProcess, MigDevice } from '../../shared/metricsTypes'
import { child, childrenNamed, parseXml, textAt, type XmlElement } from './xmlTree'

export interface NvidiaSmiReading {
  driverVersion: string | null
  gpus: GpuInfo[]
  processes: GpuProcess[]
}

export class NvidiaSmiFormatError extends Error {}

/** "38 C", "8.81 W", "20475 MiB", "0 %" → the number; anything that is not a number → null. */
export function numberOf(text: string | null): number | null {
  if (text === null) return null
  const match = /^\s*(-?\d+(?:\.\d+)?)(?:\s*[A-Za-z%°]+)?\s*$/.exec(text)
  return match ? Number(match[1]) : null
}

/** Text values, with the placeholders for "not known" read as null. */
export function valueOf(text: string | null): string | null {
  if (text === null) return null
  const trimmed = text.trim()
  if (trimmed === '' || /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions|GPU requires reset)\]?$/i.test(trimmed) || trimmed === 'ERR!') return null
  return trimmed
}

function firstNumber(element: XmlElement | null, names: string[]): number | null {
  for (const name of names) {
    const value = numberOf(valueOf(textAt(element, name)))
    if (value !== null) return value
  }
  return null
}

function integerOf(text: string | null): number | null {
  const value = numberOf(valueOf(text))
  return value === null ? null : Math.trunc(value)
}

function migDevicesOf(gpu: XmlElement): MigDevice[] {
  return childrenNamed(child(gpu, 'mig_devices'), 'mig_device').map((device, position) => ({
    index: integerOf(textAt(device, 'index')) ?? position,
    gpuInstanceId: integerOf(textAt(device, 'gpu_instance_id')),
    computeInstanceId: integerOf(textAt(device, 'compute_instance_id')),
    memoryUsedMiB: numberOf(valueOf(textAt(device, 'fb_memory_usage', 'used'))),
    memoryTotalMiB: numberOf(valueOf(textAt(device, 'fb_memory_usage', 'total')))
  }))
}

function migEnabledOf(gpu: XmlElement): boolean | null {
  const mode = valueOf(textAt(gpu, 'mig_mode', 'current_mig'))
  return mode === null ? null : mode.toLowerCase() === 'enabled'
}

function gpuOf(gpu: XmlElement, index: number): GpuInfo {
  // Drivers before 530 report power in <power_readings>; later ones in <gpu_power_readings>.
  const power = child(gpu, 'gpu_power_readings') ?? child(gpu, 'power_readings')
  const clocks = child(gpu, 'clocks')
  return {
    index,
    name: valueOf(textAt(gpu, 'product_name')) ?? 'unknown GPU',
    uuid: valueOf(textAt(gpu, 'uuid')) ?? `gpu-${index}`,
    utilizationGpuPct: numberOf(valueOf(textAt(gpu, 'utilization', 'gpu_util'))),
    utilizationMemoryPct: numberOf(valueOf(textAt(gpu, 'utilization', 'memory_util'))),
    memoryUsedMiB: numberOf(valueOf(textAt(gpu, 'fb_memory_usage', 'used'))),
    memoryTotalMiB: numberOf(valueOf(textAt(gpu, 'fb_memory_usage', 'total'))),
    temperatureC: numberOf(valueOf(textAt(gpu, 'temperature', 'gpu_temp'))),
    powerDrawW: firstNumber(power, ['power_draw', 'instant_power_draw', 'average_power_draw']),
    powerLimitW: firstNumber(power, ['current_power_limit', 'power_limit', 'enforced_power_limit']),
    graphicsClockMHz: numberOf(valueOf(textAt(clocks, 'graphics_clock'))),
    smClockMHz: numberOf(valueOf(textAt(clocks, 'sm_clock'))),
    memoryClockMHz: numberOf(valueOf(textAt(clocks, 'mem_clock'))),
    fanPct: numberOf(valueOf(textAt(gpu, 'fan_speed'))),
    pstate: valueOf(textAt(gpu, 'performance_state')),
    migEnabled: migEnabledOf(gpu),
    migDevices: migDevicesOf(gpu)
  }
}

function processesOf(gpu: XmlElement, info: GpuInfo): GpuProcess[] {
  const processes: GpuProcess[] = []
  for (const p of childrenNamed(child(gpu, 'processes'), 'process_info')) {
    const pid = integerOf(textAt(p, 'pid'))
    if (pid === null) continue
    processes.push({
      pid,
      name: valueOf(textAt(p, 'process_name')) ?? '',
      usedMemoryMiB: numberOf(valueOf(textAt(p, 'used_memory'))),
      gpuUuid: info.uuid,
      gpuIndex: info.index,
      type: valueOf(textAt(p, 'type')),
      gpuInstanceId: integerOf(textAt(p, 'gpu_instance_id'))
    })
  }
  return processes
}

/** One `nvidia-smi -q -x` document. */
export function parseNvidiaSmiXml(xml: string): NvidiaSmiReading {
  let root: XmlElement
  try {
    root = parseXml(xml)
  } catch (error) {
    throw new NvidiaSmiFormatError(`nvidia-smi wrote XML that cannot be read: ${(error as Error).message}`)
  }
  if (root.name !== 'nvidia_smi_log') throw new NvidiaSmiFormatError(`nvidia-smi wrote <${root.name}>, not <nvidia_smi_log>`)
  // GPUs come in nvidia-smi's index order (PCI bus order); the XML carries no index of its own.
  const gpus = childrenNamed(root, 'gpu').map((gpu, index) => gpuOf(gpu, index))
  const processes = childrenNamed(root, 'gpu').flatMap((gpu, index) => processesOf(gpu, gpus[index]!))
  return { driverVersion: valueOf(textAt(root, 'driver_version')), gpus, processes }
}
