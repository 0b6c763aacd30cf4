// Crash safety of recordings, with real processes: the target killed mid-recording still gives a
// complete file with its exit; the recorder itself killed (SIGKILL, no chance to clean up) leaves
// an autosave that `spyglass recover` and the workbench both restore.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import type { ConsoleEvent } from '../src/shared/consoleTypes'
import { openSessionFile } from '../src/main/sessions'
import { createMemorySettingsStore } from '../src/main/settings'
import { Workbench } from '../src/main/workbench'
import { exitOf } from './workbenchUrl'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ticker = path.join(root, 'src/main/targets/test/fixtures/ticker.cjs')
let scratch: string
const children: ChildProcess[] = []
const pids: number[] = []

beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests')
  scratch = await mkdtemp(path.join(tmpdir(), 'spyglass-crash-'))
})
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const pid of pids.splice(0)) killQuietly(pid)
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

function spyglass(configDir: string, ...args: string[]) {
  return execa(process.execPath, [path.join(root, 'bin/spyglass.mjs'), ...args], {
    cwd: root,
    reject: false,
    timeout: 45_000,
    env: { SPYGLASS_CONFIG_DIR: configDir, SPYGLASS_NO_BROWSER: '1', SPYGLASS_NO_ELECTRON: '1' }
  })
}

function startRecording(configDir: string, output: string): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, 'bin/spyglass.mjs'), 'record', '-o', output, '--', process.execPath, ticker], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SPYGLASS_CONFIG_DIR: configDir, TICK_MS: '10' }
  })
  children.push(child)
  child.stdout!.resume()
  child.stderr!.resume()
  return child
}

/** The one autosave folder of a config dir, once its events file holds at least `ticks` tick lines. */
async function autosaveWithTicks(configDir: string, ticks: number): Promise<{ dir: string; pid: number; lines: number }> {
  let found: { dir: string; pid: number; lines: number } | null = null
  await vi.waitFor(
    async () => {
      const autosave = path.join(configDir, 'autosave')
      const [id] = await readdir(autosave)
      const dir = path.join(autosave, id)
      const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { target: { pid: number } }
      const events = await readFile(path.join(dir, 'events.ndjson'), 'utf8')
      const lines = events.split('\n').filter((l) => l.includes('"tick ')).length
      expect(lines).toBeGreaterThanOrEqual(ticks)
      found = { dir, pid: manifest.target.pid, lines }
    },
    { timeout: 20_000, interval: 25 }
  )
  return found!
}

async function eventsIn(file: string): Promise<{ events: ConsoleEvent[]; exit: unknown; endedAt: number | null }> {
  const source = await openSessionFile(file)
  const events: ConsoleEvent[] = []
  for await (const event of source.events()) events.push(event)
  await source.close()
  return { events, exit: source.manifest.target.exit, endedAt: source.manifest.endedAt }
}

it('writes a complete file, exit included, when the recorded target is killed with SIGKILL', async () => {
  const configDir = path.join(scratch, 'target-killed')
  const output = path.join(scratch, 'target-killed.spyglass')
  const recorder = startRecording(configDir, output)
  const { pid, lines } = await autosaveWithTicks(configDir, 5)
  process.kill(pid, 'SIGKILL')
  expect(await exitOf(recorder)).toEqual({ code: 0, signal: null })
  const { events, exit, endedAt } = await eventsIn(output)
  expect(exit).toEqual({ code: null, signal: 'SIGKILL' })
  expect(endedAt).not.toBeNull()
  const ticks = events.filter((e) => e.text.startsWith('tick ')).map((e) => e.text.trim())
  expect(ticks.length).toBeGreaterThanOrEqual(lines)
  // In order and without gaps: tick 1, tick 2, …
  expect(ticks).toEqual(ticks.map((_, i) => `tick ${i + 1}`))
  // Saved: nothing left to recover.
  expect((await spyglass(configDir, 'recover', '--json')).stdout.trim()).toBe('[]')
})

it('recovers what was captured when the recorder itself is killed with SIGKILL', async () => {
  const configDir = path.join(scratch, 'recorder-killed')
  const output = path.join(scratch, 'never-written.spyglass')
  const recorder = startRecording(configDir, output)
  const { pid, lines } = await autosaveWithTicks(configDir, 5)
  recorder.kill('SIGKILL')
  await exitOf(recorder)
  // The launched target outlives its recorder; it is not part of what is tested here.
  pids.push(pid)
  killQuietly(pid)
  expect(existsSync(output)).toBe(false)

  const listed = await spyglass(configDir, 'recover', '--json')
  expect(listed.exitCode, listed.stderr).toBe(0)
  const offers = JSON.parse(listed.stdout) as Array<{ id: string; events: number; finished: boolean }>
  expect(offers).toHaveLength(1)
  expect(offers[0].finished).toBe(false)
  expect(offers[0].events).toBeGreaterThanOrEqual(lines)

  // The workbench offers the same autosave and opens it read-only.
  const workbench = new Workbench({ shell: 'cli', settings: createMemorySettingsStore(), appVersion: 'test', dataDir: configDir })
  try {
    expect((await workbench.invoke('sessions.recoverable', undefined)).map((o) => o.id)).toEqual([offers[0].id])
    const recovered = await workbench.invoke('sessions.recover', { id: offers[0].id })
    expect(recovered).toMatchObject({ state: 'opened', recovered: true, saved: false })
    expect(recovered.counts.events).toBeGreaterThanOrEqual(lines)
    const { events } = await workbench.invoke('console.query', { targetId: recovered.rootTargetId, limit: 100_000 })
    expect(events.filter((e) => e.text.startsWith('tick ')).length).toBeGreaterThanOrEqual(lines)
    // Held open here, so not offered again; closing hands it back.
    expect(await workbench.invoke('sessions.recoverable', undefined)).toEqual([])
    await workbench.invoke('sessions.close', { sessionId: recovered.id })
  } finally {
    await workbench.dispose()
  }

  const file = path.join(scratch, 'recovered.spyglass')
  const written = await spyglass(configDir, 'recover', offers[0].id.slice(0, 8), '-o', file)
  expect(written.exitCode, written.stderr).toBe(0)
  const { events, endedAt } = await eventsIn(file)
  const ticks = events.filter((e) => e.text.startsWith('tick ')).map((e) => e.text.trim())
  expect(ticks.length).toBeGreaterThanOrEqual(lines)
  expect(ticks).toEqual(ticks.map((_, i) => `tick ${i + 1}`))
  expect(endedAt).toBe(events[events.length - 1].time)
  expect((await spyglass(configDir, 'recover', '--json')).stdout.trim()).toBe('[]')
})

it('fails in one line for a recording that does not exist', async () => {
  const result = await spyglass(path.join(scratch, 'empty'), 'recover', 'deadbeef', '-o', path.join(scratch, 'x.spyglass'))
  expect(result.exitCode).toBe(2)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toMatch(/^spyglass: no recoverable recording deadbeef/)
})
