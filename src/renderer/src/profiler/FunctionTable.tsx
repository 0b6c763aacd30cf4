import { memo, useEffect, useRef, type KeyboardEvent } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { ProfileFunctionSort, ProfileFunctionTableRow } from '../../../shared/profilerApi'
import { formatMs, formatPct, locationLabel } from './profileFormat'

export interface FunctionTableProps {
  rows: readonly ProfileFunctionTableRow[]
  total: number
  sort: ProfileFunctionSort
  descending: boolean
  /** Calls and ms/call columns (the capture collected exact call counts). */
  callCounts: boolean
  selected: number | null
  /** The selected function's row (from its sandwich), pinned above the list while the loaded rows lack it. */
  selectedRow: ProfileFunctionTableRow | null
  /** Changes when sort, search or filter change: the table goes back to its top. */
  queryVersion: number
  error: string | null
  onSort(sort: ProfileFunctionSort): void
  onSelect(index: number): void
  onEndReached(): void
}

export const functionRowHeight = 22
const prefetchRows = 40

interface Column {
  id: string
  label: string
  sort?: ProfileFunctionSort
  className: string
}

const columnsOf = (callCounts: boolean): Column[] => [
  { id: 'self', label: 'Self', sort: 'self', className: 'fn-cell-time' },
  { id: 'total', label: 'Total', sort: 'total', className: 'fn-cell-time' },
  ...(callCounts
    ? [
        { id: 'calls', label: 'Calls', sort: 'calls' as const, className: 'fn-cell-num' },
        { id: 'msPerCall', label: 'ms/call', className: 'fn-cell-num' }
      ]
    : []),
  { id: 'name', label: 'Function', sort: 'name', className: 'fn-cell-name' },
  { id: 'place', label: 'File:line', className: 'fn-cell-place' },
  { id: 'package', label: 'Package', className: 'fn-cell-pkg' }
]

/** The functions by self or total time (or calls, or name), sorted and searched on the engine, fetched a page at a time. */
export function FunctionTable(props: FunctionTableProps) {
  const { rows, total, selected, onSelect, onEndReached } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const columns = columnsOf(props.callCounts)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => functionRowHeight,
    overscan: 12,
    getItemKey: (i) => rows[i]?.index ?? i
  })

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
  }, [props.queryVersion])

  const items = virtualizer.getVirtualItems()
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1
  useEffect(() => {
    if (rows.length < total && lastIndex >= rows.length - prefetchRows) onEndReached()
  }, [lastIndex, rows.length, total, onEndReached])

  // A function picked elsewhere (a frame) scrolls into view when the table has it.
  useEffect(() => {
    if (selected === null) return
    const at = rows.findIndex((r) => r.index === selected)
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'auto' })
  }, [selected, rows, virtualizer])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const at = selected === null ? -1 : rows.findIndex((r) => r.index === selected)
    const next = Math.min(rows.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))
    if (rows[next]) onSelect(rows[next].index)
  }

  return (
    <div className={props.callCounts ? 'fn-table with-calls' : 'fn-table'} data-testid="function-table">
      <div className="fn-row fn-header" role="row">
        {columns.map((c) => {
          const active = c.sort !== undefined && c.sort === props.sort
          return (
            <span key={c.id} className={c.className} role="columnheader" aria-sort={active ? (props.descending ? 'descending' : 'ascending') : undefined}>
              {c.sort ? (
                <button type="button" className={active ? 'fn-sort on' : 'fn-sort'} onClick={() => props.onSort(c.sort!)} data-testid={`fn-sort-${c.sort}`}>
                  {c.label}
                  {active && <span aria-hidden>{props.descending ? ' ▾' : ' ▴'}</span>}
                </button>
              ) : (
                c.label
              )}
            </span>
          )
        })}
      </div>
      {props.error && <div className="inline-error slim">Could not load the functions: {props.error}</div>}
      {props.selectedRow && props.selectedRow.index === selected && !rows.some((r) => r.index === selected) && (
        <div className="fn-pinned" title="The selected function, further down the table" data-testid="function-row-pinned">
          <FunctionRow row={props.selectedRow} callCounts={props.callCounts} selected onSelect={onSelect} testId="function-row-pinned-row" />
        </div>
      )}
      <div ref={scrollRef} className="fn-scroll" role="grid" aria-label="Functions" tabIndex={0} onKeyDown={onKeyDown} data-testid="function-rows" data-total={total}>
        {rows.length === 0 ? (
          <div className="list-empty muted">{total === 0 ? 'No functions match.' : 'Loading…'}</div>
        ) : (
          <div className="fn-inner" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <div key={item.key} className="row-slot" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
                <FunctionRow row={rows[item.index]} callCounts={props.callCounts} selected={rows[item.index].index === selected} onSelect={onSelect} />
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  )
}

interface FunctionRowProps {
  row: ProfileFunctionTableRow
  callCounts: boolean
  selected: boolean
  onSelect(index: number): void
  testId?: string
}

const FunctionRow = memo(function FunctionRow({ row, callCounts, selected, onSelect, testId = 'function-row' }: FunctionRowProps) {
  const place = locationLabel(row.url, row.line, row.category)
  return (
    <div
      role="row"
      aria-selected={selected}
      className={selected ? 'fn-row selected' : 'fn-row'}
      onClick={() => onSelect(row.index)}
      data-testid={testId}
      data-index={row.index}
      data-self={row.selfMs}
      data-total={row.totalMs}
      data-name={row.functionName}
      data-url={row.url}
      data-category={row.category}
    >
      <span className="fn-cell-time">
        {formatMs(row.selfMs)} <span className="muted">{formatPct(row.selfPct)}</span>
      </span>
      <span className="fn-cell-time">
        {formatMs(row.totalMs)} <span className="muted">{formatPct(row.totalPct)}</span>
      </span>
      {callCounts && (
        <>
          <span className="fn-cell-num">{row.calls === null ? '–' : row.calls.toLocaleString('en-US')}</span>
          <span className="fn-cell-num">{row.msPerCall === null ? '–' : formatMs(row.msPerCall)}</span>
        </>
      )}
      <span className="fn-cell-name" title={row.functionName || '(anonymous)'}>
        <span className={`flame-swatch flame-cat-${row.category}`} />
        {row.functionName || '(anonymous)'}
      </span>
      <span className="fn-cell-place" title={row.url ? `${row.url}${row.line ? `:${row.line}` : ''}` : undefined}>
        {place}
      </span>
      <span className="fn-cell-pkg">{row.packageName ?? ''}</span>
    </div>
  )
})
