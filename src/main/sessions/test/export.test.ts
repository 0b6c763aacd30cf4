// Export and summary on a real session: the secrets fixture launched, recorded to its exit and
// saved; then each format read back and checked against the events in the file.
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConsoleEvent } from '../../../shared/consoleTypes'
import { stopAllNodes } from '../../targets/test/harness'
import { Redactor, redactedText } from '../redaction'
import { csvColumns, exportFormatName, exportSession, type ExportFormat } from '../sessionExport'
import type { SessionSource } from '../sessionSource'
import { openSessionFile } from '../zipSessionSource'
import { formatSessionSummary, summarizeSession } from '../../sessionParts'
import { fixtureSecrets, recordFixtureSession } from './exportFixtures'

let file: string
let recorded: Awaited<ReturnType<typeof recordFixtureSession>>
let events: ConsoleEvent[]

beforeAll(async () => {
  recorded = await recordFixtureSession('secrets.cjs')
  file = recorded.file
  events = await withSource((source) => collect(source.events()))
})

afterAll(async () => {
  await stopAllNodes()
  if (file) await rm(path.dirname(file), { recursive: true, force: true })
})

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

async function withSource<T>(use: (source: SessionSource) => Promise<T>): Promise<T> {
  const source = await openSessionFile(file)
  try {
    return await use(source)
  } finally {
    await source.close()
  }
}

async function exported(format: ExportFormat, redactor: Redactor | null = new Redactor()): Promise<string> {
  return withSource(async (source) => {
    const sink = new PassThrough()
    const chunks: Buffer[] = []
    sink.on('data', (chunk: Buffer) => chunks.push(chunk))
    const result = await exportSession(source, sink, { format, redactor })
    expect(result.events).toBe(occurrences(events))
    return Buffer.concat(chunks).toString('utf8')
  })
}

