import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { Breakpoint } from '../../../shared/debuggerTypes'
import type { BreakpointSettings } from './debuggerStore'
import { formatHitCondition, parseHitCondition } from './debuggerFacts'

export interface BreakpointEditorProps {
  line: number
  /** The breakpoint at that line, or null to create one. */
  breakpoint: Breakpoint | null
  anchor: { left: number; top: number; bottom: number }
  onSave(settings: BreakpointSettings): void
  onRemove(): void
  onClose(): void
}

/** Room the popover needs below its anchor before it opens above instead. */
const popoverHeight = 230

/**
 * The gutter's editor for one line's breakpoint: a condition, a logpoint message (prints instead
 * of pausing), a hit count. Enter saves, Escape closes.
 */
export function BreakpointEditor({ line, breakpoint, anchor, onSave, onRemove, onClose }: BreakpointEditorProps) {
  const [condition, setCondition] = useState(breakpoint?.condition ?? '')
  const [logMessage, setLogMessage] = useState(breakpoint?.logMessage ?? '')
  const [hitCount, setHitCount] = useState(formatHitCondition(breakpoint?.hitCondition ?? null))
  const first = useRef<HTMLInputElement>(null)
  useEffect(() => first.current?.focus(), [])

  const hitCondition = hitCount.trim() ? parseHitCondition(hitCount) : null
  const hitInvalid = hitCount.trim() !== '' && hitCondition === null

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (hitInvalid) return
    onSave({ condition: condition.trim() || null, logMessage: logMessage.trim() || null, hitCondition })
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    e.nativeEvent.stopImmediatePropagation()
    onClose()
  }
  const below = anchor.bottom + popoverHeight < window.innerHeight
  const style = below ? { left: anchor.left + 6, top: anchor.top } : { left: anchor.left + 6, top: Math.max(8, anchor.bottom - popoverHeight) }

  return (
    <>
      <div className="popover-backdrop" onClick={onClose} />
      <form className="bp-editor" style={style} onSubmit={submit} onKeyDown={onKeyDown} data-testid="breakpoint-editor">
        <div className="bp-editor-title">
          {breakpoint ? 'Breakpoint' : 'New breakpoint'} on line {line}
        </div>
        <label className="field">
          <span className="field-label">Condition</span>
          <input
            ref={first}
            className="input mono"
            placeholder="pause only when this is true, e.g. order.id > 10"
            value={condition}
            spellCheck={false}
            onChange={(e) => setCondition(e.target.value)}
            data-testid="bp-condition"
          />
        </label>
        <label className="field">
          <span className="field-label">Log message</span>
          <input
            className="input mono"
            placeholder="log instead of pausing, e.g. order {order.id}"
            value={logMessage}
            spellCheck={false}
            onChange={(e) => setLogMessage(e.target.value)}
            data-testid="bp-log-message"
          />
        </label>
        <label className="field">
          <span className="field-label">Hit count</span>
          <input
            className={hitInvalid ? 'input mono invalid' : 'input mono'}
            placeholder="3 (only the 3rd), >= 3, % 3 (every 3rd)"
            value={hitCount}
            spellCheck={false}
            onChange={(e) => setHitCount(e.target.value)}
            aria-invalid={hitInvalid}
            data-testid="bp-hit-count"
          />
          {hitInvalid && <span className="field-hint error-text">A count from 1, optionally after ==, &gt;= or %.</span>}
        </label>
        <div className="bp-editor-buttons">
          {breakpoint && (
            <button type="button" className="btn small" onClick={onRemove} data-testid="bp-remove">
              Remove
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="btn small" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn small primary" disabled={hitInvalid} data-testid="bp-save">
            Save
          </button>
        </div>
      </form>
    </>
  )
}
