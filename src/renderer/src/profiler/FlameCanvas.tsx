import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { useCssColors } from '../hooks/useCssColors'
import { buildPalette, flameCssVariables, functionBuckets, searchMatches } from './flameColors'
import { rectAt, type FlameLayout } from './flameLayout'
import { drawFlame, rowAt, type FlameDrawInput } from './flameRenderer'
import { clampViewport, fitViewport, panBy, viewportOn, zoomAt, type FlameBounds, type FlameViewport } from './flameViewport'
import { FlameTooltip } from './FlameTooltip'

/** The Performance API entry every frame's draw time is measured as (read by the frame-time bench). */
export const drawMeasureName = 'spyglass:flame-draw'
/** Measures kept before the oldest are cleared, so that a long session does not grow the timeline. */
const maxMeasures = 20_000
let measures = 0

export const flameRowHeight = 18
/** Wait this long after the last zoom or pan before asking for a finer payload. */
const settleMs = 120
const cssNames = [...flameCssVariables, '--font-mono'] as const

export interface FlameCanvasProps {
  layout: FlameLayout | null
  /** What the view may show: the focused subtree, the profile's duration. */
  bounds: FlameBounds | null
  /** A new key fits the viewport to the bounds (another profile, another focus). */
  resetKey: string
  /** The row to scroll to on a reset (the focused frame's depth), so that it shows near the top. */
  resetRow?: number
  direction: 'down' | 'up'
  search: string
  highlightNodes: ReadonlySet<number> | null
  /** The selected function (its index in the profile), outlined where the payload has no node ids. */
  selectedFunction: number | null
  /** Denominator of the tooltip's shares (the profile's non-idle time). */
  percentBase: number
  /** Clicking a frame zooms onto it here (the flame chart); the graph focuses through onPick. */
  zoomOnPick: boolean
  onPick(k: number, layout: FlameLayout): void
  onEscape?(): void
  /** The viewport once zoom or pan settle, and the canvas width in CSS px (also right after layout). */
  onViewport?(vp: FlameViewport | null, widthPx: number): void
  testId: string
  label: string
}

interface Tip {
  k: number
  x: number
  y: number
}

