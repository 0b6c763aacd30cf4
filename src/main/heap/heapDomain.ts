// The heap domain of the workbench: snapshots (take with a forced GC, import, analyse, page
// through, diff, find leaks), the one-click leak finder, the heap trend of every attached target
// with its leak verdict, and the sampling heap profiler.
import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import type { HeapSamplingStatus, HeapRequests } from '../../shared/heapApi'
import type { HeapDiffRow, HeapPage } from '../../shared/heapTypes'
import type { SessionInfo } from '../../shared/sessionTypes'
import { UserError } from '../../shared/userError'
import type { DomainContext, WorkbenchDomain } from '../domain'
import type { SessionService } from '../sessions'
import type { SettingsStore } from '../settings'
import type { CdpClient, TargetManager } from '../targets'
import { heapRecorderStream } from './heapRecorderStream'
import { heapSessionPart } from './heapSessionPart'
import { HeapSampler } from './heapSampler'
import { LeakFlows } from './leakFlow'
import { defaultSamplingIntervalBytes, samplingProfileColumns, startHeapSampling, stopHeapSampling } from './samplingHeapProfile'
import { collectGarbage } from './snapshotCapture'
import { heapSnapshotEngine, type SnapshotEngine } from './snapshotEngine'
import { SnapshotLibrary } from './snapshotLibrary'
import { createLogger } from '../log'

const log = createLogger('heap')

/** Trend ticks go out at most this often, naming every target sampled meanwhile. */
const trendTickMs = 1000
const defaultPageSize = 100

export interface HeapDomain extends WorkbenchDomain<HeapRequests> {
  readonly library: SnapshotLibrary
  readonly sampler: HeapSampler
  /** The target's CDP client; a one-line error when it is not attached. */
  cdpOf(targetId: string): CdpClient
}

/** What the heap domain needs besides the common context. */
export type HeapContext = DomainContext & { settings: SettingsStore; targets: TargetManager; sessions: SessionService }

