import type { ConsoleLevel } from '../../../shared/consoleTypes'

// Small inline SVG icons (no icon font: the CSP forbids remote content, and these stay crisp).
const base = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const

export function LevelIcon({ level }: { level: ConsoleLevel }) {
  switch (level) {
    case 'error':
      return (
        <svg {...base} className="level-icon level-icon-error">
          <circle cx="8" cy="8" r="6.5" fill="currentColor" />
          <path d="M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8" stroke="var(--bg)" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      )
    case 'warn':
      return (
        <svg {...base} className="level-icon level-icon-warn">
          <path d="M8 1.8L15 14H1z" fill="currentColor" strokeLinejoin="round" />
          <path d="M8 6.2v3.6" stroke="var(--bg)" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="11.9" r="0.9" fill="var(--bg)" />
        </svg>
      )
    case 'info':
      return (
        <svg {...base} className="level-icon level-icon-info">
          <circle cx="8" cy="8" r="6.5" fill="currentColor" />
          <path d="M8 7.2v4" stroke="var(--bg)" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="4.9" r="0.95" fill="var(--bg)" />
        </svg>
      )
    case 'debug':
      return (
        <svg {...base} className="level-icon level-icon-debug">
          <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <circle cx="8" cy="8" r="1.8" fill="currentColor" />
        </svg>
      )
    default:
      return (
        <svg {...base} className="level-icon level-icon-log">
          <path d="M5 8h6" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
      )
  }
}

export function ConsoleIcon() {
  return (
    <svg {...base} width={16} height={16}>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path d="M4 6l2.5 2L4 10M8 10.5h4" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}

export function ErrorsIcon() {
  return (
    <svg {...base} width={16} height={16}>
      <path d="M8 1.8L15 14H1z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
      <path d="M8 6.3v3.4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="8" cy="11.7" r="0.85" fill="currentColor" />
    </svg>
  )
}

/** Profiler: a flame graph's stacked bars. */
export function ProfilerIcon() {
  return (
    <svg {...base} width={16} height={16}>
      <rect x="1.5" y="2.5" width="13" height="3" rx="0.8" fill="currentColor" />
      <rect x="1.5" y="6.5" width="8" height="3" rx="0.8" fill="none" stroke="currentColor" strokeWidth="1.2" />
      <rect x="10.5" y="6.5" width="4" height="3" rx="0.8" fill="none" stroke="currentColor" strokeWidth="1.2" />
      <rect x="1.5" y="10.5" width="4.5" height="3" rx="0.8" fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  )
}

/** Sources/Debugger: a page of code with a breakpoint tag in its margin. */
export function SourcesIcon() {
  return (
    <svg {...base} width={16} height={16}>
      <path d="M3.5 1.5h6l3 3v10h-9z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
      <path d="M7.5 7.5h3M7.5 10h3M7.5 12.5h2" stroke="currentColor" strokeWidth="1.2" strokeLinecap="round" />
      <path d="M1.5 8.5h3.2l1.3 1.2-1.3 1.2H1.5z" fill="currentColor" />
    </svg>
  )
}

/** System: a pulse line across a monitor. */
export function SystemIcon() {
  return (
    <svg {...base} width={16} height={16}>
      <rect x="1.5" y="2.5" width="13" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path d="M3.5 7.5h2l1.2-2.5 1.8 4.5 1.3-2h2.7" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M6 14h4" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
    </svg>
  )
}

/** Memory: a memory chip with its pins. */
export function MemoryIcon() {
  return (
    <svg {...base} width={16} height={16}>
      <rect x="3.5" y="3.5" width="9" height="9" rx="1.2" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <rect x="6" y="6" width="4" height="4" rx="0.5" fill="currentColor" />
      <path d="M6 1.5v2M10 1.5v2M6 12.5v2M10 12.5v2M1.5 6h2M1.5 10h2M12.5 6h2M12.5 10h2" stroke="currentColor" strokeWidth="1.2" strokeLinecap="round" />
    </svg>
  )
}

export function Caret({ open }: { open: boolean }) {
  return (
    <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden className={open ? 'caret caret-open' : 'caret'}>
      <path d="M3 1.5L7 5 3 8.5z" fill="currentColor" />
    </svg>
  )
}

export function SpyglassLogo() {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden className="logo">
      <circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M10.8 10.8L16 16" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="7" cy="7" r="2" fill="currentColor" opacity="0.5" />
    </svg>
  )
}