/** RFC 4180, strictly: quoted fields may hold commas, quotes (doubled) and line breaks; CRLF ends a record. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (text[i] === '"') {
          i++
          break
        } else field += text[i++]
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`)
        field += text[i++]
      }
    }
    row.push(field)
    if (text[i] === ',') i++
    else if (text.startsWith('\r\n', i)) {
      rows.push(row)
      row = []
      i += 2
    } else throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text[i])}`)
  }
  if (row.length > 0) throw new Error('the last record has no CRLF')
  return rows
}

function occurrences(list: Array<{ repeat?: number }>): number {
  return list.reduce((n, e) => n + (e.repeat ?? 1), 0)
}

describe('the recorded fixture', () => {
  it('holds the secrets in the file itself (so that the redaction tests below mean something)', () => {
    const all = JSON.stringify(events)
    for (const secret of fixtureSecrets) expect(all).toContain(secret)
    expect(recorded.exit).toEqual({ code: 2, signal: null })
    // Rows folded before the recording began stand for their repetitions.
    expect(occurrences(events)).toBe(recorded.counts.events)
  })
})

describe('exportSession', () => {
  it('ndjson: one event per line, redacted, everything else as recorded', async () => {
    const text = await exported('ndjson')
    expect(text.endsWith('\n')).toBe(true)
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as ConsoleEvent)
    expect(lines).toHaveLength(events.length)
    for (const secret of fixtureSecrets) expect(text).not.toContain(secret)
    expect(text).toContain(redactedText)
    const redactor = new Redactor()
    expect(lines).toEqual(events.map((e) => redactor.redactEvent(e)))
    // Redaction leaves ordinary lines alone.
    expect(lines.map((e) => e.text)).toContain('server listening on http://127.0.0.1:3000')
    expect(lines.map((e) => e.text)).toContain(`login { user: 'ann', password: '${redactedText}' }`)
  })

  it('ndjson with redaction off: exactly the recorded events', async () => {
    const lines = (await exported('ndjson', null))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ConsoleEvent)
    expect(lines).toEqual(events)
  })

  it('json: one object with the session head and every event', async () => {
    const text = await exported('json')
    const parsed = JSON.parse(text) as {
      format: string
      formatVersion: number
      session: { title: string; target: { pid: number; exit: unknown; command: string }; targets: unknown[]; startedAt: number; endedAt: number; counts: { events: number } }
      events: ConsoleEvent[]
    }
    expect(parsed.format).toBe(exportFormatName)
    expect(parsed.formatVersion).toBe(1)
    const manifest = await withSource(async (source) => source.manifest)
    expect(parsed.session).toEqual({
      title: manifest.title,
      target: manifest.target,
      targets: manifest.targets,
      startedAt: manifest.startedAt,
      endedAt: manifest.endedAt,
      counts: manifest.counts
    })
    expect(parsed.session.target.exit).toEqual({ code: 2, signal: null })
    expect(parsed.session.counts.events).toBe(occurrences(events))
    expect(parsed.events).toHaveLength(events.length)
    expect(parsed.events.map((e) => e.seq)).toEqual(events.map((e) => e.seq))
    for (const secret of fixtureSecrets) expect(text).not.toContain(secret)
  })

  it('json: an empty session is still one valid object', async () => {
    const source = await openSessionFile(file)
    try {
      const empty: SessionSource = Object.assign(Object.create(source) as SessionSource, {
        events: async function* () {
          /* no events */
        }
      })
      const sink = new PassThrough()
      const chunks: Buffer[] = []
      sink.on('data', (chunk: Buffer) => chunks.push(chunk))
      await exportSession(empty, sink, { format: 'json', redactor: null })
      expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toMatchObject({ events: [] })
    } finally {
      await source.close()
    }
  })

  it('csv: RFC 4180 rows with the documented columns', async () => {
    const text = await exported('csv')
    const rows = parseCsv(text)
    expect(rows[0]).toEqual([...csvColumns])
    const body = rows.slice(1)
    expect(body).toHaveLength(events.length)
    for (const row of body) expect(row).toHaveLength(csvColumns.length)
    const column = (name: (typeof csvColumns)[number]) => csvColumns.indexOf(name)
    const redactor = new Redactor()
    body.forEach((row, i) => {
      const event = events[i]
      expect(row[column('time')]).toBe(new Date(event.time).toISOString())
      expect(row[column('time')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(row[column('target')]).toBe(recorded.target.title)
      expect(row[column('level')]).toBe(event.level)
      expect(row[column('source')]).toBe(event.source)
      expect(row[column('method')]).toBe(event.method ?? '')
      expect(row[column('text')]).toBe(redactor.redact(event.text))
    })
    for (const secret of fixtureSecrets) expect(text).not.toContain(secret)
    // Quotes, commas and line breaks survive the round trip.
    const texts = body.map((row) => row[column('text')])
    expect(texts).toContain('order 1042 shipped, total 99.50, "express", tracking: 1Z999')
    expect(texts).toContain('two\nlines')
    // console.trace carries a stack: frames joined by " | ", the first one also as the location.
    const trace = body.find((row) => row[column('method')] === 'trace')!
    expect(trace[column('location')]).toMatch(/secrets\.cjs:\d+:\d+$/)
    const frames = trace[column('stack')].split(' | ')
    expect(frames.length).toBeGreaterThan(1)
    expect(frames[0]).toMatch(/secrets\.cjs:\d+:\d+\)?$/)
  })

  it('waits for a slow output instead of reading the whole session into memory', async () => {
    // A synthetic source of many events (an edge case: real sessions this size take long to
    // record) and an output that accepts nothing until released.
    const real = await openSessionFile(file)
    const total = 50_000
    let pulled = 0
    const source: SessionSource = Object.assign(Object.create(real) as SessionSource, {
      events: async function* () {
        for (let i = 0; i < total; i++) {
          pulled++
          yield { ...events[i % events.length], seq: i + 1, repeat: undefined }
        }
      }
    })
    const held: Array<() => void> = []
    let released = false
    let written = 0
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length
        if (released) callback()
        else held.push(() => callback())
      }
    })
    const done = exportSession(source, slow, { format: 'ndjson', redactor: null })
    await vi.waitFor(() => expect(held.length).toBe(1))
    // Blocked on the first chunk: only about one chunk's worth of events has been read.
    await new Promise<void>((resolve) => setImmediate(resolve))
    expect(pulled).toBeLessThan(2000)
    released = true
    held.splice(0).forEach((go) => go())
    try {
      expect((await done).events).toBe(total)
    } finally {
      await real.close()
    }
    expect(pulled).toBe(total)
    expect(written).toBeGreaterThan(0)
  })

  it('fails with the output’s error (a full disk, a closed pipe) instead of reading on', async () => {
    const failing = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))
      }
    })
    await expect(withSource((source) => exportSession(source, failing, { format: 'csv', redactor: null }))).rejects.toMatchObject({ code: 'ENOSPC' })
  })

  it('stops with the reason when its signal aborts', async () => {
    const controller = new AbortController()
    controller.abort(new Error('user stopped'))
    await expect(withSource((source) => exportSession(source, new PassThrough(), { format: 'csv', redactor: null, signal: controller.signal }))).rejects.toThrow('user stopped')
  })
})

