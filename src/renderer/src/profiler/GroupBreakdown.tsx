import { profileCategoryLabels } from '../../../shared/profileTypes'
import type { ProfileGroupRow } from '../../../shared/profileTypes'
import type { GroupFilter } from './profilerFacts'
import { formatMs, formatPct } from './profileFormat'

export interface GroupBreakdownProps {
  groups: readonly ProfileGroupRow[]
  filter: GroupFilter | null
  onFilter(filter: GroupFilter | null): void
}

/** A category row, or one npm package (category 'npm' under its own name). */
const isPackage = (g: ProfileGroupRow): boolean => g.category === 'npm' && g.name !== profileCategoryLabels.npm

const filterOf = (g: ProfileGroupRow): GroupFilter => ({ category: g.category, packageName: isPackage(g) ? g.name : null })
const sameFilter = (a: GroupFilter | null, b: GroupFilter): boolean => a !== null && a.category === b.category && a.packageName === b.packageName

/** Who the time goes to, by self time: one stacked bar of the categories, then a bar per category and per npm package; a click narrows the table. */
export function GroupBreakdown({ groups, filter, onFilter }: GroupBreakdownProps) {
  const categories = groups.filter((g) => !isPackage(g) && g.category !== 'idle')
  const packages = groups.filter(isPackage)
  const max = Math.max(1e-9, ...groups.filter((g) => g.category !== 'idle').map((g) => g.selfPct))
  const row = (g: ProfileGroupRow, nested: boolean) => {
    const f = filterOf(g)
    const on = sameFilter(filter, f)
    return (
      <button
        key={`${g.category}:${g.name}`}
        type="button"
        className={`group-row${nested ? ' nested' : ''}${on ? ' on' : ''}`}
        aria-pressed={on}
        title={`${g.name}: self ${formatMs(g.selfMs)} (${formatPct(g.selfPct)}), total ${formatMs(g.totalMs)} (${formatPct(g.totalPct)}). Click to list only its functions.`}
        onClick={() => onFilter(on ? null : f)}
        data-testid="group-row"
        data-category={g.category}
      >
        <span className="group-name">
          <span className={`flame-swatch flame-cat-${g.category}`} />
          {g.name}
        </span>
        <span className="group-bar-track">
          <span className={`group-bar flame-cat-${g.category}`} style={{ width: `${(g.selfPct / max) * 100}%` }} />
        </span>
        <span className="group-ms">{formatMs(g.selfMs)}</span>
        <span className="group-pct muted">{formatPct(g.selfPct)}</span>
      </button>
    )
  }
  return (
    <div className="group-breakdown" data-testid="group-breakdown">
      <div className="group-stack" aria-hidden>
        {categories.map((g) => (
          <span key={g.category} className={`group-stack-part flame-cat-${g.category}`} style={{ width: `${g.selfPct}%` }} title={`${g.name} ${formatPct(g.selfPct)}`} />
        ))}
      </div>
      <div className="group-rows">
        {categories.map((g) => (
          <div key={g.category}>
            {row(g, false)}
            {g.category === 'npm' && packages.map((p) => row(p, true))}
          </div>
        ))}
        {groups.length === 0 && <div className="muted list-empty">Loading…</div>}
      </div>
    </div>
  )
}
