// The session reader against damaged, hostile and foreign files. Each one must either open and
// stream events that validate, or be refused with a UserError BAD_SESSION whose message is one line
// naming the file: never another error, an exception thrown outside the reader, a hang, or
// unbounded memory. Deterministic: a seeded PRNG with fixed seeds, real zip files in the temp
// folder, all derived from one real session recorded from a real child Node program.
import { execFileSync } from 'node:child_process'
import { closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { chmod, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { UserError } from '../../../shared/userError'
import { newWorkbench } from '../../targets/test/harness'
import { LineTooLongError, ndjsonLines } from '../ndjsonLines'
import { sessionEventSchema, type SessionManifest } from '../sessionFormat'
import { sessionLimits } from '../sessionSource'
import { openSessionFile } from '../zipSessionSource'
import {
  buildZip,
  deflatedEntry,
  mulberry32,
  rawEntriesOf,
  repeatedEntry,
  storedEntry,
  writeWithYazl,
  writeZip,
  zipLayout,
  type RawZipEntry
} from './rawZip'

/** Longer than any honest file here takes (the largest real one is 10 KB; bombs stop within a second). */
const hangMs = 10_000
const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-fuzz-'))

/** A short program printing every kind of output: levels, objects, errors with stacks, raw stdio. */
const variedOutput = `
for (let i = 0; i < 400; i++) {
  switch (i % 8) {
    case 0: console.log('request', i, 'served in', (i * 7) % 113, 'ms'); break
    case 1: console.info('user %s logged in from %s', 'user' + (i % 97), '10.0.' + (i % 255) + '.' + (i % 13)); break
    case 2: console.warn('slow query', { table: 'orders', ms: i % 1000, rows: [i, i + 1, i + 2] }); break
    case 3: console.error(new RangeError('bad range ' + i)); break
    case 4: console.debug('cache', { hit: i % 3 === 0, key: 'k' + i, nested: { depth: { level: i % 5 } } }); break
    case 5: process.stdout.write('raw stdout line ' + i + '\\n'); break
    case 6: process.stderr.write('raw stderr line ' + i + '\\n'); break
    case 7: console.log('multi\\nline ' + i, [1, 2, 3], null, true); break
  }
}
setTimeout(() => { process.exitCode = 3 }, 50)
`

interface RealSession {
  file: string
  bytes: Buffer
  manifest: SessionManifest
  /** events.ndjson as written. */
  eventsText: string
  events: number
  /** Every entry as written (deflated), and as read back. */
  entries: { manifest: RawZipEntry; events: RawZipEntry; others: RawZipEntry[] }
  contents: Map<string, Buffer>
}
let real: RealSession

// Exceptions thrown outside the reader's promises (in a library callback) land here, not in the test.
const stray: unknown[] = []
const onStray = (error: unknown): void => void stray.push(error)

beforeAll(async () => {
  process.on('uncaughtException', onStray)
  process.on('unhandledRejection', onStray)
  const file = path.join(dir, 'real.spyglass')
  const wb = newWorkbench()
  try {
    const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, '-e', variedOutput] })
    const recording = await wb.invoke('sessions.record', { targetId: target.id })
    await wb.sessions.stopped(recording.id)
    await wb.invoke('sessions.save', { sessionId: recording.id, path: file })
  } finally {
    await wb.dispose()
  }
  const source = await openSessionFile(file)
  const contents = new Map<string, Buffer>()
  for (const name of source.entryNames) {
    const chunks: Buffer[] = []
    for await (const chunk of await source.openEntry(name)) chunks.push(chunk as Buffer)
    contents.set(name, Buffer.concat(chunks))
  }
  let events = 0
  for await (const _event of source.events()) events++
  await source.close()
  const bytes = readFileSync(file)
  const raw = rawEntriesOf(bytes)
  const entry = (name: string): RawZipEntry => raw.find((e) => e.name.toString() === name)!
  const others = raw.filter((e) => !['manifest.json', 'events.ndjson'].includes(e.name.toString()))
  real = { file, bytes, manifest: source.manifest, eventsText: contents.get('events.ndjson')!.toString(), events, entries: { manifest: entry('manifest.json'), events: entry('events.ndjson'), others }, contents }
  expect(events).toBeGreaterThan(400)
  expect(raw.length).toBe(source.entryNames.length)
})

