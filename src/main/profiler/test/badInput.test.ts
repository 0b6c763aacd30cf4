// Bad input never crashes: a truncated, malformed or inconsistent profile is a one-line
// UserError (BAD_REQUEST) that says what is wrong; a 100k-deep recursion loads.
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UserError } from '../../../shared/userError'
import { buildFlameChart, buildProfileModel, functionRows, loadProfile, parseCpuProfileBytes, sandwich } from '..'
import { deepRecursionLegacyProfile, deepRecursionProfile, profileJson, type NodeSpec } from './syntheticProfiles'

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures/cpuprofile')
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

function parseError(input: string | Uint8Array, chunkSize?: number): UserError {
  try {
    parseCpuProfileBytes(typeof input === 'string' ? bytes(input) : input, chunkSize)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    const e = error as UserError
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).not.toContain('\n')
    return e
  }
  throw new Error('expected the parser to refuse the input')
}

const root: NodeSpec = { id: 1, callFrame: { functionName: '(root)' }, children: [2] }
const main: NodeSpec = { id: 2, callFrame: { functionName: 'main', url: 'file:///app/main.js', lineNumber: 0 } }

describe('truncated and malformed JSON', () => {
  const simple = readFileSync(path.join(fixtureDir, 'speedscope-chrome65-simple.cpuprofile'))

  it('every proper prefix of a real profile is refused as truncated (or as not a profile yet)', () => {
    for (let length = 0; length < simple.length; length++) {
      const prefix = simple.subarray(0, length)
      // The file ends in "}" after the last value: only whitespace may follow it.
      if (new TextDecoder().decode(simple.subarray(length)).trim() === '') continue
      const error = parseError(prefix, 1 + (length % 5))
      expect(error.message, `prefix of ${length} bytes`).toMatch(/ends early|is empty/)
    }
  })

  it.each([
    ['garbage', 'hello', /malformed JSON at byte 0: unexpected "h"/],
    ['a missing comma', '{"nodes":[] "samples":[]}', /malformed JSON at byte 12/],
    ['a missing colon', '{"nodes" []}', /malformed JSON at byte 9/],
    ['a trailing comma', '{"x":[1,],"nodes":[]}', /malformed JSON at byte 8: unexpected "]"/],
    ['a bad literal', '{"nodes":nul}', /malformed JSON/],
    ['data after the profile', `${profileJson({ nodes: [root, main], samples: [2], timeDeltas: [1] })} {}`, /unexpected data after the end/],
    ['a mismatched bracket', '{"nodes":[}', /malformed JSON at byte 10: unexpected "}"/],
    ['a lone minus', '{"startTime":-}', /malformed JSON/]
  ])('refuses %s', (_what, text, message) => {
    expect(parseError(text).message).toMatch(message)
  })

  it('refuses an empty file and whitespace', () => {
    expect(parseError('').message).toBe('the file is empty')
    expect(parseError('  \n').message).toMatch(/ends early/)
  })

  it.each([
    ['an array', '[1,2]', /expected the profile \(a JSON object\)/],
    ['a string', '"profile"', /expected the profile/],
    ['an object without nodes', '{"samples":[1],"timeDeltas":[1]}', /neither "nodes" nor a legacy "head"/],
    ['nodes that is not an array', '{"nodes":{}}', /expected "nodes" \(an array of node objects\)/],
    ['a node id that is a string', '{"nodes":[{"id":"1"}]}', /expected a node "id" \(an integer\) at byte 16/],
    ['a fractional node id', '{"nodes":[{"id":1.5}]}', /expected a node "id"/],
    ['samples that are strings', '{"nodes":[{"id":1}],"samples":["a"]}', /expected a sample \(a node id\)/],
    ['a null sample', '{"nodes":[{"id":1}],"samples":[null]}', /expected a sample/]
  ])('refuses %s as not a CPU profile', (_what, text, message) => {
    expect(parseError(text).message).toMatch(message)
  })
})

