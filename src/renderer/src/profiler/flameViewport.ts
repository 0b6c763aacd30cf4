// What part of a flame view is on screen: a time window (ms) across the canvas width and a
// vertical scroll (px). Pure functions, so that wheel, drag and keys all go through the same
// clamping, and tests can check it without a canvas.

export interface FlameViewport {
  startMs: number
  endMs: number
  /** Pixels scrolled down from the first row. */
  top: number
}

export interface FlameBounds {
  startMs: number
  endMs: number
}

/** Narrowest window: a microsecond, well below one sample, so that any frame can fill the width. */
export const minSpanMs = 0.001

export function fitViewport(bounds: FlameBounds): FlameViewport {
  return { startMs: bounds.startMs, endMs: Math.max(bounds.endMs, bounds.startMs + minSpanMs), top: 0 }
}

/** The window kept inside the bounds, no narrower than minSpanMs; the scroll kept within the content. */
export function clampViewport(vp: FlameViewport, bounds: FlameBounds, contentPx: number, heightPx: number): FlameViewport {
  const full = Math.max(minSpanMs, bounds.endMs - bounds.startMs)
  let span = Math.min(full, Math.max(minSpanMs, vp.endMs - vp.startMs))
  if (!Number.isFinite(span)) span = full
  let start = Number.isFinite(vp.startMs) ? vp.startMs : bounds.startMs
  start = Math.min(Math.max(start, bounds.startMs), bounds.startMs + full - span)
  const top = Math.min(Math.max(0, contentPx - heightPx), Math.max(0, vp.top))
  return { startMs: start, endMs: start + span, top }
}

/** Zoom by `factor` (< 1 zooms in) around the time under pixel `x` of a canvas `widthPx` wide. */
export function zoomAt(vp: FlameViewport, factor: number, x: number, widthPx: number): FlameViewport {
  const span = vp.endMs - vp.startMs
  const anchor = vp.startMs + (x / Math.max(1, widthPx)) * span
  const next = span * factor
  return { startMs: anchor - (anchor - vp.startMs) * factor, endMs: anchor - (anchor - vp.startMs) * factor + next, top: vp.top }
}

/** Pan by pixels (drag right: positive dx moves the content right, so the window moves left). */
export function panBy(vp: FlameViewport, dx: number, dy: number, widthPx: number): FlameViewport {
  const msPerPx = (vp.endMs - vp.startMs) / Math.max(1, widthPx)
  return { startMs: vp.startMs - dx * msPerPx, endMs: vp.endMs - dx * msPerPx, top: vp.top - dy }
}

/** A window on one rectangle, with a little room either side so that its edges show. */
export function viewportOn(startMs: number, widthMs: number, top: number): FlameViewport {
  const margin = widthMs * 0.02
  return { startMs: startMs - margin, endMs: startMs + widthMs + margin, top }
}

/** The pixel width a millisecond takes. */
export function pxPerMs(vp: FlameViewport, widthPx: number): number {
  return widthPx / Math.max(minSpanMs, vp.endMs - vp.startMs)
}

/**
 * Whether a payload fetched for `have` (its window and its smallest kept width) still shows
 * `want` at full detail on a canvas `widthPx` wide: it covers the window, and it left out only
 * what is narrower than about a pixel there.
 */
export function payloadCovers(have: { startMs: number; endMs: number; minMs: number }, want: FlameBounds, widthPx: number): boolean {
  const slack = (want.endMs - want.startMs) * 1e-6
  const pixelMs = (want.endMs - want.startMs) / Math.max(1, widthPx)
  return have.startMs <= want.startMs + slack && have.endMs >= want.endMs - slack && have.minMs <= pixelMs * 1.5
}

/**
 * The window to ask the engine for: the visible one and half a screen either side (so that a
 * pan shows detail at once), at the same ms per pixel; within the bounds.
 */
export function requestWindow(vp: FlameViewport, bounds: FlameBounds, widthPx: number, maxPx = 16_384): { startMs: number; endMs: number; widthPx: number } {
  const span = vp.endMs - vp.startMs
  const startMs = Math.max(bounds.startMs, vp.startMs - span / 2)
  const endMs = Math.min(bounds.endMs, vp.endMs + span / 2)
  const px = Math.round((widthPx * (endMs - startMs)) / Math.max(minSpanMs, span))
  return { startMs, endMs, widthPx: Math.max(1, Math.min(maxPx, px)) }
}
