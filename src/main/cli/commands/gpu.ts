import type { GpuSample } from '../../../shared/metricsTypes'
import { textTable } from '../../../shared/textTable'
import { readNvidiaSmiOnce } from '../../metrics'
import { out } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine } from '../commandLine'

const help = `Usage: spyglass gpu [--json]

Read every NVIDIA GPU once through nvidia-smi: utilization, memory, temperature, power, and
the processes using each GPU with their memory. A machine without nvidia-smi or without a GPU
is not an error: it says "no NVIDIA GPU found" (available: false) and exits 0. A driver that
does not answer within 5 s is reported the same way, with the reason.

Options:
  --json      print one JSON object: {available, reason?, gpus: [{index, name, uuid,
              utilizationGpuPct, utilizationMemoryPct, memoryUsedMiB, memoryTotalMiB,
              temperatureC, powerDrawW, powerLimitW}], processes: [{pid, name,
              usedMemoryMiB, gpuUuid}]}; null for what a GPU does not report
  -h, --help  show this help

Environment: SPYGLASS_NVIDIA_SMI (the nvidia-smi to run; by default the one on the PATH).
`

/** The issue's JSON shape, exactly: reason only when there are no GPUs. */
export function gpuReport(sample: GpuSample): Record<string, unknown> {
  return {
    available: sample.available,
    ...(sample.available ? {} : { reason: sample.reason }),
    gpus: sample.gpus.map((g) => ({
      index: g.index,
      name: g.name,
      uuid: g.uuid,
      utilizationGpuPct: g.utilizationGpuPct,
      utilizationMemoryPct: g.utilizationMemoryPct,
      memoryUsedMiB: g.memoryUsedMiB,
      memoryTotalMiB: g.memoryTotalMiB,
      temperatureC: g.temperatureC,
      powerDrawW: g.powerDrawW,
      powerLimitW: g.powerLimitW
    })),
    processes: sample.processes.map((p) => ({ pid: p.pid, name: p.name, usedMemoryMiB: p.usedMemoryMiB, gpuUuid: p.gpuUuid }))
  }
}

const show = (value: number | null, unit: string, digits = 0): string => (value === null ? 'n/a' : `${value.toFixed(digits)}${unit}`)

export function formatGpuSample(sample: GpuSample): string[] {
  if (!sample.available) return [`spyglass: ${sample.reason ?? 'no NVIDIA GPU found'}`]
  const lines: string[] = []
  for (const g of sample.gpus) {
    const memory = g.memoryUsedMiB === null || g.memoryTotalMiB === null ? 'memory n/a' : `memory ${g.memoryUsedMiB} / ${g.memoryTotalMiB} MiB`
    const mig = g.migEnabled ? `, MIG: ${g.migDevices.length} instances` : ''
    lines.push(`GPU ${g.index}  ${g.name}  ${g.uuid}`)
    lines.push(
      `  utilization ${show(g.utilizationGpuPct, '%')} (memory ${show(g.utilizationMemoryPct, '%')}), ${memory}, ${show(g.temperatureC, ' °C')}, power ${show(g.powerDrawW, ' W', 1)} / ${show(g.powerLimitW, ' W', 0)}${g.pstate ? `, ${g.pstate}` : ''}${mig}`
    )
  }
  lines.push('')
  if (sample.processes.length === 0) {
    lines.push('No processes are using a GPU.')
    return lines
  }
  const rows = sample.processes.map((p) => [String(p.gpuIndex), String(p.pid), show(p.usedMemoryMiB, ' MiB'), p.name])
  lines.push(...textTable(rows, { header: ['GPU', 'PID', 'MEMORY', 'NAME'], align: ['left', 'right', 'right'] }))
  return lines
}

export const gpuCommand: CliCommand = {
  name: 'gpu',
  summary: 'NVIDIA GPUs and the processes using them, from nvidia-smi',
  help,
  async run(args) {
    const { values } = parseCommandLine('gpu', args, { json: { type: 'boolean', default: false } })
    const sample = await readNvidiaSmiOnce()
    if (values.json) out.line(JSON.stringify(gpuReport(sample), null, 2))
    else for (const line of formatGpuSample(sample)) (sample.available ? out.line : out.error)(line)
    return 0
  }
}