afterAll(async () => {
  process.off('uncaughtException', onStray)
  process.off('unhandledRejection', onStray)
  await rm(dir, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------
// Reading a file the way the workbench does, and judging the outcome.

type Outcome = ({ kind: 'read'; events: number; invalid: number } | { kind: 'refused'; error: unknown } | { kind: 'hung' }) & { ms: number; stray: unknown[] }

class PastDeadline extends Error {}

/** Opens the file, iterates all its events and reads its JSON entries, giving up (as "hung") after `deadlineMs`. */
async function readSession(file: string, deadlineMs = hangMs): Promise<Outcome> {
  const strayBefore = stray.length
  const started = performance.now()
  const deadline = started + deadlineMs
  const pastDeadline = (): void => {
    if (performance.now() > deadline) throw new PastDeadline()
  }
  const work = (async () => {
    const source = await openSessionFile(file)
    let events = 0
    let invalid = 0
    try {
      // Progress comes with every chunk, even one that holds no complete line: the way to stop a long read.
      for await (const event of source.events({ onProgress: pastDeadline })) {
        if (!sessionEventSchema.safeParse(event).success) invalid++
        events++
        pastDeadline()
      }
      // The JSON entries (summaries, notes) as the summary and the views read them.
      for (const name of source.entryNames) if (name !== 'manifest.json' && name.endsWith('.json')) await source.readJson(name, z.unknown())
      // The record streams (heap samples, metric samples) as `spyglass inspect` reads them: to their end.
      for (const name of source.entryNames) {
        if (!name.startsWith('streams/')) continue
        for await (const chunk of await source.openEntry(name)) {
          void chunk
          pastDeadline()
        }
      }
    } finally {
      await source.close()
    }
    return { kind: 'read' as const, events, invalid }
  })()
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<{ kind: 'hung' }>((resolve) => (timer = setTimeout(() => resolve({ kind: 'hung' }), deadlineMs)))
  const result = await Promise.race([work.catch((error: unknown) => (error instanceof PastDeadline ? { kind: 'hung' as const } : { kind: 'refused' as const, error })), timedOut])
  clearTimeout(timer)
  // An exception thrown from a library callback surfaces on the next turns of the loop.
  await new Promise((resolve) => setImmediate(resolve))
  return { ...result, ms: Math.round(performance.now() - started), stray: stray.slice(strayBefore) }
}

const firstLine = (text: string): string => text.split('\n')[0]

/** What is wrong with an outcome, or null: read with valid events, or refused the one allowed way. */
function problemWith(file: string, outcome: Outcome): string | null {
  if (outcome.stray.length > 0) {
    const error = outcome.stray[0]
    return `threw outside the reader's promise (uncaught): ${error instanceof Error ? `${error.name}: ${firstLine(error.message)}` : String(error)}`
  }
  if (outcome.kind === 'hung') return `no answer after ${outcome.ms} ms`
  if (outcome.kind === 'read') return outcome.invalid > 0 ? `read ${outcome.invalid} events that fail the schema` : null
  const error = outcome.error
  if (!(error instanceof UserError)) return `rejected with ${error instanceof Error ? `${error.name}: ${firstLine(error.message)}` : String(error)}`
  if (error.code !== 'BAD_SESSION') return `rejected with code ${error.code}: ${error.message}`
  if (/[\r\n\u2028\u2029]/.test(error.message)) return `a message of several lines: ${JSON.stringify(error.message)}`
  if (!error.message.includes(path.basename(file))) return `a message that does not name the file: ${error.message}`
  return null
}

async function expectReadOrRefused(file: string, deadlineMs?: number): Promise<Outcome> {
  const outcome = await readSession(file, deadlineMs)
  expect(problemWith(file, outcome), path.basename(file)).toBeNull()
  return outcome
}

/** Refused the allowed way; returns the message. */
async function expectRefused(file: string, message?: RegExp, deadlineMs?: number): Promise<string> {
  const outcome = await expectReadOrRefused(file, deadlineMs)
  expect(outcome.kind, `${path.basename(file)} was read (${outcome.kind === 'read' ? outcome.events : 0} events), not refused`).toBe('refused')
  const text = (outcome as { error: UserError }).error.message
  if (message) expect(text).toMatch(message)
  return text
}

/** Runs `run` with the effective uid of nobody when this process is root (file modes bind only others). */
async function asOtherThanRoot<T>(run: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0) return run()
  const nobody = 65534
  process.seteuid!(nobody)
  try {
    return await run()
  } finally {
    process.seteuid!(0)
  }
}

/** Runs every case; fails with the list of those that misbehaved (each can be replayed from its name). */
async function fuzz(cases: Iterable<{ name: string; bytes: Buffer }>): Promise<{ read: number; refused: number }> {
  const problems: string[] = []
  const tally = { read: 0, refused: 0 }
  const fdsBefore = openFds()
  for (const { name, bytes } of cases) {
    const file = path.join(dir, `${name}.spyglass`)
    writeFileSync(file, bytes)
    const outcome = await readSession(file)
    const problem = problemWith(file, outcome)
    if (problem) problems.push(`${name}: ${problem}`)
    else if (outcome.kind === 'read' || outcome.kind === 'refused') tally[outcome.kind]++
    await rm(file)
  }
  expect(problems).toEqual([])
  // Every case closes what it opened: a leak of one descriptor per case would show here by hundreds.
  if (fdsBefore !== null) expect(openFds()! - fdsBefore).toBeLessThan(8)
  return tally
}

/** Opens a named pipe for writing, so that a reader blocked opening it gets its open back. */
function releaseBlockedOpen(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))
  } catch (error) {
    // ENXIO: nobody was waiting on the pipe.
    if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error
  }
}

