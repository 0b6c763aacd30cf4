import { profileCategoryLabels } from '../../../shared/profileTypes'
import type { FlameLayout } from './flameLayout'
import { formatMs, formatPct, locationLabel } from './profileFormat'

export interface FlameTooltipProps {
  layout: FlameLayout
  k: number
  /** The pointer on the canvas, and the canvas size (the tip stays inside it). */
  x: number
  y: number
  width: number
  height: number
  percentBase: number
}

const tipWidth = 320
const tipHeight = 96

/** What the frame under the pointer is: function, place, and its time (self and total, or a span's duration). */
export function FlameTooltip({ layout, k, x, y, width, height, percentBase }: FlameTooltipProps) {
  const f = layout.fn[k]
  const fns = layout.functions
  const name = fns.name[f] || '(anonymous)'
  const place = locationLabel(fns.url[f], fns.line[f] || null, fns.category[f])
  const pct = (ms: number): string => (percentBase > 0 ? ` · ${formatPct((ms / percentBase) * 100)}` : '')
  const left = x + 14 + tipWidth > width ? Math.max(0, x - 14 - tipWidth) : x + 14
  const top = y + 14 + tipHeight > height ? Math.max(0, y - 10 - tipHeight) : y + 14
  return (
    <div className="flame-tip" style={{ left, top, maxWidth: tipWidth }} data-testid="flame-tooltip">
      <div className="flame-tip-name" data-testid="flame-tooltip-name">
        {name}
      </div>
      {place && <div className="flame-tip-place">{place}</div>}
      <div className="flame-tip-times">
        {layout.selfMs ? (
          <>
            <span>
              self <b>{formatMs(layout.selfMs[k])}</b>
              {pct(layout.selfMs[k])}
            </span>
            <span>
              total <b>{formatMs(layout.widthMs[k])}</b>
              {pct(layout.widthMs[k])}
            </span>
          </>
        ) : (
          <span>
            duration <b>{formatMs(layout.widthMs[k])}</b>
            {pct(layout.widthMs[k])}
          </span>
        )}
      </div>
      <div className="flame-tip-cat">
        <span className={`flame-swatch flame-cat-${fns.category[f]}`} />
        {fns.packageName[f] ?? profileCategoryLabels[fns.category[f]]}
      </div>
    </div>
  )
}
