import type { RemoteValue } from '../../../shared/consoleTypes'
import type { DebugCallFrame, DebugScope } from '../../../shared/debuggerTypes'
import { Caret } from '../components/icons'
import { VariableChildren, VariableRow, type VariableTreeContext } from './VariableTree'

export interface ScopesPaneProps {
  frame: DebugCallFrame | null
  /** What the function returned, when paused on its return (top frame only). */
  returnValue: RemoteValue | null
  ctx: VariableTreeContext
}

/** What the code at the pause reads most: the function's locals and the blocks around the line. */
const openAtFirst = new Set<DebugScope['type']>(['local', 'block', 'catch'])

/**
 * The selected frame's scopes, each a lazily expanded tree; Local, the blocks and catch scopes (or
 * else the first cheap one) start open, Global stays closed (it is big). Open nodes are keyed by their path of names, so
 * the tree stays as the user left it from one step to the next.
 */
export function ScopesPane({ frame, returnValue, ctx }: ScopesPaneProps) {
  if (!frame) return <div className="debug-none muted">Not paused.</div>
  if (frame.callFrameId === null) return <div className="debug-none muted">An async frame has no scopes to show: it is what scheduled the code above.</div>
  const firstOpen = frame.scopes.findIndex((s) => !s.expensive)
  return (
    <div className="scopes" data-testid="scopes">
      {returnValue && <VariableRow name="Return value" value={returnValue} path="return" depth={0} ctx={ctx} nameClass="prop-name return-value" />}
      {frame.thisValue && frame.thisValue.type !== 'undefined' && <VariableRow name="this" value={frame.thisValue} path="this" depth={0} ctx={ctx} />}
      {frame.scopes.map((scope, i) => {
        const path = `scope:${scope.name}`
        const open = ctx.expanded[path] ?? (openAtFirst.has(scope.type) || i === firstOpen)
        return (
          <div key={`${i}:${scope.objectId}`} className="scope" data-testid="scope" data-scope={scope.type}>
            <button type="button" className="scope-head value-toggle" aria-expanded={open} onClick={() => ctx.onExpand(path, !open)} data-testid="scope-head">
              <Caret open={open} />
              <span>{scope.name}</span>
            </button>
            {open && <VariableChildren objectId={scope.objectId} path={path} depth={1} ctx={ctx} />}
          </div>
        )
      })}
    </div>
  )
}
