import { describe, expect, it } from 'vitest'
import type { FlameFunctions } from '../../../shared/profilerApi'
import { buildPalette, functionBuckets, searchMatches, type FlameCssVariable } from './flameColors'
import { buildFlameLayout, rectAt, type FlameLayout } from './flameLayout'
import { drawFlame, fitLabel, rowAt, type FlameContext, type FlameDrawInput } from './flameRenderer'
import { clampViewport, payloadCovers, requestWindow, zoomAt, panBy, type FlameViewport } from './flameViewport'

function functions(names: string[]): FlameFunctions {
  return {
    index: names.map((_, i) => i),
    name: names,
    url: names.map((n) => `file:///app/${n}.js`),
    line: names.map(() => 1),
    category: names.map((_, i) => (i % 2 ? 'npm' : 'app')),
    packageName: names.map(() => null)
  }
}

/** A recorder of what the renderer asks the canvas to do. */
function recorder() {
  const fills: Array<{ style: string; rects: number[][] }> = []
  const texts: string[] = []
  const strokes: number[][][] = []
  let path: number[][] = []
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    font: '',
    textBaseline: 'alphabetic',
    lineWidth: 1,
    fillRect() {},
    beginPath() {
      path = []
    },
    rect(x: number, y: number, w: number, h: number) {
      path.push([x, y, w, h])
    },
    fill() {
      fills.push({ style: String(ctx.fillStyle), rects: path })
    },
    stroke() {
      strokes.push(path)
    },
    fillText(text: string) {
      texts.push(text)
    }
  }
  return { ctx: ctx as unknown as FlameContext, fills, texts, strokes }
}

const css = Object.fromEntries(
  ['--flame-app', '--flame-npm', '--flame-node', '--flame-v8', '--flame-program', '--flame-gc', '--flame-idle', '--flame-text', '--flame-dim', '--flame-dim-text', '--flame-highlight', '--flame-hover', '--bg'].map((n, i) => [
    n,
    `#${(0x102030 + i * 0x050505).toString(16)}`
  ])
) as Record<FlameCssVariable, string>

function input(layout: FlameLayout, viewport: FlameViewport, patch: Partial<FlameDrawInput> = {}): FlameDrawInput {
  return {
    layout,
    viewport,
    widthPx: 1000,
    heightPx: 400,
    rowHeight: 18,
    direction: 'down',
    palette: buildPalette(css),
    buckets: functionBuckets(layout.functions),
    matches: null,
    highlightNodes: null,
    highlightFn: -1,
    hover: -1,
    font: '11px monospace',
    charWidth: 7,
    ...patch
  }
}

/** A root of 100 ms, two children (60 + 40), and `tiny` leaves of 40/tiny ms each under the second. */
function tree(tiny: number): FlameLayout {
  const depth = [0, 1, 1]
  const start = [0, 0, 60]
  const width = [100, 60, 40]
  const fn = [0, 1, 2]
  for (let i = 0; i < tiny; i++) {
    depth.push(2)
    start.push(60 + (i * 40) / tiny)
    width.push(40 / tiny)
    fn.push(3 + (i % 2))
  }
  return buildFlameLayout({ count: depth.length, depth, startMs: start, widthMs: width, fn, node: depth.map((_, k) => k + 100), selfMs: null, functions: functions(['(root)', 'main', 'work', 'leafA', 'leafB']) })
}

describe('flame layout', () => {
  it('orders rows and finds the rectangle under a time', () => {
    const layout = buildFlameLayout({ count: 4, depth: [1, 0, 1, 2], startMs: [50, 0, 0, 10], widthMs: [50, 100, 50, 5], fn: [1, 0, 2, 3], node: null, selfMs: null, functions: functions(['r', 'a', 'b', 'c']) })
    expect(layout.rows).toBe(3)
    expect(Array.from(layout.order)).toEqual([1, 2, 0, 3])
    expect(rectAt(layout, 1, 10)).toBe(2)
    expect(rectAt(layout, 1, 75)).toBe(0)
    expect(rectAt(layout, 2, 30)).toBe(-1)
    expect(rectAt(layout, 5, 30)).toBe(-1)
  })
})

