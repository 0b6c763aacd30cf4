// `spyglass inspect` and `spyglass export` as users run them: `node bin/spyglass.mjs …` on the
// build, against a session recorded here from a real program (the secrets fixture, launched and
// recorded to its exit by the workbench in-process). Bad input must fail in one stderr line.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import yauzl from 'yauzl'
import yazl from 'yazl'
import { fixtureSecrets, recordFixtureSession } from '../src/main/sessions/test/exportFixtures'
import { stopAllNodes } from '../src/main/targets/test/harness'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let dir: string
let configDir: string
let session: Awaited<ReturnType<typeof recordFixtureSession>>

beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests')
  dir = await mkdtemp(path.join(tmpdir(), 'spyglass-sessions-cli-'))
  configDir = path.join(dir, 'config')
  await mkdir(configDir)
  session = await recordFixtureSession('secrets.cjs', dir)
})

afterAll(async () => {
  await stopAllNodes()
  await rm(dir, { recursive: true, force: true })
})

function spyglass(args: string[], options: { configDir?: string } = {}) {
  return execa(process.execPath, [path.join(root, 'bin/spyglass.mjs'), ...args], {
    cwd: dir,
    reject: false,
    timeout: 45_000,
    env: { SPYGLASS_CONFIG_DIR: options.configDir ?? configDir, SPYGLASS_NO_BROWSER: '1', SPYGLASS_NO_ELECTRON: '1' }
  })
}

function expectOneLineFailure(result: { exitCode?: number; stderr: string; stdout: string }, exitCode: number, message?: RegExp): void {
  expect(result.exitCode, result.stderr).toBe(exitCode)
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, result.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^spyglass: \S/)
  if (message) expect(lines[0]).toMatch(message)
  expect(result.stderr).not.toMatch(/\n\s+at /)
  expect(result.stdout).toBe('')
}

/** A copy of the session with one byte of its compressed events flipped. */
async function bitFlipped(): Promise<string> {
  const bytes = await readFile(session.file)
  const entry = await new Promise<yauzl.Entry>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error)
      zip.on('entry', (e: yauzl.Entry) => (e.fileName === 'events.ndjson' ? (resolve(e), zip.close()) : zip.readEntry()))
      zip.on('end', () => reject(new Error('no events entry')))
      zip.readEntry()
    })
  })
  const nameLength = bytes.readUInt16LE(entry.relativeOffsetOfLocalHeader + 26)
  const extraLength = bytes.readUInt16LE(entry.relativeOffsetOfLocalHeader + 28)
  const dataStart = entry.relativeOffsetOfLocalHeader + 30 + nameLength + extraLength
  const flipped = Buffer.from(bytes)
  flipped[dataStart + Math.floor(entry.compressedSize / 2)] ^= 0xff
  const file = path.join(dir, 'flipped.spyglass')
  await writeFile(file, flipped)
  return file
}

/** A well-formed session whose manifest says it comes from a newer format version. */
async function fromTheFuture(): Promise<string> {
  const zip = new yazl.ZipFile()
  zip.addBuffer(Buffer.from(JSON.stringify({ format: 'spyglass-session', formatVersion: 99, somethingNew: true })), 'manifest.json')
  zip.addBuffer(Buffer.from(''), 'events.ndjson')
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk)
  const file = path.join(dir, 'future.spyglass')
  await writeFile(file, Buffer.concat(chunks))
  return file
}

