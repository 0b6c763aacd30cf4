import path from 'node:path'
import type { SessionInfo } from '../../../shared/sessionTypes'
import type { TargetInfo } from '../../../shared/targetTypes'
import { toUserErrorPayload } from '../../../shared/userError'
import { UsageError } from '../cliErrors'
import { createCliWorkbench, out, waitForStopSignal } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine, parseDuration } from '../commandLine'
import { describeTarget, formatExit } from '../consoleLineFormat'
import { recordHeapSnapshots } from '../../heap'
import { attachModeOptionSpec, attachModesHelp, attachRequestFrom, splitLaunchCommand } from './attach'

const help = `Usage: spyglass record (--pid N | --port N [--host H] | --ws URL | -- <node command line>) -o FILE.spyglass [options]

Record everything Spyglass captures from a Node.js process (console, exceptions, output, its
worker threads) into a session file, until the duration ends, the target exits or Ctrl-C.
While recording, data streams to an autosave folder: if this command is killed, nothing
captured is lost (see spyglass recover). A target that dies mid-recording still yields a
complete file with its exit recorded.

${attachModesHelp('record')}
Options:
  -o, --output FILE     the .spyglass file to write (required)
  --duration T          stop after T (10s, 500ms, 2m, 1h)
  --cpu                 also record a CPU profile of the whole recording (sampled every
                        millisecond), stored in the session as a standard .cpuprofile
  --heap-snapshots      also take a heap snapshot (after a forced GC) when the recording
                        starts and when it ends, stored in the session with its summary
  --metrics-interval T  also record host, GPU and process metrics every T (100ms to 60s):
                        CPU, memory, disk, network, GPUs (nvidia-smi), the target's CPU, RSS,
                        heap, event-loop delay and GC, and health alerts (spyglass inspect
                        summarises them under "metrics")
  --json                print the result as one JSON object on stdout
  -h, --help            show this help
`

type End = 'target' | 'duration' | 'signal'

export const recordCommand: CliCommand = {
  name: 'record',
  summary: 'record a process into a .spyglass session file',
  help,
  async run(args) {
    const { own, launch } = splitLaunchCommand(args)
    const { values } = parseCommandLine('record', own, {
      ...attachModeOptionSpec,
      output: { type: 'string', short: 'o' },
      duration: { type: 'string' },
      cpu: { type: 'boolean', default: false },
      'heap-snapshots': { type: 'boolean', default: false },
      'metrics-interval': { type: 'string' },
      json: { type: 'boolean', default: false }
    })
    const request = attachRequestFrom(values, launch, 'record')
    if (!values.output) throw new UsageError('record needs -o FILE.spyglass')
    const file = path.resolve(values.output)
    const durationMs = parseDuration(values.duration)
    const metricsIntervalMs = metricsInterval(values['metrics-interval'])

    const workbench = createCliWorkbench('cli')
    // Metric samples go into the session only when asked for, at the interval asked for.
    workbench.metrics.setRecording(metricsIntervalMs !== undefined, metricsIntervalMs)
    const stop = waitForStopSignal()
    let timer: NodeJS.Timeout | undefined
    let session: SessionInfo | null = null
    try {
      const target = await Promise.race([workbench.invoke('targets.attach', request), stop.stopped.then(() => null)])
      if (!target) return 0
      session = await workbench.invoke('sessions.record', { targetId: target.id })
      if (values.cpu) await workbench.profiler.start(target.id)
      const snapshots = values['heap-snapshots'] ? recordHeapSnapshots(workbench.heap, workbench.targets, target.id, (m) => out.error(`spyglass: ${m}`)) : null
      await snapshots?.start()
      out.error(`spyglass: recording ${describeTarget(target)} into ${file}${values.json ? '' : ' — Ctrl-C to stop'}`)
      const sessionId = session.id
      const end = await Promise.race<End>([
        workbench.sessions.stopped(sessionId).then((): End => 'target'),
        new Promise<End>((resolve) => {
          if (durationMs !== undefined) timer = setTimeout(() => resolve('duration'), durationMs)
        }),
        stop.stopped.then((): End => 'signal')
      ])
      // A target that exited had its profile (and last snapshot) collected on its way out; one still running stops here.
      await snapshots?.end()
      if (workbench.profiler.isRunning(target.id)) await workbench.profiler.stop(target.id)
      const stopped = await workbench.invoke('sessions.stop', { sessionId })
      await workbench.invoke('sessions.save', { sessionId, path: file })
      report(stopped, file, end, workbench.targets.get(target.id), values.json)
      return 0
    } catch (error) {
      if (session) {
        out.error(`spyglass: the recording is kept in the autosave folder; recover it with \`spyglass recover\` (${toUserErrorPayload(error).message.split('\n')[0]})`)
      }
      throw error
    } finally {
      clearTimeout(timer)
      stop.dispose()
      await workbench.dispose()
    }
  }
}

function metricsInterval(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim())
  const ms = match ? Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm'] : NaN
  if (!Number.isFinite(ms) || ms < 100 || ms > 60_000) throw new UsageError(`--metrics-interval must be between 100ms and 60s (e.g. 1s, 500ms), got "${value}"`)
  return Math.round(ms)
}

function report(session: SessionInfo, file: string, end: End, target: TargetInfo | null, json: boolean): void {
  const durationMs = (session.endedAt ?? Date.now()) - session.startedAt
  if (json) {
    out.line(JSON.stringify({ file, events: session.counts.events, byLevel: session.counts.byLevel, dropped: session.counts.dropped, durationMs, end, exit: session.target.exit }, null, 2))
    return
  }
  const { byLevel } = session.counts
  const why = end === 'target' ? (target?.state === 'exited' ? `; ${formatExit(session.target.exit)}` : '; the target went away') : end === 'duration' ? '' : '; stopped'
  out.error(
    `spyglass: wrote ${file} — ${session.counts.events} events (${byLevel.error} errors, ${byLevel.warn} warnings) over ${(durationMs / 1000).toFixed(1)} s${why}`
  )
}
