// The sessions domain of the workbench: its requests, its two events, and the service. It is
// built like every other domain (see src/main/domain.ts) but states its shape structurally,
// because that file imports sessions/ and sessions/ imports no one.
import type { ApiEvents, EventName } from '../../shared/api'
import type { DomainHandlers, RequestsOf } from '../../shared/domainHandlers'
import { SessionService, type SessionServiceOptions } from './sessionService'

export interface SessionsDomain {
  readonly name: 'sessions'
  readonly service: SessionService
  handlers: DomainHandlers<RequestsOf<'sessions'>>
  dispose(): Promise<void>
}

export function createSessionsDomain(
  context: { dataDir: string; pickFile?: SessionServiceOptions['pickFile']; emit<E extends EventName>(event: E, payload: ApiEvents[E]): void },
  deps: Omit<SessionServiceOptions, 'dataDir' | 'pickFile'>
): SessionsDomain {
  const service = new SessionService({ ...deps, dataDir: context.dataDir, pickFile: context.pickFile })
  const offChanged = service.onChanged((list) => context.emit('sessions.changed', list))
  const offProgress = service.onProgress((progress) => context.emit('sessions.progress', progress))
  return {
    name: 'sessions',
    service,
    handlers: {
      'sessions.list': () => service.list(),
      'sessions.record': ({ targetId }) => service.record(targetId),
      'sessions.stop': ({ sessionId }) => service.stop(sessionId),
      'sessions.save': ({ sessionId, path }) => service.save(sessionId, path),
      'sessions.open': ({ path }) => service.open(path),
      'sessions.close': ({ sessionId }) => service.close(sessionId),
      'sessions.recent': () => service.recent(),
      'sessions.forgetRecent': ({ file }) => service.forgetRecent(file),
      'sessions.recoverable': () => service.recoverable(),
      'sessions.recover': ({ id }) => service.recover(id),
      'sessions.discard': ({ id }) => service.discard(id)
    },
    async dispose() {
      // Recordings stop first (their streams still need the domains that feed them): the
      // workbench disposes this domain before the others.
      await service.dispose()
      offChanged()
      offProgress()
    }
  }
}
