import type { RecoverableSession } from '../../../shared/sessionTypes'
import type { SessionAction } from './sessionsStore'
import { formatWhen } from './sessionFacts'
import { formatCount } from '../console/format'

export interface RecoveryBannerProps {
  items: RecoverableSession[]
  now: number
  pending: Record<string, SessionAction>
  onRecover(id: string): void
  onDiscard(id: string): void
}

/** Recordings that crashed or were never saved, offered once per start until recovered or discarded. */
export function RecoveryBanner({ items, now, pending, onRecover, onDiscard }: RecoveryBannerProps) {
  if (items.length === 0) return null
  return (
    <div className="recovery-banner" role="status" data-testid="recovery-banner">
      {items.map((r) => (
        <div key={r.id} className="recovery-item" data-testid="recoverable-session">
          <span className="recovery-text" title={r.finished ? 'The recording stopped but was never saved' : 'The recording ended without stopping (a crash?)'}>
            Unsaved session from {formatWhen(r.startedAt, now)} — <strong>{r.title}</strong>, {formatCount(r.events)} events
          </span>
          <button type="button" className="btn small primary" disabled={pending[r.id] !== undefined} onClick={() => onRecover(r.id)} data-testid="recover-session">
            {pending[r.id] === 'recover' ? 'Recovering…' : 'Recover'}
          </button>
          <button type="button" className="btn small" disabled={pending[r.id] !== undefined} onClick={() => onDiscard(r.id)} data-testid="discard-session">
            Discard
          </button>
        </div>
      ))}
    </div>
  )
}
