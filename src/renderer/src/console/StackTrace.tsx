import type { StackFrame } from '../../../shared/consoleTypes'
import { formatLocation } from './format'

/** `cut` says how much of a deeper stack storage kept ("20 of 35 frames"). */
export function StackTrace({ frames, cut }: { frames: readonly StackFrame[]; cut?: string | null }) {
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
      {cut && (
        <div className="stack-cut" title="Deep stacks are shortened in storage: the innermost frames are kept" data-testid="trimmed-stack">
          … {cut} kept; the outermost were cut in storage
        </div>
      )}
    </div>
  )
}
