// The debugger's part of the workbench: the service over every attached target, its requests,
// its events pushed to the views, its stream in session recordings, and that stream read back
// for the read-only targets of an opened session.
import type { DebuggerRequests } from '../../shared/debuggerApi'
import { UserError } from '../../shared/userError'
import type { DomainContext, WorkbenchDomain } from '../domain'
import type { SessionService } from '../sessions'
import type { TargetManager } from '../targets'
import { debuggerSessionPart } from './debuggerSessionPart'
import { debuggerRecorderStream } from './debuggerRecorderStream'
import { DebuggerService } from './debuggerService'
import { RecordedDebugger } from './recordedDebugger'

export interface DebuggerDomain extends WorkbenchDomain<DebuggerRequests> {
  readonly service: DebuggerService
}

/** What the debugger needs besides the common context. */
export type DebuggerContext = DomainContext & { targets: TargetManager; sessions: SessionService }

export function createDebuggerDomain(context: DebuggerContext): DebuggerDomain {
  const service = new DebuggerService({ targets: context.targets, sourceMaps: context.sourceMaps })
  const recorded = new RecordedDebugger(context.targets, context.sessions)
  const offs = [
    service.on('sources', (payload) => context.emit('debugger.sources', payload)),
    service.on('breakpoints', (payload) => context.emit('debugger.breakpoints', payload)),
    service.on('paused', (payload) => context.emit('debugger.paused', payload)),
    service.on('resumed', (payload) => context.emit('debugger.resumed', payload)),
    service.on('options', (payload) => context.emit('debugger.options', payload))
  ]
  return {
    name: 'debugger',
    service,
    session: debuggerSessionPart,
    handlers: {
      'debugger.state': async ({ targetId }) => {
        context.targets.require(targetId)
        if (!recorded.isRecorded(targetId)) return service.stateWithPause(targetId)
        return { ...service.state(targetId), breakpoints: await recorded.breakpoints(targetId) }
      },
      'debugger.sources': ({ targetId, search }) => {
        context.targets.require(targetId)
        return recorded.isRecorded(targetId) ? recorded.sources(targetId, search) : service.sources(targetId, search)
      },
      'debugger.source': ({ targetId, url, scriptId }) => (recorded.isRecorded(targetId) ? recorded.sourceText(targetId, url) : service.sourceText(targetId, url, scriptId)),
      'debugger.breakableLines': ({ targetId, url, startLine, endLine }) => service.breakableLines(targetId, url, startLine, endLine),
      'debugger.breakpoints': ({ targetId }) => {
        context.targets.require(targetId)
        return recorded.isRecorded(targetId) ? recorded.breakpoints(targetId) : service.breakpoints(targetId)
      },
      'debugger.setBreakpoint': (params) => service.setBreakpoint(params),
      'debugger.setFunctionBreakpoint': (params) => service.setFunctionBreakpoint(params),
      'debugger.updateBreakpoint': (params) => service.updateBreakpoint(params),
      'debugger.removeBreakpoint': ({ targetId, breakpointId }) => service.removeBreakpoint(targetId, breakpointId),
      'debugger.removeAllBreakpoints': ({ targetId }) => service.removeAllBreakpoints(targetId),
      'debugger.setPauseOptions': ({ targetId, ...patch }) => service.setPauseOptions(targetId, patch),
      'debugger.pause': ({ targetId }) => service.pause(targetId),
      'debugger.resume': ({ targetId }) => service.resume(targetId),
      'debugger.step': ({ targetId, action }) => service.step(targetId, action),
      'debugger.paused': ({ targetId }) => {
        context.targets.require(targetId)
        return service.paused(targetId)
      },
      'debugger.properties': ({ targetId, objectId, offset, limit }) => service.properties(targetId, objectId, offset, limit),
      'debugger.invokeGetter': ({ targetId, objectId, name }) => service.invokeGetter(targetId, objectId, name),
      'debugger.evaluate': ({ targetId, ...options }) => service.evaluate(targetId, options),
      'debugger.history': ({ targetId }) => {
        context.targets.require(targetId)
        if (!recorded.isRecorded(targetId)) throw new UserError('BAD_REQUEST', 'a live target has no recorded history: open its saved session to see where it stopped')
        return recorded.history(targetId)
      }
    },
    recorderStreams: () => [debuggerRecorderStream(service)],
    dispose() {
      for (const off of offs) off()
      recorded.dispose()
      service.dispose()
    }
  }
}
