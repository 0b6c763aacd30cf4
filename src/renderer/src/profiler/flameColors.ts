// Frame colors: one hue per category (your code, npm, node, V8, …) from the theme's CSS
// variables (profiler.css sets them for light and dark), in a few shades so that neighbouring
// frames stay apart, plus the dimmed color search gives frames that do not match. The renderer
// batches rectangles by these buckets: one fill per color, not one per frame.
import type { ProfileCategory } from '../../../shared/profileTypes'

export const categoryOrder: readonly ProfileCategory[] = ['app', 'npm', 'node', 'v8', 'program', 'gc', 'idle']
export const shades = 4

export const flameCssVariables = [
  '--flame-app',
  '--flame-npm',
  '--flame-node',
  '--flame-v8',
  '--flame-program',
  '--flame-gc',
  '--flame-idle',
  '--flame-text',
  '--flame-dim',
  '--flame-dim-text',
  '--flame-highlight',
  '--flame-hover',
  '--bg'
] as const
export type FlameCssVariable = (typeof flameCssVariables)[number]

export interface FlamePalette {
  /** Bucket b < categories×shades: category ⌊b / shades⌋ in shade b mod shades; then one dimmed bucket. */
  fills: string[]
  dimBucket: number
  text: string
  dimText: string
  highlight: string
  hover: string
  background: string
}

function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())
  if (!m) return null
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1]
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)]
}

/** `color` moved towards `to` by `amount` (0…1); colors that are not hex stay as they are. */
export function mixHex(color: string, to: string, amount: number): string {
  const a = parseHex(color)
  const b = parseHex(to)
  if (!a || !b) return color
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * amount))
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`
}

export function buildPalette(css: Record<FlameCssVariable, string>): FlamePalette {
  const fills: string[] = []
  for (const category of categoryOrder) {
    const base = css[`--flame-${category}` as FlameCssVariable] || '#888888'
    // Shades alternate lighter and darker around the base, by at most 14%.
    for (let s = 0; s < shades; s++) fills.push(s === 0 ? base : mixHex(base, s % 2 ? '#ffffff' : '#000000', 0.07 * Math.ceil(s / 2)))
  }
  fills.push(css['--flame-dim'] || '#555555')
  return {
    fills,
    dimBucket: fills.length - 1,
    text: css['--flame-text'] || '#000000',
    dimText: css['--flame-dim-text'] || '#888888',
    highlight: css['--flame-highlight'] || '#ffcc00',
    hover: css['--flame-hover'] || '#ffffff',
    background: css['--bg'] || '#000000'
  }
}

/** A stable small hash of a function's name and file: the same function gets the same shade everywhere. */
export function shadeOf(name: string, url: string): number {
  let h = 2166136261
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619)
  for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 16777619)
  return (h >>> 0) % shades
}

/** The color bucket of each function of a payload (its position in `functions`). */
export function functionBuckets(functions: { name: string[]; url: string[]; category: ProfileCategory[] }): Uint8Array {
  const buckets = new Uint8Array(functions.name.length)
  for (let f = 0; f < buckets.length; f++) {
    const c = Math.max(0, categoryOrder.indexOf(functions.category[f]))
    buckets[f] = c * shades + shadeOf(functions.name[f], functions.url[f])
  }
  return buckets
}

/** Which functions of a payload match a search (name or file, case-insensitive); null when nothing is searched. */
export function searchMatches(functions: { name: string[]; url: string[] }, search: string): Uint8Array | null {
  const needle = search.trim().toLowerCase()
  if (!needle) return null
  const matches = new Uint8Array(functions.name.length)
  for (let f = 0; f < matches.length; f++) matches[f] = functions.name[f].toLowerCase().includes(needle) || functions.url[f].toLowerCase().includes(needle) ? 1 : 0
  return matches
}
