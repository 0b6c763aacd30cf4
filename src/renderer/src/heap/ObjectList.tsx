import type { HeapObjectRow } from '../../../shared/heapTypes'
import type { RowPage } from './heapStore'
import { memoryRowHeight } from './ConstructorTable'
import { formatBytes } from '../../../shared/formatBytes'
import { VirtualRows } from './VirtualRows'

export interface ObjectListProps {
  title: string
  page: RowPage<HeapObjectRow>
  selected: number | null
  onSelect(nodeId: number): void
  onEndReached(): void
}

/** The objects of one constructor, largest retained first, a page at a time. */
export function ObjectList({ title, page, selected, onSelect, onEndReached }: ObjectListProps) {
  return (
    <div className="mem-table object-list" data-testid="object-list">
      <div className="mem-subtitle">
        {title} <span className="muted">({page.total.toLocaleString('en-US')})</span>
      </div>
      <VirtualRows
        rows={page.rows}
        total={page.total}
        rowHeight={memoryRowHeight}
        rowKey={(o) => o.nodeId}
        queryVersion={0}
        label={title}
        testId="object-rows"
        onEndReached={onEndReached}
        empty={page.error ?? (page.status === 'loaded' ? 'None.' : 'Loading…')}
        renderRow={(o) => (
          <div className={`mem-row object-row${o.nodeId === selected ? ' selected' : ''}`} data-testid="object-row" onClick={() => onSelect(o.nodeId)}>
            <span className="cell-name" title={o.value ?? o.name}>
              {o.name} <span className="node-id">@{o.nodeId}</span>
              {o.value && <span className="obj-value"> {o.value}</span>}
            </span>
            <span className="cell-num">{formatBytes(o.shallowSize)}</span>
            <span className="cell-num">{formatBytes(o.retainedSize)}</span>
          </div>
        )}
      />
    </div>
  )
}
