import type { HeapConstructorRow, HeapSummarySort } from '../../../shared/heapTypes'
import type { RowPage } from './heapStore'
import { formatBytes } from '../../../shared/formatBytes'
import { formatCount } from './memoryFormat'
import { VirtualRows } from './VirtualRows'

export interface ConstructorTableProps {
  page: RowPage<HeapConstructorRow>
  sort: HeapSummarySort
  selected: string | null
  queryVersion: number
  /** Total live size of the snapshot, for the share column. */
  totalSize: number | null
  onSort(sort: HeapSummarySort): void
  onSelect(name: string): void
  onEndReached(): void
}

const columns: Array<{ sort: HeapSummarySort; label: string; className: string }> = [
  { sort: 'name', label: 'Constructor', className: 'cell-name' },
  { sort: 'count', label: 'Count', className: 'cell-num' },
  { sort: 'shallowSize', label: 'Shallow size', className: 'cell-num' },
  { sort: 'retainedSize', label: 'Retained size', className: 'cell-num' }
]

export const memoryRowHeight = 24

/** The summary by constructor: sortable by each column, fetched a page at a time as it scrolls. */
export function ConstructorTable({ page, sort, selected, queryVersion, totalSize, onSort, onSelect, onEndReached }: ConstructorTableProps) {
  return (
    <div className="mem-table summary-table" data-testid="summary-table">
      <div className="mem-header" role="row">
        {columns.map((c) => (
          <button
            key={c.sort}
            type="button"
            className={`mem-th ${c.className}${sort === c.sort ? ' sorted' : ''}`}
            aria-pressed={sort === c.sort}
            data-testid={`sort-${c.sort}`}
            onClick={() => onSort(c.sort)}
          >
            {c.label}
            {sort === c.sort && <span aria-hidden>{c.sort === 'name' ? ' ▲' : ' ▼'}</span>}
          </button>
        ))}
      </div>
      <VirtualRows
        rows={page.rows}
        total={page.total}
        rowHeight={memoryRowHeight}
        rowKey={(r) => r.name}
        queryVersion={queryVersion}
        label="Constructors"
        testId="summary-rows"
        onEndReached={onEndReached}
        empty={page.error ?? (page.status === 'loaded' ? 'No constructor matches.' : 'Loading…')}
        renderRow={(r) => (
          <div className={`mem-row${r.name === selected ? ' selected' : ''}`} data-testid="summary-row" data-name={r.name} onClick={() => onSelect(r.name)}>
            <span className="cell-name" title={r.name}>
              {r.name}
            </span>
            <span className="cell-num">{formatCount(r.count)}</span>
            <span className="cell-num">{formatBytes(r.shallowSize)}</span>
            <span className="cell-num">
              {formatBytes(r.retainedSize)}
              {totalSize ? <span className="share muted"> {((100 * r.retainedSize) / totalSize).toFixed(0)}%</span> : null}
            </span>
          </div>
        )}
      />
      <div className="mem-footer muted" data-testid="summary-total">
        {page.total > 0 && `${formatCount(page.rows.length)} of ${formatCount(page.total)} constructors`}
      </div>
    </div>
  )
}