/** A flame view on a canvas of its own renderer: wheel zooms, drag pans, keys do both, hover tells, click picks. */
export function FlameCanvas(props: FlameCanvasProps) {
  const wrapRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const vpRef = useRef<FlameViewport | null>(null)
  const sizeRef = useRef({ width: 0, height: 0 })
  const hoverRef = useRef(-1)
  const frameRef = useRef(0)
  const settleRef = useRef(0)
  const appliedKey = useRef<string | null>(null)
  const dragRef = useRef<{ x: number; y: number; vp: FlameViewport; moved: boolean } | null>(null)
  const charWidthRef = useRef<{ font: string; width: number } | null>(null)
  const [tip, setTip] = useState<Tip | null>(null)

  const css = useCssColors(cssNames)
  const palette = useMemo(() => buildPalette(css), [css])
  const font = `11px ${css['--font-mono'] || 'monospace'}`
  const { layout, search, highlightNodes, selectedFunction, bounds } = props
  const buckets = useMemo(() => (layout ? functionBuckets(layout.functions) : new Uint8Array(0)), [layout])
  const matches = useMemo(() => (layout ? searchMatches(layout.functions, search) : null), [layout, search])
  const highlightFn = useMemo(() => (layout && selectedFunction !== null ? layout.functions.index.indexOf(selectedFunction) : -1), [layout, selectedFunction])

  // The latest of everything a frame needs, read by the animation-frame callback.
  const live = useRef({ props, palette, buckets, matches, highlightFn, font })
  live.current = { props, palette, buckets, matches, highlightFn, font }

  const contentPx = (l: FlameLayout | null): number => (l ? l.rows * flameRowHeight + flameRowHeight : 0)

  const draw = useCallback(() => {
    frameRef.current = 0
    const canvas = canvasRef.current
    const { props: p, palette: pal, buckets: b, matches: m, highlightFn: hf, font: f } = live.current
    const { width, height } = sizeRef.current
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx || width === 0 || height === 0) return
    const vp = vpRef.current
    if (!p.layout || !vp) {
      ctx.fillStyle = pal.background
      ctx.fillRect(0, 0, width, height)
      return
    }
    if (charWidthRef.current?.font !== f) {
      ctx.font = f
      charWidthRef.current = { font: f, width: ctx.measureText('M').width || 7 }
    }
    const input: FlameDrawInput = {
      layout: p.layout,
      viewport: vp,
      widthPx: width,
      heightPx: height,
      rowHeight: flameRowHeight,
      direction: p.direction,
      palette: pal,
      buckets: b,
      matches: m,
      highlightNodes: p.highlightNodes,
      highlightFn: hf,
      hover: hoverRef.current,
      font: f,
      charWidth: charWidthRef.current.width
    }
    const start = performance.now()
    const stats = drawFlame(ctx, input)
    const end = performance.now()
    if (++measures > maxMeasures) {
      performance.clearMeasures(drawMeasureName)
      measures = 1
    }
    performance.measure(drawMeasureName, { start, end, detail: { view: p.testId, rects: stats.rects } })
    canvas.dataset.rects = String(stats.rects)
    canvas.dataset.dimmed = String(stats.dimmed)
    canvas.dataset.highlighted = String(stats.highlighted)
    canvas.dataset.startMs = String(vp.startMs)
    canvas.dataset.endMs = String(vp.endMs)
  }, [])

  const schedule = useCallback(() => {
    if (frameRef.current === 0) frameRef.current = requestAnimationFrame(draw)
  }, [draw])

  const notifySettled = useCallback(() => {
    window.clearTimeout(settleRef.current)
    settleRef.current = window.setTimeout(() => live.current.props.onViewport?.(vpRef.current, sizeRef.current.width), settleMs)
  }, [])

  const setViewport = useCallback(
    (next: FlameViewport) => {
      const b = live.current.props.bounds
      if (!b) return
      vpRef.current = clampViewport(next, b, contentPx(live.current.props.layout), sizeRef.current.height)
      schedule()
      notifySettled()
    },
    [schedule, notifySettled]
  )

  // A new key (profile, focus) fits the window to the bounds; new bounds for the same key only clamp it.
  useEffect(() => {
    if (!bounds) return
    if (appliedKey.current !== props.resetKey || !vpRef.current) {
      appliedKey.current = props.resetKey
      const row = props.resetRow ?? 0
      setViewport({ ...fitViewport(bounds), top: Math.max(0, (row - 2) * flameRowHeight) })
    } else setViewport(vpRef.current)
  }, [bounds, props.resetKey, props.resetRow, setViewport])

  // Rectangle indices belong to one payload: a new one forgets the hovered rectangle.
  useEffect(() => {
    hoverRef.current = -1
    setTip(null)
  }, [layout])

  useEffect(schedule, [schedule, layout, palette, matches, highlightNodes, highlightFn, props.direction])

  useEffect(() => {
    const wrap = wrapRef.current
    const canvas = canvasRef.current
    if (!wrap || !canvas) return
    const observer = new ResizeObserver(() => {
      const width = Math.floor(wrap.clientWidth)
      const height = Math.floor(wrap.clientHeight)
      if (width === sizeRef.current.width && height === sizeRef.current.height) return
      sizeRef.current = { width, height }
      const dpr = window.devicePixelRatio || 1
      canvas.width = Math.max(1, Math.round(width * dpr))
      canvas.height = Math.max(1, Math.round(height * dpr))
      canvas.style.width = `${width}px`
      canvas.style.height = `${height}px`
      canvas.getContext('2d')?.setTransform(dpr, 0, 0, dpr, 0, 0)
      draw()
      live.current.props.onViewport?.(vpRef.current, width)
    })
    observer.observe(wrap)
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frameRef.current)
      frameRef.current = 0
      window.clearTimeout(settleRef.current)
    }
  }, [draw])

  // Wheel: zoom around the pointer (vertical), pan (horizontal), scroll rows (Shift). A native
  // listener, since React's wheel listeners are passive and could not keep the page still.
  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const onWheel = (e: WheelEvent): void => {
      const vp = vpRef.current
      if (!vp) return
      e.preventDefault()
      const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? sizeRef.current.height : 1
      const dx = e.deltaX * scale
      const dy = e.deltaY * scale
      if (e.shiftKey) setViewport({ ...vp, top: vp.top + (live.current.props.direction === 'down' ? dy : -dy) })
      else if (Math.abs(dx) > Math.abs(dy)) setViewport(panBy(vp, -dx, 0, sizeRef.current.width))
      else setViewport(zoomAt(vp, Math.exp(dy * 0.002), e.offsetX, sizeRef.current.width))
    }
    canvas.addEventListener('wheel', onWheel, { passive: false })
    return () => canvas.removeEventListener('wheel', onWheel)
  }, [setViewport])

  const hit = (x: number, y: number): number => {
    const l = live.current.props.layout
    const vp = vpRef.current
    if (!l || !vp) return -1
    const row = rowAt(y, { viewport: vp, heightPx: sizeRef.current.height, rowHeight: flameRowHeight, direction: live.current.props.direction })
    const msPerPx = (vp.endMs - vp.startMs) / Math.max(1, sizeRef.current.width)
    const ms = vp.startMs + x * msPerPx
    // Frames narrower than a pixel are painted as one: the pixel's neighbours count as hits too.
    const k = rectAt(l, row, ms)
    return k >= 0 ? k : Math.max(rectAt(l, row, ms - msPerPx / 2), rectAt(l, row, ms + msPerPx / 2))
  }

  const setHover = (k: number, x: number, y: number): void => {
    if (k !== hoverRef.current) {
      hoverRef.current = k
      schedule()
    }
    setTip(k >= 0 ? { k, x, y } : null)
  }

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (e.button !== 0 || !vpRef.current) return
    e.currentTarget.setPointerCapture(e.pointerId)
    dragRef.current = { x: e.clientX, y: e.clientY, vp: vpRef.current, moved: false }
  }

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const drag = dragRef.current
    const x = e.nativeEvent.offsetX
    const y = e.nativeEvent.offsetY
    if (drag) {
      const dx = e.clientX - drag.x
      const dy = e.clientY - drag.y
      if (!drag.moved && Math.hypot(dx, dy) < 4) return
      drag.moved = true
      setTip(null)
      setViewport(panBy(drag.vp, dx, live.current.props.direction === 'down' ? dy : -dy, sizeRef.current.width))
      return
    }
    setHover(hit(x, y), x, y)
  }

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>): void => {
    const drag = dragRef.current
    dragRef.current = null
    if (!drag || drag.moved) return
    const l = live.current.props.layout
    const k = hit(e.nativeEvent.offsetX, e.nativeEvent.offsetY)
    if (k < 0 || !l || !vpRef.current) return
    if (live.current.props.zoomOnPick) setViewport(viewportOn(l.startMs[k], l.widthMs[k], vpRef.current.top))
    live.current.props.onPick(k, l)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>): void => {
    const vp = vpRef.current
    const b = live.current.props.bounds
    if (!vp || !b) return
    const width = sizeRef.current.width
    const down = live.current.props.direction === 'down' ? 1 : -1
    const moves: Record<string, () => FlameViewport> = {
      '+': () => zoomAt(vp, 0.7, width / 2, width),
      '=': () => zoomAt(vp, 0.7, width / 2, width),
      '-': () => zoomAt(vp, 1 / 0.7, width / 2, width),
      ArrowLeft: () => panBy(vp, width * 0.15, 0, width),
      ArrowRight: () => panBy(vp, -width * 0.15, 0, width),
      ArrowUp: () => ({ ...vp, top: vp.top - 3 * flameRowHeight * down }),
      ArrowDown: () => ({ ...vp, top: vp.top + 3 * flameRowHeight * down }),
      '0': () => fitViewport(b)
    }
    const move = moves[e.key]
    if (move) {
      e.preventDefault()
      setViewport(move())
    } else if (e.key === 'Escape' && props.onEscape) {
      e.stopPropagation()
      e.nativeEvent.stopImmediatePropagation()
      props.onEscape()
    }
  }

  const tipIndex = tip && layout && tip.k < layout.count ? tip.k : -1
  return (
    <div ref={wrapRef} className="flame-canvas-wrap" data-testid={props.testId}>
      <canvas
        ref={canvasRef}
        className="flame-canvas"
        tabIndex={0}
        role="img"
        aria-label={props.label}
        data-nodes={layout?.count ?? 0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => {
          if (!dragRef.current) setHover(-1, 0, 0)
        }}
        onKeyDown={onKeyDown}
      />
      {tip && layout && tipIndex >= 0 && (
        <FlameTooltip layout={layout} k={tipIndex} x={tip.x} y={tip.y} width={sizeRef.current.width} height={sizeRef.current.height} percentBase={props.percentBase} />
      )}
    </div>
  )
}
