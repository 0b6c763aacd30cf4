import { memo, useMemo, useState } from 'react'
import type { DebugSource, SourceGroup } from '../../../shared/debuggerTypes'
import { Caret } from '../components/icons'
import { SearchBox } from '../components/SearchBox'
import { displayName, groupSources, splitPath } from './sourceGroups'

export interface SourceListProps {
  sources: readonly DebugSource[]
  search: string
  openKey: string | null
  loading: boolean
  /** What the list says when no file is known (not while loading or searching). */
  emptyText: string
  focusRequest: number
  onSearch(text: string): void
  onOpen(url: string): void
}

/** Node's own files are many and rarely what one debugs: that group starts closed. */
const closedAtFirst: Record<SourceGroup, boolean> = { app: false, node_modules: false, internal: true }

/** The target's files in three groups, searchable by name. */
export const SourceList = memo(function SourceList(props: SourceListProps) {
  const groups = useMemo(() => groupSources(props.sources, props.search), [props.sources, props.search])
  const [closed, setClosed] = useState(closedAtFirst)
  const searching = props.search.trim() !== ''
  return (
    <nav className="sources-nav" aria-label="Files" data-testid="source-list">
      <div className="sources-nav-search">
        <SearchBox value={props.search} placeholder="Search files" onChange={props.onSearch} focusRequest={props.focusRequest} testId="source-search" />
      </div>
      <div className="sources-nav-list">
        {groups.length === 0 && (
          <div className="sources-nav-empty muted">{props.loading ? 'Loading files…' : searching ? 'No file matches.' : props.emptyText}</div>
        )}
        {groups.map((group) => {
          // A search shows every match, whatever is closed.
          const open = searching || !closed[group.group]
          return (
            <section key={group.group} className="source-group" data-testid={`source-group-${group.group}`}>
              <button
                type="button"
                className="source-group-head"
                aria-expanded={open}
                onClick={() => setClosed((c) => ({ ...c, [group.group]: !c[group.group] }))}
              >
                <Caret open={open} />
                <span className="source-group-title">{group.title}</span>
                <span className="count-tag">{group.sources.length.toLocaleString('en-US')}</span>
              </button>
              {open && (
                <ul className="source-files">
                  {group.sources.map((source) => {
                    const { name, dir } = splitPath(displayName(source))
                    const selected = source.url === props.openKey
                    return (
                      <li key={source.url}>
                        <button
                          type="button"
                          className={selected ? 'source-file selected' : 'source-file'}
                          aria-current={selected ? 'true' : undefined}
                          title={source.url}
                          onClick={() => props.onOpen(source.url)}
                          data-testid="source-file"
                          data-url={source.url}
                        >
                          <span className="source-file-name">{name}</span>
                          {dir && (
                            <span className="source-file-dir">
                              <bdi>{dir}</bdi>
                            </span>
                          )}
                          {source.kind === 'original' && <span className="source-file-tag">mapped</span>}
                        </button>
                      </li>
                    )
                  })}
                </ul>
              )}
            </section>
          )
        })}
      </div>
    </nav>
  )
})
