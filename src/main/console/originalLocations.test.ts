// Console calls are shown where the original code makes them, and in the order they were made,
// even when a map is still loading: events behind a loading map wait for it.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { SourceMapService } from '../sourcemaps'
import { generatedLineOf, lineOf, transpilePricing } from '../sourcemaps/test/compiledFixture'
import type { NewConsoleEvent } from './eventStore'
import { OriginalLocations } from './originalLocations'

function setup() {
  const file = transpilePricing(mkdtempSync(path.join(os.tmpdir(), 'spyglass-console-maps-')), 'pricing')
  const added: NewConsoleEvent[] = []
  const locations = new OriginalLocations(new SourceMapService(), (event) => added.push(event))
  const at = (text: string, url = file.jsUrl): NewConsoleEvent => ({
    time: 1,
    level: 'log',
    source: 'console',
    text,
    location: { functionName: 'checkout', url, line: generatedLineOf(file, 'throw new RangeError'), column: 30 }
  })
  return { file, added, locations, at }
}

it('places an event in the original file, and keeps every later event behind it while its map loads', async () => {
  const { file, added, locations, at } = setup()
  locations.push(at('first'))
  locations.push({ time: 2, level: 'log', source: 'stdout', text: 'a line on stdout' })
  locations.push(at('inside node', 'node:internal/main'))
  // Nothing jumps the queue while the map loads.
  expect(added).toEqual([])
  await locations.drained()
  expect(added.map((e) => e.text)).toEqual(['first', 'a line on stdout', 'inside node'])
  expect(added[0].location).toMatchObject({ url: file.tsUrl, line: lineOf(file.ts, '@ts-throw') })
  expect(added[2].location?.url).toBe('node:internal/main')
  // Once the map is known, events go through at once.
  locations.push(at('second'))
  expect(added.map((e) => e.text)).toEqual(['first', 'a line on stdout', 'inside node', 'second'])
  expect(added[3].location).toMatchObject({ url: file.tsUrl, line: lineOf(file.ts, '@ts-throw') })
})

it('knows from the parsed scripts which have no map, and waits for none of them', () => {
  const { file, added, locations, at } = setup()
  locations.noteScript(file.jsUrl, undefined)
  locations.push(at('unmapped'))
  expect(added.map((e) => e.text)).toEqual(['unmapped'])
  expect(added[0].location?.url).toBe(file.jsUrl)
})

it('lets the events of a previous session of the target go first, and drops what waits when the target is forgotten', async () => {
  const { added, locations, at } = setup()
  locations.push(at('old session'))
  const next = new OriginalLocations(new SourceMapService(), (event) => added.push(event), locations)
  next.push({ time: 3, level: 'log', source: 'stdout', text: 'new session' })
  await next.drained()
  expect(added.map((e) => e.text)).toEqual(['old session', 'new session'])
  next.push(at('late'))
  next.close()
  await next.drained()
  expect(added.map((e) => e.text)).toEqual(['old session', 'new session'])
})