describe('flame renderer', () => {
  it('draws visible rectangles batched by color, labels the wide ones, outlines highlighted nodes', () => {
    const layout = tree(2)
    const r = recorder()
    const stats = drawFlame(r.ctx, input(layout, { startMs: 0, endMs: 100, top: 0 }, { highlightNodes: new Set([101]), hover: 2 }))
    expect(stats.rects).toBe(5)
    expect(stats.highlighted).toBe(1)
    expect(stats.dimmed).toBe(0)
    // One path per color used, never one per rectangle of the same color.
    const styles = r.fills.map((f) => f.style)
    expect(new Set(styles).size).toBe(styles.length)
    expect(r.fills.reduce((n, f) => n + f.rects.length, 0)).toBe(5)
    expect(r.texts).toEqual(expect.arrayContaining(['(root)', 'main', 'work', 'leafA', 'leafB']))
    // The highlight outline (node 101: "main", 600 px wide), then the hover outline ("work").
    expect(r.strokes).toHaveLength(2)
    expect(r.strokes[0]).toHaveLength(1)
    expect(r.strokes[0][0][2]).toBeGreaterThan(590)
  })

  it('paints sub-pixel rectangles once per pixel column, however many there are', () => {
    const layout = tree(200_000)
    const r = recorder()
    const stats = drawFlame(r.ctx, input(layout, { startMs: 0, endMs: 100, top: 0 }))
    // 400 px hold the 200,000 leaves: at most one rectangle per pixel column.
    expect(stats.rects).toBeLessThanOrEqual(3 + 401)
    expect(stats.rects).toBeGreaterThan(3 + 350)
    // Zoomed into 1 ms of the leaves: 5,000 leaves visible, still one per pixel column at most.
    const zoomed = drawFlame(r.ctx, input(layout, { startMs: 70, endMs: 71, top: 0 }))
    expect(zoomed.rects).toBeLessThanOrEqual(3 + 1001)
    expect(zoomed.rects).toBeGreaterThan(900)
  })

  it('dims frames that do not match the search and skips rows scrolled out of view', () => {
    const layout = tree(2)
    const matches = searchMatches(layout.functions, 'WORK')
    expect(Array.from(matches!)).toEqual([0, 0, 1, 0, 0])
    const palette = buildPalette(css)
    const r = recorder()
    drawFlame(r.ctx, input(layout, { startMs: 0, endMs: 100, top: 0 }, { matches }))
    const dim = r.fills.find((f) => f.style === palette.fills[palette.dimBucket])
    expect(dim?.rects).toHaveLength(4)
    expect(drawFlame(r.ctx, input(layout, { startMs: 0, endMs: 100, top: 0 }, { matches })).dimmed).toBe(4)
    const scrolled = drawFlame(recorder().ctx, input(layout, { startMs: 0, endMs: 100, top: 36 }, { heightPx: 18 }))
    expect(scrolled.rects).toBe(2)
  })

  it('maps rows both ways and cuts labels to fit', () => {
    const common = { viewport: { startMs: 0, endMs: 1, top: 0 }, heightPx: 100, rowHeight: 20 }
    expect(rowAt(5, { ...common, direction: 'down' })).toBe(0)
    expect(rowAt(45, { ...common, direction: 'down' })).toBe(2)
    expect(rowAt(95, { ...common, direction: 'up' })).toBe(0)
    expect(rowAt(61, { ...common, direction: 'up' })).toBe(1)
    expect(fitLabel('handleRequest', 6)).toBe('handl…')
    expect(fitLabel('ab', 6)).toBe('ab')
    expect(fitLabel('abc', 1)).toBe('')
  })
})

describe('flame viewport', () => {
  const bounds = { startMs: 0, endMs: 100 }
  it('zooms around the pointer and pans, inside the bounds', () => {
    const zoomed = zoomAt({ startMs: 0, endMs: 100, top: 0 }, 0.5, 250, 1000)
    expect(zoomed.startMs).toBeCloseTo(12.5)
    expect(zoomed.endMs).toBeCloseTo(62.5)
    const panned = clampViewport(panBy(zoomed, -2000, 0, 1000), bounds, 500, 400)
    expect(panned).toEqual({ startMs: 50, endMs: 100, top: 0 })
    const out = clampViewport(zoomAt(panned, 10, 0, 1000), bounds, 500, 400)
    expect(out).toEqual({ startMs: 0, endMs: 100, top: 0 })
    expect(clampViewport({ startMs: 0, endMs: 100, top: 900 }, bounds, 500, 400).top).toBe(100)
  })

  it('tells when a payload no longer shows the viewport in full detail, and asks for a padded window', () => {
    const have = { startMs: 0, endMs: 100, minMs: 0.1 }
    expect(payloadCovers(have, { startMs: 10, endMs: 90 }, 800)).toBe(true)
    expect(payloadCovers(have, { startMs: 10, endMs: 20 }, 800)).toBe(false)
    expect(payloadCovers({ startMs: 20, endMs: 100, minMs: 0.01 }, { startMs: 10, endMs: 20 }, 800)).toBe(false)
    expect(requestWindow({ startMs: 40, endMs: 60, top: 0 }, bounds, 800)).toEqual({ startMs: 30, endMs: 70, widthPx: 1600 })
    expect(requestWindow({ startMs: 0, endMs: 20, top: 0 }, bounds, 800)).toEqual({ startMs: 0, endMs: 30, widthPx: 1200 })
  })
})