function openFds(): number | null {
  return existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : null
}

/** A copy of the real session with the events and the manifest replaced (written by yazl). */
async function sessionWith(name: string, parts: { manifest?: unknown; manifestText?: string; events?: string }): Promise<string> {
  const manifest = parts.manifestText ?? JSON.stringify(parts.manifest ?? real.manifest, null, 2)
  const others = [...real.contents].filter(([entry]) => entry !== 'manifest.json' && entry !== 'events.ndjson')
  return writeWithYazl(path.join(dir, `${name}.spyglass`), [['manifest.json', manifest], ['events.ndjson', parts.events ?? real.eventsText], ...others])
}

/** The real session's entries (as written) with the manifest or the events replaced, and more entries after them. */
function realWith(replace: { manifest?: RawZipEntry; events?: RawZipEntry }, extra: RawZipEntry[] = []): RawZipEntry[] {
  return [replace.manifest ?? real.entries.manifest, replace.events ?? real.entries.events, ...real.entries.others, ...extra]
}

function copy(bytes: Buffer): Buffer {
  return Buffer.from(bytes)
}

const integer = (random: () => number, below: number): number => Math.floor(random() * below)

// ---------------------------------------------------------------------------------------------

describe('damaged copies of a real session', () => {
  it('reads the real session itself', async () => {
    const outcome = await expectReadOrRefused(real.file)
    expect(outcome).toMatchObject({ kind: 'read', events: real.events, invalid: 0 })
  })

  it('truncated at every offset of its central directory and end record, and at seeded offsets inside its entries', async () => {
    const { records } = zipLayout(real.bytes)
    const random = mulberry32(0x7a11)
    const offsets = new Set<number>()
    for (let at = records[0].offset - 16; at < real.bytes.length; at++) offsets.add(at)
    for (let i = 0; i < 300; i++) offsets.add(integer(random, real.bytes.length))
    offsets.add(1)
    const tally = await fuzz([...offsets].map((at) => ({ name: `truncated-at-${at}`, bytes: real.bytes.subarray(0, at) })))
    expect(tally.read).toBe(0)
  })

  it('with an entry cut short inside an otherwise intact container', async () => {
    const random = mulberry32(0xc07)
    const all = realWith({})
    const cases = all.flatMap((entry) =>
      Array.from({ length: 40 }, () => {
        const at = integer(random, entry.data.length)
        const name = `cut-${entry.name.toString().replace(/\W/g, '-')}-at-${at}`
        return { name, bytes: buildZip(all.map((e) => (e === entry ? { ...entry, data: entry.data.subarray(0, at) } : e))) }
      })
    )
    const tally = await fuzz(cases)
    expect(tally.read).toBe(0)
  })

  it('with seeded ranges cut out of the middle', async () => {
    const random = mulberry32(0x3dd1e)
    await fuzz(
      Array.from({ length: 150 }, () => {
        const start = integer(random, real.bytes.length - 1)
        const length = 1 + integer(random, Math.min(4096, real.bytes.length - start - 1))
        return { name: `cut-${start}-${length}`, bytes: Buffer.concat([real.bytes.subarray(0, start), real.bytes.subarray(start + length)]) }
      })
    )
  })

  it('with each bit of its local headers, central directory and end record flipped in turn', async () => {
    const { eocd, records } = zipLayout(real.bytes)
    const ranges = [...records.map((r) => [r.localHeaderOffset, r.localHeaderOffset + 30 + real.bytes.readUInt16LE(r.localHeaderOffset + 26)] as const), [records[0].offset, eocd + 22] as const]
    function* cases() {
      for (const [from, to] of ranges) {
        for (let at = from; at < to; at++) {
          for (let bit = 0; bit < 8; bit++) {
            const bytes = copy(real.bytes)
            bytes[at] ^= 1 << bit
            yield { name: `flip-${at}-${bit}`, bytes }
          }
        }
      }
    }
    await fuzz(cases())
  }, 120_000)

  it('with seeded bit flips anywhere', async () => {
    const random = mulberry32(0xb17f11b)
    function* cases() {
      for (let i = 0; i < 1500; i++) {
        const bytes = copy(real.bytes)
        const flips = 1 + integer(random, 3)
        const where: string[] = []
        for (let f = 0; f < flips; f++) {
          const at = integer(random, bytes.length)
          const bit = integer(random, 8)
          bytes[at] ^= 1 << bit
          where.push(`${at}.${bit}`)
        }
        yield { name: `flips-${where.join('-')}`, bytes }
      }
    }
    await fuzz(cases())
  }, 120_000)

  it('with seeded runs of garbage bytes', async () => {
    const random = mulberry32(0x6a7ba6e)
    await fuzz(
      Array.from({ length: 300 }, (_, i) => {
        const bytes = copy(real.bytes)
        const at = integer(random, bytes.length)
        const length = 1 + integer(random, 64)
        for (let k = at; k < Math.min(bytes.length, at + length); k++) bytes[k] = integer(random, 256)
        return { name: `garbage-${i}-${at}-${length}`, bytes }
      })
    )
  })

  it('does not open as an empty session when a bit flip renames its events entry', async () => {
    // 'events.ndjson' → 'eventsnndjson' in the central directory: the reader no longer sees the entry.
    const bytes = copy(real.bytes)
    const record = zipLayout(bytes).records.find((r) => r.name === 'events.ndjson')!
    bytes[record.offset + 46 + 'events'.length] ^= 0x40
    const file = path.join(dir, 'renamed-events.spyglass')
    writeFileSync(file, bytes)
    await expectRefused(file, /events/)
  })
})

