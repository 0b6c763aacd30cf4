// A Debugger.paused event as the view shows it: frames and their scopes at original locations,
// async segments after the sync frames, the exception or the return value.
import type { Protocol } from 'devtools-protocol'
import type { DebugCallFrame, DebugScope, PausedState, PauseReason } from '../../shared/debuggerTypes'
import { toDebugValue } from './debugValue'
import type { ScriptRegistry } from './scriptRegistry'
import { sourceNameOf } from './sourceGroups'

/** Async segments beyond this many frames in all are left out (a long promise chain). */
const maxAsyncFrames = 200

const scopeTitles: Record<DebugScope['type'], string> = {
  global: 'Global',
  local: 'Local',
  with: 'With',
  closure: 'Closure',
  catch: 'Catch',
  block: 'Block',
  script: 'Script',
  eval: 'Eval',
  module: 'Module',
  'wasm-expression-stack': 'Expression stack'
}

export interface PauseFacts {
  targetId: string
  pauseId: number
  reason: PauseReason
  hitBreakpoints: string[]
  cwd: string | null
  /** After a step out: what the function stepped out of returned. */
  returned: Protocol.Runtime.RemoteObject | null
}

export async function buildPausedState(event: Protocol.Debugger.PausedEvent, facts: PauseFacts, scripts: ScriptRegistry): Promise<PausedState> {
  // Frames are mapped once their scripts' maps are known.
  const scriptIds = new Set(event.callFrames.map((f) => f.location.scriptId))
  for (let segment = event.asyncStackTrace; segment; segment = segment.parent) for (const f of segment.callFrames) scriptIds.add(f.scriptId)
  await Promise.all([...scriptIds].map((id) => scripts.get(id)?.mapReady))

  const callFrames: DebugCallFrame[] = event.callFrames.map((frame) => {
    const line = frame.location.lineNumber + 1
    const column = (frame.location.columnNumber ?? 0) + 1
    const script = scripts.get(frame.location.scriptId)
    return {
      callFrameId: frame.callFrameId,
      functionName: frame.functionName,
      location: scripts.originalLocation(frame.location.scriptId, line, column),
      generated: { url: script?.url ?? frame.url, line, column },
      scriptId: frame.location.scriptId,
      scopes: frame.scopeChain.flatMap((scope) => (scope.object.objectId ? [toScope(scope, scope.object.objectId)] : [])),
      thisValue: frame.this ? toDebugValue(frame.this) : null,
      asyncBoundary: null
    }
  })
  let asyncFrames = 0
  for (let segment = event.asyncStackTrace; segment && asyncFrames < maxAsyncFrames; segment = segment.parent) {
    segment.callFrames.forEach((frame, index) => {
      asyncFrames++
      const line = frame.lineNumber + 1
      const column = frame.columnNumber + 1
      callFrames.push({
        callFrameId: null,
        functionName: frame.functionName,
        location: scripts.originalLocation(frame.scriptId, line, column),
        generated: { url: frame.url, line, column },
        scriptId: frame.scriptId,
        scopes: [],
        thisValue: null,
        asyncBoundary: index === 0 ? segment.description || 'async' : null
      })
    })
  }

  const exceptional = facts.reason === 'exception' || facts.reason === 'promiseRejection'
  const data = event.data as (Protocol.Runtime.RemoteObject & { uncaught?: boolean }) | undefined
  const exception = exceptional && data ? toDebugValue(data) : null
  const top = callFrames[0]
  const returned = event.callFrames[0]?.returnValue ?? facts.returned
  return {
    targetId: facts.targetId,
    pauseId: facts.pauseId,
    reason: facts.reason,
    hitBreakpoints: facts.hitBreakpoints,
    exception,
    uncaught: exceptional ? data?.uncaught !== false : null,
    description: describe(facts.reason, exception?.text ?? null, top ? `${sourceNameOf(top.location.url, facts.cwd)}:${top.location.line}` : null),
    callFrames,
    returnValue: returned ? toDebugValue(returned) : null,
    pausedAt: Date.now()
  }
}

function toScope(scope: Protocol.Debugger.Scope, objectId: string): DebugScope {
  const type = scope.type as DebugScope['type']
  const title = scopeTitles[type] ?? scope.type
  return { type, name: scope.name ? `${title} (${scope.name})` : title, objectId, expensive: type === 'global' }
}

function describe(reason: PauseReason, exception: string | null, where: string | null): string {
  const at = where ? ` at ${where}` : ''
  switch (reason) {
    case 'breakpoint':
      return `Paused on breakpoint${at}`
    case 'exception':
      return `Paused on exception: ${firstLine(exception ?? 'exception')}`
    case 'promiseRejection':
      return `Paused on promise rejection: ${firstLine(exception ?? 'rejection')}`
    case 'step':
      return `Paused after a step${at}`
    case 'debuggerStatement':
      return `Paused on a debugger statement${at}`
    case 'pause':
      return `Paused${at}`
    case 'other':
      return `Paused${at}`
  }
}

function firstLine(text: string): string {
  const end = text.indexOf('\n')
  return end < 0 ? text : text.slice(0, end)
}
