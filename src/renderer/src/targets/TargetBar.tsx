import type { ReactNode } from 'react'
import type { TargetInfo } from '../../../shared/targetTypes'
import { isEnded, stateLabel, type TargetRow } from './targetOrder'
import { SpyglassLogo } from '../components/icons'
import { TargetSelector } from './TargetSelector'

export function StateBadge({ target }: { target: TargetInfo }) {
  return (
    <span className={`state-badge state-${target.state}`} data-testid="target-state">
      <span className="dot" />
      {stateLabel(target)}
    </span>
  )
}

export interface TargetBarProps {
  rows: TargetRow[]
  selected: TargetInfo | null
  menuOpen: boolean
  busy: 'launch' | 'detach' | 'remove' | null
  modKey: string
  onMenu(open: boolean): void
  onSelect(id: string): void
  onAttach(): void
  onDetach(id: string): void
  onRemove(id: string): void
  /** Record / Stop / Save for the selected target. */
  recordControls?: ReactNode
  /** Open session… and the recent sessions. */
  openControl?: ReactNode
}

export function TargetBar(props: TargetBarProps) {
  const t = props.selected
  return (
    <header className="target-bar" data-testid="target-bar">
      <div className="brand">
        <SpyglassLogo />
        <span>Spyglass</span>
      </div>
      <TargetSelector rows={props.rows} selectedId={t?.id ?? null} open={props.menuOpen} onOpen={props.onMenu} onSelect={props.onSelect} />
      {t && (
        <div className="target-facts">
          <StateBadge target={t} />
          {t.pid !== null && (
            <span className="fact" data-testid="target-pid">
              <span className="fact-label">PID</span> {t.pid}
            </span>
          )}
          <span className="fact command mono" title={t.command} data-testid="target-command">
            {t.command}
          </span>
          {t.lastError && (
            <span className="fact target-error" title={t.lastError} data-testid="target-last-error">
              {t.lastError}
            </span>
          )}
        </div>
      )}
      {props.recordControls}
      <div className="target-actions">
        {props.openControl}
        <button type="button" className="btn" onClick={props.onAttach} title={`Attach to a process (${props.modKey}+K)`} data-testid="open-attach">
          Attach…
        </button>
        {t && !isEnded(t.state) && t.state !== 'recorded' && (
          <button type="button" className="btn" disabled={props.busy === 'detach'} onClick={() => props.onDetach(t.id)} data-testid="detach">
            Detach
          </button>
        )}
        {t && isEnded(t.state) && (
          <button type="button" className="btn" disabled={props.busy === 'remove'} onClick={() => props.onRemove(t.id)} data-testid="remove-target">
            Remove
          </button>
        )}
      </div>
    </header>
  )
}
