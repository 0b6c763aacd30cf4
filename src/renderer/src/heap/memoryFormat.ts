// How the Memory view writes counts, deltas, growth rates and progress (sizes: shared/formatBytes.ts).
import { formatBytes, formatSignedBytes } from '../../../shared/formatBytes'
import type { HeapProgress } from '../../../shared/heapApi'

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

export function formatSignedCount(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : n < 0 ? `−${formatCount(-n)}` : '0'
}

/** Heap growth per minute, the unit people reason about leaks in. */
export function formatRate(bytesPerSec: number): string {
  return `${formatSignedBytes(bytesPerSec * 60)}/min`
}

const phaseLabels: Record<HeapProgress['phase'], string> = {
  gc: 'Collecting garbage…',
  snapshotting: 'Walking the heap…',
  writing: 'Writing the snapshot…',
  parsing: 'Analysing…',
  done: 'Done',
  failed: 'Failed'
}

/** The label of a progress bar and its fraction (null: indeterminate). */
export function progressOf(progress: HeapProgress | undefined): { label: string; fraction: number | null } {
  if (!progress) return { label: 'Starting…', fraction: null }
  const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : null
  const amount = progress.phase === 'writing' ? ` ${formatBytes(progress.done)}` : ''
  return { label: `${phaseLabels[progress.phase]}${amount}`, fraction }
}
