import { describe, expect, it } from 'vitest'
import { debugShortcutFor } from './shortcuts'

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods })

describe('debugShortcutFor', () => {
  it('maps the keys users know from DevTools and VS Code', () => {
    expect(debugShortcutFor(key('F8'))).toBe('resumeOrPause')
    expect(debugShortcutFor(key('F10'))).toBe('stepOver')
    expect(debugShortcutFor(key('F11'))).toBe('stepInto')
    expect(debugShortcutFor(key('F11', { shiftKey: true }))).toBe('stepOut')
  })

  it('leaves chords and other keys alone', () => {
    expect(debugShortcutFor(key('F8', { shiftKey: true }))).toBeNull()
    expect(debugShortcutFor(key('F10', { ctrlKey: true }))).toBeNull()
    expect(debugShortcutFor(key('F11', { metaKey: true }))).toBeNull()
    expect(debugShortcutFor(key('F9'))).toBeNull()
    expect(debugShortcutFor(key('a'))).toBeNull()
  })
})
