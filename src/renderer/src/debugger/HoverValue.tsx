import type { RemoteValue } from '../../../shared/consoleTypes'
import type { DebuggerStore } from './debuggerStore'
import { useVariableContext } from './variableContext'
import { VariableRow } from './VariableTree'

/**
 * A hovered expression's value, expandable like a variable. It renders in CodeMirror's tooltip,
 * a React root of its own, so it reaches the presenter through its props rather than context.
 */
export function HoverValue({ store, expression, value }: { store: DebuggerStore; expression: string; value: RemoteValue }) {
  const ctx = useVariableContext(store)
  return (
    <div className="hover-value">
      <VariableRow name={expression} value={value} path={`hover:${expression}`} depth={0} ctx={ctx} defaultOpen={Boolean(value.objectId)} />
    </div>
  )
}
