// The profiler's part of the workbench: captures from attached targets (ProfilerService),
// profiles imported from files or found in opened sessions (ProfileLibrary), and the view's
// queries over them.
import { copyFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ProfileCaptureStatus, ProfileInfo, ProfilerRequests } from '../../shared/profilerApi'
import type { SessionInfo } from '../../shared/sessionTypes'
import type { SessionService } from '../sessions'
import type { TargetManager } from '../targets'
import { UserError } from '../../shared/userError'
import type { DomainContext, WorkbenchDomain } from '../domain'
import { ProfileLibrary } from './profileLibrary'
import { ProfilerService, type SavedProfile } from './profilerService'
import { profilerSessionPart } from './profilerSessionPart'
import { flameChartWindow, flameGraphViewport, functionTablePage, nodesOfFunction, sandwichOf } from './profileQueries'
import { createLogger } from '../log'

const log = createLogger('profiler')

export interface ProfilerDomain extends WorkbenchDomain<ProfilerRequests> {
  readonly service: ProfilerService
  readonly library: ProfileLibrary
}

/** What the profiler needs besides the common context. */
export type ProfilerContext = DomainContext & { targets: TargetManager; sessions: SessionService }

function captureName(context: ProfilerContext, saved: SavedProfile): string {
  const title = context.targets.get(saved.targetId)?.title ?? 'target'
  const at = new Date(saved.startedAt).toLocaleTimeString('en-GB', { hour12: false })
  return `CPU profile of ${title} at ${at}`
}

export function createProfilerDomain(context: ProfilerContext): ProfilerDomain {
  const service = new ProfilerService({ targets: context.targets, sessions: context.sessions, dataDir: context.dataDir })
  const library = new ProfileLibrary({
    changed: (list) => context.emit('profiler.changed', list),
    progress: (progress) => context.emit('profiler.progress', progress)
  }, context.sourceMaps)
  const addedFor = new Map<string, Promise<ProfileInfo>>()

  const status = (targetId: string): ProfileCaptureStatus => {
    const running = service.runningCapture(targetId)
    return {
      targetId,
      running: running !== null,
      startedAt: running?.startedAt ?? null,
      intervalUs: running?.intervalUs ?? null,
      stopsOn: running?.stopsOn ?? null,
      stopsAt: running?.stopsAt ?? null
    }
  }
  service.onStateChanged((targetId) => context.emit('profiler.capture', status(targetId)))
  // Every saved capture joins the library, whichever way it stopped.
  service.onSaved((saved) => {
    addedFor.set(
      saved.id,
      library.add({ id: saved.id, name: captureName(context, saved), source: 'capture', file: saved.file, targetId: saved.targetId, sessionId: saved.sessionId, capturedAt: saved.startedAt, callCounts: saved.callCounts })
    )
  })

  // Profiles inside opened sessions are listed (they load when added); closing the session forgets them.
  const known = new Set<string>()
  const sessionOpened = async (session: SessionInfo): Promise<void> => {
    known.add(session.id)
    for (const artifact of session.artifacts) {
      if (artifact.kind !== 'cpuprofile') continue
      try {
        const file = await context.sessions.artifactFile(session.id, artifact.entry)
        if (known.has(session.id)) await library.add({ name: path.basename(artifact.entry), source: 'session', file, targetId: session.rootTargetId, sessionId: session.id, capturedAt: artifact.capturedAt })
      } catch (error) {
        // A session closed while its profiles were copied out: nothing left to list.
        if (known.has(session.id)) throw error
        log.debug('a profile of a closed session was not listed', error)
      }
    }
  }

  const loaded = async (profileId: string) => library.ready(profileId)

  return {
    name: 'profiler',
    service,
    library,
    session: profilerSessionPart,
    sessionOpened,
    sessionClosed(sessionId) {
      if (known.delete(sessionId)) library.removeSession(sessionId)
    },
    handlers: {
      'profiler.list': () => library.list(),
      'profiler.status': ({ targetId }) => {
        context.targets.require(targetId)
        return status(targetId)
      },
      'profiler.start': async ({ targetId, intervalUs, durationMs, untilBreakpoint, callCounts }) => {
        const target = context.targets.require(targetId)
        if (target.info.state === 'recorded') throw new UserError('READ_ONLY', 'a recorded session cannot be profiled: attach to a live target')
        await service.start(targetId, { intervalUs, durationMs, untilBreakpoint, callCounts })
        return status(targetId)
      },
      'profiler.stop': async ({ targetId }) => {
        const saved = await service.stop(targetId)
        return (await addedFor.get(saved.id)) ?? library.info(saved.id)
      },
      'profiler.import': async ({ path: given, name }) => {
        let file = given
        if (file === undefined) {
          if (!context.pickFile) throw new UserError('BAD_REQUEST', 'name the .cpuprofile file to import')
          file = (await context.pickFile.openArtifact('cpuprofile', service.profilesDir)) ?? undefined
          if (file === undefined) return null
        }
        const resolved = path.resolve(file)
        const held = library.findByFile(resolved)
        if (held) return held
        const capturedAt = await stat(resolved).then(
          (s) => s.mtimeMs,
          () => {
            throw new UserError('NOT_FOUND', `no such file: ${resolved}`)
          }
        )
        const info = await library.add({ name: name ?? path.basename(resolved), source: 'import', file: resolved, targetId: null, sessionId: null, capturedAt })
        // The caller learns at once whether the file is a profile at all.
        return library.settled(info.id)
      },
      'profiler.remove': ({ profileId }) => library.remove(profileId),
      'profiler.functions': async ({ profileId, ...query }) => functionTablePage((await loaded(profileId)).rows, query),
      'profiler.groups': async ({ profileId }) => {
        await loaded(profileId)
        return library.info(profileId).summary?.groups ?? []
      },
      'profiler.flame': async ({ profileId, ...viewport }) => {
        const entry = await loaded(profileId)
        return flameGraphViewport(profileId, entry.model, entry.display, viewport)
      },
      'profiler.flameChart': async ({ profileId, ...window }) => {
        const entry = await loaded(profileId)
        return flameChartWindow(profileId, entry.model, entry.chart(), entry.display, window)
      },
      'profiler.sandwich': async ({ profileId, functionIndex }) => {
        const entry = await loaded(profileId)
        const row = entry.rowOf.get(functionIndex)
        if (!row) throw new UserError('BAD_REQUEST', `function ${functionIndex} has no time in this profile`)
        return sandwichOf(profileId, entry.model, entry.display, row)
      },
      'profiler.nodesOf': async ({ profileId, functionIndex }) => nodesOfFunction((await loaded(profileId)).model, functionIndex),
      'profiler.export': async ({ profileId, path: given }) => {
        const info = library.info(profileId)
        const source = library.fileOf(profileId)
        let file = given
        if (file === undefined) {
          if (!context.pickFile) throw new UserError('BAD_REQUEST', 'name the file to export to')
          const suggested = path.join(service.profilesDir, info.name.endsWith('.cpuprofile') ? info.name : `${profileId}.cpuprofile`)
          file = (await context.pickFile.saveArtifact('cpuprofile', suggested)) ?? undefined
          if (file === undefined) return null
        }
        const resolved = path.resolve(file)
        // Every profile is kept as the standard file it came from (captures are written that way).
        if (resolved !== source) {
          await copyFile(source, resolved).catch((error: NodeJS.ErrnoException) => {
            throw new UserError('WRITE_FAILED', `the profile could not be written to ${resolved}: ${error.code ?? error.message}`)
          })
        }
        return { file: resolved }
      }
    },
    dispose() {
      service.dispose()
      library.dispose()
    }
  }
}