describe('inconsistent profiles', () => {
  it('a child id that is not in the profile', () => {
    const text = profileJson({ nodes: [{ ...root, children: [2, 99] }, main], samples: [2], timeDeltas: [1] })
    expect(parseError(text).message).toBe('node 1 lists child 99, which is not in the profile')
  })

  it('a parent id that is not in the profile', () => {
    const text = profileJson({ nodes: [{ ...root, children: undefined }, { ...main, parent: 7 }], samples: [2], timeDeltas: [1] })
    expect(parseError(text).message).toBe('node 2 names parent 7, which is not in the profile')
  })

  it('a sample of a node that is not in the profile', () => {
    const text = profileJson({ nodes: [root, main], samples: [2, 2, 5], timeDeltas: [1, 1, 1] })
    expect(parseError(text).message).toBe('sample 2 refers to node 5, which is not in the profile')
  })

  it('two nodes with one id', () => {
    const text = profileJson({ nodes: [root, main, { ...main }], samples: [2], timeDeltas: [1] })
    expect(parseError(text).message).toBe('node id 2 is used by two nodes')
  })

  it('a node with two parents', () => {
    const other: NodeSpec = { id: 3, callFrame: { functionName: 'other' }, children: [2] }
    const text = profileJson({ nodes: [{ ...root, children: [2, 3] }, main, other], samples: [2], timeDeltas: [1] })
    expect(parseError(text).message).toBe('node 2 has two parents (nodes 1 and 3)')
  })

  it('a cycle', () => {
    const a: NodeSpec = { id: 3, callFrame: { functionName: 'a' }, children: [4] }
    const b: NodeSpec = { id: 4, callFrame: { functionName: 'b' }, children: [3] }
    const text = profileJson({ nodes: [root, main, a, b], samples: [2], timeDeltas: [1] })
    expect(parseError(text).message).toMatch(/the nodes form a cycle/)
  })

  it('samples and timeDeltas of different lengths', () => {
    const text = profileJson({ nodes: [root, main], samples: [2, 2, 2], timeDeltas: [1, 1] })
    expect(parseError(text).message).toBe('"samples" and "timeDeltas" differ in length (3 samples, 2 time deltas)')
  })

  it('0 samples, and no samples at all', () => {
    expect(parseError(profileJson({ nodes: [root, main], samples: [], timeDeltas: [] })).message).toMatch(/no samples \(0 samples\)/)
    expect(parseError('{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"}}]}').message).toMatch(/no samples/)
  })

  it('a node without an id', () => {
    expect(parseError('{"nodes":[{"callFrame":{"functionName":"(root)"}}],"samples":[1],"timeDeltas":[1]}').message).toBe('not a CPU profile: node 1 of 1 has no "id"')
  })

  it('a file on disk: the message names the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spyglass-profile-bad-'))
    try {
      const file = path.join(dir, 'cut.cpuprofile')
      await writeFile(file, profileJson({ nodes: [root, main], samples: [2], timeDeltas: [1] }).slice(0, 40))
      await expect(loadProfile(file)).rejects.toThrow(/^cut\.cpuprofile: the file ends early \(truncated after byte 40\)/)
      await expect(loadProfile(file, { mode: 'worker' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^cut\.cpuprofile: the file ends early/) })
      await expect(loadProfile(path.join(dir, 'missing.cpuprofile'))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/no such file/) })
      await expect(loadProfile(dir)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/is a directory/) })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('100k-deep recursion', () => {
  const depth = 100_000
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spyglass-profile-deep-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it.each([
    ['current format', deepRecursionProfile],
    ['legacy head tree (JSON nested 200k deep)', deepRecursionLegacyProfile]
  ])('%s: loads, counts the recursive function once per sample', async (_shape, generate) => {
    const file = path.join(dir, `deep-${generate.name}.cpuprofile`)
    await writeFile(file, generate(depth))
    const { model, summary, flameChart } = await loadProfile(file, { flameChart: true, mode: 'inline' })
    expect(summary.nodes).toBe(depth + 2)
    expect(summary.maxDepth).toBe(depth + 1)
    expect(summary.samples).toBe(2)
    const rows = functionRows(model)
    const recurse = rows.find((r) => r.functionName === 'recurse')!
    const mainRow = rows.find((r) => r.functionName === 'main')!
    expect(recurse).toMatchObject({ selfMs: 1, totalMs: 1, selfPct: 50, totalPct: 50, line: 10 })
    expect(mainRow).toMatchObject({ selfMs: 1, totalMs: 2, totalPct: 100 })
    // The flame chart: one span per frame of the deep stack, main and the root spanning both samples.
    expect(flameChart!.count).toBe(depth + 2)
    const sw = sandwich(model, recurse.index)
    expect(sw.callers.count).toBe(2) // recurse ← main
    expect(sw.callers.totalMs[0]).toBe(1)
    expect(sw.callees.count).toBe(depth) // recurse → recurse → …
    expect(sw.callees.totalMs[0]).toBe(1)
  })

  it('also in the worker', async () => {
    const file = path.join(dir, 'deep-worker.cpuprofile')
    await writeFile(file, deepRecursionProfile(depth))
    const { summary, inWorker } = await loadProfile(file, { mode: 'worker' })
    expect(inWorker).toBe(true)
    expect(summary.maxDepth).toBe(depth + 1)
  })

  it('the model and flame chart need no stack of their own either (built from parsed columns)', () => {
    const model = buildProfileModel(parseCpuProfileBytes(bytes(deepRecursionProfile(depth))))
    const chart = buildFlameChart(model)
    expect(chart.depthStart[depth + 2]).toBe(chart.count)
  })
})