describe('files that are not sessions', () => {
  it('random bytes', async () => {
    const random = mulberry32(0x4a4d)
    const bytesOf = (length: number): Buffer => Buffer.from(Array.from({ length }, () => integer(random, 256)))
    const eocd = (): Buffer => Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), bytesOf(16), Buffer.from([0, 0])])
    const tally = await fuzz([
      ...Array.from({ length: 40 }, (_, i) => ({ name: `random-${i}`, bytes: bytesOf(integer(random, 64 * 1024)) })),
      // Past the signature search, into yauzl's reading of whatever the end record claims.
      ...Array.from({ length: 60 }, (_, i) => ({ name: `random-with-end-record-${i}`, bytes: Buffer.concat([bytesOf(integer(random, 4096)), eocd()]) })),
      ...Array.from({ length: 20 }, (_, i) => ({ name: `random-after-local-header-${i}`, bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytesOf(integer(random, 4096))]) }))
    ])
    expect(tally.read).toBe(0)
  })

  it('an empty file', async () => {
    const file = path.join(dir, 'empty.spyglass')
    writeFileSync(file, '')
    await expectRefused(file, /not a zip file/)
  })

  it('a folder', async () => {
    const folder = path.join(dir, 'folder.spyglass')
    mkdirSync(folder)
    await expectRefused(folder, /folder/)
  })

  it('a path that does not exist', async () => {
    await expectRefused(path.join(dir, 'nowhere', 'missing.spyglass'), /no such file/)
  })

  it.skipIf(!existsSync('/dev/null'))('a device', async () => {
    await expectRefused('/dev/null')
  })

  it.skipIf(process.platform === 'win32')('a named pipe nobody writes to', async () => {
    const fifo = path.join(dir, 'pipe.spyglass')
    execFileSync('mkfifo', [fifo])
    try {
      await expectRefused(fifo, undefined, 3000)
    } finally {
      releaseBlockedOpen(fifo)
    }
  })

  // Root reads a file whatever its mode (CI runs as root): there the reader runs as nobody.
  it.skipIf(process.platform === 'win32')('a file it may not read', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'spyglass-fuzz-unreadable-'))
    await chmod(folder, 0o755)
    const file = path.join(folder, 'unreadable.spyglass')
    writeFileSync(file, real.bytes)
    await chmod(file, 0o000)
    try {
      await asOtherThanRoot(() => expectRefused(file, /^unreadable\.spyglass: cannot be read \(EACCES/))
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('a valid zip that is not a session (no manifest), and an empty zip', async () => {
    await expectRefused(await writeWithYazl(path.join(dir, 'readme.spyglass'), [['readme.txt', 'hello'], ['events.ndjson', real.eventsText]]), /no manifest/)
    await expectRefused(await writeWithYazl(path.join(dir, 'nothing.spyglass'), []), /no manifest/)
  })
})

