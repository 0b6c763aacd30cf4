import type { HeapEdgeRow, HeapObjectDetail, HeapRetainerPath } from '../../../shared/heapTypes'
import { formatBytes } from '../../../shared/formatBytes'

export interface ObjectDetailPaneProps {
  detail: HeapObjectDetail | null
  paths: HeapRetainerPath[] | null
  error: string | null
  onClose(): void
  onSelect(nodeId: number): void
}

function EdgeLine({ edge, onSelect }: { edge: HeapEdgeRow; onSelect(nodeId: number): void }) {
  return (
    <li className="edge-line">
      <span className="edge-name" title={edge.type}>
        {edge.type === 'element' ? `[${edge.name}]` : edge.name}
      </span>
      <button type="button" className="link-btn" onClick={() => onSelect(edge.node.nodeId)}>
        {edge.node.name} @{edge.node.nodeId}
      </button>
      {edge.node.value && <span className="obj-value"> {edge.node.value}</span>}
      <span className="muted edge-size">{formatBytes(edge.node.retainedSize)}</span>
    </li>
  )
}

/** One object: its sizes, the shortest paths that keep it alive, its fields and who holds it. */
export function ObjectDetailPane({ detail, paths, error, onClose, onSelect }: ObjectDetailPaneProps) {
  const object = detail?.object
  return (
    <aside className="object-detail" data-testid="object-detail">
      <div className="object-detail-header">
        <span className="object-detail-title">{object ? `${object.name} @${object.nodeId}` : 'Object'}</span>
        <button type="button" className="icon-btn" aria-label="Close the object detail" onClick={onClose}>
          ×
        </button>
      </div>
      {error && <div className="inline-error slim">{error}</div>}
      {!detail && !error && <div className="muted pad">Loading…</div>}
      {object && (
        <div className="object-detail-body">
          <div className="muted">
            {object.type} · shallow {formatBytes(object.shallowSize)} · retained {formatBytes(object.retainedSize)}
            {object.distance !== null && ` · ${object.distance} from the GC roots`}
          </div>
          {object.value && <div className="obj-value block">{object.value}</div>}
          <h4>Retainer paths</h4>
          {paths && paths.length === 0 && <div className="muted">Not reachable from the GC roots (it would be collected).</div>}
          <ol className="retainer-paths" data-testid="retainer-paths">
            {paths?.map((path, i) => (
              <li key={i} className="retainer-path" data-testid="retainer-path">
                {path.truncated && <span className="muted">… </span>}
                {path.steps.map((step, k) => (
                  <span key={k} className="path-step">
                    <button type="button" className="link-btn" onClick={() => onSelect(step.node.nodeId)} title={`${formatBytes(step.node.retainedSize)} retained`}>
                      {step.node.name}
                    </button>
                    {step.edge && <span className="path-edge">{step.edge.type === 'element' ? `[${step.edge.name}]` : `.${step.edge.name}`}</span>}
                    {step.edge && <span className="path-arrow"> → </span>}
                  </span>
                ))}
              </li>
            ))}
          </ol>
          <h4>
            Fields <span className="muted">({detail.edges.total})</span>
          </h4>
          <ul className="edge-list" data-testid="object-fields">
            {detail.edges.rows.map((e, i) => (
              <EdgeLine key={i} edge={e} onSelect={onSelect} />
            ))}
          </ul>
          <h4>
            Retainers <span className="muted">({detail.retainers.total})</span>
          </h4>
          <ul className="edge-list">
            {detail.retainers.rows.map((e, i) => (
              <EdgeLine key={i} edge={e} onSelect={onSelect} />
            ))}
          </ul>
        </div>
      )}
    </aside>
  )
}
