// The one source-map service: each map parsed once however many ask at once and however they name
// it (by a script's comment or by the map URL V8 reported), inline maps included; a bounded cache
// that lets the least recently used go; rebuilt maps loaded anew; broken ones answered as none.
import { mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, it } from 'vitest'
import { ScriptMaps, SourceMapService } from '..'
import { generatedLineOf, lineOf, transpilePricing } from './compiledFixture'

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'spyglass-sourcemap-service-'))

it('parses a map once for any number of concurrent requests, by comment or by the URL V8 reported', async () => {
  const file = transpilePricing(tempDir(), 'pricing')
  const service = new SourceMapService()
  const maps = await Promise.all([
    ...Array.from({ length: 5 }, () => service.forScript(file.jsUrl)),
    ...Array.from({ length: 5 }, () => service.forScript(file.jsUrl, file.sourceMapUrl)),
    // CommonJS scripts are reported by path: the same script, the same map.
    service.forScript(file.js)
  ])
  expect(new Set(maps).size).toBe(1)
  expect(maps[0]?.originals).toEqual([file.tsUrl])
  expect(service.stats()).toMatchObject({ loads: 1, loadsByMap: { [pathToFileURL(file.map!).href]: 1 }, cachedMaps: 1 })
  // Frames map to the original throw site and name.
  const frame = { functionName: 'checkout', url: file.jsUrl, line: generatedLineOf(file, 'throw new RangeError'), column: 30 }
  expect(await service.originalFrame(frame)).toMatchObject({ url: file.tsUrl, line: lineOf(file.ts, '@ts-throw'), mapped: true })
  expect(await service.originalStack([frame, { functionName: '', url: 'node:internal/main', line: 1, column: 1 }])).toEqual([
    expect.objectContaining({ url: file.tsUrl, line: lineOf(file.ts, '@ts-throw') }),
    { functionName: '', url: 'node:internal/main', line: 1, column: 1 }
  ])
  expect(service.stats().loads).toBe(1)
})

it('finds an inline map longer than the end of the file it reads first, and parses it once', async () => {
  // ~130 KiB of original text embedded in the data: URL: the comment line starts far before the file's last 64 KiB.
  const file = transpilePricing(tempDir(), 'inline', { inline: true, padding: 2500 })
  expect(file.sourceMapUrl.startsWith('data:application/json;base64,')).toBe(true)
  expect(file.sourceMapUrl.length).toBeGreaterThan(128 * 1024)
  const service = new SourceMapService()
  const [byComment, byV8Url] = await Promise.all([service.forScript(file.jsUrl), service.forScript(file.jsUrl, file.sourceMapUrl)])
  expect(byComment).not.toBeNull()
  expect(byV8Url).toBe(byComment)
  expect(byComment!.toOriginal(generatedLineOf(file, 'throw new RangeError'), 30)).toMatchObject({ url: file.tsUrl, line: lineOf(file.ts, '@ts-throw') })
  expect(byComment!.contentOf(file.tsUrl)).toContain('export function checkout')
  expect(service.stats()).toMatchObject({ loads: 1, loadsByMap: { [`${file.jsUrl}#inline`]: 1 } })
})

it('keeps the parsed maps within its byte budget, letting the least recently used go', async () => {
  const dir = tempDir()
  const a = transpilePricing(dir, 'a')
  const b = transpilePricing(dir, 'b')
  const mapBytes = Math.max(statSync(a.map!).size, statSync(b.map!).size)
  // Room for one map, not two.
  const service = new SourceMapService({ maxBytes: Math.floor(mapBytes * 1.5) })
  const first = await service.forScript(a.jsUrl)
  await service.forScript(b.jsUrl)
  expect(service.stats()).toMatchObject({ loads: 2, cachedMaps: 1 })
  expect(service.stats().cachedBytes).toBeLessThanOrEqual(Math.floor(mapBytes * 1.5))
  const again = await service.forScript(a.jsUrl)
  expect(again).not.toBe(first)
  expect(service.stats()).toMatchObject({ loads: 3, loadsByMap: { [pathToFileURL(a.map!).href]: 2, [pathToFileURL(b.map!).href]: 1 } })
})

it('loads a rebuilt map anew, and answers none for a map that is missing or broken', async () => {
  const dir = tempDir()
  const file = transpilePricing(dir, 'pricing')
  const service = new SourceMapService()
  const before = await service.forScript(file.jsUrl)
  // The same map written again (a rebuild): its mtime changes, so it is another map.
  const later = new Date(statSync(file.map!).mtimeMs + 5000)
  utimesSync(file.map!, later, later)
  const after = await service.forScript(file.jsUrl)
  expect(after).not.toBe(before)
  expect(service.stats().loads).toBe(2)

  writeFileSync(file.map!, '{ not a map')
  utimesSync(file.map!, new Date(later.getTime() + 5000), new Date(later.getTime() + 5000))
  expect(await service.forScript(file.jsUrl)).toBeNull()
  expect(await service.forScript(file.jsUrl, 'missing.js.map')).toBeNull()
  expect(await service.forScript(pathToFileURL(path.join(dir, 'nowhere.js')).href)).toBeNull()
  expect(await service.forScript('node:internal/main')).toBeNull()
  expect(await service.originalStack([{ functionName: 'f', url: file.jsUrl, line: 1, column: 1 }])).toBeNull()
})

it('answers a program\'s known scripts without waiting, keeping only keys into the cache', async () => {
  const dir = tempDir()
  const mapped = transpilePricing(dir, 'mapped')
  const service = new SourceMapService()
  const maps = new ScriptMaps(service)
  // A script V8 reported without a map is known at once; one with a map after its load.
  maps.noteScript(pathToFileURL(path.join(dir, 'plain.js')).href, undefined)
  expect(maps.known(pathToFileURL(path.join(dir, 'plain.js')).href)).toBeNull()
  expect(maps.known('node:internal/main')).toBeNull()
  maps.noteScript(mapped.jsUrl, mapped.sourceMapUrl)
  expect(maps.known(mapped.jsUrl)).toBeUndefined()
  const map = await maps.mapOf(mapped.jsUrl)
  expect(map).not.toBeNull()
  // By path or by URL alike.
  expect(maps.known(mapped.js)).toBe(map)
  expect(maps.originalFrameNow({ functionName: 'checkout', url: mapped.js, line: generatedLineOf(mapped, 'throw new RangeError'), column: 30 })).toMatchObject({ url: mapped.tsUrl, line: lineOf(mapped.ts, '@ts-throw') })
  expect(service.stats().loads).toBe(1)
})
