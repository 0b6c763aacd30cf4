// Streams one target's console (and its workers') to the terminal until the target ends, a
// duration passes or the user stops it. Shared by `attach` and `demo`.
import type { WorkbenchApi } from '../../shared/api'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import type { AttachRequest, TargetInfo } from '../../shared/targetTypes'
import { toUserErrorPayload } from '../../shared/userError'
import { out, waitForStopSignal } from './cliContext'
import { describeTarget, formatConsoleLine, formatExit } from './consoleLineFormat'

/** The options of every command that streams a console (`attach`, `demo`), declared once. */
export const followOptionSpec = {
  json: { type: 'boolean', default: false },
  duration: { type: 'string' }
} as const

export const followOptionsHelp = `  --json           print each event as one JSON object per line (NDJSON)
  --duration T     stop after T (10s, 500ms, 2m, 1h)
  -h, --help       show this help
`

export interface FollowOptions {
  json: boolean
  durationMs?: number
}

type End = { kind: 'target'; target: TargetInfo } | { kind: 'duration' } | { kind: 'signal' }

/** Largest window asked of the store when catching up; the store's own budget bounds it anyway. */
const catchUpLimit = 100_000

/**
 * Batches can arrive before `attach` resolves (a launched program prints at once) or after the
 * target's exit is announced, so events are buffered until the target is known, deduplicated
 * by their per-target `seq`, and the store is asked once more for stragglers at the end.
 */
class ConsoleFollower {
  private followed: TargetInfo | null = null
  private readonly pending: ConsoleEvent[] = []
  private readonly lastSeq = new Map<string, number>()
  private readonly titles = new Map<string, string>()
  private readonly children = new Set<string>()
  private ended: ((end: End) => void) | null = null
  readonly end = new Promise<End>((resolve) => {
    this.ended = resolve
  })
  private readonly unsubscribers: Array<() => void>

  constructor(
    private readonly workbench: WorkbenchApi,
    private readonly options: FollowOptions
  ) {
    this.unsubscribers = [
      workbench.on('console.batch', (batch) => {
        if (this.followed) this.print(batch.events)
        else this.pending.push(...batch.events)
      }),
      workbench.on('targets.changed', (targets) => this.onTargets(targets))
    ]
  }

  follow(target: TargetInfo): void {
    this.followed = target
    this.titles.set(target.id, target.title)
    out.error(`spyglass: attached to ${describeTarget(target)}${this.options.json ? '' : ' — Ctrl-C to stop'}`)
    this.print(this.pending.splice(0))
    if (target.state === 'exited' || target.state === 'detached') this.ended?.({ kind: 'target', target })
  }

  async catchUp(): Promise<void> {
    for (const targetId of [this.followed?.id, ...this.children]) {
      if (!targetId) continue
      try {
        const { events } = await this.workbench.invoke('console.query', { targetId, limit: catchUpLimit })
        this.print(events)
      } catch (error) {
        out.error(`spyglass: could not read the last events of ${targetId}: ${toUserErrorPayload(error).message}`)
      }
    }
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe()
  }

  private onTargets(targets: TargetInfo[]): void {
    const followed = this.followed
    if (!followed) return
    for (const target of targets) {
      if (target.parentId === followed.id) {
        this.children.add(target.id)
        this.titles.set(target.id, target.title)
      }
      if (target.id === followed.id && (target.state === 'exited' || target.state === 'detached')) {
        this.ended?.({ kind: 'target', target })
      }
    }
  }

  private print(events: ConsoleEvent[]): void {
    const followed = this.followed
    if (!followed) return
    for (const event of events) {
      if (event.targetId !== followed.id && !this.children.has(event.targetId)) continue
      if (event.seq <= (this.lastSeq.get(event.targetId) ?? -Infinity)) continue
      this.lastSeq.set(event.targetId, event.seq)
      if (this.options.json) out.line(JSON.stringify(event))
      else out.line(formatConsoleLine(event, event.targetId === followed.id ? undefined : this.titles.get(event.targetId)))
    }
  }
}

/** Attaches, streams, and always disposes the workbench (which stops what it launched). */
export async function attachAndFollow(
  workbench: WorkbenchApi & { dispose(): Promise<void> },
  attach: () => Promise<TargetInfo>,
  options: FollowOptions
): Promise<number> {
  const follower = new ConsoleFollower(workbench, options)
  const stop = waitForStopSignal()
  let timer: NodeJS.Timeout | undefined
  try {
    const target = await Promise.race([attach(), stop.stopped.then(() => null)])
    if (!target) return 0
    follower.follow(target)
    const durationEnded = new Promise<End>((resolve) => {
      if (options.durationMs !== undefined) timer = setTimeout(() => resolve({ kind: 'duration' }), options.durationMs)
    })
    const end = await Promise.race([follower.end, durationEnded, stop.stopped.then((): End => ({ kind: 'signal' }))])
    await follower.catchUp()
    return reportEnd(end, options)
  } finally {
    clearTimeout(timer)
    stop.dispose()
    follower.dispose()
    await workbench.dispose()
  }
}

function reportEnd(end: End, options: FollowOptions): number {
  if (end.kind === 'duration') {
    out.error(`spyglass: stopped after ${(options.durationMs ?? 0) / 1000}s`)
    return 0
  }
  if (end.kind === 'signal') {
    out.error('spyglass: stopped')
    return 0
  }
  const { target } = end
  if (target.state === 'exited') {
    out.error(`spyglass: ${formatExit(target.exit)}`)
    return 0
  }
  // Detached without the user asking: the connection dropped or the inspector went away.
  out.error(`spyglass: detached from ${describeTarget(target)}${target.lastError ? `: ${target.lastError}` : ''}`)
  return target.lastError ? 1 : 0
}

export function attachRequestOf(workbench: WorkbenchApi, request: AttachRequest): () => Promise<TargetInfo> {
  return () => workbench.invoke('targets.attach', request)
}
