import { useState } from 'react'
import { errorCategories, errorSeverities, type ErrorCategory, type ErrorSeverity, type ErrorSort } from '../../../shared/errorTypes'
import { Caret } from '../components/icons'
import { SearchBox } from '../components/SearchBox'
import { formatCount } from '../console/format'
import { categoryLabels } from './ErrorChips'

export interface ErrorsToolbarProps {
  sort: ErrorSort
  categories: readonly ErrorCategory[]
  severities: readonly ErrorSeverity[]
  search: string
  filtered: boolean
  /** Groups matching the filter, and errors of the process in all. */
  total: number
  occurrences: number
  focusRequest: number
  modKey: string
  onSort(sort: ErrorSort): void
  onToggleCategory(category: ErrorCategory): void
  onToggleSeverity(severity: ErrorSeverity): void
  onSearch(text: string): void
  onClearFilters(): void
}

const sorts: Array<{ id: ErrorSort; label: string; title: string }> = [
  { id: 'count', label: 'Count', title: 'Most frequent first' },
  { id: 'recent', label: 'Recent', title: 'Most recently seen first' },
  { id: 'severity', label: 'Severity', title: 'Most severe first, then most frequent' }
]

export function ErrorsToolbar(props: ErrorsToolbarProps) {
  return (
    <div className="errors-toolbar" data-testid="errors-toolbar">
      <div className="segmented" role="group" aria-label="Sort by">
        {sorts.map((s) => (
          <button
            key={s.id}
            type="button"
            className={props.sort === s.id ? 'segment on' : 'segment'}
            aria-pressed={props.sort === s.id}
            title={s.title}
            onClick={() => props.onSort(s.id)}
            data-testid={`errors-sort-${s.id}`}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div className="severity-toggles" role="group" aria-label="Severities shown (none pressed: all)">
        {errorSeverities.map((severity) => {
          const on = props.severities.includes(severity)
          return (
            <button
              key={severity}
              type="button"
              className={on ? `sev-toggle on sev-${severity}` : `sev-toggle sev-${severity}`}
              aria-pressed={on}
              title={on ? `Stop filtering by ${severity}` : `Show ${severity} groups (with any other severities pressed)`}
              onClick={() => props.onToggleSeverity(severity)}
              data-testid={`errors-severity-${severity}`}
            >
              <span className="sev-dot" />
              {severity}
            </button>
          )
        })}
      </div>
      <CategoryFilter selected={props.categories} onToggle={props.onToggleCategory} />
      <SearchBox value={props.search} placeholder={`Filter by type, message, code or frame (${props.modKey}+F)`} onChange={props.onSearch} focusRequest={props.focusRequest} testId="errors-search" />
      {props.filtered && (
        <button type="button" className="btn small" onClick={props.onClearFilters} data-testid="errors-clear-filters">
          Clear filters
        </button>
      )}
      <div className="console-stats" data-testid="errors-stats">
        <span data-testid="errors-total">
          {formatCount(props.total)} {props.total === 1 ? 'group' : 'groups'}
          {props.filtered ? ' shown' : ''}
        </span>
        <span className="sep">·</span>
        <span title="Errors of the whole process (main thread and workers), any filter aside" data-testid="errors-occurrences">
          {formatCount(props.occurrences)} {props.occurrences === 1 ? 'error' : 'errors'}
        </span>
      </div>
    </div>
  )
}

/** A menu of checkboxes: no category checked shows every category. */
function CategoryFilter({ selected, onToggle }: { selected: readonly ErrorCategory[]; onToggle(category: ErrorCategory): void }) {
  const [open, setOpen] = useState(false)
  const label =
    selected.length === 0 ? 'All categories' : selected.length <= 2 ? selected.map((c) => categoryLabels[c]).join(', ') : `${selected.length} categories`
  return (
    <div
      className="category-filter"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation()
          e.nativeEvent.stopImmediatePropagation()
          setOpen(false)
        }
      }}
    >
      <button
        type="button"
        className={selected.length > 0 ? 'btn small filter-btn active' : 'btn small filter-btn'}
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="errors-category-button"
      >
        {label}
        <Caret open={open} />
      </button>
      {open && (
        <>
          <div className="popover-backdrop" onClick={() => setOpen(false)} />
          <div className="category-menu" role="menu" data-testid="errors-category-menu">
            {errorCategories.map((category) => (
              <label key={category} className="category-option" role="menuitemcheckbox" aria-checked={selected.includes(category)}>
                <input type="checkbox" checked={selected.includes(category)} onChange={() => onToggle(category)} data-testid={`errors-category-${category}`} />
                <span className={`cat-swatch cat-${category}`} />
                {categoryLabels[category]}
              </label>
            ))}
          </div>
        </>
      )}
    </div>
  )
}
