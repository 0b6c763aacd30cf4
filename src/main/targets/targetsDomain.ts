// The targets domain: the processes this workbench attaches to (launched, by port, ws URL or
// PID), their workers, and their lifecycle; the list goes out whole whenever it changes.
import type { SettingsStore } from '../settings'
import type { DomainContext, RequestsOf, WorkbenchDomain } from '../domain'
import { TargetManager } from './targetManager'
import { demoCommand } from './resources'

export interface TargetsDomain extends WorkbenchDomain<RequestsOf<'targets'>> {
  readonly manager: TargetManager
}

export function createTargetsDomain(context: DomainContext, deps: { settings: SettingsStore }): TargetsDomain {
  const manager = new TargetManager({ settings: () => deps.settings.get() })
  const offChanged = manager.onChanged((list) => context.emit('targets.changed', list))
  return {
    name: 'targets',
    manager,
    handlers: {
      'targets.discover': () => manager.discover(),
      'targets.list': () => manager.list(),
      'targets.attach': (request) => manager.attach(request),
      'targets.launchDemo': () => manager.attach({ kind: 'launch', command: demoCommand() }),
      'targets.detach': ({ targetId }) => manager.detach(targetId),
      'targets.remove': ({ targetId }) => manager.remove(targetId)
    },
    async dispose() {
      // Stops the programs this workbench launched.
      await manager.dispose()
      offChanged()
    }
  }
}