describe('manifests', () => {
  it('of another format', async () => {
    await expectRefused(await sessionWith('speedscope', { manifest: { ...real.manifest, format: 'speedscope' } }), /another format/)
    await expectRefused(await sessionWith('no-format', { manifest: { $schema: 'https://example.com', shared: {} } }), /another format/)
  })

  it('from a newer Spyglass', async () => {
    for (const version of [2, 99, 2 ** 31]) {
      await expectRefused(await sessionWith(`version-${version}`, { manifest: { ...real.manifest, formatVersion: version } }), /newer Spyglass.*update Spyglass/)
    }
    // A newer file is refused for its version even if the rest of its manifest is new to this reader.
    await expectRefused(await sessionWith('version-2-other-fields', { manifest: { format: real.manifest.format, formatVersion: 2, somethingNew: true } }), /newer Spyglass.*update/)
  })

  it('with a version that is not one', async () => {
    for (const [name, version] of [['zero', 0], ['negative', -1], ['string', '1'], ['fraction', 1.5], ['null', null]] as const) {
      await expectRefused(await sessionWith(`version-${name}`, { manifest: { ...real.manifest, formatVersion: version } }), /formatVersion/)
    }
  })

  it('that is not JSON, or not an object', async () => {
    await expectRefused(await sessionWith('manifest-not-json', { manifestText: '{"format": "spyglass-session", ' }), /not valid JSON/)
    for (const text of ['null', '[]', '42', '"spyglass-session"', '']) {
      await expectRefused(await sessionWith(`manifest-${JSON.stringify(text).replace(/\W/g, '') || 'empty'}`, { manifestText: text }))
    }
  })

  it('with each field missing', async () => {
    for (const key of Object.keys(real.manifest)) {
      const { [key as keyof SessionManifest]: _dropped, ...rest } = real.manifest
      const message = await expectRefused(await sessionWith(`missing-${key}`, { manifest: rest }))
      if (key !== 'format') expect(message).toContain(key)
    }
  })

  it('with each field of the wrong type', async () => {
    const wrong = (value: unknown): unknown =>
      typeof value === 'string' ? 42 : typeof value === 'number' ? 'x' : value === null ? 'x' : Array.isArray(value) ? { length: 1 } : typeof value === 'object' ? [value] : null
    for (const [key, value] of Object.entries(real.manifest)) {
      const message = await expectRefused(await sessionWith(`wrong-${key}`, { manifest: { ...real.manifest, [key]: wrong(value) } }))
      if (key !== 'format') expect(message).toContain(key)
    }
  })

  it('with nested fields wrong', async () => {
    const m = real.manifest
    const cases: Array<[string, unknown]> = [
      ['target-pid', { ...m, target: { ...m.target, pid: 'x' } }],
      ['target-kind', { ...m, target: { ...m.target, kind: 'browser' } }],
      ['target-exit', { ...m, target: { ...m.target, exit: { code: 'three' } } }],
      ['no-targets', { ...m, targets: [] }],
      ['negative-count', { ...m, counts: { ...m.counts, byLevel: { ...m.counts.byLevel, warn: -1 } } }],
      ['fractional-count', { ...m, counts: { ...m.counts, events: 1.5 } }],
      ['entry-unsafe-name', { ...m, entries: [{ name: '../evil.json', kind: 'summary' }] }],
      ['entry-absolute-name', { ...m, entries: [{ name: '/etc/passwd', kind: 'summary' }] }],
      ['entry-kind', { ...m, entries: [{ name: 'summaries/x.json', kind: 'virus' }] }]
    ]
    for (const [name, manifest] of cases) await expectRefused(await sessionWith(`nested-${name}`, { manifest }), /manifest\.json/)
  })

  it('larger than a manifest may be', async () => {
    const big = { ...real.manifest, title: 'x'.repeat(sessionLimits.maxManifestBytes) }
    await expectRefused(await sessionWith('manifest-too-large', { manifest: big }), /too large/)
  })
})