describe('spyglass inspect', () => {
  it('is listed in the help, with its own --help', async () => {
    const help = await spyglass(['--help'])
    expect(help.stdout).toMatch(/^ {2}inspect /m)
    expect(help.stdout).toMatch(/^ {2}export /m)
    const own = await spyglass(['inspect', '--help'])
    expect(own.exitCode).toBe(0)
    expect(own.stdout).toContain('Usage: spyglass inspect FILE.spyglass [--json]')
  })

  it('--json prints one object with the target, counts and the sections still to come', async () => {
    const result = await spyglass(['inspect', session.file, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const summary = JSON.parse(result.stdout)
    expect(summary).toMatchObject({
      file: session.file,
      format: { version: 1 },
      target: { pid: session.target.pid, command: session.target.command, nodeVersion: process.version, platform: process.platform, exit: { code: 2, signal: null } },
      events: { total: session.counts.events, byLevel: session.counts.byLevel, dropped: 0 },
      errors: [],
      profiles: [],
      heap: {},
      metrics: {},
      notes: []
    })
    expect(Object.keys(summary.events.byLevel).sort()).toEqual(['debug', 'error', 'info', 'log', 'warn'])
    expect(summary.topMessages[0]).toEqual({ level: 'warn', text: 'disk almost full', count: 3 })
    expect(summary.durationMs).toBe(summary.endedAt - summary.startedAt)
  })

  it('prints a summary a person can read', async () => {
    const result = await spyglass(['inspect', session.file])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain(`Target:    ${session.target.command}`)
    expect(result.stdout).toContain('exited with code 2')
    expect(result.stdout).toContain(`Events:    ${session.counts.events} (`)
    expect(result.stdout).toMatch(/3× warn +disk almost full/)
  })

  it('fails in one line on bad input', async () => {
    expectOneLineFailure(await spyglass(['inspect']), 2, /needs a \.spyglass file/)
    expectOneLineFailure(await spyglass(['inspect', session.file, 'other.spyglass']), 2)
    expectOneLineFailure(await spyglass(['inspect', path.join(dir, 'missing.spyglass')]), 1, /no such file/)
    const random = path.join(dir, 'random.spyglass')
    await writeFile(random, Buffer.from('this is not a zip file at all'.repeat(40)))
    expectOneLineFailure(await spyglass(['inspect', random]), 1, /not a Spyglass session/)
    const truncated = path.join(dir, 'truncated.spyglass')
    const bytes = await readFile(session.file)
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)))
    expectOneLineFailure(await spyglass(['inspect', truncated]), 1, /truncated\.spyglass/)
    expectOneLineFailure(await spyglass(['inspect', await bitFlipped()]), 1, /flipped\.spyglass: .*damaged/)
    expectOneLineFailure(await spyglass(['inspect', await fromTheFuture()]), 1, /newer Spyglass \(session format 99; this version reads up to 1\)/)
  })
})

