import { useMemo, useState } from 'react'
import type { HeapSamplingProfile, HeapSamplingStatus } from '../../../shared/heapApi'
import { allocationBars } from './allocationLayout'
import { formatBytes } from '../../../shared/formatBytes'

export interface AllocationPaneProps {
  sampling: HeapSamplingStatus | null
  profile: HeapSamplingProfile | null
  busy: boolean
  readOnly: boolean
  onStart(): void
  onStop(): void
}

const barHeight = 18

function siteLabel(profile: HeapSamplingProfile, i: number): string {
  const file = profile.url[i] ? profile.url[i].split('/').pop() : ''
  return `${profile.functionName[i]}${file ? ` ${file}${profile.line[i] ? `:${profile.line[i]}` : ''}` : ''}`
}

/** The sampling heap profiler: start, stop, then where the bytes still alive were allocated (flame graph and top sites). */
export function AllocationPane({ sampling, profile, busy, readOnly, onStart, onStop }: AllocationPaneProps) {
  const bars = useMemo(() => (profile ? allocationBars(profile) : []), [profile])
  const [hovered, setHovered] = useState<number | null>(null)
  const depth = bars.reduce((d, b) => Math.max(d, b.depth), 0) + 1
  const total = profile?.totalBytes[0] ?? 0
  return (
    <div className="allocation-pane" data-testid="allocation-pane">
      <div className="allocation-toolbar">
        {sampling?.running ? (
          <button type="button" className="btn primary" disabled={busy} onClick={onStop} data-testid="sampling-stop">
            Stop sampling
          </button>
        ) : (
          <button type="button" className="btn" disabled={busy || readOnly} onClick={onStart} data-testid="sampling-start">
            Sample allocations
          </button>
        )}
        <span className="muted">
          {sampling?.running
            ? `Sampling an allocation every ~${formatBytes(sampling.intervalBytes ?? 0)}… run your program, then stop.`
            : 'Records where the program allocates what is still alive when sampling stops (V8 sampling heap profiler, low overhead).'}
        </span>
      </div>
      {profile && (
        <>
          <div className="mem-subtitle">
            Allocation flame graph · {formatBytes(total)} still allocated
            {hovered !== null && <span className="muted"> · {siteLabel(profile, hovered)}: {formatBytes(profile.totalBytes[hovered])}</span>}
          </div>
          <div className="alloc-flame" style={{ height: depth * barHeight }} data-testid="allocation-flame" onMouseLeave={() => setHovered(null)}>
            {bars.map((b) => (
              <div
                key={b.node}
                className="alloc-bar"
                style={{ left: `${b.x * 100}%`, width: `${b.width * 100}%`, top: b.depth * barHeight, height: barHeight - 1 }}
                title={`${siteLabel(profile, b.node)} — ${formatBytes(profile.totalBytes[b.node])} (self ${formatBytes(profile.selfBytes[b.node])})`}
                onMouseEnter={() => setHovered(b.node)}
              >
                {b.width > 0.04 ? profile.functionName[b.node] : ''}
              </div>
            ))}
          </div>
          <div className="mem-subtitle">Top allocation sites (self)</div>
          <ul className="alloc-sites" data-testid="allocation-sites">
            {profile.topSites.slice(0, 15).map((i) => (
              <li key={i} className="alloc-site">
                <span className="cell-num">{formatBytes(profile.selfBytes[i])}</span>
                <span className="alloc-site-name">{siteLabel(profile, i)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
