// Reads a session's events into read-only ("recorded") targets that every view shows like live
// ones, counting them on the way; and counts a session's events without keeping them.
import path from 'node:path'
import { occurrencesOf, type ConsoleEvent } from '../../shared/consoleTypes'
import type { SessionArtifactInfo, SessionCounts, SessionTarget } from '../../shared/sessionTypes'
import type { TargetInfo } from '../../shared/targetTypes'
import { UserError } from '../../shared/userError'
import type { RecordedEventSink, SessionTargets } from './sessionHost'
import { emptyLevelCounts, type SessionManifest } from './sessionFormat'
import type { EventReadOptions, SessionSource } from './sessionSource'

/** Events are added in slices, so that a big file does not block the event loop for long. */
const loadSliceSize = 5000

export interface EventTally {
  counts: SessionCounts
  /** Time of the last event, or the start when there is none. */
  lastTime: number
}

function newTally(manifest: SessionManifest): EventTally {
  return { counts: { events: 0, byLevel: emptyLevelCounts(), dropped: manifest.counts.dropped }, lastTime: manifest.startedAt }
}

function tally(into: EventTally, event: ConsoleEvent): void {
  const times = occurrencesOf(event)
  into.counts.events += times
  into.counts.byLevel[event.level] += times
  if (event.time > into.lastTime) into.lastTime = event.time
}

/** Reads every event once (validating it) and counts them. */
export async function countEvents(source: SessionSource, options: EventReadOptions = {}): Promise<EventTally> {
  const result = newTally(source.manifest)
  for await (const event of source.events(options)) tally(result, event)
  return result
}

export interface LoadedTargets extends EventTally {
  rootId: string
  targets: TargetInfo[]
}

/**
 * Loads the events, then lists the targets (so that a view selecting one at once sees all of
 * it); on failure nothing of the session is left behind.
 */
export async function loadRecordedTargets(
  source: SessionSource,
  deps: { targets: SessionTargets; events: RecordedEventSink; sessionId: string; idPrefix: string; onProgress?: EventReadOptions['onProgress'] }
): Promise<LoadedTargets> {
  const manifest = source.manifest
  const idOf = new Map(manifest.targets.map((t) => [t.id, `${deps.idPrefix}:${t.id}`]))
  const targets = manifest.targets.map((t) => recordedTargetInfo(t, idOf, deps.sessionId))
  const result = newTally(manifest)
  try {
    const slices = new Map<string, ConsoleEvent[]>()
    const flushSlices = (): void => {
      for (const [targetId, events] of slices) deps.events.loadRecorded(targetId, events)
      slices.clear()
    }
    let inSlice = 0
    for await (const event of source.events({ onProgress: deps.onProgress })) {
      const targetId = idOf.get(event.targetId)
      if (!targetId) throw new UserError('BAD_SESSION', `${path.basename(source.location)}: an event names target ${event.targetId}, which the manifest does not list`)
      let slice = slices.get(targetId)
      if (!slice) slices.set(targetId, (slice = []))
      slice.push(event)
      tally(result, event)
      if (++inSlice >= loadSliceSize) {
        flushSlices()
        inSlice = 0
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    }
    flushSlices()
    deps.targets.addRecorded(targets)
  } catch (error) {
    for (const info of targets) deps.events.forget(info.id)
    throw error
  }
  return { ...result, rootId: idOf.get(manifest.target.id) ?? targets[0].id, targets }
}

/** The profiles and snapshots a manifest lists. */
export function artifactsOf(manifest: SessionManifest): SessionArtifactInfo[] {
  return manifest.entries.flatMap((entry) =>
    entry.kind === 'cpuprofile' || entry.kind === 'heapsnapshot' ? [{ kind: entry.kind, entry: entry.name, bytes: entry.bytes ?? 0, capturedAt: entry.capturedAt ?? manifest.startedAt }] : []
  )
}

/** The id a recorded target had in the live session it was recorded from (`r1:t2` → `t2`). */
export function originalTargetIdOf(recordedId: string): string {
  return recordedId.slice(recordedId.indexOf(':') + 1)
}

function recordedTargetInfo(target: SessionTarget, idOf: Map<string, string>, sessionId: string): TargetInfo {
  return {
    ...target,
    id: idOf.get(target.id)!,
    parentId: target.parentId ? (idOf.get(target.parentId) ?? null) : null,
    wsUrl: null,
    state: 'recorded',
    sessionId
  }
}