describe('spyglass export', () => {
  it('ndjson on stdout: one event per line, secrets redacted', async () => {
    const result = await spyglass(['export', session.file, '--format', 'ndjson'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const lines = result.stdout.split('\n').map((line) => JSON.parse(line) as { seq: number; text: string; repeat?: number })
    // A line can fold consecutive repetitions stored before the recording began.
    expect(lines.reduce((n, l) => n + (l.repeat ?? 1), 0)).toBe(session.counts.events)
    for (const secret of fixtureSecrets) expect(result.stdout).not.toContain(secret)
    expect(lines.map((l) => l.text)).toContain(`login { user: 'ann', password: '[REDACTED]' }`)
    expect(lines.map((l) => l.text)).toContain('server listening on http://127.0.0.1:3000')
  })

  it('--no-redact keeps the secrets', async () => {
    const result = await spyglass(['export', session.file, '--format', 'ndjson', '--no-redact'])
    expect(result.exitCode, result.stderr).toBe(0)
    for (const secret of fixtureSecrets) expect(result.stdout).toContain(secret)
    expect(result.stdout).not.toContain('[REDACTED]')
  })

  it('json into a file (-o), replaced atomically, with one line on stderr', async () => {
    const out = path.join(dir, 'exported.json')
    const result = await spyglass(['export', session.file, '--format', 'json', '-o', out])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr.trimEnd().split('\n')).toEqual([`spyglass: wrote ${session.counts.events} events to ${out} (secrets redacted)`])
    const text = await readFile(out, 'utf8')
    const exported = JSON.parse(text)
    expect(exported).toMatchObject({ format: 'spyglass-export', formatVersion: 1, session: { title: session.target.title, target: { exit: { code: 2, signal: null } }, counts: { events: session.counts.events } } })
    expect(exported.events.reduce((n: number, e: { repeat?: number }) => n + (e.repeat ?? 1), 0)).toBe(session.counts.events)
    for (const secret of fixtureSecrets) expect(text).not.toContain(secret)
    expect((await readdir(dir)).filter((name) => name.includes('.partial'))).toEqual([])
  })

  it('csv with a header row; the format can come from the extension of -o', async () => {
    const out = path.join(dir, 'exported.csv')
    const result = await spyglass(['export', session.file, '-o', out])
    expect(result.exitCode, result.stderr).toBe(0)
    const text = await readFile(out, 'utf8')
    expect(text.startsWith('time,target,level,source,method,text,location,stack,repeat\r\n')).toBe(true)
    expect(text).toContain('"order 1042 shipped, total 99.50, ""express"", tracking: 1Z999"')
    expect(text).toContain(`,${session.target.title},warn,console,warning,disk almost full,`)
    for (const secret of fixtureSecrets) expect(text).not.toContain(secret)
  })

  it('adds patterns from the command line and from the settings', async () => {
    const flagged = await spyglass(['export', session.file, '--format', 'csv', '--redact-value', 'order \\d+', '--redact-key', '^tracking$'])
    expect(flagged.exitCode, flagged.stderr).toBe(0)
    expect(flagged.stdout).not.toContain('order 1042')
    expect(flagged.stdout).toContain('payment failed for [REDACTED]')
    expect(flagged.stdout).toContain('tracking: [REDACTED]')

    const settingsDir = path.join(dir, 'config-with-patterns')
    await mkdir(settingsDir)
    await writeFile(path.join(settingsDir, 'settings.json'), JSON.stringify({ settings: { redaction: { keys: [], values: ['disk almost \\w+'] } } }))
    const withSettings = await spyglass(['export', session.file, '--format', 'csv'], { configDir: settingsDir })
    expect(withSettings.exitCode, withSettings.stderr).toBe(0)
    expect(withSettings.stdout).not.toContain('disk almost full')
    // The built-in patterns still apply.
    for (const secret of fixtureSecrets) expect(withSettings.stdout).not.toContain(secret)
  })

  it('fails in one line on bad input, and never leaves a half-written output', async () => {
    expectOneLineFailure(await spyglass(['export', session.file, '--format', 'xml']), 2, /--format must be one of json, ndjson, csv/)
    expectOneLineFailure(await spyglass(['export', session.file]), 2, /needs --format/)
    expectOneLineFailure(await spyglass(['export', '--format', 'csv']), 2)
    expectOneLineFailure(await spyglass(['export', session.file, '--format', 'csv', '--redact-key', '(']), 2, /invalid redaction key pattern "\("/)
    expectOneLineFailure(await spyglass(['export', session.file, '--format', 'csv', '--no-redact', '--redact-value', 'x']), 2)
    expectOneLineFailure(await spyglass(['export', session.file, '--format', 'csv', '-o', session.file]), 2)
    expectOneLineFailure(await spyglass(['export', path.join(dir, 'missing.spyglass'), '--format', 'csv']), 1, /no such file/)
    expectOneLineFailure(await spyglass(['export', await fromTheFuture(), '--format', 'csv']), 1, /newer Spyglass/)
    expectOneLineFailure(await spyglass(['export', session.file, '--format', 'csv', '-o', path.join(dir, 'no-such-folder', 'x.csv')]), 1, /cannot write/)

    // Damage found mid-stream (a checksum at the end of the events) leaves no output file.
    const out = path.join(dir, 'from-damaged.ndjson')
    expectOneLineFailure(await spyglass(['export', await bitFlipped(), '--format', 'ndjson', '-o', out]), 1, /damaged/)
    expect(existsSync(out)).toBe(false)
    expect((await readdir(dir)).filter((name) => name.includes('.partial'))).toEqual([])

    const badSettings = path.join(dir, 'config-with-bad-pattern')
    await mkdir(badSettings)
    await writeFile(path.join(badSettings, 'settings.json'), JSON.stringify({ settings: { redaction: { keys: ['[unclosed'], values: [] } } }))
    expectOneLineFailure(await spyglass(['export', session.file, '--format', 'csv'], { configDir: badSettings }), 1, /"\[unclosed" \(from settings/)
  })
})
