// The heap part of `spyglass inspect`: the session's snapshots with their summaries
// (summaries/heap-<id>.json) and the heap trend of the recorded process (its main thread; each
// worker has a heap of its own) from streams/heap.ndjson, judged like the live trend.
import { z } from 'zod'
import { formatBytes } from '../../shared/formatBytes'
import type { HeapGcMark, HeapTrendVerdict } from '../../shared/heapApi'
import { textTable } from '../../shared/textTable'
import { UserError } from '../../shared/userError'
import { ndjsonLines, streamEntry, summaryEntry, type SessionSource } from '../sessions'
import { heapStreamName, heapStreamRecordSchema } from './heapRecorderStream'
import type { HeapSample } from './heapSeries'
import { heapTrend } from './heapTrend'

const gcResult = z.object({ beforeBytes: z.number(), afterBytes: z.number(), freedBytes: z.number() })

/** summaries/heap-<id>.json, written when a snapshot of a recorded target is analysed. Added in session format 1. */
export const heapSnapshotSummarySchema = z.object({
  id: z.string(),
  capturedAt: z.number(),
  fileBytes: z.number().int().nonnegative(),
  /** The forced GC before the snapshot. */
  gc: gcResult.nullable(),
  leakStep: z.enum(['baseline', 'target', 'final']).nullable(),
  nodeCount: z.number().int().nullable(),
  edgeCount: z.number().int().nullable(),
  totalSize: z.number().nullable(),
  /** The largest constructors by retained size (at most 20). */
  constructors: z.array(z.object({ name: z.string(), count: z.number(), shallowSize: z.number(), retainedSize: z.number() })),
  /** Why the analysis failed; null when it did not. */
  error: z.string().nullable()
})
export type HeapSnapshotSummary = z.infer<typeof heapSnapshotSummarySchema>

export interface SessionHeapSnapshot extends Omit<HeapSnapshotSummary, 'id'> {
  /** The zip entry: unzip it to open the snapshot in DevTools or memlab. */
  entry: string
}

export interface SessionHeapTrend extends HeapTrendVerdict {
  gcCount: number
  peakUsedBytes: number | null
  lastUsedBytes: number | null
}

export interface SessionHeap {
  snapshots: SessionHeapSnapshot[]
  trend: SessionHeapTrend
}

export async function summarizeSessionHeap(source: SessionSource): Promise<SessionHeap> {
  const snapshots: SessionHeapSnapshot[] = []
  for (const entry of source.manifest.entries) {
    if (entry.kind !== 'heapsnapshot' || !source.entryNames.includes(entry.name)) continue
    const id = entry.name.replace(/^heap\//, '').replace(/\.heapsnapshot$/, '')
    const summaryName = summaryEntry(`heap-${id}`)
    if (source.entryNames.includes(summaryName)) {
      const { id: _id, ...summary } = await source.readJson(summaryName, heapSnapshotSummarySchema)
      snapshots.push({ entry: entry.name, ...summary })
    } else {
      snapshots.push({
        entry: entry.name,
        capturedAt: entry.capturedAt ?? source.manifest.startedAt,
        fileBytes: entry.bytes ?? 0,
        gc: null,
        leakStep: null,
        nodeCount: null,
        edgeCount: null,
        totalSize: null,
        constructors: [],
        error: 'no summary was recorded for this snapshot'
      })
    }
  }
  return { snapshots, trend: await recordedTrend(source) }
}

async function recordedTrend(source: SessionSource): Promise<SessionHeapTrend> {
  const { samples, marks } = await readHeapStream(source, source.manifest.target.id)
  const reported = marks.filter((m) => m.kind !== 'forced')
  let peak: number | null = null
  for (const s of samples) peak = peak === null ? s.usedBytes : Math.max(peak, s.usedBytes)
  return { ...heapTrend(samples, reported), gcCount: reported.length, peakUsedBytes: peak, lastUsedBytes: samples.at(-1)?.usedBytes ?? null }
}

/** One target's heap samples and GC marks as a session recorded them (streams/heap.ndjson), oldest first, validated. */
export async function readHeapStream(source: SessionSource, targetId: string): Promise<{ samples: HeapSample[]; marks: HeapGcMark[] }> {
  const samples: HeapSample[] = []
  const marks: HeapGcMark[] = []
  const entry = streamEntry(heapStreamName)
  if (source.entryNames.includes(entry)) {
    let lineNumber = 0
    for await (const line of ndjsonLines(await source.openEntry(entry), { maxLineBytes: 64 * 1024, keepUnterminated: false })) {
      lineNumber++
      if (line.length === 0) continue
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch {
        throw new UserError('BAD_SESSION', `${entry} line ${lineNumber} is not valid JSON (the file is damaged)`)
      }
      const record = heapStreamRecordSchema.safeParse(json)
      if (!record.success) throw new UserError('BAD_SESSION', `${entry} line ${lineNumber}: ${record.error.issues[0]?.message ?? 'invalid'}`)
      const r = record.data
      if (r.targetId !== targetId) continue
      if (r.type === 'sample') samples.push({ time: r.time, usedBytes: r.usedBytes, totalBytes: r.totalBytes })
      else marks.push({ time: r.time, kind: r.kind, durationMs: r.durationMs })
    }
  }
  // Written in order per batch; a recording that began with earlier samples may interleave.
  samples.sort((a, b) => a.time - b.time)
  marks.sort((a, b) => a.time - b.time)
  return { samples, marks }
}

/** The heap part of `spyglass inspect` for people; nothing when the session has no heap data. */
export function formatSessionHeap(heap: SessionHeap): string[] {
  const lines: string[] = []
  const { trend } = heap
  if (trend.samples > 0) {
    const range = trend.peakUsedBytes === null ? '' : `, peak ${formatBytes(trend.peakUsedBytes)}, last ${formatBytes(trend.lastUsedBytes ?? 0)}`
    lines.push(`Heap trend: ${trend.leakSuspected ? 'LEAK SUSPECTED — ' : ''}${trend.reason} (${trend.samples} samples${range})`)
  }
  for (const s of heap.snapshots) {
    const facts = [
      formatBytes(s.fileBytes),
      s.nodeCount === null ? null : `${s.nodeCount.toLocaleString('en-US')} objects`,
      s.totalSize === null ? null : `${formatBytes(s.totalSize)} live`,
      s.gc ? `the GC before it freed ${formatBytes(s.gc.freedBytes)}` : null
    ].filter(Boolean)
    lines.push(`Heap snapshot ${s.entry}${s.leakStep ? ` (${s.leakStep})` : ''}: ${facts.join(', ')}${s.error ? ` — ${s.error}` : ''}`)
    const rows = s.constructors.slice(0, 5).map((c) => [formatBytes(c.retainedSize), 'retained', `${c.count}×`, c.name])
    lines.push(...textTable(rows, { align: ['right', 'left', 'right'], indent: '  ' }))
  }
  if (lines.length > 0) lines.push('')
  return lines
}
