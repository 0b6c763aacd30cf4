import type { HeapSnapshotItem } from '../../../shared/heapApi'
import type { HeapDiffRow } from '../../../shared/heapTypes'
import type { RowPage } from './heapStore'
import { memoryRowHeight } from './ConstructorTable'
import { formatBytes, formatSignedBytes } from '../../../shared/formatBytes'
import { formatSignedCount } from './memoryFormat'
import { VirtualRows } from './VirtualRows'

export interface DiffPanelProps {
  snapshots: readonly HeapSnapshotItem[]
  after: HeapSnapshotItem | null
  baseId: string | null
  page: RowPage<HeapDiffRow>
  selected: string | null
  queryVersion: number
  onBase(snapshotId: string | null): void
  onSelect(name: string): void
  onEndReached(): void
}

/** Two snapshots compared by constructor: the selected one ("after") against the one picked here ("before"). */
export function DiffPanel({ snapshots, after, baseId, page, selected, queryVersion, onBase, onSelect, onEndReached }: DiffPanelProps) {
  const candidates = snapshots.filter((s) => s.id !== after?.id && s.state === 'ready')
  return (
    <div className="mem-table diff-table" data-testid="diff-table">
      <div className="diff-pick">
        <label>
          Compare <strong>{after?.name ?? '—'}</strong> with{' '}
          <select className="input inline-select" value={baseId ?? ''} data-testid="diff-base" onChange={(e) => onBase(e.target.value || null)}>
            <option value="">pick a snapshot…</option>
            {candidates.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.leakStep ? ` (${s.leakStep})` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="mem-header diff-grid" role="row">
        <span className="mem-th cell-name">Constructor</span>
        <span className="mem-th cell-num"># New</span>
        <span className="mem-th cell-num"># Deleted</span>
        <span className="mem-th cell-num"># Delta</span>
        <span className="mem-th cell-num">Alloc. size</span>
        <span className="mem-th cell-num">Size delta</span>
      </div>
      <VirtualRows
        rows={page.rows}
        total={page.total}
        rowHeight={memoryRowHeight}
        rowKey={(r) => r.name}
        queryVersion={queryVersion}
        label="Constructors that changed"
        testId="diff-rows"
        onEndReached={onEndReached}
        empty={page.error ?? (!baseId ? 'Pick a snapshot to compare with.' : page.status === 'loaded' ? 'Nothing changed between the two.' : 'Comparing…')}
        renderRow={(r) => (
          <div className={`mem-row diff-grid${r.name === selected ? ' selected' : ''}`} data-testid="diff-row" data-name={r.name} onClick={() => onSelect(r.name)}>
            <span className="cell-name" title={r.name}>
              {r.name}
            </span>
            <span className="cell-num">{r.newCount.toLocaleString('en-US')}</span>
            <span className="cell-num">{r.deletedCount.toLocaleString('en-US')}</span>
            <span className={`cell-num delta${r.countDelta > 0 ? ' up' : r.countDelta < 0 ? ' down' : ''}`} data-testid="diff-count-delta">
              {formatSignedCount(r.countDelta)}
            </span>
            <span className="cell-num">{formatBytes(r.newSize)}</span>
            <span className={`cell-num delta${r.sizeDelta > 0 ? ' up' : r.sizeDelta < 0 ? ' down' : ''}`}>{formatSignedBytes(r.sizeDelta)}</span>
          </div>
        )}
      />
    </div>
  )
}
