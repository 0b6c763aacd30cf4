import { useRef, useState, type KeyboardEvent } from 'react'
import type { Evaluation } from './debuggerStore'
import { VariableRow, type VariableTreeContext } from './VariableTree'

export interface EvaluatePaneProps {
  evaluations: readonly Evaluation[]
  /** Where an expression typed now runs: the selected frame's function, or "global". */
  scope: string
  disabled: boolean
  ctx: VariableTreeContext
  onEvaluate(expression: string): void
  onClear(): void
}

/** An expression box for the paused frame (the global scope while running), with its answers above it. Up/Down recall. */
export function EvaluatePane(props: EvaluatePaneProps) {
  const [text, setText] = useState('')
  // Where Up/Down is in the history of expressions; null: editing a new one.
  const recall = useRef<number | null>(null)

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const history = props.evaluations.map((x) => x.expression)
    if (e.key === 'Enter' && text.trim()) {
      e.preventDefault()
      props.onEvaluate(text)
      setText('')
      recall.current = null
    } else if (e.key === 'ArrowUp' && history.length > 0) {
      e.preventDefault()
      const at = recall.current === null ? history.length - 1 : Math.max(0, recall.current - 1)
      recall.current = at
      setText(history[at])
    } else if (e.key === 'ArrowDown' && recall.current !== null) {
      e.preventDefault()
      const at = recall.current + 1
      recall.current = at < history.length ? at : null
      setText(at < history.length ? history[at] : '')
    }
  }

  return (
    <div className="evaluate" data-testid="evaluate">
      {props.evaluations.length > 0 && (
        <ol className="evaluations">
          {props.evaluations.map((ev) => (
            <li key={ev.id} className="evaluation" data-testid="evaluation">
              <div className="evaluation-expr">
                <span className="prompt">›</span>
                <span className="evaluation-text" title={ev.expression}>
                  {ev.expression}
                </span>
                <span className="evaluation-scope muted">{ev.scope}</span>
              </div>
              <div className={ev.result?.threw || ev.status === 'error' ? 'evaluation-result threw' : 'evaluation-result'} data-testid="evaluation-result">
                {ev.status === 'running' && <span className="muted">Evaluating…</span>}
                {ev.status === 'error' && <span className="prop-error">{ev.message}</span>}
                {ev.status === 'done' && ev.result && (
                  <VariableRow
                    name={ev.result.threw ? 'Uncaught' : ev.expression}
                    showName={ev.result.threw}
                    value={ev.result.value}
                    path={`eval:${ev.id}`}
                    depth={0}
                    ctx={props.ctx}
                    nameClass="evaluation-label"
                  />
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="evaluate-input-row">
        <input
          className="input mono"
          placeholder={props.disabled ? 'Nothing to evaluate in a recording' : `Evaluate in ${props.scope} (Enter)`}
          value={text}
          disabled={props.disabled}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value)
            recall.current = null
          }}
          onKeyDown={onKeyDown}
          data-testid="evaluate-input"
        />
        {props.evaluations.length > 0 && (
          <button type="button" className="link-btn" onClick={props.onClear}>
            Clear
          </button>
        )}
      </div>
    </div>
  )
}
