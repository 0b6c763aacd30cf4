// The golden-text helper: what it replaces, that a difference fails with a diff, that a missing
// file fails, and that SPYGLASS_REGEN_GOLDEN=1 writes the file instead.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import { dumpGolden, GoldenText, sanitizeGolden } from './goldenText'

const dirs: string[] = []
afterEach(() => {
  vi.unstubAllEnvs()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function scratch(): { dir: string; testUrl: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-golden-'))
  dirs.push(dir)
  return { dir, testUrl: pathToFileURL(path.join(dir, 'some.test.ts')).href }
}

it('replaces folders, URLs, ports, ids, times, pids and the Node version with placeholders', () => {
  const fixtures = path.join(os.tmpdir(), 'somewhere', 'fixtures')
  const text = [
    `${fixtures}/a.cjs:3:9 and ${pathToFileURL(fixtures).href}/b.cjs`,
    `${path.join(os.tmpdir(), 'x')} listening on ws://127.0.0.1:9229/0f0e5e61-0a8c-4ae0-9d42-9b0c4d0b4a11`,
    'connect ECONNREFUSED 127.0.0.1:43117 at 2026-01-02T03:04:05.678Z (1767323045678)',
    `pid 48213, Node.js ${process.version}, object -4326742185623437212.1.3, hash 9f86d081884c7d65a2f0, at node:internal/timers:581:17`,
    'kept: line 12:5, 0x3a45b9c0, 42, 1.5'
  ].join('\n')
  expect(sanitizeGolden(text, { fixtures }).split('\n')).toEqual([
    '${fixtures}/a.cjs:3:9 and file://${fixtures}/b.cjs',
    '${tmp}/x listening on ${wsUrl}',
    'connect ECONNREFUSED 127.0.0.1:${port} at ${time} (${epochMs})',
    'pid ${pid}, Node.js ${nodeVersion}, object ${remoteObjectId}, hash ${hexId}, at node:internal/timers:${line}',
    'kept: line 12:5, 0x3a45b9c0, 42, 1.5'
  ])
})

it('dumps values with sorted keys and volatile keys as their type', () => {
  expect(dumpGolden({ b: [1, { objectId: 'x-1', text: 'two' }], a: null, time: 1767323045678, skip: undefined })).toEqual([
    'a: null',
    'b:',
    '  0: 1',
    '  1:',
    '    objectId: <string>',
    '    text: "two"',
    'time: <number>'
  ])
})

it('passes on the same text, fails with the differing lines otherwise, and fails when the file is missing', () => {
  const { dir, testUrl } = scratch()
  const golden = new GoldenText(testUrl, 'case')
  golden.log('first line')
  golden.log(`second line in ${dir}`)
  expect(() => golden.assertMatches()).toThrow(/case\.golden\.txt is missing.*SPYGLASS_REGEN_GOLDEN=1/)
  writeFileSync(golden.file, 'first line\nsecond line in ${tmp}/' + path.basename(dir) + '\n')
  golden.assertMatches()
  writeFileSync(golden.file, 'first line\nsecond line elsewhere\n')
  expect(() => golden.assertMatches()).toThrow(/output differs from .*case\.golden\.txt/)
})

it('writes the file instead of comparing when SPYGLASS_REGEN_GOLDEN=1', () => {
  const { testUrl } = scratch()
  const golden = new GoldenText(testUrl, 'regen')
  golden.logValue('value', { targetId: 't-1', text: 'shown' })
  vi.stubEnv('SPYGLASS_REGEN_GOLDEN', '1')
  golden.assertMatches()
  expect(readFileSync(golden.file, 'utf8')).toBe('value:\n  targetId: <string>\n  text: "shown"\n')
  vi.stubEnv('SPYGLASS_REGEN_GOLDEN', '')
  golden.assertMatches()
})
