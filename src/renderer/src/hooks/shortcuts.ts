// The app's keyboard shortcuts as a pure mapping from a key press to an action.

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
export const modKey = isMac ? '⌘' : 'Ctrl'

export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'
}

/** What a key press means to the app, or null; pure so the mapping is readable in one place. */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, typing: boolean, mac = isMac) {
  const mod = mac ? e.metaKey : e.ctrlKey
  if (e.key === 'Escape') return { kind: 'escape' } as const
  if (mod && !e.altKey) {
    const key = e.key.toLowerCase()
    if (key === 'k') return { kind: 'attach' } as const
    if (key === 'f') return { kind: 'search' } as const
    if (key === 'l') return { kind: 'clear' } as const
    if (key === 'o') return { kind: 'openSession' } as const
    if (key === 's') return { kind: 'saveSession' } as const
    if (/^[1-9]$/.test(e.key)) return { kind: 'view', index: Number(e.key) - 1 } as const
    return null
  }
  if (e.key === '?' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) return { kind: 'help' } as const
  return null
}

export type DebugCommand = 'resumeOrPause' | 'stepOver' | 'stepInto' | 'stepOut'

/**
 * The debugger's keys, as Chrome DevTools and VS Code have them: F8 resume/pause, F10 step over,
 * F11 step into, Shift+F11 step out. They act in text fields too (the evaluate box): F-keys type nothing.
 */
export function debugShortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): DebugCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  if (e.key === 'F8' && !e.shiftKey) return 'resumeOrPause'
  if (e.key === 'F10' && !e.shiftKey) return 'stepOver'
  if (e.key === 'F11') return e.shiftKey ? 'stepOut' : 'stepInto'
  return null
}
