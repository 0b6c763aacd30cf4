import type { ConnectionState } from '../api/clientTypes'

export function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state === 'connected') return null
  return (
    <div className={`banner banner-${state}`} role="status" data-testid="connection-banner">
      {state === 'connecting' ? 'Connecting to the workbench…' : 'Disconnected — reconnecting…'}
    </div>
  )
}

export interface ErrorItem {
  id: string
  message: string
  onDismiss(): void
}

/** Failed actions (detach, clear, settings), one line each, until dismissed. */
export function ErrorBar({ errors }: { errors: ErrorItem[] }) {
  if (errors.length === 0) return null
  return (
    <div className="error-bar" role="alert" data-testid="error-bar">
      {errors.map((e) => (
        <div key={e.id} className="error-bar-item">
          <span className="error-bar-text" title={e.message}>
            {e.message}
          </span>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={e.onDismiss}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
