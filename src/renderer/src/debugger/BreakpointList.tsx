import { useState, type FormEvent } from 'react'
import type { Breakpoint } from '../../../shared/debuggerTypes'
import { breakpointKind, describeHitCondition } from './debuggerFacts'
import { basename } from '../console/format'

export interface BreakpointListProps {
  breakpoints: readonly Breakpoint[]
  readOnly: boolean
  onOpen(bp: Breakpoint): void
  onEnable(id: string, enabled: boolean): void
  onRemove(id: string): void
  onRemoveAll(): void
  onAddFunction(name: string): void
}

/** Where a breakpoint is, as the list shows it: `demo.mjs:42` (the bound line when it moved) or `name()`. */
export function breakpointPlace(bp: Breakpoint): string {
  if (bp.kind === 'function') return `${bp.functionName ?? '?'}()`
  const line = bp.locations.find((l) => l.location.url === bp.url)?.location.line ?? bp.line
  return `${basename(bp.url ?? '')}:${line ?? '?'}`
}

function details(bp: Breakpoint): string[] {
  const parts: string[] = []
  if (bp.condition !== null) parts.push(`if ${bp.condition}`)
  if (bp.hitCondition !== null) parts.push(describeHitCondition(bp.hitCondition))
  if (bp.logMessage !== null) parts.push(`logs ${bp.logMessage}`)
  return parts
}

const stateTitles: Record<Breakpoint['state'], string> = {
  bound: 'Bound to code',
  pending: 'Waiting for its file to load',
  disabled: 'Disabled',
  error: 'Cannot bind'
}

/** Every breakpoint of the process: enable, disable, remove; add one on a function by name. */
export function BreakpointList(props: BreakpointListProps) {
  const [name, setName] = useState('')
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!name.trim()) return
    props.onAddFunction(name)
    setName('')
  }
  return (
    <div className="breakpoints" data-testid="breakpoint-list">
      {props.breakpoints.length === 0 && (
        <div className="debug-none muted">{props.readOnly ? 'No breakpoints were set.' : 'Click a line number to add a breakpoint.'}</div>
      )}
      <ul className="breakpoint-rows">
        {props.breakpoints.map((bp) => {
          const kind = breakpointKind(bp)
          const extra = details(bp)
          return (
            <li key={bp.id} className={`breakpoint-row state-${bp.state}`} data-testid="breakpoint-row" data-state={bp.state} data-kind={bp.kind}>
              <input
                type="checkbox"
                checked={bp.enabled}
                disabled={props.readOnly}
                onChange={(e) => props.onEnable(bp.id, e.target.checked)}
                aria-label={`${bp.enabled ? 'Disable' : 'Enable'} ${breakpointPlace(bp)}`}
                data-testid="breakpoint-enabled"
              />
              <span className={`bp-swatch bp-swatch-${kind}`} title={stateTitles[bp.state]} />
              <button type="button" className="breakpoint-place" onClick={() => props.onOpen(bp)} disabled={bp.kind === 'function' && bp.locations.length === 0} data-testid="breakpoint-place">
                {breakpointPlace(bp)}
              </button>
              {bp.hits > 0 && (
                <span className="count-tag" title="Times it paused or logged" data-testid="breakpoint-hits">
                  {bp.hits.toLocaleString('en-US')} {bp.hits === 1 ? 'hit' : 'hits'}
                </span>
              )}
              {!props.readOnly && (
                <button type="button" className="icon-btn bp-remove" title="Remove" aria-label={`Remove ${breakpointPlace(bp)}`} onClick={() => props.onRemove(bp.id)} data-testid="breakpoint-remove">
                  ×
                </button>
              )}
              {extra.length > 0 && <div className="breakpoint-detail">{extra.join(' · ')}</div>}
              {bp.message && (
                <div className={bp.state === 'error' ? 'breakpoint-detail bp-message error' : 'breakpoint-detail bp-message'} data-testid="breakpoint-message">
                  {bp.message}
                </div>
              )}
            </li>
          )
        })}
      </ul>
      {!props.readOnly && (
        <div className="breakpoint-actions">
          <form className="function-bp-form" onSubmit={submit}>
            <input
              className="input"
              placeholder="Break on function: name or Class.prototype.name"
              value={name}
              spellCheck={false}
              onChange={(e) => setName(e.target.value)}
              data-testid="function-breakpoint-input"
            />
            <button type="submit" className="btn small" disabled={!name.trim()} data-testid="function-breakpoint-add">
              Add
            </button>
          </form>
          {props.breakpoints.length > 1 && (
            <button type="button" className="link-btn" onClick={props.onRemoveAll} data-testid="breakpoints-remove-all">
              Remove all
            </button>
          )}
        </div>
      )}
    </div>
  )
}
