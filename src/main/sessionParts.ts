// Every domain's part of a saved session, in the order `spyglass inspect` shows them: the list
// that the file-only commands (inspect, compare) use without a live workbench.
import { consoleSessionPart } from './console'
import { debuggerSessionPart } from './debugger'
import type { ErrorCatalog} from './errors';
import { errorsSessionPart } from './errors'
import { heapSessionPart } from './heap'
import { metricsSessionPart } from './metrics'
import { profilerSessionPart } from './profiler'
import { formatWithParts, summarizeWithParts, type SessionHeader, type SessionSource, type SessionTrailer, type SummaryOf } from './sessions'

export interface SessionPartOptions {
  /** The catalog that explains error groups (the user's own patterns included); the built-in one by default. */
  errorCatalog?: ErrorCatalog
}

export function sessionParts(options: SessionPartOptions = {}) {
  const catalog = options.errorCatalog
  return [
    consoleSessionPart,
    errorsSessionPart(catalog ? () => catalog : undefined),
    profilerSessionPart,
    heapSessionPart,
    metricsSessionPart,
    debuggerSessionPart
  ] as const
}

type Parts = ReturnType<typeof sessionParts>
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

/** The `spyglass inspect --json` object: the session's header, every domain's section, the trailer. */
export type SessionSummary = SessionHeader & Intersection<SummaryOf<Parts[number]>> & SessionTrailer

/** Summarises a session in one pass over its events (never all of them in memory). */
export function summarizeSession(source: SessionSource, options: SessionPartOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<SessionSummary> {
  return summarizeWithParts<Intersection<SummaryOf<Parts[number]>>>(source, sessionParts(options), options)
}

/** The summary as lines a person reads in a terminal. */
export function formatSessionSummary(summary: SessionSummary): string[] {
  return formatWithParts(summary, sessionParts())
}
