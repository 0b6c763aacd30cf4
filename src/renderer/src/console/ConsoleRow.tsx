import { memo } from 'react'
import type { ConsoleEvent } from '../../../shared/consoleTypes'
import { Caret, LevelIcon } from '../components/icons'
import { formatLocation, formatTime, messageParts, repeatBadge, repeatTitle, trimmedNotes } from './format'
import { rowKey, type RowContext } from './rowContext'
import { StackTrace } from './StackTrace'
import { InlineValue, PropertyTree, ValueText } from './ValueView'

const badges: Partial<Record<ConsoleEvent['source'], string>> = { stdout: 'stdout', stderr: 'stderr', exception: 'exception', spyglass: 'spyglass' }

/** Console methods whose level already says everything; others (trace, table, assert, dir…) get a tag. */
const plainMethods = new Set(['log', 'debug', 'info', 'error', 'warn', 'warning'])

export interface ConsoleRowProps {
  event: ConsoleEvent
  ctx: RowContext
}

function Message({ event, ctx, key0 }: { event: ConsoleEvent; ctx: RowContext; key0: string }) {
  // Exceptions and stdio carry their whole message in `text`; console calls carry arguments.
  if (!event.args || event.args.length === 0 || event.source !== 'console') return <span className="plain">{event.text}</span>
  return (
    <>
      {messageParts(event.args).map((part, i) =>
        part.kind === 'text' ? (
          <span key={i} className="plain">
            {part.text}
          </span>
        ) : part.value.type === 'string' ? (
          <span key={i} className="plain">
            {part.value.text}
          </span>
        ) : (
          <InlineValue key={i} value={part.value} expandKey={`${key0}:a${part.index}`} ctx={ctx} />
        )
      )}
    </>
  )
}

/**
 * One console event: time, level, source, how many times it repeated, message (objects
 * expandable), what storage cut from it, location, stack.
 */
export const ConsoleRow = memo(function ConsoleRow({ event, ctx }: ConsoleRowProps) {
  const key0 = rowKey(ctx.targetId, event.seq)
  const stackKey = `${key0}:stack`
  const hasStack = Boolean(event.stack && event.stack.length > 0)
  const stackOpen = hasStack && Boolean(ctx.expanded[stackKey])
  const openArgs = (event.args ?? []).map((value, index) => ({ value, index })).filter(({ value, index }) => value.objectId && ctx.expanded[`${key0}:a${index}`])
  const badge = badges[event.source]
  // With one expandable argument the tree obviously belongs to it; with several, each is titled.
  const titled = (event.args ?? []).filter((a) => a.objectId).length > 1
  const repeat = repeatBadge(event)
  const cut = trimmedNotes(event)

  return (
    <div className={`row level-${event.level} source-${event.source}`} data-testid="console-row" data-level={event.level} data-source={event.source} data-seq={event.seq}>
      <span className="row-time">{formatTime(event.time)}</span>
      <span className="row-icon" title={event.level}>
        <LevelIcon level={event.level} />
      </span>
      <div className="row-main">
        <div className="row-line">
          {hasStack && (
            <button
              type="button"
              className="stack-toggle"
              aria-expanded={stackOpen}
              aria-label={stackOpen ? 'Hide stack trace' : 'Show stack trace'}
              onClick={() => ctx.onToggle(stackKey)}
              data-testid="stack-toggle"
            >
              <Caret open={stackOpen} />
            </button>
          )}
          {badge && <span className={`source-badge badge-${event.source}`}>{badge}</span>}
          {event.method && !plainMethods.has(event.method) && event.source === 'console' && <span className="method-tag">{event.method}</span>}
          {repeat && (
            <span className="repeat-badge" title={repeatTitle(event)} data-testid="repeat-badge">
              {repeat}
            </span>
          )}
          <span className="row-msg" data-testid="console-message">
            <Message event={event} ctx={ctx} key0={key0} />
          </span>
          {cut.text && (
            <span className="cut-tag" title="Long messages are shortened in storage; this is how long it was" data-testid="trimmed-text">
              {cut.text}
            </span>
          )}
        </div>
        {openArgs.map(({ value, index }) => (
          <div key={index} className="row-tree">
            {titled && (
              <div className="row-tree-title">
                <ValueText value={value} />
              </div>
            )}
            <PropertyTree objectId={value.objectId!} keyPrefix={`${key0}:a${index}`} ctx={ctx} depth={0} />
          </div>
        ))}
        {stackOpen && <StackTrace frames={event.stack!} cut={cut.stack} />}
      </div>
      {event.location && event.location.url && (
        <span className="row-loc" title={`${event.location.url}:${event.location.line}:${event.location.column}`} data-testid="console-location">
          {formatLocation(event.location)}
        </span>
      )}
    </div>
  )
})
