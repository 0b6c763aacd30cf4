// A TypeScript program compiled with tsc and source maps: its .ts files are listed and shown,
// breakpoints are set by .ts file and line, and pauses and steps report .ts lines.
import { execFileSync } from 'node:child_process'
import { readFileSync, unlinkSync } from 'node:fs'
import { open } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeAll, expect, it, vi } from 'vitest'
import { freePort, newWorkbench, startNode, stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { compileTsFixture, goFile, launch, letGo, lineOf, PauseQueue, type CompiledTs } from './debugHarness'

let compiled: CompiledTs
beforeAll(() => {
  compiled = compileTsFixture()
})
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

async function started() {
  const wb = newWorkbench()
  workbenches.push(wb)
  const go = goFile()
  const target = await launch(wb, compiled.main, [go])
  return { wb, target, go, pauses: new PauseQueue(wb, target.id) }
}

it('lists and shows the original .ts files of a compiled program', async () => {
  const { wb, target } = await started()
  const mainUrl = pathToFileURL(compiled.mainTs).href
  await vi.waitFor(async () => expect((await wb.invoke('debugger.sources', { targetId: target.id })).map((s) => s.url)).toContain(compiled.geometryUrl), { timeout: 15_000, interval: 20 })
  const app = await wb.invoke('debugger.sources', { targetId: target.id, search: 'geometry' })
  expect(app).toEqual([expect.objectContaining({ url: compiled.geometryUrl, kind: 'original', group: 'app', generatedUrl: expect.stringMatching(/dist\/geometry\.js$/) })])
  const all = await wb.invoke('debugger.sources', { targetId: target.id })
  // The compiled .js is listed through its originals, never beside them; Node's own files are last.
  expect(all.filter((s) => s.group === 'app').map((s) => s.url).sort()).toEqual([mainUrl, compiled.geometryUrl].sort())
  expect(all.at(-1)?.group).toBe('internal')
  expect(all.some((s) => s.url.startsWith('node:internal/'))).toBe(true)
  const text = await wb.invoke('debugger.source', { targetId: target.id, url: compiled.geometryUrl })
  expect(text).toEqual({ url: compiled.geometryUrl, text: readFileSync(compiled.geometryTs, 'utf8'), language: 'typescript', kind: 'original' })
  const lines = await wb.invoke('debugger.breakableLines', { targetId: target.id, url: compiled.geometryUrl })
  expect(lines).toEqual(expect.arrayContaining([lineOf(compiled.geometryTs, '@ts-dx'), lineOf(compiled.geometryTs, '@ts-dy'), lineOf(compiled.geometryTs, '@ts-return')]))
  expect(lines).not.toContain(lineOf(compiled.geometryTs, 'x: number'))
  // A module-local function of the compiled code, found by name and shown in its .ts file.
  const byName = await wb.invoke('debugger.setFunctionBreakpoint', { targetId: target.id, functionName: 'distance' })
  expect(byName.locations.map((l) => [l.location.url, l.location.line])).toEqual([[compiled.geometryUrl, lineOf(compiled.geometryTs, '@ts-dx')]])
})

it('pauses at a breakpoint set by .ts file and line, and steps through .ts lines', async () => {
  const { wb, target, go, pauses } = await started()
  await vi.waitFor(async () => expect((await wb.invoke('debugger.sources', { targetId: target.id })).map((s) => s.url)).toContain(compiled.geometryUrl), { timeout: 15_000, interval: 20 })
  // On the interface (no code): moves to the first line of code below it, in the .ts file.
  const onType = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: compiled.geometryUrl, line: lineOf(compiled.geometryTs, 'x: number') })
  expect(onType.locations.map((l) => [l.location.url, l.location.line])).toEqual([[compiled.geometryUrl, lineOf(compiled.geometryTs, '@ts-dx')]])
  expect(onType.locations[0].generated.url).toMatch(/dist\/geometry\.js$/)
  const mainUrl = pathToFileURL(compiled.mainTs).href
  const call = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: mainUrl, line: lineOf(compiled.mainTs, '@ts-call'), condition: 'i === 1' })
  expect(call.state).toBe('bound')
  letGo(go)

  const atCall = await pauses.next()
  expect(atCall).toMatchObject({ reason: 'breakpoint', hitBreakpoints: [call.id] })
  expect(atCall.callFrames[0]).toMatchObject({ functionName: 'measure', location: { url: mainUrl, line: lineOf(compiled.mainTs, '@ts-call') } })
  await wb.invoke('debugger.resume', { targetId: target.id })
  const inside = await pauses.next()
  expect(inside).toMatchObject({ reason: 'breakpoint', hitBreakpoints: [onType.id] })
  expect(inside.callFrames[0].location).toMatchObject({ url: compiled.geometryUrl, line: lineOf(compiled.geometryTs, '@ts-dx') })
  expect(inside.callFrames[1].location).toMatchObject({ url: mainUrl, line: lineOf(compiled.mainTs, '@ts-call') })
  // Outside the target's working dir, a file is named by its full path.
  expect(inside.description).toBe(`Paused on breakpoint at ${compiled.geometryTs}:${lineOf(compiled.geometryTs, '@ts-dx')}`)
  const a = await wb.invoke('debugger.evaluate', { targetId: target.id, callFrameId: inside.callFrames[0].callFrameId!, expression: 'a.label' })
  expect(a.value.text).toBe("'home'")

  await wb.invoke('debugger.step', { targetId: target.id, action: 'over' })
  expect((await pauses.next()).callFrames[0].location.line).toBe(lineOf(compiled.geometryTs, '@ts-dy'))
  await wb.invoke('debugger.step', { targetId: target.id, action: 'over' })
  expect((await pauses.next()).callFrames[0].location.line).toBe(lineOf(compiled.geometryTs, '@ts-return'))
  await wb.invoke('debugger.step', { targetId: target.id, action: 'out' })
  const out = await pauses.next()
  expect(out.returnValue?.text).toBe('5')
  expect(out.callFrames[0].location.url).toBe(mainUrl)
  await wb.invoke('debugger.resume', { targetId: target.id })
  await vi.waitFor(async () => {
    wb.console.flush()
    expect((await wb.invoke('console.query', { targetId: target.id })).events.map((e) => e.text)).toContain('route is 5 long')
  }, { timeout: 15_000, interval: 20 })
})

