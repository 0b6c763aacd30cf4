// Draws a flame layout's viewport on a 2D canvas within a frame's budget however many
// rectangles the payload holds: each visible row is entered by binary search, rectangles
// narrower than a pixel are painted once per pixel column (the rest of that column is skipped
// by another binary search), and the rectangles are batched into one path per color. So the
// work is bounded by the pixels on screen, not by the payload.
import type { FlamePalette } from './flameColors'
import { firstEndingAfter, firstStartingAt, type FlameLayout } from './flameLayout'
import type { FlameViewport } from './flameViewport'

/** The part of CanvasRenderingContext2D the renderer uses (tests pass a recorder). */
export type FlameContext = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'strokeStyle' | 'font' | 'textBaseline' | 'lineWidth' | 'fillRect' | 'beginPath' | 'rect' | 'fill' | 'stroke' | 'fillText'
>

export interface FlameDrawInput {
  layout: FlameLayout
  viewport: FlameViewport
  widthPx: number
  heightPx: number
  rowHeight: number
  /** 'down': row 0 at the top (flame graph, chart, callees); 'up': row 0 at the bottom (callers). */
  direction: 'down' | 'up'
  palette: FlamePalette
  /** Color bucket per function of the payload (functionBuckets). */
  buckets: Uint8Array
  /** Per function: 1 where it matches the search; null when nothing is searched. */
  matches: Uint8Array | null
  /** Tree nodes to outline (the selected function's, from profiler.nodesOf). */
  highlightNodes: ReadonlySet<number> | null
  /** A function (its position in the payload) to outline where the payload has no node ids. */
  highlightFn: number
  /** The rectangle under the pointer, or −1. */
  hover: number
  font: string
  /** Width of one character of `font` (a monospace font: labels are cut without measuring). */
  charWidth: number
}

export interface FlameDrawStats {
  rects: number
  labels: number
  /** Rectangles drawn dimmed (not matching the search) and outlined (the selected function's). */
  dimmed: number
  highlighted: number
}

/** Labels need room for two characters and the padding. */
const labelPad = 4
/** A gap of a pixel between rectangles wider than this, so that siblings stay apart. */
const gapAbovePx = 3

