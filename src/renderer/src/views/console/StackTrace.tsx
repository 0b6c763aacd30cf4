import type { StackFrame } from '../../../../shared/consoleTypes'
import { formatLocation } from './format'

export function StackTrace({ frames }: { frames: readonly StackFrame[] }) {
  return (
    <div className="stack" data-testid="stack-trace">
      {frames.map((f, i) => (
        <div key={i} className="stack-frame" data-testid="stack-frame">
          <span className="muted">at </span>
          <span className="fn">{f.functionName || '(anonymous)'}</span>
          {f.url && (
            <span className="stack-loc" title={`${f.url}:${f.line}:${f.column}`}>
              {' '}
              ({formatLocation(f)})
            </span>
          )}
        </div>
      ))}
    </div>
  )
}
