import { useEffect } from 'react'
import type { RemoteValue } from '../../../shared/consoleTypes'
import { Caret } from '../components/icons'
import { valueClass } from './format'
import type { RowContext } from './rowContext'

/** Longer texts are cut in the list; the whole text is still what search matches. */
const maxText = 20_000

export function ValueText({ value, quoted }: { value: RemoteValue; quoted?: boolean }) {
  let text = value.text
  let cut = 0
  if (text.length > maxText) {
    cut = text.length - maxText
    text = text.slice(0, maxText)
  }
  const shown = quoted && value.type === 'string' ? `"${text}"` : text
  return (
    <span className={valueClass(value)}>
      {shown}
      {cut > 0 && <span className="muted"> … {cut.toLocaleString('en-US')} more characters</span>}
    </span>
  )
}

/** An argument in a message line: objects get a caret that expands them below the line. */
export function InlineValue({ value, expandKey, ctx }: { value: RemoteValue; expandKey: string; ctx: RowContext }) {
  if (!value.objectId) return <ValueText value={value} />
  const open = Boolean(ctx.expanded[expandKey])
  // A span, not a <button>: buttons are inline-blocks, and a multi-line value (an error with its
  // stack) must flow with the text around it.
  return (
    <span
      role="button"
      tabIndex={0}
      className="value-toggle"
      aria-expanded={open}
      onClick={() => ctx.onToggle(expandKey)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return
        e.preventDefault()
        ctx.onToggle(expandKey)
      }}
      data-testid="object-toggle"
    >
      <Caret open={open} />
      <ValueText value={value} />
    </span>
  )
}

/** The properties of one object, fetched when first shown; nested objects expand the same way. */
export function PropertyTree({ objectId, keyPrefix, ctx, depth }: { objectId: string; keyPrefix: string; ctx: RowContext; depth: number }) {
  const entry = ctx.propertiesOf(objectId)
  const { onLoadProperties } = ctx
  useEffect(() => {
    if (!entry || entry.status === 'error') onLoadProperties(objectId)
    // Only when the node appears: a failed load is retried by collapsing and expanding it again.
  }, [objectId, onLoadProperties])
  if (!entry || entry.status === 'loading') return <div className="prop-tree muted" style={{ paddingLeft: depth * 14 }}>Loading…</div>
  if (entry.status === 'error') return <div className="prop-tree prop-error" style={{ paddingLeft: depth * 14 }}>Could not expand: {entry.message}</div>
  if (entry.rows.length === 0) return <div className="prop-tree muted" style={{ paddingLeft: depth * 14 }}>(no properties)</div>
  return (
    <div className="prop-tree" data-testid="property-tree">
      {entry.rows.map((row, i) => {
        const key = `${keyPrefix}/${i}:${row.name}`
        const open = Boolean(ctx.expanded[key])
        const name = (
          <span className={row.isInternal ? 'prop-name internal' : 'prop-name'}>
            {row.name}
            <span className="punct">: </span>
          </span>
        )
        return (
          <div key={key} className="prop-node">
            {row.value.objectId ? (
              <button
                type="button"
                className="prop-row value-toggle"
                style={{ paddingLeft: depth * 14 }}
                aria-expanded={open}
                onClick={() => ctx.onToggle(key)}
                data-testid="property-row"
              >
                <Caret open={open} />
                {name}
                <ValueText value={row.value} />
              </button>
            ) : (
              <div className="prop-row" style={{ paddingLeft: depth * 14 + 14 }} data-testid="property-row">
                {name}
                {row.isAccessor ? <span className="muted">(…)</span> : <ValueText value={row.value} quoted />}
              </div>
            )}
            {open && row.value.objectId && <PropertyTree objectId={row.value.objectId} keyPrefix={key} ctx={ctx} depth={depth + 1} />}
          </div>
        )
      })}
    </div>
  )
}
