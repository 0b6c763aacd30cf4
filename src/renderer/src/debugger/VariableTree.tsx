import { useEffect } from 'react'
import type { DebugVariable } from '../../../shared/debuggerTypes'
import type { RemoteValue } from '../../../shared/consoleTypes'
import { Caret } from '../components/icons'
import { getterKey, type GetterEntry, type VariablesEntry } from './debuggerStore'
import { ValueText } from '../console/ValueView'

/** What a tree of variables needs from its presenter: the lazy caches and the actions that fill them. */
export interface VariableTreeContext {
  variables: Record<string, VariablesEntry>
  getters: Record<string, GetterEntry>
  expanded: Record<string, boolean>
  onLoad(objectId: string, more?: boolean): void
  onExpand(path: string, open: boolean): void
  onGetter(objectId: string, name: string): void
}

const indent = 14

/** An expandable value on one row: a caret when it is an object, its name, its one-line preview. */
export function VariableRow({
  name,
  value,
  path,
  depth,
  ctx,
  defaultOpen = false,
  nameClass = 'prop-name',
  showName = true
}: {
  name: string
  value: RemoteValue
  path: string
  depth: number
  ctx: VariableTreeContext
  defaultOpen?: boolean
  nameClass?: string
  /** False for a value on its own (an evaluation's result): no "name: " before it. */
  showName?: boolean
}) {
  const open = ctx.expanded[path] ?? defaultOpen
  const label = showName && (
    <>
      <span className={nameClass}>{name}</span>
      <span className="punct">: </span>
    </>
  )
  if (!value.objectId) {
    return (
      <div className="var-row" style={{ paddingLeft: depth * indent + indent }} data-testid="variable-row" data-name={name}>
        {label}
        <ValueText value={value} quoted />
      </div>
    )
  }
  return (
    <div className="var-node">
      <button
        type="button"
        className="var-row value-toggle"
        style={{ paddingLeft: depth * indent }}
        aria-expanded={open}
        onClick={() => ctx.onExpand(path, !open)}
        data-testid="variable-row"
        data-name={name}
      >
        <Caret open={open} />
        {label}
        <ValueText value={value} />
      </button>
      {open && <VariableChildren objectId={value.objectId} path={path} depth={depth + 1} ctx={ctx} />}
    </div>
  )
}

/** The properties of one object, fetched when first shown (a window at a time for big ones). */
export function VariableChildren({ objectId, path, depth, ctx }: { objectId: string; path: string; depth: number; ctx: VariableTreeContext }) {
  const entry = ctx.variables[objectId]
  const { onLoad } = ctx
  useEffect(() => {
    if (!entry) onLoad(objectId)
    // Only when the node appears (or its pause's cache was cleared): a failed load shows its error.
  }, [objectId, entry, onLoad])
  const pad = { paddingLeft: depth * indent + indent }
  if (!entry || (entry.status === 'loading' && entry.rows.length === 0)) return <div className="var-note muted" style={pad}>Loading…</div>
  if (entry.status === 'error' && entry.rows.length === 0) return <div className="var-note prop-error" style={pad}>Could not expand: {entry.message}</div>
  if (entry.rows.length === 0) return <div className="var-note muted" style={pad}>(no properties)</div>
  const more = entry.total - entry.rows.length
  return (
    <div className="var-children" data-testid="variable-children">
      {entry.rows.map((row, i) => (
        <VariableEntry key={`${i}:${row.name}`} row={row} objectId={objectId} path={`${path}/${row.name}`} depth={depth} ctx={ctx} />
      ))}
      {more > 0 && (
        <button type="button" className="var-more link-btn" style={pad} disabled={entry.status === 'loading'} onClick={() => ctx.onLoad(objectId, true)}>
          {entry.status === 'loading' ? 'Loading…' : `Show ${Math.min(more, 100).toLocaleString('en-US')} more of ${more.toLocaleString('en-US')}`}
        </button>
      )}
      {entry.status === 'error' && (
        <div className="var-note prop-error" style={pad}>
          Could not load more: {entry.message}
        </div>
      )}
    </div>
  )
}

function VariableEntry({ row, objectId, path, depth, ctx }: { row: DebugVariable; objectId: string; path: string; depth: number; ctx: VariableTreeContext }) {
  const nameClass = row.internal || row.inherited ? 'prop-name internal' : 'prop-name'
  if (!row.getter) return <VariableRow name={row.name} value={row.value} path={path} depth={depth} ctx={ctx} nameClass={nameClass} />
  const result = ctx.getters[getterKey(objectId, row.name)]
  if (result?.status === 'loaded') {
    const value = result.result.threw ? { ...result.result.value, text: `[Exception: ${result.result.value.text}]` } : result.result.value
    return <VariableRow name={row.name} value={value} path={path} depth={depth} ctx={ctx} nameClass={nameClass} />
  }
  // Getters may have side effects: they run only when asked, as in DevTools' (…).
  return (
    <div className="var-row" style={{ paddingLeft: depth * indent + indent }} data-testid="variable-row" data-name={row.name}>
      <span className={nameClass}>{row.name}</span>
      <span className="punct">: </span>
      {result?.status === 'error' ? (
        <span className="prop-error">{result.message}</span>
      ) : (
        <button
          type="button"
          className="getter-btn"
          title="Run the getter"
          disabled={result?.status === 'loading'}
          onClick={() => ctx.onGetter(objectId, row.name)}
          data-testid="invoke-getter"
        >
          (…)
        </button>
      )}
    </div>
  )
}
