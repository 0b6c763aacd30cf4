import { useEffect, useRef } from 'react'
import { consoleLevels, type ConsoleLevel, type ConsoleStats } from '../../../shared/consoleTypes'
import { LevelIcon } from '../components/icons'
import { budgetPresetsMiB, samplingHint, type StorageDraft, type StorageField } from './consoleStorage'
import { formatBytes } from '../../../shared/formatBytes'

export interface StoragePopoverProps {
  draft: StorageDraft
  invalid: StorageField | null
  error: string | null
  saving: boolean
  /** False until settings were read: nothing to apply to yet. */
  ready: boolean
  /** This target's store, for "uses X of Y". */
  stats: ConsoleStats | undefined
  onBudget(text: string): void
  onSampling(level: ConsoleLevel, text: string): void
  onApply(): void
  onClose(): void
}

const presetLabel = (mib: number): string => (mib >= 1024 ? `${mib / 1024} GiB` : `${mib} MiB`)

/** The console's storage settings, dropped down from the toolbar's gear button. */
export function StoragePopover(props: StoragePopoverProps) {
  const firstRef = useRef<HTMLInputElement>(null)
  // Focus inside, so that Escape (handled here) closes it and Enter applies.
  useEffect(() => firstRef.current?.select(), [])

  return (
    <>
      <div className="popover-backdrop" onClick={props.onClose} />
      <form
        className="storage-popover"
        role="dialog"
        aria-label="Console storage"
        data-testid="storage-popover"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          props.onApply()
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return
          e.stopPropagation()
          e.nativeEvent.stopImmediatePropagation()
          props.onClose()
        }}
      >
        <div className="storage-title">Console storage</div>

        <label className="storage-label" htmlFor="storage-budget">
          Budget of each target&apos;s store
        </label>
        <div className="storage-budget">
          <input
            ref={firstRef}
            id="storage-budget"
            className="input storage-number"
            inputMode="numeric"
            value={props.draft.budgetMiB}
            aria-invalid={props.invalid === 'budget'}
            onChange={(e) => props.onBudget(e.target.value)}
            data-testid="storage-budget"
          />
          <span className="storage-unit">MiB</span>
          <div className="storage-presets" role="group" aria-label="Budget presets">
            {budgetPresetsMiB.map((mib) => (
              <button
                key={mib}
                type="button"
                className={props.draft.budgetMiB.trim() === String(mib) ? 'btn small preset on' : 'btn small preset'}
                aria-pressed={props.draft.budgetMiB.trim() === String(mib)}
                onClick={() => props.onBudget(String(mib))}
                data-testid={`storage-preset-${mib}`}
              >
                {presetLabel(mib)}
              </button>
            ))}
          </div>
        </div>
        <p className="storage-note">
          When a store is full its oldest events are dropped.
          {props.stats && Number.isFinite(props.stats.budgetBytes) && props.stats.budgetBytes > 0 && (
            <>
              {' '}
              This target uses <b data-testid="storage-used">{formatBytes(props.stats.storedBytes)}</b> of {formatBytes(props.stats.budgetBytes)}.
            </>
          )}
        </p>

        <div className="storage-label">Share of each level kept</div>
        <div className="storage-levels">
          {consoleLevels.map((level) => (
            <div key={level} className="storage-level">
              <label className="storage-level-name" htmlFor={`storage-${level}`}>
                <LevelIcon level={level} />
                {level}
              </label>
              <input
                id={`storage-${level}`}
                className="input storage-number"
                inputMode="decimal"
                value={props.draft.sampling[level]}
                aria-invalid={props.invalid === level}
                onChange={(e) => props.onSampling(level, e.target.value)}
                data-testid={`storage-sampling-${level}`}
              />
              <span className="storage-unit">%</span>
              <span className="storage-hint">{samplingHint(props.draft.sampling[level])}</span>
            </div>
          ))}
        </div>
        <p className="storage-note">
          For targets that log more than is useful to keep: 10% stores one event in ten, evenly spread, and counts the rest as sampled out. Errors and
          warnings are kept whole by default.
        </p>

        {props.error && (
          <div className="inline-error storage-error" title={props.error} data-testid="storage-error">
            {props.error}
          </div>
        )}
        <div className="storage-buttons">
          <button type="button" className="btn small" onClick={props.onClose} data-testid="storage-cancel">
            Cancel
          </button>
          <button type="submit" className="btn small primary" disabled={props.saving || !props.ready} data-testid="storage-apply">
            {props.saving ? 'Saving…' : 'Apply'}
          </button>
        </div>
      </form>
    </>
  )
}

/** A gear, for the toolbar button that opens the popover. */
export function GearIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden className="gear-icon">
      <path
        d="M6.8 1.5h2.4l.4 1.9 1.2.6 1.7-1 1.7 1.7-1 1.7.6 1.2 1.9.4v2.4l-1.9.4-.6 1.2 1 1.7-1.7 1.7-1.7-1-1.2.6-.4 1.9H6.8l-.4-1.9-1.2-.6-1.7 1-1.7-1.7 1-1.7-.6-1.2-1.9-.4V6.8l1.9-.4.6-1.2-1-1.7 1.7-1.7 1.7 1 1.2-.6z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.2"
        strokeLinejoin="round"
      />
      <circle cx="8" cy="8" r="2.2" fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  )
}
