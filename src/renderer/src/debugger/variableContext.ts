import { useMemo } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { DebuggerStore } from './debuggerStore'
import type { VariableTreeContext } from './VariableTree'

/** The variable trees' view of the debugger presenter: its caches, and the actions that fill them. */
export function useVariableContext(store: DebuggerStore): VariableTreeContext {
  const { variables, getters, expanded } = useStore(store, useShallow((s) => ({ variables: s.variables, getters: s.getters, expanded: s.expanded })))
  const actions = useMemo(() => {
    const s = store.getState()
    return {
      onLoad: (objectId: string, more?: boolean) => void s.loadVariables(objectId, more),
      onExpand: s.setExpanded,
      onGetter: (objectId: string, name: string) => void s.invokeGetter(objectId, name)
    }
  }, [store])
  return useMemo(() => ({ variables, getters, expanded, ...actions }), [variables, getters, expanded, actions])
}
