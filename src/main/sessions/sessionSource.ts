// What every reader of a session offers, whether it reads a .spyglass zip (zipSessionSource.ts) or
// an autosave folder (folderSessionSource.ts), and the limits both enforce so that truncated,
// corrupted or hostile files end in a one-line error.
import type { Readable } from 'node:stream'
import type { z } from 'zod'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import type { SessionManifest } from './sessionFormat'

export const sessionLimits = {
  /** More entries than any session writes: a file with more is not one of ours. */
  maxEntries: 100_000,
  maxManifestBytes: 4 * 1024 * 1024,
  /** Summaries and notes are parsed whole (one string, one JSON.parse): what that costs must stay small. */
  maxSummaryBytes: 64 * 1024 * 1024,
  maxLineBytes: 64 * 1024 * 1024,
  /** Deflate cannot shrink data more than ~1032:1; a larger declared ratio is a lie or a bomb. */
  maxCompressionRatio: 1100,
  maxEntryBytes: 256 * 1024 * 1024 * 1024
}

export interface EventReadOptions {
  onProgress?: (done: number, total: number) => void
}

export interface SessionSource {
  /** The file or folder, for messages. */
  readonly location: string
  readonly manifest: SessionManifest
  /** Entry names present (and acceptable), manifest included. */
  readonly entryNames: readonly string[]
  /** Bytes of the events entry, uncompressed, for progress. */
  readonly eventBytes: number
  /** Every event, validated, oldest first. */
  events(options?: EventReadOptions): AsyncGenerator<ConsoleEvent>
  /** A JSON entry (a summary, the notes), validated. */
  readJson<T>(entry: string, schema: z.ZodType<T>): Promise<T>
  /** The raw bytes of an entry (an artifact), streamed. */
  openEntry(entry: string): Promise<Readable>
  close(): Promise<void>
}
