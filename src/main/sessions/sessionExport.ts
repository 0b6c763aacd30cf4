// Exports a session's events for spreadsheets and log tools: NDJSON (one event per line), one
// JSON object, or CSV (RFC 4180). Events stream from the source to the output with backpressure,
// a batch at a time, so that a session of any size exports in bounded memory. Secrets are
// redacted unless the caller passes no redactor.
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { occurrencesOf, type ConsoleEvent, type StackFrame } from '../../shared/consoleTypes'
import type { Redactor } from './redaction'
import type { SessionSource } from './sessionSource'

export const exportFormats = ['json', 'ndjson', 'csv'] as const
export type ExportFormat = (typeof exportFormats)[number]

export function isExportFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value)
}

/** The `json` export's own name and version (its shape, not the session format's). */
export const exportFormatName = 'spyglass-export'
export const exportFormatVersion = 1

export const csvColumns = ['time', 'target', 'level', 'source', 'method', 'text', 'location', 'stack', 'repeat'] as const

export interface ExportOptions {
  format: ExportFormat
  /** Null exports secrets as recorded (`--no-redact`). */
  redactor: Redactor | null
  onProgress?: (done: number, total: number) => void
  /** Stops the export between events; it rejects with the signal's reason. */
  signal?: AbortSignal
}

export interface ExportResult {
  events: number
}

/** Output is gathered into chunks of about this size before it is written. */
const chunkChars = 64 * 1024

/**
 * Writes to a Writable, waiting for 'drain' when its buffer is full and failing as soon as it
 * errors (a closed pipe, a full disk) rather than reading the rest of the session for nothing.
 */
class ChunkedWriter {
  private pending = ''
  private failure: Error | null = null
  private readonly onError = (error: Error): void => {
    this.failure ??= error
  }

  constructor(private readonly out: Writable) {
    out.on('error', this.onError)
  }

  async write(text: string): Promise<void> {
    this.pending += text
    if (this.pending.length >= chunkChars) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure
    if (this.pending.length === 0) return
    const chunk = this.pending
    this.pending = ''
    if (!this.out.write(chunk)) {
      const controller = new AbortController()
      try {
        const { signal } = controller
        await Promise.race([
          once(this.out, 'drain', { signal }),
          once(this.out, 'error', { signal }),
          // Destroyed without an error: no 'drain' will ever come.
          once(this.out, 'close', { signal }).then(() => {
            throw this.failure ?? new Error('the output closed before the export was complete')
          })
        ])
      } finally {
        controller.abort()
      }
    }
    if (this.failure) throw this.failure
  }

  dispose(): void {
    this.out.off('error', this.onError)
  }
}

/** Streams the events of `source` to `out` in `options.format`; does not end `out`. */
export async function exportSession(source: SessionSource, out: Writable, options: ExportOptions): Promise<ExportResult> {
  const { redactor } = options
  const manifest = source.manifest
  const targets = manifest.targets.map((t) => (redactor ? redactor.redactTarget(t) : t))
  const writer = new ChunkedWriter(out)
  // Rows as written, and the events they stand for (a row can fold consecutive repetitions).
  let rows = 0
  let events = 0
  const eachEvent = async (write: (event: ConsoleEvent, index: number) => string): Promise<void> => {
    for await (const recorded of source.events({ onProgress: options.onProgress })) {
      options.signal?.throwIfAborted()
      const event = redactor ? redactor.redactEvent(recorded) : recorded
      await writer.write(write(event, rows++))
      events += occurrencesOf(event)
    }
  }
  try {
    switch (options.format) {
      case 'ndjson':
        await eachEvent((event) => `${JSON.stringify(event)}\n`)
        break
      case 'json': {
        const root = redactor ? redactor.redactTarget(manifest.target) : manifest.target
        // Counts as the manifest has them: recounting would take a second pass over the events.
        const session = {
          title: redactor ? redactor.redact(manifest.title) : manifest.title,
          target: root,
          targets,
          startedAt: manifest.startedAt,
          endedAt: manifest.endedAt,
          counts: manifest.counts
        }
        const head = JSON.stringify({ format: exportFormatName, formatVersion: exportFormatVersion, session }, null, 2)
        // The object is written as it goes: its head, then the events one per line, then the close.
        await writer.write(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "events": [`)
        await eachEvent((event, index) => `${index === 0 ? '\n' : ',\n'}    ${JSON.stringify(event)}`)
        await writer.write(rows === 0 ? ']\n}\n' : '\n  ]\n}\n')
        break
      }
      case 'csv': {
        const titles = new Map(targets.map((t) => [t.id, t.title]))
        await writer.write(csvRow(csvColumns))
        await eachEvent((event) => csvRow(csvFields(event, titles)))
        break
      }
    }
    await writer.flush()
    return { events }
  } finally {
    writer.dispose()
  }
}

/** A frame as a stack line: `fn (url:line:column)`, or the bare position for anonymous code. */
export function formatFrame(frame: StackFrame): string {
  const position = `${frame.url || '<anonymous>'}:${frame.line}:${frame.column}`
  return frame.functionName ? `${frame.functionName} (${position})` : position
}

function csvFields(event: ConsoleEvent, titles: ReadonlyMap<string, string>): string[] {
  const location = event.location ?? event.stack?.[0]
  return [
    new Date(event.time).toISOString(),
    titles.get(event.targetId) ?? event.targetId,
    event.level,
    event.source,
    event.method ?? '',
    event.text,
    location ? `${location.url}:${location.line}:${location.column}` : '',
    event.stack?.map(formatFrame).join(' | ') ?? '',
    String(occurrencesOf(event))
  ]
}

/** RFC 4180: fields with a comma, a quote or a line break are quoted, quotes doubled; CRLF ends a record. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}
