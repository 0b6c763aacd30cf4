export interface ProgressItem {
  key: string
  label: string
  /** 0…1, or null while the total is unknown (an indeterminate bar). */
  fraction: number | null
}

/** Long opens, saves, recoveries and uploads that have not finished. */
export function SessionProgressStrip({ items }: { items: ProgressItem[] }) {
  if (items.length === 0) return null
  return (
    <div className="progress-strip" role="status" data-testid="session-progress">
      {items.map((item) => (
        <div key={item.key} className="progress-item">
          <span className="progress-label">
            {item.label}
            {item.fraction !== null && ` · ${Math.floor(item.fraction * 100)}%`}
          </span>
          <span className="progress-track">
            <span
              className={item.fraction === null ? 'progress-fill indeterminate' : 'progress-fill'}
              style={item.fraction === null ? undefined : { width: `${item.fraction * 100}%` }}
            />
          </span>
        </div>
      ))}
    </div>
  )
}
