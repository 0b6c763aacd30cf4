import type { StackFrame } from '../../../shared/consoleTypes'
import { frameOrigin } from '../../../shared/frameOrigin'
import { displayPath } from './errorFormat'

/** A stack with the program's own frames emphasised and node_modules / Node internals dimmed. */
export function ErrorStack({ frames, cwd }: { frames: readonly StackFrame[]; cwd: string | null }) {
  if (frames.length === 0) return <div className="muted detail-none">No stack was captured for this error.</div>
  return (
    <ol className="error-stack" data-testid="error-stack">
      {frames.map((f, i) => {
        const origin = frameOrigin(f.url)
        return (
          <li key={i} className={`error-frame-row origin-${origin}`} data-testid="error-stack-frame" data-origin={origin}>
            <span className="fn">{f.functionName || '(anonymous)'}</span>
            {f.url && (
              <span className="loc" title={`${f.url}:${f.line}:${f.column}`}>
                {displayPath(f.url, cwd)}:{f.line}:{f.column}
              </span>
            )}
            {origin === 'dependency' && <span className="origin-tag">dependency</span>}
            {origin === 'node' && <span className="origin-tag">node</span>}
          </li>
        )
      })}
    </ol>
  )
}
