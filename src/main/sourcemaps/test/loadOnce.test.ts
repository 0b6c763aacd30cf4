// One source-map service for the whole workbench: a TypeScript program compiled by tsc logs,
// throws, is profiled and stops at a breakpoint set by .ts file, and the console, the errors, the
// profiler and the debugger all show its .ts files — from maps that were each read and parsed once.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import type { PausedState } from '../../../shared/debuggerTypes'
import { eventsOf, newWorkbench, stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { compileProgram, lineOf } from './compiledFixture'

const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

it('loads each map once for the console, the errors, the profiler and the debugger', async () => {
  const program = compileProgram()
  const mainUrl = pathToFileURL(program.mainTs).href
  const pricingUrl = pathToFileURL(program.pricingTs).href
  const wb = newWorkbench()
  workbenches.push(wb)
  const go = path.join(os.tmpdir(), `spyglass-sourcemaps-go-${process.pid}-${Math.random().toString(36).slice(2)}`)
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, program.main, go] })
  const targetId = target.id

  // Debugger: a breakpoint by .ts file and line, bound where the compiled code is.
  await vi.waitFor(async () => expect((await wb.invoke('debugger.sources', { targetId })).map((s) => s.url)).toContain(pricingUrl), { timeout: 15_000, interval: 20 })
  const breakpoint = await wb.invoke('debugger.setBreakpoint', { targetId, url: mainUrl, line: lineOf(program.mainTs, '@ts-break') })
  expect(breakpoint.locations.map((l) => [l.location.url, l.location.line])).toEqual([[mainUrl, lineOf(program.mainTs, '@ts-break')]])
  const paused = new Promise<PausedState>((resolve) => wb.on('debugger.paused', resolve))
  await wb.invoke('profiler.start', { targetId })
  writeFileSync(go, 'go')
  const pause = await paused
  expect(pause.callFrames[0]).toMatchObject({ functionName: 'receipt', location: { url: mainUrl, line: lineOf(program.mainTs, '@ts-break') } })
  await wb.invoke('debugger.resume', { targetId })

  // Console: the call is shown in main.ts.
  const events = await vi.waitFor(
    async () => {
      const all = await eventsOf(wb, targetId)
      expect(all.map((e) => e.text)).toContain('crunched: done')
      return all
    },
    { timeout: 20_000, interval: 20 }
  )
  expect(events.find((e) => e.text === 'checkout starts')?.location).toMatchObject({ url: mainUrl, line: lineOf(program.mainTs, '@ts-log') })

  // Errors: the group's original stack starts at the throw in pricing.ts.
  const { groups } = await wb.invoke('errors.groups', { targetId })
  const thrown = groups.find((g) => g.type === 'RangeError')!
  const detail = await wb.invoke('errors.group', { targetId, fingerprint: thrown.fingerprint })
  expect(detail.samples[0].stack?.[0].url).toMatch(/\/pricing\.js$/)
  expect(detail.originalStack?.[0]).toMatchObject({ url: pricingUrl, line: lineOf(program.pricingTs, '@ts-throw') })

  // Profiler: the capture stopped when the program ended; the function that burnt the CPU is shown in pricing.ts.
  const profile = await vi.waitFor(
    async () => {
      const [first] = await wb.invoke('profiler.list', undefined)
      expect(first?.state).toBe('ready')
      return first
    },
    { timeout: 20_000, interval: 20 }
  )
  expect(profile).toMatchObject({ targetId, sourceMapped: true })
  const crunch = (await wb.invoke('profiler.functions', { profileId: profile.id, search: 'crunch' })).rows.find((r) => r.functionName === 'crunch')
  expect(crunch).toMatchObject({ url: pricingUrl, line: lineOf(program.pricingTs, 'export function crunch') })

  // Four domains, two maps, two loads.
  const stats = wb.sourceMaps.stats()
  expect(stats.loadsByMap).toEqual({ [program.mainMapUrl]: 1, [program.pricingMapUrl]: 1 })
  expect(stats.loads).toBe(2)
})

it('leaves reading and parsing maps to the service: no other module of the engine does', () => {
  const main = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))))
  const offenders: string[] = []
  for (const entry of readdirSync(main, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(ts|mts|js|mjs)$/.test(entry) || entry.startsWith(`sourcemaps${path.sep}`) || entry.split(path.sep).includes('test') || /\.test\.ts$/.test(entry)) continue
    const text = readFileSync(path.join(main, entry), 'utf8')
    if (/@jridgewell\/trace-mapping|source-map-js|sourceMappingURL=/.test(text)) offenders.push(`${entry}: reads or parses maps itself`)
    // One service per workbench; the workbench makes it.
    if (/new SourceMapService\(/.test(text) && entry !== 'workbench.ts') offenders.push(`${entry}: makes its own SourceMapService`)
  }
  expect(offenders).toEqual([])
})