export function createHeapDomain(context: HeapContext, engine: SnapshotEngine = heapSnapshotEngine()): HeapDomain {
  const clients = new Map<string, CdpClient>()
  const sampling = new Map<string, { startedAt: number; intervalBytes: number }>()
  const offConnection = context.targets.onConnection((connection) => {
    clients.set(connection.targetId, connection.cdp)
    connection.cdp.onClose(() => {
      if (clients.get(connection.targetId) === connection.cdp) clients.delete(connection.targetId)
      sampling.delete(connection.targetId)
    })
  })

  const cdpOf = (targetId: string): CdpClient => {
    const info = context.targets.get(targetId)
    if (!info) throw new UserError('UNKNOWN_TARGET', `no target ${targetId}`)
    if (info.state === 'recorded') throw new UserError('READ_ONLY', 'this target is a recording: there is no live heap to look at')
    const cdp = clients.get(targetId)
    if (!cdp || cdp.closed) throw new UserError('TARGET_EXITED', 'the target is not attached: its heap cannot be reached')
    return cdp
  }

  const library = new SnapshotLibrary({
    engine,
    sessions: context.sessions,
    dataDir: context.dataDir,
    titleOf: (targetId) => context.targets.get(targetId)?.title ?? targetId
  })
  library.onChanged((list) => context.emit('heap.changed', list))
  library.onProgress((progress) => context.emit('heap.progress', progress))

  const sampler = new HeapSampler({ targets: context.targets, intervalMs: () => context.settings.get().heapSampleIntervalMs })
  let ticked = new Set<string>()
  let tickTimer: NodeJS.Timeout | null = null
  sampler.onRecords((records) => {
    for (const record of records) ticked.add(record.targetId)
    tickTimer ??= setTimeout(() => {
      tickTimer = null
      const targetIds = [...ticked]
      ticked = new Set()
      context.emit('heap.trendTick', { targetIds })
    }, trendTickMs).unref()
  })

  // Snapshots inside opened sessions are listed (analysed when added); closing the session forgets them.
  const knownSessions = new Set<string>()
  const sessionOpened = async (session: SessionInfo): Promise<void> => {
    knownSessions.add(session.id)
    await loadRecordedTrend(session)
    for (const artifact of session.artifacts) {
      if (artifact.kind !== 'heapsnapshot') continue
      const file = await context.sessions.artifactFile(session.id, artifact.entry).catch(log.dropped('a snapshot of a closed session was not listed', null))
      // Null: the session was closed while its snapshots were copied out; nothing left to list.
      if (file && knownSessions.has(session.id)) await library.addFromSession(file, { targetId: session.rootTargetId, sessionId: session.id, capturedAt: artifact.capturedAt })
    }
  }
  // The recorded heap of an opened session's process, for its (read-only) trend.
  const loadRecordedTrend = async (session: SessionInfo): Promise<void> => {
    try {
      const source = await context.sessions.openSessionSource(session.id)
      try {
        const { samples, marks } = await heapSessionPart.openRecorded!(source, { targetIdOf: (id) => id })
        sampler.loadRecorded(session.rootTargetId, samples, marks)
      } finally {
        await source.close()
      }
    } catch (error) {
      // The session itself opened: its events and snapshots show; only the trend is missing.
      process.stderr.write(`spyglass: the heap trend of ${path.basename(session.file ?? session.title)} could not be read: ${(error as Error).message.split('\n')[0]}\n`)
    }
  }

  const flows = new LeakFlows({ library, cdpOf, onChanged: (state) => context.emit('heap.leakFlowChanged', state) })

  const samplingStatus = (targetId: string): HeapSamplingStatus => {
    const running = sampling.get(targetId)
    return { targetId, running: running !== undefined, startedAt: running?.startedAt ?? null, intervalBytes: running?.intervalBytes ?? null }
  }

  const handlers: WorkbenchDomain<HeapRequests>['handlers'] = {
    'heap.list': () => library.list(),
    'heap.take': async ({ targetId, collectGarbage: gc }) => {
      const item = await library.take(targetId, cdpOf(targetId), { collectGarbage: gc })
      if (item.gc) sampler.addForcedGc(targetId, item.capturedAt, 0, item.gc.afterBytes, null)
      return item
    },
    'heap.import': async ({ path: file, name }) => {
      if (file !== undefined) return library.import(file, name)
      if (!context.pickFile) throw new UserError('BAD_REQUEST', 'name the .heapsnapshot file to import')
      const picked = await context.pickFile.openArtifact('heapsnapshot', library.heapDir)
      return picked === null ? null : library.import(picked)
    },
    'heap.export': async ({ snapshotId, path: given }) => {
      const item = library.get(snapshotId)
      let file = given
      if (file === undefined) {
        if (!context.pickFile) throw new UserError('BAD_REQUEST', 'name the file to export to')
        const suggested = path.join(library.heapDir, item.name.endsWith('.heapsnapshot') ? item.name : `${snapshotId}.heapsnapshot`)
        file = (await context.pickFile.saveArtifact('heapsnapshot', suggested)) ?? undefined
        if (file === undefined) return null
      }
      const resolved = path.resolve(file)
      // Every snapshot is kept as the standard file V8 wrote: exporting is a copy.
      if (resolved !== item.file) {
        await copyFile(item.file, resolved).catch((error: NodeJS.ErrnoException) => {
          throw new UserError('WRITE_FAILED', `the snapshot could not be written to ${resolved}: ${error.code ?? error.message}`)
        })
      }
      return { file: resolved }
    },
    'heap.remove': ({ snapshotId }) => library.remove(snapshotId),
    'heap.collectGarbage': async ({ targetId }) => {
      const cdp = cdpOf(targetId)
      const startedAt = Date.now()
      const result = await collectGarbage(cdp).catch((error: Error) => {
        if (error instanceof UserError) throw error
        throw new UserError('TARGET_EXITED', `the GC could not be forced: ${error.message.split('\n')[0]}`)
      })
      sampler.addForcedGc(targetId, startedAt, Date.now() - startedAt, result.afterBytes, null)
      return result
    },
    'heap.trend': ({ targetId, since }) => {
      if (!context.targets.get(targetId)) throw new UserError('UNKNOWN_TARGET', `no target ${targetId}`)
      return sampler.trend(targetId, since)
    },
    'heap.samplingStatus': ({ targetId }) => samplingStatus(targetId),
    'heap.samplingStart': async ({ targetId, intervalBytes }) => {
      const cdp = cdpOf(targetId)
      if (sampling.has(targetId)) throw new UserError('BAD_REQUEST', 'the heap of this target is already being sampled')
      const interval = intervalBytes ?? defaultSamplingIntervalBytes
      await startHeapSampling(cdp, interval)
      sampling.set(targetId, { startedAt: Date.now(), intervalBytes: interval })
      return samplingStatus(targetId)
    },
    'heap.samplingStop': async ({ targetId }) => {
      const cdp = cdpOf(targetId)
      const running = sampling.get(targetId)
      if (!running) throw new UserError('BAD_REQUEST', 'the heap of this target is not being sampled')
      sampling.delete(targetId)
      const profile = await stopHeapSampling(cdp)
      return samplingProfileColumns(profile, { targetId, startedAt: running.startedAt, stoppedAt: Date.now(), intervalBytes: running.intervalBytes })
    },
    'heap.info': async ({ snapshotId }) => (await library.opened(snapshotId)).info(),
    'heap.summary': async ({ snapshotId, sort, search, offset, limit }) => (await library.opened(snapshotId)).summary({ sort, search, offset, limit: limit ?? defaultPageSize }),
    'heap.objects': async ({ snapshotId, constructorName, newSince, offset, limit }) => {
      const query = { offset, limit: limit ?? defaultPageSize }
      if (newSince !== undefined) return library.newObjects(newSince, snapshotId, constructorName, query)
      return (await library.opened(snapshotId)).objects(constructorName, query)
    },
    'heap.object': async ({ snapshotId, nodeId }) => (await library.opened(snapshotId)).object(nodeId),
    'heap.children': async ({ snapshotId, nodeId, offset, limit }) => (await library.opened(snapshotId)).children(nodeId ?? null, { offset, limit: limit ?? defaultPageSize }),
    'heap.retainers': async ({ snapshotId, nodeId, offset, limit }) => (await library.opened(snapshotId)).retainers(nodeId, { offset, limit: limit ?? defaultPageSize }),
    'heap.retainerPaths': async ({ snapshotId, nodeId, maxPaths, maxDepth }) => (await library.opened(snapshotId)).retainerPaths(nodeId, { maxPaths, maxDepth }),
    'heap.diff': async ({ beforeId, afterId, search, offset, limit }) => {
      if (beforeId === afterId) throw new UserError('BAD_REQUEST', 'pick two different snapshots to compare')
      const report = await library.diff(beforeId, afterId)
      return pageOf(report.constructors, search, offset ?? 0, limit ?? defaultPageSize)
    },
    'heap.leaks': ({ baselineId, targetId, finalId }) => {
      if (new Set([baselineId, targetId, finalId]).size !== 3) throw new UserError('BAD_REQUEST', 'the leak finder needs three different snapshots')
      return library.leaks(baselineId, targetId, finalId)
    },
    'heap.leakFlow': ({ targetId }) => flows.get(targetId),
    'heap.leakFlowNext': ({ targetId }) => flows.next(targetId),
    'heap.leakFlowCancel': ({ targetId }) => flows.cancel(targetId)
  }

  return {
    name: 'heap',
    handlers,
    library,
    sampler,
    cdpOf,
    session: heapSessionPart,
    sessionOpened,
    async sessionClosed(sessionId) {
      if (knownSessions.delete(sessionId)) await library.removeSession(sessionId)
    },
    recorderStreams: () => [heapRecorderStream(sampler)],
    async dispose() {
      offConnection()
      if (tickTimer) clearTimeout(tickTimer)
      sampler.dispose()
      await library.dispose()
    }
  }
}

function pageOf(rows: HeapDiffRow[], search: string | undefined, offset: number, limit: number): HeapPage<HeapDiffRow> {
  const text = search?.trim().toLowerCase() ?? ''
  const matching = text === '' ? rows : rows.filter((r) => r.name.toLowerCase().includes(text))
  return { total: matching.length, offset, rows: matching.slice(offset, offset + limit) }
}