class Batch {
  data = new Float32Array(3 * 1024)
  length = 0
  push(x: number, y: number, w: number): void {
    if (this.length + 3 > this.data.length) {
      const bigger = new Float32Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = x
    this.data[this.length++] = y
    this.data[this.length++] = w
  }
}

// Scratch buffers reused by every frame: drawing allocates nothing per rectangle.
const batches: Batch[] = []
const outlines = new Batch()
const labels: number[] = []

/** Row `row`'s top edge on the canvas. */
export function rowTop(row: number, input: Pick<FlameDrawInput, 'viewport' | 'heightPx' | 'rowHeight' | 'direction'>): number {
  return input.direction === 'down' ? row * input.rowHeight - input.viewport.top : input.heightPx - (row + 1) * input.rowHeight + input.viewport.top
}

/** The row under canvas y. */
export function rowAt(y: number, input: Pick<FlameDrawInput, 'viewport' | 'heightPx' | 'rowHeight' | 'direction'>): number {
  return input.direction === 'down' ? Math.floor((y + input.viewport.top) / input.rowHeight) : Math.floor((input.heightPx + input.viewport.top - y) / input.rowHeight)
}

/** `text` cut to `chars` characters with an ellipsis; '' where not even two fit. */
export function fitLabel(text: string, chars: number): string {
  if (chars < 2) return ''
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`
}

export function drawFlame(ctx: FlameContext, input: FlameDrawInput): FlameDrawStats {
  const { layout, viewport: vp, widthPx, heightPx, rowHeight, palette } = input
  ctx.fillStyle = palette.background
  ctx.fillRect(0, 0, widthPx, heightPx)
  while (batches.length < palette.fills.length) batches.push(new Batch())
  for (const b of batches) b.length = 0
  outlines.length = 0
  labels.length = 0
  let hoverX = 0
  let hoverY = 0
  let hoverW = -1

  const scale = widthPx / (vp.endMs - vp.startMs)
  const minLabelPx = labelPad * 2 + input.charWidth * 2
  let rects = 0
  let dimmedRects = 0
  for (let row = 0; row < layout.rows; row++) {
    const y = rowTop(row, input)
    if (y + rowHeight <= 0 || y >= heightPx) continue
    const end = layout.rowStart[row + 1]
    // The last pixel column painted in this row: narrower rectangles that fall in it are skipped.
    let lastPx = -Infinity
    let i = firstEndingAfter(layout, row, vp.startMs)
    while (i < end) {
      const start = layout.orderStart[i]
      if (start >= vp.endMs) break
      const k = layout.order[i]
      const x0 = (start - vp.startMs) * scale
      const x1 = (layout.orderEnd[i] - vp.startMs) * scale
      const f = layout.fn[k]
      const dimmed = input.matches !== null && input.matches[f] === 0
      const bucket = dimmed ? palette.dimBucket : input.buckets[f]
      const highlighted = input.highlightNodes && layout.node ? input.highlightNodes.has(layout.node[k]) : f === input.highlightFn
      if (x1 - x0 < 1) {
        const px = Math.floor(x0)
        if (px <= lastPx) {
          i = firstStartingAt(layout, row, vp.startMs + (lastPx + 1) / scale, i + 1)
          continue
        }
        batches[bucket].push(px, y, 1)
        if (highlighted) outlines.push(px, y, 1)
        if (dimmed) dimmedRects++
        if (k === input.hover) [hoverX, hoverY, hoverW] = [px, y, 1]
        lastPx = px
        rects++
        i++
        continue
      }
      const left = Math.max(-1, x0)
      const right = Math.min(widthPx + 1, x1)
      const w = right - left > gapAbovePx ? right - left - 1 : right - left
      batches[bucket].push(left, y, w)
      if (highlighted) outlines.push(left, y, w)
      if (dimmed) dimmedRects++
      if (k === input.hover) [hoverX, hoverY, hoverW] = [left, y, w]
      if (w >= minLabelPx) labels.push(k, Math.max(0, left), y, w - Math.max(0, -left), dimmed ? 1 : 0)
      lastPx = Math.ceil(x1) - 1
      rects++
      i++
    }
  }

  const h = rowHeight - 1
  for (let b = 0; b < palette.fills.length; b++) {
    const batch = batches[b]
    if (batch.length === 0) continue
    ctx.fillStyle = palette.fills[b]
    ctx.beginPath()
    for (let j = 0; j < batch.length; j += 3) ctx.rect(batch.data[j], batch.data[j + 1], batch.data[j + 2], h)
    ctx.fill()
  }

  if (labels.length > 0) {
    ctx.font = input.font
    ctx.textBaseline = 'middle'
    const names = layout.functions.name
    let color = ''
    for (let j = 0; j < labels.length; j += 5) {
      const want = labels[j + 4] ? palette.dimText : palette.text
      if (want !== color) ctx.fillStyle = color = want
      const text = fitLabel(names[layout.fn[labels[j]]] || '(anonymous)', Math.floor((labels[j + 3] - labelPad * 2) / input.charWidth))
      if (text) ctx.fillText(text, labels[j + 1] + labelPad, labels[j + 2] + h / 2 + 0.5)
    }
  }

  if (outlines.length > 0) {
    ctx.strokeStyle = palette.highlight
    ctx.lineWidth = 2
    ctx.beginPath()
    for (let j = 0; j < outlines.length; j += 3) ctx.rect(outlines.data[j] + 1, outlines.data[j + 1] + 1, Math.max(0, outlines.data[j + 2] - 2), h - 2)
    ctx.stroke()
  }
  if (hoverW >= 0) {
    ctx.strokeStyle = palette.hover
    ctx.lineWidth = 1
    ctx.beginPath()
    ctx.rect(hoverX + 0.5, hoverY + 0.5, Math.max(0, hoverW - 1), h - 1)
    ctx.stroke()
  }
  return { rects, labels: labels.length / 5, dimmed: dimmedRects, highlighted: outlines.length / 3 }
}
