// The console domain: what every attached target logs and throws, its stdout and stderr, kept in a
// bounded store per target, batched to the views, written into recordings, and loaded back from
// opened sessions.
import type { SettingsStore } from '../settings'
import type { TargetManager } from '../targets'
import type { DomainContext, RequestsOf, WorkbenchDomain } from '../domain'
import { consoleRecorderStream } from './consoleRecorderStream'
import { ConsoleService } from './consoleService'
import { consoleSessionPart } from './consoleSessionPart'

export interface ConsoleDomain extends WorkbenchDomain<RequestsOf<'console'>> {
  readonly service: ConsoleService
}

export function createConsoleDomain(context: DomainContext, deps: { settings: SettingsStore; targets: TargetManager }): ConsoleDomain {
  const { settings, targets } = deps
  const service = new ConsoleService({
    budgetBytes: () => settings.get().consoleBudgetBytes,
    sampling: () => settings.get().consoleSampling,
    captureStdio: () => settings.get().captureStdio,
    sourceMaps: context.sourceMaps
  })
  const offs = [
    targets.onConnection((connection) => service.observe(connection)),
    targets.onRemoved((targetId) => service.forget(targetId)),
    service.onBatch((batch) => context.emit('console.batch', batch))
  ]
  return {
    name: 'console',
    service,
    session: consoleSessionPart,
    handlers: {
      'console.query': ({ targetId, filter, offset, limit }) => {
        targets.require(targetId)
        return service.query(targetId, filter ?? {}, offset ?? 0, limit ?? 1000)
      },
      'console.getProperties': ({ targetId, objectId }) => {
        targets.require(targetId)
        return service.getProperties(targetId, objectId)
      },
      'console.clear': ({ targetId }) => service.clear(targetId)
    },
    recorderStreams: () => [consoleRecorderStream(service)],
    dispose() {
      for (const off of offs) off()
      service.dispose()
    }
  }
}
