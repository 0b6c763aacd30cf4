import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { ConsoleEvent } from '../../../shared/consoleTypes'
import { ConsoleRow } from './ConsoleRow'
import type { RowContext } from './rowContext'

export interface ConsoleListProps {
  events: readonly ConsoleEvent[]
  /** Changes whenever `events` was mutated in place. */
  version: number
  ctx: RowContext
  empty: string
}

/** How close to the bottom (px) still counts as "at the bottom" for auto-scroll. */
const stickyPx = 24
/** A one-line row: 17px line + 2×2px padding + 1px border (console.css); measured rows replace it. */
const rowHeight = 22

/** The virtualized list: only visible rows exist, each measured after render (expanded rows grow). */
export function ConsoleList({ events, version, ctx, empty }: ConsoleListProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const followRef = useRef(true)
  const [follow, setFollow] = useState(true)
  const count = events.length

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 16,
    getItemKey: (i) => events[i]?.seq ?? i
  })

  const setFollowing = useCallback((on: boolean) => {
    followRef.current = on
    setFollow(on)
  }, [])

  const scrollToEnd = useCallback(() => {
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }, [count, virtualizer])

  // New rows (or a new filter): stay at the bottom if that is where the user was.
  useLayoutEffect(() => {
    if (followRef.current) scrollToEnd()
  }, [version, count, scrollToEnd])

  // Measured heights can grow after the scroll above; settle at the real bottom once more.
  useEffect(() => {
    if (!followRef.current) return
    const el = scrollRef.current
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight > 1) el.scrollTop = el.scrollHeight
  })

  const onScroll = (): void => {
    const el = scrollRef.current
    if (!el) return
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= stickyPx
    if (atBottom !== followRef.current) setFollowing(atBottom)
  }

  // Opening a tree or stack means the user is reading: stop following new rows.
  const rowCtx = useMemo<RowContext>(
    () => ({
      ...ctx,
      onToggle: (key) => {
        if (followRef.current) setFollowing(false)
        ctx.onToggle(key)
      }
    }),
    [ctx, setFollowing]
  )

  const items = virtualizer.getVirtualItems()
  return (
    <div className="console-list-wrap">
      <div ref={scrollRef} className="console-list" onScroll={onScroll} data-testid="console-list" tabIndex={0}>
        {count === 0 ? (
          <div className="list-empty muted" data-testid="console-empty">
            {empty}
          </div>
        ) : (
          <div className="console-list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="row-slot" style={{ transform: `translateY(${item.start}px)` }}>
                <ConsoleRow event={events[item.index]} ctx={rowCtx} />
              </div>
            ))}
          </div>
        )}
      </div>
      {!follow && count > 0 && (
        <button
          type="button"
          className="jump-latest"
          onClick={() => {
            setFollowing(true)
            scrollToEnd()
          }}
          data-testid="jump-latest"
        >
          ↓ Jump to latest
        </button>
      )}
    </div>
  )
}
