// The errors domain: what targets throw and log as errors, grouped by where they were thrown, with
// a category, severity and hint from the catalog of known Node errors (extensible by the user's
// pattern file, a setting this domain checks and reloads).
import type { ConsoleService } from '../console'
import type { SettingsDomain } from '../settings'
import type { TargetManager } from '../targets'
import type { DomainContext, RequestsOf, WorkbenchDomain } from '../domain'
import { ErrorCatalog, readUserPatterns } from './errorCatalog'
import { errorsRecorderStream } from './errorsRecorderStream'
import { errorsSessionPart } from './errorsSessionPart'
import { ErrorService } from './errorService'

export interface ErrorsDomain extends WorkbenchDomain<RequestsOf<'errors'>> {
  readonly service: ErrorService
}

export function createErrorsDomain(context: DomainContext, deps: { settings: SettingsDomain; targets: TargetManager; console: ConsoleService }): ErrorsDomain {
  const { settings } = deps
  const patternsFile = (): string | null => settings.store.get().errorPatternsFile
  const service = new ErrorService({ targets: deps.targets, console: deps.console, patternsFile, sourceMaps: context.sourceMaps })
  const offChanged = service.onChanged((change) => context.emit('errors.changed', change))
  // A bad pattern file is refused before anything is saved; a new one regroups with its patterns.
  settings.addCheck((patch) => {
    if (patch.errorPatternsFile) readUserPatterns(patch.errorPatternsFile)
  })
  const offSettings = settings.onChanged((next, previous) => {
    if (next.errorPatternsFile !== previous.errorPatternsFile) service.reloadCatalog()
  })
  return {
    name: 'errors',
    service,
    session: errorsSessionPart(() => ErrorCatalog.withUserFile(patternsFile())),
    handlers: {
      'errors.groups': ({ targetId, filter, sort, offset, limit }) => service.groups(targetId, filter ?? {}, sort ?? 'count', offset ?? 0, limit ?? 500),
      'errors.group': ({ targetId, fingerprint }) => service.group(targetId, fingerprint),
      'errors.rate': ({ targetId }) => service.rate(targetId)
    },
    recorderStreams: () => [errorsRecorderStream(service)],
    dispose() {
      offChanged()
      offSettings()
      service.dispose()
    }
  }
}
