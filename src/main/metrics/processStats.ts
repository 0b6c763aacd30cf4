// CPU time and resident memory of a process, read from the OS rather than asked of the process:
// a target whose event loop is blocked cannot answer the inspector, and that is exactly when
// its CPU and memory matter. Linux: /proc/<pid>/stat and status; elsewhere `ps`.
import { readFile } from 'node:fs/promises'
import { execa } from 'execa'

export interface ProcessReading {
  /** user + system CPU time so far, in ms. */
  cpuMs: number
  rssBytes: number
}

/** Clock ticks per second of /proc times: USER_HZ, 100 on every Linux Node runs on. */
const clockTicksPerSecond = 100

/** utime and stime of /proc/<pid>/stat; the command name in parentheses may hold spaces and parentheses. */
export function parseProcStat(text: string): number {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  // Fields after the name start at 3 (state); utime is 14 and stime 15.
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) * 1000) / clockTicksPerSecond
}

/** `ps -o time=` prints [[dd-]hh:]mm:ss(.cc). */
export function parsePsTime(text: string): number {
  const [daysPart, clock] = text.includes('-') ? text.trim().split('-') : ['0', text.trim()]
  const parts = (clock ?? '').split(':').map(Number)
  let seconds = 0
  for (const part of parts) seconds = seconds * 60 + part
  return (Number(daysPart) * 86_400 + seconds) * 1000
}

/** null when the process is gone. */
export async function readProcess(pid: number, platform: NodeJS.Platform = process.platform): Promise<ProcessReading | null> {
  if (platform === 'linux') {
    try {
      const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')])
      // VmRSS in kB rather than statm's pages: the page size is not 4 KiB everywhere (arm64).
      const rssKb = Number(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? 0)
      return { cpuMs: parseProcStat(stat), rssBytes: rssKb * 1024 }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') return null
      throw error
    }
  }
  const result = await execa('ps', ['-o', 'time=,rss=', '-p', String(pid)], { reject: false })
  const [time, rss] = result.stdout.trim().split(/\s+/)
  if (result.exitCode !== 0 || !time || !rss) return null
  return { cpuMs: parsePsTime(time), rssBytes: Number(rss) * 1024 }
}

/** CPU % of one core between two readings. */
export function cpuPctBetween(previous: { cpuMs: number; time: number } | null, current: { cpuMs: number; time: number }): number | null {
  if (!previous) return null
  const elapsed = current.time - previous.time
  if (elapsed <= 0 || current.cpuMs < previous.cpuMs) return null
  return ((current.cpuMs - previous.cpuMs) / elapsed) * 100
}
