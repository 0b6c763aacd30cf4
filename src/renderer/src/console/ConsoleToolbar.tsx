import type { ReactNode } from 'react'
import { consoleLevels, type ConsoleLevel, type ConsoleStats } from '../../../shared/consoleTypes'
import { LevelIcon } from '../components/icons'
import { SearchBox } from '../components/SearchBox'
import type { LevelCounts } from './consoleBuffer'
import { formatCount } from './format'
import { GearIcon } from './StoragePopover'

export interface ConsoleToolbarProps {
  levels: readonly ConsoleLevel[]
  counts: LevelCounts
  search: string
  shown: number
  stats: ConsoleStats | undefined
  /** Events trimmed from the renderer's own list (beyond its cap). */
  trimmed: number
  focusRequest: number
  modKey: string
  onToggleLevel(level: ConsoleLevel): void
  onSoloLevel(level: ConsoleLevel): void
  onSearch(text: string): void
  /** Null for a read-only session: nothing to clear. */
  onClear: (() => void) | null
  storageOpen: boolean
  onStorage(): void
  /** The storage popover, shown under its button while open. */
  storagePanel: ReactNode
}

export function ConsoleToolbar(props: ConsoleToolbarProps) {
  const dropped = props.stats?.dropped ?? 0
  const folded = props.stats?.collapsed ?? 0
  const sampledOut = props.stats?.sampledOut ?? 0
  return (
    <div className="console-toolbar" data-testid="console-toolbar">
      <div className="level-toggles" role="group" aria-label="Levels">
        {consoleLevels.map((level) => {
          const on = props.levels.includes(level)
          return (
            <button
              key={level}
              type="button"
              className={on ? `level-toggle on level-${level}` : `level-toggle level-${level}`}
              aria-pressed={on}
              title={`Show ${level} messages (Alt+click: only ${level})`}
              onClick={(e) => (e.altKey ? props.onSoloLevel(level) : props.onToggleLevel(level))}
              data-testid={`level-${level}`}
            >
              <LevelIcon level={level} />
              <span className="level-name">{level}</span>
              <span className="level-count" data-testid={`level-count-${level}`}>
                {formatCount(props.counts[level])}
              </span>
            </button>
          )
        })}
      </div>
      <SearchBox value={props.search} placeholder={`Filter messages and locations (${props.modKey}+F)`} onChange={props.onSearch} focusRequest={props.focusRequest} testId="console-search" />
      {props.onClear && (
        <button type="button" className="btn small" onClick={props.onClear} title={`Clear the console (${props.modKey}+L)`} data-testid="console-clear">
          Clear
        </button>
      )}
      <div className="console-stats" data-testid="console-stats">
        <span data-testid="console-shown">{formatCount(props.shown)} shown</span>
        <span className="sep">·</span>
        <span title="Rows in the engine's store for this target (a folded row counts once)" data-testid="console-stored">
          {formatCount(props.stats?.stored ?? 0)} stored
        </span>
        <span className="sep">·</span>
        <span
          className={dropped > 0 ? 'dropped has-drops' : 'dropped'}
          title="Events evicted from the store to stay within its byte budget"
          data-testid="console-dropped"
        >
          {formatCount(dropped)} dropped
        </span>
        {folded > 0 && (
          <>
            <span className="sep">·</span>
            <span title="Repetitions of the event just before them, stored as one row with a ×N count" data-testid="console-folded">
              {formatCount(folded)} folded
            </span>
          </>
        )}
        {sampledOut > 0 && (
          <>
            <span className="sep">·</span>
            <span className="sampled" title="Events not stored because their level is sampled (see Storage, the gear button)" data-testid="console-sampled">
              {formatCount(sampledOut)} sampled out
            </span>
          </>
        )}
        {props.trimmed > 0 && (
          <>
            <span className="sep">·</span>
            <span className="dropped has-drops" title="Oldest events removed from this view to keep it fast; still stored unless dropped">
              {formatCount(props.trimmed)} trimmed from view
            </span>
          </>
        )}
      </div>
      <div className="storage-anchor">
        <button
          type="button"
          className={props.storageOpen ? 'btn small icon-only on' : 'btn small icon-only'}
          aria-haspopup="dialog"
          aria-expanded={props.storageOpen}
          aria-label="Storage settings"
          title="Storage: byte budget and sampling of each target's console"
          onClick={props.onStorage}
          data-testid="console-storage"
        >
          <GearIcon />
        </button>
        {props.storagePanel}
      </div>
    </div>
  )
}
