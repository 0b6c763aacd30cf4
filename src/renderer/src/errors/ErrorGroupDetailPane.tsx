import { useState } from 'react'
import type { ErrorGroupDetail } from '../../../shared/errorTypes'
import { formatCount, formatTime } from '../console/format'
import { absoluteTime, docsLabel, relativeTime, sourceLabel } from './errorFormat'
import { CategoryChip, SeverityChip } from './ErrorChips'
import { ErrorStack } from './ErrorStack'

export interface ErrorGroupDetailPaneProps {
  detail: ErrorGroupDetail | null
  error: string | null
  now: number
  cwd: string | null
  /** A thread's name for a target id of the process ("main", "worker image-resizer"). */
  threadName(targetId: string): string
  onClose(): void
}

/** Messages shown before "show all" would be needed; the engine keeps at most 50 distinct ones. */
const shownMessages = 8

/** The selected group: what it is and what to do (hint, docs), how often, the latest stack, samples, messages. */
export function ErrorGroupDetailPane({ detail, error, now, cwd, threadName, onClose }: ErrorGroupDetailPaneProps) {
  const [allMessages, setAllMessages] = useState(false)
  if (!detail) {
    return (
      <aside className="error-detail" data-testid="error-detail">
        <div className="error-detail-head">
          <span className="muted">{error ? '' : 'Loading…'}</span>
          <CloseButton onClose={onClose} />
        </div>
        {error && <div className="inline-error slim">Could not load the group: {error}</div>}
      </aside>
    )
  }
  const latest = detail.samples.reduce<ErrorGroupDetail['samples'][number] | undefined>((a, b) => (!a || b.time >= a.time ? b : a), undefined)
  const messages = allMessages ? detail.messages : detail.messages.slice(0, shownMessages)
  const moreMessages = detail.messages.length - messages.length
  return (
    <aside className="error-detail" data-testid="error-detail" data-fingerprint={detail.fingerprint}>
      <div className="error-detail-head">
        <SeverityChip severity={detail.severity} />
        <CategoryChip category={detail.category} />
        <h2 className="error-detail-title" data-testid="error-detail-title">
          {detail.title}
        </h2>
        <CloseButton onClose={onClose} />
      </div>
      <div className="error-detail-body">
        <div className="error-detail-headline">
          <span className="error-type">{detail.type}</span>
          {detail.code && <span className="error-code">{detail.code}</span>}
          <span className="error-detail-message">{detail.message}</span>
        </div>
        {error && <div className="inline-error slim">Could not refresh the group: {error}</div>}

        <div className="error-hint" data-testid="error-hint">
          <span className="error-hint-label">What to do</span>
          <p>{detail.hint}</p>
          {detail.docs && (
            // A new tab in the browser; the desktop shell never lets the window itself navigate.
            <a className="error-docs" href={detail.docs} target="_blank" rel="noopener noreferrer" title={detail.docs} data-testid="error-docs">
              {docsLabel(detail.docs)} ↗
            </a>
          )}
        </div>

        <dl className="error-facts">
          <div>
            <dt>Count</dt>
            <dd data-testid="error-detail-count">{formatCount(detail.count)}</dd>
          </div>
          <div>
            <dt>First seen</dt>
            <dd title={absoluteTime(detail.firstSeen)}>{relativeTime(detail.firstSeen, now)}</dd>
          </div>
          <div>
            <dt>Last seen</dt>
            <dd title={absoluteTime(detail.lastSeen)}>{relativeTime(detail.lastSeen, now)}</dd>
          </div>
          <div>
            <dt>Via</dt>
            <dd>{detail.sources.map(sourceLabel).join(', ')}</dd>
          </div>
          <div>
            <dt>Threads</dt>
            <dd>{detail.targetIds.map(threadName).join(', ')}</dd>
          </div>
        </dl>

        <section>
          <h3>
            Stack <span className="muted">of the latest sample{detail.originalStack ? ', mapped to its sources' : ''}</span>
          </h3>
          <ErrorStack frames={detail.originalStack ?? latest?.stack ?? []} cwd={cwd} />
          {detail.originalStack && (
            <details className="generated-stack">
              <summary className="muted">As the target ran it (compiled code)</summary>
              <ErrorStack frames={latest?.stack ?? []} cwd={cwd} />
            </details>
          )}
        </section>

        <section>
          <h3>
            Samples <span className="muted">· the first and the latest</span>
          </h3>
          <ol className="error-samples" data-testid="error-samples">
            {detail.samples.map((sample) => (
              <li key={`${sample.targetId}:${sample.seq}`} className="error-sample" data-testid="error-sample">
                <div className="error-sample-meta">
                  <span title={absoluteTime(sample.time)}>{formatTime(sample.time)}</span>
                  <span className={`source-badge badge-${sample.source}`}>{sourceLabel(sample.source)}</span>
                  <span className="muted">{threadName(sample.targetId)}</span>
                </div>
                <pre className="error-sample-text">{sample.text}</pre>
              </li>
            ))}
          </ol>
        </section>

        <section>
          <h3>
            Messages <span className="muted">· {formatCount(detail.messages.length)} distinct</span>
          </h3>
          <ul className="error-messages" data-testid="error-messages">
            {messages.map((m) => (
              <li key={m.message}>
                <span className="error-message-count">{formatCount(m.count)}×</span>
                <span className="error-message-text">{m.message}</span>
              </li>
            ))}
          </ul>
          {(moreMessages > 0 || detail.otherMessages > 0) && (
            <div className="muted error-more" data-testid="error-more-messages">
              {moreMessages > 0 && (
                <button type="button" className="link-btn" onClick={() => setAllMessages(true)} data-testid="error-show-all-messages">
                  {formatCount(moreMessages)} more distinct {moreMessages === 1 ? 'message' : 'messages'}
                </button>
              )}
              {moreMessages > 0 && detail.otherMessages > 0 && ' · '}
              {detail.otherMessages > 0 && `${formatCount(detail.otherMessages)} more ${detail.otherMessages === 1 ? 'occurrence' : 'occurrences'} with messages not kept`}
            </div>
          )}
        </section>

        <div className="error-basis muted" title={`Fingerprint ${detail.fingerprint}`}>
          Grouped by <code>{detail.basis}</code>
        </div>
      </div>
    </aside>
  )
}

function CloseButton({ onClose }: { onClose(): void }) {
  return (
    <button type="button" className="icon-btn" aria-label="Close the detail" title="Close (Esc)" onClick={onClose} data-testid="error-detail-close">
      ×
    </button>
  )
}