describe('summarizeSession', () => {
  it('counts, target, exit and the most frequent problems in one pass', async () => {
    const summary = await withSource((source) => summarizeSession(source))
    expect(summary.file).toBe(path.resolve(file))
    expect(summary.format).toMatchObject({ version: 1, appVersion: 'test' })
    expect(summary.target).toMatchObject({ pid: recorded.target.pid, command: recorded.target.command, nodeVersion: process.version, platform: process.platform, kind: 'launch', exit: { code: 2, signal: null } })
    expect(summary.targets).toHaveLength(1)
    expect(summary.events.total).toBe(occurrences(events))
    expect(summary.events.byLevel).toEqual(recorded.counts.byLevel)
    expect(summary.events.dropped).toBe(0)
    const bySource = { console: 0, exception: 0, stdout: 0, stderr: 0, spyglass: 0 }
    for (const e of events) bySource[e.source] += e.repeat ?? 1
    expect(summary.events.bySource).toEqual(bySource)
    expect(summary.endedAt).toBeGreaterThanOrEqual(summary.startedAt)
    expect(summary.durationMs).toBe(summary.endedAt - summary.startedAt)
    expect(summary.topMessages.slice(0, 2)).toEqual([
      { level: 'warn', text: 'disk almost full', count: 3 },
      { level: 'error', text: 'payment failed for order 1042', count: 2 }
    ])
    expect(summary.topMessagesApproximate).toBe(false)
    expect(summary).toMatchObject({ errors: [], profiles: [], heap: {}, metrics: {}, notes: [] })
    // Every recording also streams the samples of its capabilities (heap, metrics) under streams/.
    expect(summary.entries.filter((e) => !e.startsWith('streams/'))).toEqual(['events.ndjson', 'manifest.json', 'summaries/errors.json'])
    expect(summary.entries).toContain('streams/heap.ndjson')

    const text = formatSessionSummary(summary).join('\n')
    expect(text).toContain(recorded.target.command)
    expect(text).toContain('exited with code 2')
    expect(text).toContain(`Events:    ${occurrences(events)} (debug ${summary.events.byLevel.debug}, log ${summary.events.byLevel.log}`)
    expect(text).toMatch(/3× warn +disk almost full/)
    expect(text).toMatch(/2× error +payment failed for order 1042/)
    expect(text).toContain('Entries:   events.ndjson, manifest.json')
  })

  it('counts frequent messages among many distinct ones, in bounded memory', async () => {
    const real = await openSessionFile(file)
    const base = events[0]
    const source: SessionSource = Object.assign(Object.create(real) as SessionSource, {
      events: async function* () {
        for (let i = 0; i < 60_000; i++) {
          // A unique error on every event, and one that recurs every tenth.
          yield { ...base, seq: i + 1, level: 'error', text: i % 10 === 0 ? 'the recurring one' : `unique ${i}` }
        }
      }
    })
    try {
      const summary = await summarizeSession(source)
      expect(summary.topMessages[0]).toMatchObject({ text: 'the recurring one', level: 'error' })
      // Lossy counting: low by at most total / width (60_000 / 10_000).
      expect(summary.topMessages[0].count).toBeGreaterThanOrEqual(6000 - 6)
      expect(summary.topMessagesApproximate).toBe(true)
    } finally {
      await real.close()
    }
  })
})
