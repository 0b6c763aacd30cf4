// The host sampler on this machine, and the /proc and ps parsers on the edge cases real files
// hold (partitions beside their disk, a command name with spaces and parentheses).
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { HostSampler, parseProcDiskstats, parseProcNetDev } from '../hostSampler'
import { cpuPctBetween, parseProcStat, parsePsTime, readProcess } from '../processStats'

describe('host', () => {
  it('samples CPU per core, memory, load and (from the second sample) rates', async () => {
    const sampler = new HostSampler()
    const first = await sampler.sample()
    expect(first.cpuCoresPct).toHaveLength(os.cpus().length)
    expect(first.memTotalBytes).toBe(os.totalmem())
    expect(first.memUsedBytes + first.memAvailableBytes).toBe(first.memTotalBytes)
    expect(first.netRxBytesPerSec).toBeNull()
    await sampler.settled()
    const second = await sampler.sample()
    expect(second.cpuPct).toBeGreaterThanOrEqual(0)
    expect(second.cpuPct).toBeLessThanOrEqual(100)
    if (process.platform === 'linux') {
      expect(second.netRxBytesPerSec).toBeGreaterThanOrEqual(0)
      expect(second.diskReadBytesPerSec).toBeGreaterThanOrEqual(0)
    }
    // Disk usage was read in the background after the first sample.
    expect(second.diskTotalBytes).toBeGreaterThan(0)
    expect(second.diskUsedPct).toBeGreaterThan(0)
  })

  it('counts whole disks once (not their partitions) and every interface but the loopback', () => {
    const diskstats = [
      '   8       0 sda 100 0 2000 0 50 0 4000 0 0 0 0',
      '   8       1 sda1 90 0 1800 0 40 0 3000 0 0 0 0',
      ' 259       0 nvme0n1 10 0 200 0 5 0 400 0 0 0 0',
      ' 259       1 nvme0n1p1 10 0 200 0 5 0 400 0 0 0 0',
      '   7       0 loop0 1 0 999 0 0 0 0 0 0 0 0'
    ].join('\n')
    expect(parseProcDiskstats(diskstats)).toEqual({ readBytes: (2000 + 200) * 512, writeBytes: (4000 + 400) * 512 })
    const netdev = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo: 5000 10 0 0 0 0 0 0 5000 10 0 0 0 0 0 0',
      '  eth0: 1234 5 0 0 0 0 0 0 4321 6 0 0 0 0 0 0'
    ].join('\n')
    expect(parseProcNetDev(netdev)).toEqual({ rxBytes: 1234, txBytes: 4321 })
    if (process.platform === 'linux') {
      const real = parseProcNetDev(readFileSync('/proc/net/dev', 'utf8'))
      expect(real.rxBytes).toBeGreaterThanOrEqual(0)
    }
  })
})

describe('process', () => {
  it('reads its own CPU time and RSS from the OS, and none of a process that is gone', async () => {
    const reading = await readProcess(process.pid)
    expect(reading!.rssBytes).toBeGreaterThan(10 * 1024 * 1024)
    expect(reading!.cpuMs).toBeGreaterThan(0)
    expect(await readProcess(2 ** 22 + 12345)).toBeNull()
  })

  it('parses /proc stat lines with odd command names, and ps times', () => {
    const fields = ['S', '1', '1', '1', '0', '-1', '4194560', '100', '0', '0', '0', '250', '150', '0', '0']
    expect(parseProcStat(`42 (my (odd) app) ${fields.join(' ')}`)).toBe(4000)
    expect(parsePsTime('01:02')).toBe(62_000)
    expect(parsePsTime('1-00:00:01')).toBe(86_401_000)
    expect(cpuPctBetween(null, { cpuMs: 5, time: 1 })).toBeNull()
    expect(cpuPctBetween({ cpuMs: 100, time: 1000 }, { cpuMs: 600, time: 2000 })).toBe(50)
  })
})
