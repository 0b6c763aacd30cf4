// A profile recorded here, from a real Node program (`node --cpu-prof`) with a known hot
// function and two npm packages of its own: the hot function comes out on top, the packages
// are named, and loadProfile gives the same answer inline and in its worker.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { functionRows, groupRows, loadProfile, type ProfileLoadProgress } from '..'

const run = promisify(execFile)

// Fixed amounts of work (no clock): the hot loop dominates, the packages take a visible share.
// Each hot function is called once and loops inside, so that V8 optimises it on its own (on-stack
// replacement) rather than inlining it into a caller, which would hide its frame.
const program = `const slugifyAll = require('@acme/slugify')
const padAll = require('pad-left-lite')
function hotLoop(n) {
  let x = 0
  for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003
  return x
}
console.log(hotLoop(250000000) + slugifyAll(150000) + padAll(300000))
`
const slugifyPackage = `module.exports = function slugifyAll(count) {
  let length = 0
  for (let i = 0; i < count; i++) {
    let slug = ''
    for (const ch of ('Hello World Number ' + i).toLowerCase()) slug += /[a-z0-9]/.test(ch) ? ch : '-'
    length += slug.replace(/-+/g, '-').length
  }
  return length
}
`
const padPackage = `module.exports = function padAll(count) {
  let length = 0
  for (let i = 0; i < count; i++) {
    let padded = String(i)
    while (padded.length < 24) padded = ' ' + padded
    length += padded.length
  }
  return length
}
`

let dir: string
let profileFile: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spyglass-recorded-profile-'))
  await mkdir(path.join(dir, 'node_modules', '@acme', 'slugify'), { recursive: true })
  await mkdir(path.join(dir, 'node_modules', 'pad-left-lite'), { recursive: true })
  await writeFile(path.join(dir, 'node_modules', '@acme', 'slugify', 'index.js'), slugifyPackage)
  await writeFile(path.join(dir, 'node_modules', 'pad-left-lite', 'index.js'), padPackage)
  await writeFile(path.join(dir, 'main.js'), program)
  await run(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', path.join(dir, 'profiles'), 'main.js'], { cwd: dir })
  const [name] = (await readdir(path.join(dir, 'profiles'))).filter((n) => n.endsWith('.cpuprofile'))
  profileFile = path.join(dir, 'profiles', name)
}, 120_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a profile recorded with node --cpu-prof', () => {
  it('puts the hot function on top, in your code, at its line', async () => {
    const { model, summary } = await loadProfile(profileFile)
    expect(summary.format).toBe('cpuprofile')
    expect(summary.samples).toBeGreaterThan(100)
    const [top] = functionRows(model, { limit: 1 })
    expect(top).toMatchObject({ functionName: 'hotLoop', category: 'app', line: 3, packageName: null })
    expect(top.url.endsWith('/main.js')).toBe(true)
    expect(top.selfPct).toBeGreaterThan(40)
  })

  it('names both npm packages, the scoped one in full', async () => {
    const { model } = await loadProfile(profileFile)
    const groups = groupRows(model)
    for (const name of ['@acme/slugify', 'pad-left-lite']) {
      const group = groups.find((g) => g.name === name)
      expect(group, name).toMatchObject({ category: 'npm' })
      expect(group!.totalMs).toBeGreaterThan(0)
    }
    const slugify = functionRows(model).find((r) => r.functionName === 'slugifyAll')
    expect(slugify).toMatchObject({ category: 'npm', packageName: '@acme/slugify', line: 1 })
    expect(groups.find((g) => g.name === 'your code')!.totalPct).toBeGreaterThan(90)
  })

  it('gives the same model inline and in the worker, with progress to the last byte', async () => {
    const progress: ProfileLoadProgress[] = []
    const inline = await loadProfile(profileFile, { mode: 'inline', flameChart: true })
    const inWorker = await loadProfile(profileFile, { mode: 'worker', flameChart: true, onProgress: (p) => progress.push(p) })
    expect(inline.inWorker).toBe(false)
    expect(inWorker.inWorker).toBe(true)
    expect(inWorker.summary).toEqual(inline.summary)
    expect(inWorker.model).toEqual(inline.model)
    expect(inWorker.flameChart).toEqual(inline.flameChart)
    // The model arrived as typed arrays (transferred buffers), not as plain objects.
    expect(inWorker.model.tree.totalMs).toBeInstanceOf(Float64Array)
    const last = progress.at(-1)!
    expect(last.phase).toBe('model')
    expect(progress.filter((p) => p.phase === 'read').at(-1)).toMatchObject({ bytesDone: last.bytesTotal })
  })
})
