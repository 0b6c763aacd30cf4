// How the Profiler view writes times, shares and places.
import { profileCategoryLabels, type ProfileCategory } from '../../../shared/profileTypes'
import type { ProfileInfo, ProfileSource } from '../../../shared/profilerApi'
import { basename } from '../console/format'

/** Milliseconds with a precision that fits their size: 0.042 ms, 3.25 ms, 412 ms, 12.4 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–'
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 100) return `${Math.round(ms).toLocaleString('en-US')} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`
  if (ms === 0) return '0 ms'
  return `${ms.toFixed(3)} ms`
}

export function formatPct(pct: number): string {
  if (!Number.isFinite(pct)) return '–'
  return pct >= 10 ? `${pct.toFixed(0)}%` : pct >= 0.1 ? `${pct.toFixed(1)}%` : pct > 0 ? '<0.1%' : '0%'
}

/** `file.js:12` for a script and line; the category's name for frames without a script (V8, GC). */
export function locationLabel(url: string, line: number | null, category: ProfileCategory): string {
  if (!url) return category === 'app' ? '' : profileCategoryLabels[category]
  const file = url.startsWith('node:') ? url : basename(url)
  return line ? `${file}:${line}` : file
}

export const sourceLabels: Record<ProfileSource, string> = { capture: 'captured', import: 'imported', session: 'session' }

/** Share of a loading profile read so far (0…1), or null while unknown. */
export function loadFraction(bytesRead: number, totalBytes: number): number | null {
  return totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : null
}

export function profileFacts(p: ProfileInfo): string {
  const s = p.summary
  if (!s) return ''
  return `${formatMs(s.durationMs)} · ${s.samples.toLocaleString('en-US')} samples · ${s.nodes.toLocaleString('en-US')} nodes`
}
