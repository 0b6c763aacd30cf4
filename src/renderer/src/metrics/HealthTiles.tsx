import { healthMetricLabels, type HealthTile } from '../../../shared/metricsTypes'

export interface HealthTilesProps {
  tiles: HealthTile[]
  /** Tiles of this subject come first (the selected target). */
  ownSubject: string | null
}

function formatTileValue(tile: HealthTile): string {
  const { unit } = healthMetricLabels[tile.metric]
  const digits = tile.value < 10 && unit !== '°C' ? 1 : 0
  return `${tile.value.toFixed(digits)}${unit === '%' || unit === '°C' ? '' : ' '}${unit}`
}

/** The state of every metric with a threshold, colored ok / warn / critical. */
export function HealthTiles({ tiles, ownSubject }: HealthTilesProps) {
  if (tiles.length === 0) return <div className="system-tiles-empty muted">No health readings yet.</div>
  const rank = (t: HealthTile): number => (t.subject === 'host' ? 0 : t.subject === ownSubject ? 1 : t.subject.startsWith('gpu:') ? 2 : 3)
  const ordered = [...tiles].sort((a, b) => rank(a) - rank(b))
  return (
    <div className="system-tiles" data-testid="health-tiles">
      {ordered.map((tile) => {
        const { label } = healthMetricLabels[tile.metric]
        return (
          <div
            key={`${tile.metric}:${tile.subject}`}
            className={`system-tile state-${tile.state}`}
            data-testid="health-tile"
            data-state={tile.state}
            data-metric={tile.metric}
            title={`${label} of ${tile.subjectLabel}: ${tile.state} (${tile.state === 'ok' ? 'warns' : 'threshold'} at ${tile.threshold})`}
          >
            <div className="system-tile-label">{label}</div>
            <div className="system-tile-value">{formatTileValue(tile)}</div>
            <div className="system-tile-subject">
              <span className="system-tile-dot" />
              {tile.subjectLabel}
            </div>
          </div>
        )
      })}
    </div>
  )
}
