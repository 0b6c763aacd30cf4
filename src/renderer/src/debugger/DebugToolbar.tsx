import type { PauseOnExceptionsMode } from '../../../shared/debuggerTypes'
import { PauseIcon, ResumeIcon, StepIntoIcon, StepOutIcon, StepOverIcon } from './DebugIcons'

export interface DebugToolbarProps {
  paused: boolean
  /** Attached and not a recording: the target can be driven. */
  live: boolean
  exceptions: PauseOnExceptionsMode
  debuggerStatements: boolean
  onResume(): void
  onPause(): void
  onStep(action: 'over' | 'into' | 'out'): void
  onExceptions(mode: PauseOnExceptionsMode): void
  onDebuggerStatements(on: boolean): void
}

const modes: { mode: PauseOnExceptionsMode; label: string; title: string }[] = [
  { mode: 'none', label: 'None', title: 'Never pause on exceptions' },
  { mode: 'uncaught', label: 'Uncaught', title: 'Pause on exceptions nothing catches' },
  { mode: 'all', label: 'All', title: 'Pause on every exception, caught or not' }
]

/** Resume/pause, the three steps (with the keys users know), and when to pause on exceptions. */
export function DebugToolbar(props: DebugToolbarProps) {
  const stepDisabled = !props.live || !props.paused
  return (
    <div className="debug-toolbar" data-testid="debug-toolbar">
      <div className="debug-buttons">
        {props.paused ? (
          <button type="button" className="debug-btn resume" title="Resume (F8)" disabled={!props.live} onClick={props.onResume} data-testid="debug-resume">
            <ResumeIcon />
          </button>
        ) : (
          <button type="button" className="debug-btn" title="Pause (F8)" disabled={!props.live} onClick={props.onPause} data-testid="debug-pause">
            <PauseIcon />
          </button>
        )}
        <button type="button" className="debug-btn" title="Step over (F10)" disabled={stepDisabled} onClick={() => props.onStep('over')} data-testid="debug-step-over">
          <StepOverIcon />
        </button>
        <button type="button" className="debug-btn" title="Step into (F11)" disabled={stepDisabled} onClick={() => props.onStep('into')} data-testid="debug-step-into">
          <StepIntoIcon />
        </button>
        <button type="button" className="debug-btn" title="Step out (Shift+F11)" disabled={stepDisabled} onClick={() => props.onStep('out')} data-testid="debug-step-out">
          <StepOutIcon />
        </button>
      </div>
      <div className="debug-exceptions" role="group" aria-label="Pause on exceptions">
        <span className="debug-exceptions-label">Pause on exceptions</span>
        <div className="segmented">
          {modes.map((m) => (
            <button
              key={m.mode}
              type="button"
              className={props.exceptions === m.mode ? 'segment on' : 'segment'}
              aria-pressed={props.exceptions === m.mode}
              title={m.title}
              disabled={!props.live}
              onClick={() => props.onExceptions(m.mode)}
              data-testid={`pause-exceptions-${m.mode}`}
            >
              {m.label}
            </button>
          ))}
        </div>
      </div>
      <label className="debug-statements" title="Stop where the code says debugger; (off: a recording never hangs on one)">
        <input
          type="checkbox"
          checked={props.debuggerStatements}
          disabled={!props.live}
          onChange={(e) => props.onDebuggerStatements(e.target.checked)}
          data-testid="pause-debugger-statements"
        />
        Pause on <code>debugger;</code> statements
      </label>
    </div>
  )
}
