// A domain's part of a saved session, as a plain object that needs no live workbench, so that
// `spyglass inspect`, Compare and the fuzzers run on a file alone. Each domain exports one from
// its index.ts; sessions/ only drives them (one pass over the events, then each part's own
// entries) and knows none of them.
import type { ConsoleEvent } from '../../shared/consoleTypes'
import type { SessionHeader } from './sessionHeader'
import type { SessionSource } from './sessionSource'

/** Summarises one session for one part: sees the events of the shared pass, then reads its own entries. */
export interface PartSummarizer<Summary> {
  /** Every event of events.ndjson, in file order (the pass is shared by every part). */
  onEvent?(event: ConsoleEvent): void
  /** After the pass: the part's section, e.g. `{ errors: [...] }`, merged into the summary. */
  finish(): Promise<Summary> | Summary
}

/**
 * One domain's section of a session. `Summary` is an object whose keys are that domain's keys in
 * `spyglass inspect --json` (the console's are `events`, `topMessages`…; the heap's is `heap`).
 */
export interface SessionPart<Summary extends object = object, Recorded = unknown, Comparison = unknown> {
  /** The domain's name. */
  readonly name: string
  summarize(source: SessionSource): PartSummarizer<Summary>
  /** The section as lines a person reads (`spyglass inspect`); `header` names the targets. */
  format(summary: Summary, header: SessionHeader): string[]
  /** The read-only model an opened session shows in this domain's view, read from the file. */
  openRecorded?(source: SessionSource, options: OpenRecordedOptions): Promise<Recorded>
  /** What got better or worse between two sessions: filled in by "Compare two sessions". */
  compare?(a: Summary, b: Summary): Comparison
}

export interface OpenRecordedOptions {
  /** The id a target has in the opened session, from the id it was recorded under. */
  targetIdOf(recordedId: string): string
}

/** The summary type of a part. */
export type SummaryOf<P> = P extends SessionPart<infer S, unknown, unknown> ? S : never
