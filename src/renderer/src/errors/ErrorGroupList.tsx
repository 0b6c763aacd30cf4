import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { ErrorGroupSummary } from '../../../shared/errorTypes'
import { ErrorGroupRow } from './ErrorGroupRow'

export interface ErrorGroupListProps {
  groups: readonly ErrorGroupSummary[]
  /** Groups matching the filter; more than `groups.length` means more pages to fetch. */
  total: number
  selected: string | null
  now: number
  cwd: string | null
  buckets: number
  /** Changes when sort or filter change: the list goes back to its top. */
  queryVersion: number
  /** Shown instead of rows when there are none. */
  empty: ReactNode
  onSelect(fingerprint: string | null): void
  onEndReached(): void
}

/** Two lines of 17px, 5px padding above and below, 1px border (errors.css). */
export const errorRowHeight = 45
/** Ask for the next page this many rows before the loaded ones run out. */
const prefetchRows = 40

/** The groups, virtualized: only visible rows exist; live refreshes keep the scroll position (rows are keyed by fingerprint). */
export function ErrorGroupList(props: ErrorGroupListProps) {
  const { groups, total, selected, onSelect, onEndReached } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: groups.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => errorRowHeight,
    overscan: 10,
    getItemKey: (i) => groups[i]?.fingerprint ?? i
  })

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
  }, [props.queryVersion])

  const items = virtualizer.getVirtualItems()
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1
  useEffect(() => {
    if (groups.length < total && lastIndex >= groups.length - prefetchRows) onEndReached()
  }, [lastIndex, groups.length, total, onEndReached])

  // Up/Down walk the groups (the view closes the detail on Escape); the selected row stays in view.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const at = selected === null ? -1 : groups.findIndex((g) => g.fingerprint === selected)
    const next = Math.min(groups.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))
    if (groups[next]) {
      onSelect(groups[next].fingerprint)
      virtualizer.scrollToIndex(next, { align: 'auto' })
    }
  }

  return (
    <div className="error-list-wrap">
      <div className="error-list-header" aria-hidden hidden={groups.length === 0}>
        <span className="error-cell-sev">Severity</span>
        <span className="error-cell-main">Error</span>
        <span className="error-cell-cat">Category</span>
        <span className="error-cell-count">Count</span>
        <span className="error-cell-rate">Rate</span>
        <span className="error-cell-seen">Last seen</span>
      </div>
      <div ref={scrollRef} className="error-list" role="listbox" aria-label="Error groups" tabIndex={0} onKeyDown={onKeyDown} data-testid="error-list">
        {groups.length === 0 ? (
          <div className="list-empty muted" data-testid="errors-empty">
            {props.empty}
          </div>
        ) : (
          <div className="error-list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <div key={item.key} className="row-slot" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
                <ErrorGroupRow
                  group={groups[item.index]}
                  selected={groups[item.index].fingerprint === selected}
                  now={props.now}
                  cwd={props.cwd}
                  buckets={props.buckets}
                  onSelect={onSelect}
                />
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  )
}