describe('events', () => {
  const lines = (): string[] => real.eventsText.split('\n').filter(Boolean)

  it('with a line that is not JSON, first or in the middle', async () => {
    const all = lines()
    await expectRefused(await sessionWith('events-line-1-not-json', { events: ['{"seq": 0,', ...all].join('\n') + '\n' }), /line 1 is not valid JSON/)
    const middle = [...all.slice(0, 249), all[249].slice(0, -3), ...all.slice(250)]
    await expectRefused(await sessionWith('events-line-250-not-json', { events: middle.join('\n') + '\n' }), /line 250 is not valid JSON/)
  })

  it('with a line that fails the schema or names a target the manifest does not list', async () => {
    const event = JSON.parse(lines()[0]) as Record<string, unknown>
    const cases: Array<[string, unknown]> = [
      ['null', null],
      ['array', [event]],
      ['string', 'event'],
      ['no-seq', { ...event, seq: undefined }],
      ['negative-seq', { ...event, seq: -1 }],
      ['level-fatal', { ...event, level: 'fatal' }],
      ['text-number', { ...event, text: 42 }],
      ['empty-target', { ...event, targetId: '' }],
      ['stack-of-strings', { ...event, stack: ['at x'] }],
      ['args-without-text', { ...event, args: [{ type: 'string' }] }],
      ['unlisted-target', { ...event, targetId: 'ghost' }]
    ]
    for (const [name, bad] of cases) {
      await expectRefused(await sessionWith(`event-${name}`, { events: [...lines().slice(0, 3), JSON.stringify(bad)].join('\n') + '\n' }), /events\.ndjson line 4/)
    }
  })

  it('reads a last line without its newline', async () => {
    const outcome = await expectReadOrRefused(await sessionWith('events-unterminated', { events: lines().join('\n') }))
    expect(outcome).toMatchObject({ kind: 'read', events: real.events })
  })

  it(`with a line longer than ${sessionLimits.maxLineBytes} bytes`, async () => {
    // 65 MiB without a newline between two valid lines, deflated piece by piece (never held whole).
    const [first, second] = lines()
    const events = repeatedEntry('events.ndjson', [
      { bytes: Buffer.from(`${first}\n{"text":"`), times: 1 },
      { bytes: Buffer.alloc(1 << 20, 'x'), times: sessionLimits.maxLineBytes / (1 << 20) + 1 },
      { bytes: Buffer.from(`"}\n${second}\n`), times: 1 }
    ])
    const file = await writeZip(path.join(dir, 'long-line.spyglass'), realWith({ events }))
    await expectRefused(file, /a line longer than/)
  })

  it('splits lines without holding more than the limit (ndjsonLines with a 16-byte limit)', async () => {
    const collect = async (chunks: string[], options: { keepUnterminated: boolean }): Promise<{ lines: string[]; unterminated: number }> => {
      const out: string[] = []
      let unterminated = 0
      const stream = Readable.from(chunks.map((c) => Buffer.from(c)))
      for await (const line of ndjsonLines(stream, { maxLineBytes: 16, ...options, onUnterminated: (b) => (unterminated = b) })) out.push(line)
      return { lines: out, unterminated }
    }
    expect(await collect(['0123456789abcdef\n', '{}\n'], { keepUnterminated: false })).toEqual({ lines: ['0123456789abcdef', '{}'], unterminated: 0 })
    await expect(collect(['0123456789abcdefg\n'], { keepUnterminated: false })).rejects.toBeInstanceOf(LineTooLongError)
    // Across chunks, with and without a newline ever coming.
    await expect(collect(['01234567', '89abcdef', 'g\n'], { keepUnterminated: false })).rejects.toBeInstanceOf(LineTooLongError)
    await expect(collect(['01234567', '89abcdef', 'ghijklmn'], { keepUnterminated: true })).rejects.toBeInstanceOf(LineTooLongError)
    // A character split between chunks comes out whole.
    const euro = Buffer.from('€')
    const stream = Readable.from([Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)]), Buffer.concat([euro.subarray(1), Buffer.from('b\n')])])
    const split: string[] = []
    for await (const line of ndjsonLines(stream, { maxLineBytes: 16, keepUnterminated: false })) split.push(line)
    expect(split).toEqual(['a€b'])
    expect(await collect(['{"a":1}\n{"b"'], { keepUnterminated: false })).toEqual({ lines: ['{"a":1}'], unterminated: 4 })
    expect(await collect(['{"a":1}\n{"b"'], { keepUnterminated: true })).toEqual({ lines: ['{"a":1}', '{"b"'], unterminated: 0 })
  })
})

