import type { ReactNode } from 'react'
import type { ConnectionState } from '../api/clientTypes'
import type { Theme } from '../settings/settingsStore'

export interface SidebarEntry {
  id: string
  title: string
  icon: ReactNode
}

export interface SidebarProps {
  entries: readonly SidebarEntry[]
  activeId: string
  onSelect(id: string): void
  theme: Theme
  onCycleTheme(): void
  onHelp(): void
  connection: ConnectionState
  transport: string
  modKey: string
}

const themeLabel: Record<Theme, string> = { system: 'Theme: system', dark: 'Theme: dark', light: 'Theme: light' }

export function Sidebar(props: SidebarProps) {
  return (
    <nav className="sidebar" aria-label="Views" data-testid="sidebar">
      <ul className="sidebar-views">
        {props.entries.map((entry, i) => (
          <li key={entry.id}>
            <button
              type="button"
              className={entry.id === props.activeId ? 'sidebar-item active' : 'sidebar-item'}
              aria-current={entry.id === props.activeId ? 'page' : undefined}
              onClick={() => props.onSelect(entry.id)}
              title={`${entry.title} (${props.modKey}+${i + 1})`}
              data-testid={`view-${entry.id}`}
            >
              <span className="sidebar-icon">{entry.icon}</span>
              <span className="sidebar-label">{entry.title}</span>
              <kbd className="sidebar-key">{i + 1}</kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer">
        <button type="button" className="sidebar-item small" onClick={props.onCycleTheme} data-testid="theme-toggle" title="Switch theme: system → dark → light">
          {themeLabel[props.theme]}
        </button>
        <button type="button" className="sidebar-item small" onClick={props.onHelp} title="Keyboard shortcuts (?)">
          Shortcuts <kbd>?</kbd>
        </button>
        <div className={`sidebar-conn conn-${props.connection}`} title={`Connected over ${props.transport}`}>
          <span className="dot" /> {props.transport === 'ipc' ? 'desktop' : 'web'} · {props.connection}
        </div>
      </div>
    </nav>
  )
}