it('binds a .ts breakpoint again in a restarted program, where its compiled code now is', async () => {
  const port = await freePort()
  const first = startNode(process.execPath, [`--inspect=127.0.0.1:${port}`, compiled.main, goFile()])
  await first.inspectorUrl
  const wb = newWorkbench()
  workbenches.push(wb)
  const target = await wb.invoke('targets.attach', { kind: 'port', port })
  await vi.waitFor(async () => expect((await wb.invoke('debugger.sources', { targetId: target.id })).map((s) => s.url)).toContain(compiled.geometryUrl), { timeout: 15_000, interval: 20 })
  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: compiled.geometryUrl, line: lineOf(compiled.geometryTs, '@ts-dy') })
  expect(bp.locations.map((l) => l.location.line)).toEqual([lineOf(compiled.geometryTs, '@ts-dy')])
  await first.stop()
  await vi.waitFor(async () => expect((await wb.invoke('debugger.breakpoints', { targetId: target.id }))[0].state).toBe('pending'), { timeout: 15_000, interval: 20 })

  const pauses = new PauseQueue(wb, target.id)
  const go = goFile()
  startNode(process.execPath, [`--inspect=127.0.0.1:${port}`, compiled.main, go])
  await vi.waitFor(async () => {
    const [again] = await wb.invoke('debugger.breakpoints', { targetId: target.id })
    expect(again.locations.map((l) => [l.location.url, l.location.line])).toEqual([[compiled.geometryUrl, lineOf(compiled.geometryTs, '@ts-dy')]])
  }, { timeout: 15_000, interval: 20 })
  letGo(go)
  const state = await pauses.next()
  expect(state).toMatchObject({ reason: 'breakpoint', hitBreakpoints: [bp.id] })
  expect(state.callFrames[0].location).toMatchObject({ url: compiled.geometryUrl, line: lineOf(compiled.geometryTs, '@ts-dy') })
  await wb.invoke('debugger.resume', { targetId: target.id })
})

/**
 * The compiled program with geometry.js's map behind a named pipe: the engine's read of it waits
 * until the test writes the map, so the test decides when the map "arrives". Opening the pipe to
 * write waits, in turn, until the engine opened it to read (the script was parsed).
 */
async function slowMapped() {
  const fresh = compileTsFixture()
  const mapFile = path.join(fresh.dir, 'dist', 'geometry.js.map')
  const map = readFileSync(mapFile, 'utf8')
  unlinkSync(mapFile)
  execFileSync('mkfifo', [mapFile])
  const wb = newWorkbench()
  workbenches.push(wb)
  const events: Array<{ added: string[]; removed: string[] }> = []
  wb.on('debugger.sources', (e) => events.push({ added: e.added.map((x) => x.url), removed: e.removed }))
  const target = await launch(wb, fresh.main, [goFile()])
  const pipe = await open(mapFile, 'w')
  const deliver = async (): Promise<void> => {
    await pipe.writeFile(map)
    await pipe.close()
  }
  return { wb, target, fresh, deliver, events, geometryJs: pathToFileURL(path.join(fresh.dir, 'dist', 'geometry.js')).href }
}

it('answers the file list with the .ts files of a map that is still being read', async () => {
  const { wb, target, fresh, deliver } = await slowMapped()
  let answered = false
  const listing = wb.invoke('debugger.sources', { targetId: target.id }).finally(() => (answered = true))
  await Promise.resolve()
  expect(answered).toBe(false)
  await deliver()
  const urls = (await listing).map((x) => x.url)
  expect(urls).toContain(fresh.geometryUrl)
  expect(urls.filter((url) => url.endsWith('/dist/geometry.js'))).toEqual([])
})

it('replaces a compiled script listed while its map was late by its .ts files, in one event', async () => {
  const { wb, target, fresh, deliver, events, geometryJs } = await slowMapped()
  // Past the engine's wait the script is listed as it runs…
  const early = await wb.invoke('debugger.sources', { targetId: target.id })
  expect(early.filter((x) => x.url === geometryJs).map((x) => x.kind)).toEqual(['script'])
  expect(early.map((x) => x.url)).not.toContain(fresh.geometryUrl)
  // …and the map's arrival says the .js is gone and the .ts is there.
  await deliver()
  await vi.waitFor(() => expect(events).toContainEqual({ added: [fresh.geometryUrl], removed: [geometryJs] }), { timeout: 15_000, interval: 20 })
  expect((await wb.invoke('debugger.sources', { targetId: target.id })).map((x) => x.url)).not.toContain(geometryJs)
})