describe('zip bombs', () => {
  const twoGiB = 2048
  const maxGrowthMiB = 300
  // RSS is sampled all along; each case's peak is compared with the level before the first bomb.
  let baseline = 0
  let peak = 0
  const growth: { name: string; mib: number }[] = []
  let sampler: NodeJS.Timeout
  beforeAll(() => {
    baseline = process.memoryUsage().rss
    sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  })
  afterAll(() => clearInterval(sampler))
  beforeEach(() => {
    peak = process.memoryUsage().rss
  })
  afterEach((context) => {
    growth.push({ name: context.task.name, mib: Math.round((Math.max(peak, process.memoryUsage().rss) - baseline) / 2 ** 20) })
  })

  const patched = (name: string, field: 'uncompressed' | 'compressed', value: number): Buffer => {
    const bytes = copy(real.bytes)
    const record = zipLayout(bytes).records.find((r) => r.name === name)!
    bytes.writeUInt32LE(value, record.offset + (field === 'uncompressed' ? 24 : 20))
    return bytes
  }

  it('declared huge in the central directory of a real file', async () => {
    for (const name of ['events.ndjson', 'manifest.json']) {
      const file = path.join(dir, `declared-huge-${name}.spyglass`)
      writeFileSync(file, patched(name, 'uncompressed', 0xfffffff0))
      await expectRefused(file, name === 'events.ndjson' ? /zip bomb/ : /zip bomb|too large/)
    }
  })

  it('declared huge through zip64', async () => {
    for (const size of [2n ** 40n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      const file = await writeZip(path.join(dir, `zip64-declared-${size}.spyglass`), realWith({ events: { ...real.entries.events, zip64: { uncompressedSize: size } } }))
      await expectRefused(file, /zip bomb/)
    }
  })

  it('2 GiB of zeros from 2 MB, declared honestly (within the ratio deflate allows)', async () => {
    const file = await writeZip(path.join(dir, 'zeros-2gib.spyglass'), realWith({ events: repeatedEntry('events.ndjson', [{ bytes: Buffer.alloc(1 << 20), times: twoGiB }]) }))
    await expectRefused(file, /a line longer than/)
  })

  it('2 GiB declared as 1000 bytes', async () => {
    const file = await writeZip(path.join(dir, 'zeros-declared-small.spyglass'), realWith({ events: repeatedEntry('events.ndjson', [{ bytes: Buffer.alloc(1 << 20, '\n'), times: twoGiB }], 1000) }))
    await expectRefused(file)
    const manifestBomb = await writeZip(path.join(dir, 'manifest-bomb.spyglass'), realWith({ manifest: repeatedEntry('manifest.json', [{ bytes: Buffer.alloc(1 << 20, ' '), times: twoGiB }], 1000) }))
    await expectRefused(manifestBomb)
  })

  it('2 GiB of empty lines from 2 MB: answered in time', async () => {
    const file = await writeZip(path.join(dir, 'newlines-2gib.spyglass'), realWith({ events: repeatedEntry('events.ndjson', [{ bytes: Buffer.alloc(1 << 20, '\n'), times: twoGiB }]) }))
    await expectReadOrRefused(file)
  }, 60_000)

  it(`more entries than any session has (${sessionLimits.maxEntries + 50_000})`, async () => {
    // Names no session uses: the limit is about the container, whatever its entries are called.
    const junk = Array.from({ length: sessionLimits.maxEntries + 50_000 }, (_, i) => storedEntry(`junk/${i}`, ''))
    const file = await writeZip(path.join(dir, 'many-entries.spyglass'), realWith({}, junk), { zip64End: {} })
    await expectRefused(file, /entries/, 30_000)
  }, 60_000)

  it('a zip64 end record declaring 2^40 entries', async () => {
    const file = await writeZip(path.join(dir, 'zip64-count.spyglass'), realWith({}), { zip64End: { entryCount: 2n ** 40n } })
    await expectRefused(file)
  })

  it('zip64 offsets beyond what the file or a number can hold', async () => {
    const entries = realWith({})
    const fdsBefore = openFds()
    for (const [name, options] of [
      ['locator-2^40', { zip64End: { locatorOffset: 2n ** 40n } }],
      ['directory-2^40', { zip64End: { centralDirectoryOffset: 2n ** 40n } }],
      ['directory-2^60', { zip64End: { centralDirectoryOffset: 2n ** 60n } }]
    ] as const) {
      await expectRefused(await writeZip(path.join(dir, `zip64-${name}.spyglass`), entries, options))
    }
    for (const offset of [2n ** 40n, 2n ** 60n]) {
      await expectRefused(await writeZip(path.join(dir, `zip64-local-header-${offset}.spyglass`), realWith({ manifest: { ...real.entries.manifest, zip64: { localHeaderOffset: offset } } })))
    }
    // Each refused file is closed again.
    if (fdsBefore !== null) expect(openFds()! - fdsBefore).toBeLessThanOrEqual(1)
  })

  it('a zip64 locator pointing past 2^53', async () => {
    await expectRefused(await writeZip(path.join(dir, 'zip64-locator-2^60.spyglass'), realWith({}), { zip64End: { locatorOffset: 2n ** 60n } }), undefined, 3000)
  })

  it('a notes.json that inflates to 600 MiB (declared honestly)', async () => {
    const notes = repeatedEntry('notes.json', [{ bytes: Buffer.from('['), times: 1 }, { bytes: Buffer.alloc(1 << 20, ' '), times: 600 }, { bytes: Buffer.from(']'), times: 1 }])
    await expectRefused(await writeZip(path.join(dir, 'notes-600mib.spyglass'), realWith({}, [notes])), /too large/)
  })

  it(`kept memory within ${maxGrowthMiB} MiB of where it started, in every bomb`, () => {
    expect(growth.filter((g) => g.mib > maxGrowthMiB)).toEqual([])
  })
})

describe('entry names', () => {
  it('refuses unsafe names in one line', async () => {
    const names = ['../evil', '/etc/evil', 'C:/evil', 'C:\\evil', 'streams/../../evil.ndjson', 'summaries\\..\\..\\evil.json', '../evil\nsecond line of the message']
    const problems: string[] = []
    for (const [i, name] of names.entries()) {
      const file = await writeZip(path.join(dir, `unsafe-${i}.spyglass`), realWith({}, [deflatedEntry(name, 'owned')]))
      const outcome = await readSession(file)
      const problem = problemWith(file, outcome) ?? (outcome.kind === 'refused' ? null : 'read, not refused')
      if (problem) problems.push(`${JSON.stringify(name)}: ${problem}`)
    }
    expect(problems).toEqual([])
  })

  it('ignores names that are merely foreign', async () => {
    for (const name of ['\u001b[31mred\u001b[0m', 'notes.txt', 'streams/', 'événements.ndjson', 'x'.repeat(60_000)]) {
      const file = await writeZip(path.join(dir, 'foreign-name.spyglass'), realWith({}, [deflatedEntry(name, 'x')]))
      expect(await expectReadOrRefused(file)).toMatchObject({ kind: 'read', events: real.events })
    }
  })

  it('refuses encrypted entries and unknown compression methods', async () => {
    await expectRefused(await writeZip(path.join(dir, 'encrypted.spyglass'), realWith({ events: { ...real.entries.events, flags: 0x801 } })), /encrypted/)
    for (const method of [1, 9, 12, 14, 93, 99]) {
      await expectRefused(await writeZip(path.join(dir, `method-${method}.spyglass`), realWith({ events: { ...real.entries.events, method } })))
    }
  })

  it('reads entries stored without compression, and survives a duplicate manifest', async () => {
    const stored = await writeZip(path.join(dir, 'stored.spyglass'), [...real.contents].map(([name, content]) => storedEntry(name, content)))
    expect(await expectReadOrRefused(stored)).toMatchObject({ kind: 'read', events: real.events })
    const other = deflatedEntry('manifest.json', JSON.stringify({ ...real.manifest, formatVersion: 2 }))
    await expectReadOrRefused(await writeZip(path.join(dir, 'two-manifests.spyglass'), realWith({}, [other])))
  })
})
