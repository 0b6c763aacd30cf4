import { describe, expect, it } from 'vitest'
import { formatBytes, formatSignedBytes } from './formatBytes'

describe('formatBytes', () => {
  it('uses binary units with one decimal, whole numbers kept whole', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1024)).toBe('1 KiB')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(16 * 1024 ** 2)).toBe('16 MiB')
    expect(formatBytes(7_235_174)).toBe('6.9 MiB')
    expect(formatBytes(3 * 1024 ** 3 + 1)).toBe('3.0 GiB')
    expect(formatBytes(-2048)).toBe('−2 KiB')
  })
  it('signs changes', () => {
    expect(formatSignedBytes(1536)).toBe('+1.5 KiB')
    expect(formatSignedBytes(-200)).toBe('−200 B')
    expect(formatSignedBytes(0)).toBe('0 B')
  })
})
