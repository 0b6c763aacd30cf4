import type { DebugCallFrame } from '../../../shared/debuggerTypes'
import { basename } from '../console/format'

export interface CallStackProps {
  frames: readonly DebugCallFrame[]
  selected: number
  onSelect(index: number): void
}

/** The paused call stack, sync frames first, then each async segment under its boundary ("await", "setTimeout"…). */
export function CallStack({ frames, selected, onSelect }: CallStackProps) {
  if (frames.length === 0) return <div className="debug-none muted">No frames.</div>
  return (
    <ol className="call-stack" data-testid="call-stack">
      {frames.map((frame, i) => (
        <li key={i} className="call-frame-item">
          {frame.asyncBoundary !== null && (
            <div className="async-boundary" data-testid="async-boundary">
              {frame.asyncBoundary}
            </div>
          )}
          <button
            type="button"
            className={['call-frame', i === selected ? 'selected' : '', frame.callFrameId === null ? 'async' : ''].filter(Boolean).join(' ')}
            aria-current={i === selected ? 'true' : undefined}
            title={`${frame.location.url}:${frame.location.line}:${frame.location.column}`}
            onClick={() => onSelect(i)}
            data-testid="call-frame"
          >
            <span className="call-frame-fn">{frame.functionName || '(anonymous)'}</span>
            <span className="call-frame-loc">
              {basename(frame.location.url) || `script ${frame.scriptId}`}:{frame.location.line}
            </span>
          </button>
        </li>
      ))}
    </ol>
  )
}
