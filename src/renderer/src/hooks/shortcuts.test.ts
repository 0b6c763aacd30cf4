import { describe, expect, it } from 'vitest'
import { shortcutFor } from './shortcuts'

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods })

describe('shortcutFor', () => {
  it('maps Ctrl (or Cmd on macOS) chords', () => {
    expect(shortcutFor(key('k', { ctrlKey: true }), false, false)).toEqual({ kind: 'attach' })
    expect(shortcutFor(key('K', { ctrlKey: true, shiftKey: true }), false, false)).toEqual({ kind: 'attach' })
    expect(shortcutFor(key('f', { metaKey: true }), true, true)).toEqual({ kind: 'search' })
    expect(shortcutFor(key('f', { ctrlKey: true }), true, true)).toBeNull()
    expect(shortcutFor(key('l', { ctrlKey: true }), true, false)).toEqual({ kind: 'clear' })
    expect(shortcutFor(key('2', { ctrlKey: true }), false, false)).toEqual({ kind: 'view', index: 1 })
    expect(shortcutFor(key('0', { ctrlKey: true }), false, false)).toBeNull()
    expect(shortcutFor(key('o', { ctrlKey: true }), false, false)).toEqual({ kind: 'openSession' })
    expect(shortcutFor(key('s', { metaKey: true }), true, true)).toEqual({ kind: 'saveSession' })
  })

  it('opens help with ? only outside text fields, and always maps Esc', () => {
    expect(shortcutFor(key('?', { shiftKey: true }), false, false)).toEqual({ kind: 'help' })
    expect(shortcutFor(key('?', { shiftKey: true }), true, false)).toBeNull()
    expect(shortcutFor(key('Escape'), true, false)).toEqual({ kind: 'escape' })
    expect(shortcutFor(key('a'), false, false)).toBeNull()
  })
})
