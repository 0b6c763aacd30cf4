// CPU profiles of real programs: collected when the program exits, stopped at a breakpoint,
// exact call counts, and added to the session of a recorded target.
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import type { Workbench } from '../../workbench'
import { newWorkbench, stopAllNodes } from '../../targets/test/harness'
import { formatSessionSummary, summarizeSession } from '../../sessionParts'
import { openSessionFile } from '../../sessions'
import type { SavedProfile } from '../profilerService'

const counted = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'counted.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

/** Launches the fixture held at its first line, so the profile covers all of it. */
async function launchProfiled(args: string[], options: Parameters<Workbench['profiler']['start']>[1] = {}) {
  const wb = newWorkbench()
  workbenches.push(wb)
  const saved = new Promise<SavedProfile>((resolve) => wb.profiler.onSaved(resolve))
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, counted, ...args, go] })
  await wb.profiler.start(target.id, options)
  await writeFile(go, 'go')
  return { wb, target, saved }
}

/** The fixture waits for this file, so that the profile starts before the work does. */
function goFile(): string {
  return path.join(os.tmpdir(), `spyglass-go-${process.pid}-${Math.random().toString(36).slice(2)}`)
}

it('collects the profile of a program that exits while profiled, in the standard format, with exact call counts', async () => {
  const { wb, target, saved } = await launchProfiled(['1234', 'no-pause'], { callCounts: true })
  const profile = await saved
  await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 15_000, interval: 20 })
  expect(profile).toMatchObject({ targetId: target.id, stoppedBy: 'request', sessionId: null })
  expect(profile.samples).toBeGreaterThan(10)
  const json = JSON.parse(await readFile(profile.file, 'utf8')) as { nodes: Array<{ callFrame: { functionName: string } }>; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }
  expect(json.samples).toHaveLength(json.timeDeltas.length)
  expect(json.endTime).toBeGreaterThan(json.startTime)
  expect(json.nodes.some((n) => n.callFrame.functionName === 'work')).toBe(true)
  const work = profile.callCounts?.find((c) => c.functionName === 'work')
  // Located like the profile's call frames: 0-based line of `function work`.
  const workLine = (await readFile(counted, 'utf8')).split('\n').findIndex((line) => line.startsWith('function work('))
  expect(work).toMatchObject({ count: 1234, lineNumber: workLine, url: expect.stringContaining('counted.cjs') })
})

it('stops by itself at the next breakpoint when asked to', async () => {
  const { saved } = await launchProfiled(['50', 'pause'], { untilBreakpoint: true })
  const profile = await saved
  expect(profile.stoppedBy).toBe('breakpoint')
  expect(profile.samples).toBeGreaterThan(0)
})

it('adds the profile of a recorded target to its session', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, counted, '300', 'no-pause', go] })
  const recording = await wb.invoke('sessions.record', { targetId: target.id })
  await wb.profiler.start(target.id)
  await writeFile(go, 'go')
  const stopped = await wb.sessions.stopped(recording.id)
  expect(stopped.artifacts).toEqual([expect.objectContaining({ kind: 'cpuprofile', entry: expect.stringMatching(/^profiles\/.+\.cpuprofile$/) })])
  const file = path.join(wb.sessions.libraryDir, 'profiled.spyglass')
  await wb.invoke('sessions.save', { sessionId: recording.id, path: file })
  const source = await openSessionFile(file)
  try {
    const entry = stopped.artifacts[0].entry
    expect(source.entryNames).toContain(entry)
    const chunks: Buffer[] = []
    for await (const chunk of await source.openEntry(entry)) chunks.push(chunk as Buffer)
    const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { nodes: unknown[]; samples: number[] }
    expect(json.samples.length).toBeGreaterThan(0)
    expect(source.manifest.entries.map((e) => e.kind).sort()).toEqual(['cpuprofile', 'summary', 'summary'])
    // inspect reads the profile out of the session with the same rows as `spyglass profile`.
    const summary = await summarizeSession(source)
    expect(summary.profiles).toHaveLength(1)
    expect(summary.profiles[0]).toMatchObject({ entry, samples: json.samples.length })
    expect(summary.profiles[0].functions.map((f) => f.functionName)).toContain('work')
    expect(formatSessionSummary(summary).join('\n')).toMatch(/CPU profile profiles\/.+ top functions by self time:/)
  } finally {
    await source.close()
  }
})

it('refuses a target that is not attached, in one line', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  await expect(wb.profiler.start('t404')).rejects.toMatchObject({ code: 'TARGET_EXITED' })
  await expect(wb.profiler.stop('t404')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
})
