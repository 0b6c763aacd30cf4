// Samples the host: CPU (total and per core), memory and swap, disk usage and I/O, network
// throughput, load average. Memory and disk usage come from systeminformation. The per-second
// counters do not on Linux: systeminformation's currentLoad, networkStats and fsStats start
// shells (`cat /proc/stat | grep cpu`, `cat /sys/class/net/…`, `lsblk`) on every call, which
// would cost more than the whole sampling budget (under 1 % of a core at 1 s). There they are
// read from /proc directly, and from os.cpus(); elsewhere systeminformation reads them.
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import si from 'systeminformation'
import type { HostSample } from '../../shared/metricsTypes'

/** Disk usage runs `df`: it changes slowly, so it is refreshed this often, not every sample. */
const diskUsageEveryMs = 30_000

interface CpuTimes {
  busy: number
  total: number
}

function cpuTimes(): CpuTimes[] {
  return os.cpus().map(({ times }) => {
    const busy = times.user + times.nice + times.sys + times.irq
    return { busy, total: busy + times.idle }
  })
}

function busyPct(previous: CpuTimes | undefined, current: CpuTimes): number {
  if (!previous) return 0
  const total = current.total - previous.total
  if (total <= 0) return 0
  return Math.min(100, Math.max(0, ((current.busy - previous.busy) / total) * 100))
}

interface Counters {
  time: number
  rxBytes: number
  txBytes: number
  readBytes: number
  writeBytes: number
}

/** Bytes received and sent by every interface but the loopback (Linux /proc/net/dev). */
export function parseProcNetDev(text: string): { rxBytes: number; txBytes: number } {
  let rxBytes = 0
  let txBytes = 0
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':')
    if (colon === -1) continue
    if (line.slice(0, colon).trim() === 'lo') continue
    const fields = line.slice(colon + 1).trim().split(/\s+/)
    rxBytes += Number(fields[0]) || 0
    txBytes += Number(fields[8]) || 0
  }
  return { rxBytes, txBytes }
}

/**
 * Bytes read and written by whole disks (Linux /proc/diskstats; sectors are 512 bytes there
 * whatever the device's own size). Partitions and virtual devices are left out so that nothing
 * is counted twice.
 */
export function parseProcDiskstats(text: string): { readBytes: number; writeBytes: number } {
  let readBytes = 0
  let writeBytes = 0
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/)
    if (fields.length < 10) continue
    const name = fields[2] ?? ''
    if (/^(loop|ram|zram|dm-|md|sr|fd)/.test(name)) continue
    // sda1, nvme0n1p1, mmcblk0p1, vda2: partitions of a disk listed on its own line.
    if (/^(sd|hd|vd|xvd)[a-z]+\d+$/.test(name) || /^(nvme\d+n\d+|mmcblk\d+)p\d+$/.test(name)) continue
    readBytes += (Number(fields[5]) || 0) * 512
    writeBytes += (Number(fields[9]) || 0) * 512
  }
  return { readBytes, writeBytes }
}

export class HostSampler {
  private previousCpu: CpuTimes[] = []
  private previousCounters: Counters | null = null
  private disk: { usedBytes: number; totalBytes: number } | null = null
  private diskReadAt = 0
  private diskRead: Promise<void> | null = null

  constructor(private readonly platform: NodeJS.Platform = process.platform) {
    this.previousCpu = cpuTimes()
  }

  async sample(): Promise<HostSample> {
    const time = Date.now()
    const cpu = cpuTimes()
    const cores = cpu.map((current, i) => busyPct(this.previousCpu[i], current))
    const all = sumTimes(cpu)
    const total = all ? busyPct(sumTimes(this.previousCpu), all) : 0
    this.previousCpu = cpu
    if (time - this.diskReadAt >= diskUsageEveryMs && !this.diskRead) {
      this.diskReadAt = time
      this.diskRead = this.readDiskUsage().finally(() => (this.diskRead = null))
    }
    const [mem, counters] = await Promise.all([si.mem(), this.readCounters(time)])
    const rates = this.rates(counters)
    const [load1, load5, load15] = os.loadavg() as [number, number, number]
    const memUsedBytes = mem.total - mem.available
    return {
      time,
      cpuPct: total,
      cpuCoresPct: cores,
      memTotalBytes: mem.total,
      memUsedBytes,
      memAvailableBytes: mem.available,
      memUsedPct: mem.total > 0 ? (memUsedBytes / mem.total) * 100 : 0,
      swapTotalBytes: mem.swaptotal,
      swapUsedBytes: mem.swapused,
      diskUsedBytes: this.disk?.usedBytes ?? null,
      diskTotalBytes: this.disk?.totalBytes ?? null,
      diskUsedPct: this.disk && this.disk.totalBytes > 0 ? (this.disk.usedBytes / this.disk.totalBytes) * 100 : null,
      ...rates,
      load1,
      load5,
      load15
    }
  }

  /** Waits for a disk usage read in flight (tests, and a clean stop). */
  async settled(): Promise<void> {
    await this.diskRead
  }

  private async readDiskUsage(): Promise<void> {
    try {
      const sizes = await si.fsSize()
      const biggest = sizes.filter((s) => s.size > 0).sort((a, b) => b.size - a.size)[0]
      this.disk = biggest ? { usedBytes: biggest.used, totalBytes: biggest.size } : null
    } catch (error) {
      // Disk usage is one tile among many: without it the rest still samples.
      this.disk = null
      process.emitWarning(`spyglass: disk usage could not be read: ${(error as Error).message}`)
    }
  }

  private async readCounters(time: number): Promise<Counters | null> {
    if (this.platform === 'linux') {
      const [net, disk] = await Promise.all([readFile('/proc/net/dev', 'utf8'), readFile('/proc/diskstats', 'utf8')])
      return { time, ...parseProcNetDev(net), ...parseProcDiskstats(disk) }
    }
    const [net, disk] = await Promise.all([si.networkStats('*'), si.fsStats()])
    return {
      time,
      rxBytes: net.reduce((sum, n) => sum + (n.rx_bytes || 0), 0),
      txBytes: net.reduce((sum, n) => sum + (n.tx_bytes || 0), 0),
      readBytes: disk?.rx ?? 0,
      writeBytes: disk?.wx ?? 0
    }
  }

  private rates(counters: Counters | null): Pick<HostSample, 'diskReadBytesPerSec' | 'diskWriteBytesPerSec' | 'netRxBytesPerSec' | 'netTxBytesPerSec'> {
    const previous = this.previousCounters
    this.previousCounters = counters
    const seconds = previous && counters ? (counters.time - previous.time) / 1000 : 0
    if (!previous || !counters || seconds <= 0) return { diskReadBytesPerSec: null, diskWriteBytesPerSec: null, netRxBytesPerSec: null, netTxBytesPerSec: null }
    // Counters wrap or reset (an interface goes away): a negative rate is no rate.
    const rate = (now: number, before: number): number | null => (now >= before ? (now - before) / seconds : null)
    return {
      diskReadBytesPerSec: rate(counters.readBytes, previous.readBytes),
      diskWriteBytesPerSec: rate(counters.writeBytes, previous.writeBytes),
      netRxBytesPerSec: rate(counters.rxBytes, previous.rxBytes),
      netTxBytesPerSec: rate(counters.txBytes, previous.txBytes)
    }
  }
}

function sumTimes(times: CpuTimes[]): CpuTimes | undefined {
  if (times.length === 0) return undefined
  return times.reduce((sum, t) => ({ busy: sum.busy + t.busy, total: sum.total + t.total }), { busy: 0, total: 0 })
}
