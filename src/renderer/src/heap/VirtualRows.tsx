import { useEffect, useRef, type ReactNode } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'

export interface VirtualRowsProps<Row> {
  rows: readonly Row[]
  /** Rows in all; more than `rows.length` means more pages to fetch. */
  total: number
  rowHeight: number
  rowKey(row: Row, index: number): string | number
  renderRow(row: Row, index: number): ReactNode
  /** Changes when the rows start over: the list goes back to its top. */
  queryVersion: number
  empty: ReactNode
  label: string
  testId: string
  onEndReached?(): void
}

/** Ask for the next page this many rows before the loaded ones run out. */
const prefetchRows = 40

/** A list of fixed-height rows of which only the visible ones exist; asks for more near the end. */
export function VirtualRows<Row>(props: VirtualRowsProps<Row>) {
  const { rows, total, onEndReached } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.rowHeight,
    overscan: 12,
    getItemKey: (i) => props.rowKey(rows[i], i)
  })

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
  }, [props.queryVersion])

  const items = virtualizer.getVirtualItems()
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1
  useEffect(() => {
    if (onEndReached && rows.length < total && lastIndex >= rows.length - prefetchRows) onEndReached()
  }, [lastIndex, rows.length, total, onEndReached])

  return (
    <div ref={scrollRef} className="mem-rows" role="list" aria-label={props.label} data-testid={props.testId}>
      {rows.length === 0 ? (
        <div className="list-empty muted">{props.empty}</div>
      ) : (
        <div className="mem-rows-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <div key={item.key} className="row-slot" role="listitem" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
              {props.renderRow(rows[item.index], item.index)}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
