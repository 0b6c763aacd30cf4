import { memo } from 'react'
import type { ErrorGroupSummary } from '../../../shared/errorTypes'
import { formatCount } from '../console/format'
import { absoluteTime, relativeTime, shortFrame } from './errorFormat'
import { CategoryChip, SeverityChip } from './ErrorChips'
import { Sparkline } from './Sparkline'

export interface ErrorGroupRowProps {
  group: ErrorGroupSummary
  selected: boolean
  now: number
  /** The target's working directory: frames under it are shown relative to it. */
  cwd: string | null
  /** Buckets of the process's shared timeline, for the sparkline. */
  buckets: number
  onSelect(fingerprint: string): void
}

/** One group: severity, type and message, where it is thrown, category, count, rate, when. */
export const ErrorGroupRow = memo(function ErrorGroupRow({ group, selected, now, cwd, buckets, onSelect }: ErrorGroupRowProps) {
  const frame = group.topFrame ? shortFrame(group.topFrame, cwd) : null
  return (
    <div
      role="option"
      aria-selected={selected}
      className={`error-row sev-${group.severity}${selected ? ' selected' : ''}`}
      onClick={() => onSelect(group.fingerprint)}
      data-testid="error-group"
      data-fingerprint={group.fingerprint}
      data-category={group.category}
      data-severity={group.severity}
      data-count={group.count}
      data-last-seen={group.lastSeen}
      title={group.hint}
    >
      <span className="error-cell-sev">
        <SeverityChip severity={group.severity} />
      </span>
      <span className="error-cell-main">
        <span className="error-headline">
          <span className="error-type" data-testid="error-type">
            {group.type}
          </span>
          {group.code && <span className="error-code">{group.code}</span>}
          <span className="error-message" data-testid="error-message">
            {group.message}
          </span>
        </span>
        <span className="error-subline">
          {group.patternId && <span className="error-title">{group.title}</span>}
          {frame && (
            <span className="error-frame" title={group.topFrame ? `${group.topFrame.url}:${group.topFrame.line}:${group.topFrame.column}` : undefined} data-testid="error-top-frame">
              at {frame}
            </span>
          )}
        </span>
      </span>
      <span className="error-cell-cat">
        <CategoryChip category={group.category} />
      </span>
      <span className="error-cell-count" data-testid="error-count">
        {formatCount(group.count)}
      </span>
      <span className="error-cell-rate">
        <Sparkline rate={group.rate} buckets={buckets} />
      </span>
      <span className="error-cell-seen">
        <span title={`Last seen ${absoluteTime(group.lastSeen)}`} data-testid="error-last-seen">
          {relativeTime(group.lastSeen, now)}
        </span>
        <span className="muted" title={`First seen ${absoluteTime(group.firstSeen)}`}>
          first {relativeTime(group.firstSeen, now)}
        </span>
      </span>
    </div>
  )
})
