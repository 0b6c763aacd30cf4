// CPU profile import: parse + model (flame tree, function table, package attribution) of a
// ~100 MB profile recorded from a real workload, beside two anchors measured in the same run:
// a plain JSON.parse of the file, and a straightforward JS aggregation over the JSON.parse
// result. Budget (issue 5): within 1.5× the JSON.parse time, peak memory under 5× the file.
// Also: a synthetic profile of 1.2M samples (same bound), and one past V8's string limit
// (~512 MB), which JSON.parse cannot read at all and Spyglass must load.
//
// Each contender runs in a fresh Node process, so that its peak RSS (getrusage maxrss) is its
// own; the TypeScript sources are loaded there through src/main/workers/sourceWorkerHooks.mjs,
// and the worker as built (out/main, `npm run build` first) is measured too. Cold processes:
// the JIT's warm-up is part of every Spyglass figure, as it is for a user. The recorded profile
// is cached under os.tmpdir() between runs (recording takes a while).
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, it } from 'vitest'
import { bigCpuProfile } from './bigCpuProfile'
import { builtWorkerChunk } from './builtWorkers'
import { median, ms, report } from './figures'

const run = promisify(execFile)
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const profilerDir = path.join(root, 'src', 'main', 'profiler')
const cacheDir = path.join(os.tmpdir(), 'spyglass-bench-profile-v1')
const rounds = 3
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const thousands = (n: number): string => Math.round(n).toLocaleString('en-US')

// ---------------------------------------------------------------------------------------------
// The workload: 3,000 generated functions over 40 files (10 of them npm packages, some scoped)
// that call each other along pseudo-random paths 10–35 frames deep under a fixed entry chain.
// Sampled every 50 µs, nearly every sample adds new paths to the call tree.

function writeWorkload(dir: string): void {
  const files = 40
  const perFile = 75
  mkdirSync(dir, { recursive: true })
  const modules: string[] = []
  for (let m = 0; m < files; m++) {
    const folder = m % 4 === 0 ? path.join('node_modules', m % 8 === 0 ? `@bench/pkg${m}` : `pkg${m}`, 'lib') : path.join('src', `feature${m}`)
    mkdirSync(path.join(dir, folder), { recursive: true })
    const table = path.relative(path.join(dir, folder), path.join(dir, 'table.js'))
    let code = `'use strict'\nconst fns = require(${JSON.stringify(table.startsWith('.') ? table : `./${table}`)})\n`
    for (let k = 0; k < perFile; k++) {
      const i = m * perFile + k
      code += `function f${i}(d, s) {
  let x = 0
  for (let k = 0; k < ${20 + (i % 7) * 10}; k++) x += (s ^ k) & 7
  if (d === 0) return x
  s = (Math.imul(s, 1103515245) + 12345) >>> 0
  x += fns.list[s % fns.list.length](d - 1, s)
  if ((s & 7) === 0 && d > 2) x += fns.list[(s >>> 8) % fns.list.length](d - 2, s >>> 3)
  return x
}
fns.list.push(f${i})
`
    }
    const file = path.join(folder, `module${m}.js`)
    writeFileSync(path.join(dir, file), code)
    modules.push(`./${file}`)
  }
  writeFileSync(path.join(dir, 'table.js'), 'module.exports = { list: [] }\n')
  writeFileSync(
    path.join(dir, 'main.js'),
    `const fns = require('./table.js')
${modules.map((m) => `require(${JSON.stringify(m)})`).join('\n')}
const budgetUs = Number(process.argv[2]) * 1000
const start = process.cpuUsage().user
let s = 1
let total = 0
function dispatch(d) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return fns.list[s % fns.list.length](d, s) }
function handleRequest() { return dispatch(10 + (s % 25)) }
function serveBatch() { let t = 0; for (let i = 0; i < 20; i++) t += handleRequest(); return t }
while (process.cpuUsage().user - start < budgetUs) total += serveBatch()
console.log(total)
`
  )
}

/**
 * Records (or reuses) a profile of about 100 MB. The node count grows with the number of
 * samples, and how many samples V8 takes at a 50 µs interval depends on the machine and its
 * load (the workload runs for a budget of CPU time, which helps, not enough), so the budget is
 * adjusted until the file is 70–150 MB, keeping the closest attempt.
 */
async function recordedProfile(): Promise<string> {
  const cached = path.join(cacheDir, 'workload.cpuprofile')
  if (existsSync(cached)) return cached
  const workload = path.join(cacheDir, 'workload')
  writeWorkload(workload)
  const target = 105 * 2 ** 20
  let budgetMs = 8000
  let best: { file: string; size: number } | null = null
  let tooSmall = 0
  let tooBig = Infinity
  const distance = (size: number): number => Math.abs(Math.log(size / target))
  for (let attempt = 0; attempt < 8; attempt++) {
    const out = path.join(cacheDir, `attempt-${attempt}`)
    rmSync(out, { recursive: true, force: true })
    const recorded = await run(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '50', '--cpu-prof-dir', out, 'main.js', String(budgetMs)], { cwd: workload, maxBuffer: 1 << 20 }).then(
      () => readdirSync(out).find((n) => n.endsWith('.cpuprofile')),
      (error: Error) => console.log(`recording failed: ${error.message.split('\n')[0]}`)
    )
    // No profile: V8 could not write one that big (its JSON is one string).
    const size = recorded ? statSync(path.join(out, recorded)).size : Infinity
    console.log(`recording the workload for ${budgetMs} ms of CPU gave ${mib(size)}`)
    if (recorded && (best === null || distance(size) < distance(best.size))) {
      if (best) rmSync(path.dirname(best.file), { recursive: true, force: true })
      best = { file: path.join(out, recorded), size }
    } else rmSync(out, { recursive: true, force: true })
    if (size >= 70 * 2 ** 20 && size <= 150 * 2 ** 20) break
    // The size is far from proportional to the budget (it jumps once V8 has optimised the
    // workload), so: scale while only one side is known, then bisect (geometrically).
    if (size < target) tooSmall = Math.max(tooSmall, budgetMs)
    else tooBig = Math.min(tooBig, budgetMs)
    budgetMs = Math.round(tooBig === Infinity ? budgetMs * Math.min(4, target / size) : tooSmall === 0 ? budgetMs * Math.max(0.25, target / size) : Math.sqrt(tooSmall * tooBig))
  }
  if (!best) throw new Error('the workload never produced a profile')
  renameSync(best.file, cached)
  rmSync(path.dirname(best.file), { recursive: true, force: true })
  return cached
}

/** A synthetic profile written as a stream (it may be bigger than any string): see bigCpuProfile.ts ('random'). */
const syntheticProfile = (file: string, nodeCount: number, sampleCount: number): Promise<string> => bigCpuProfile(file, nodeCount, sampleCount)

// ---------------------------------------------------------------------------------------------
// The contenders, each a script for a fresh process. `work(file)` returns something to check.

const hooks = pathToFileURL(path.join(root, 'src', 'main', 'workers', 'sourceWorkerHooks.mjs')).href
const source = (name: string): string => JSON.stringify(pathToFileURL(path.join(profilerDir, name)).href)

const contenders = {
  'JSON.parse (anchor)': {
    setup: `import { readFileSync } from 'node:fs'`,
    work: `const json = JSON.parse(readFileSync(file, 'utf8')); return json`,
    check: `result.nodes.length`
  },
  'JSON.parse + straightforward aggregation (anchor)': {
    setup: `import { readFileSync } from 'node:fs'
const packageOf = (url) => { const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\/(?!.*\\/node_modules\\/)/.exec(url); return m ? m[1] : url.startsWith('node:') ? 'node' : url === '' ? 'v8' : 'app' }
function aggregate(json) {
  const byId = new Map(json.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of json.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map()
  let t = json.startTime
  const times = json.timeDeltas.map((d) => (t += d))
  for (let i = 0; i < json.samples.length; i++) {
    const dur = ((i + 1 < times.length ? times[i + 1] : json.endTime) - times[i]) / 1000
    self.set(json.samples[i], (self.get(json.samples[i]) ?? 0) + dur)
  }
  const key = (n) => n.callFrame.functionName + '|' + n.callFrame.url + '|' + n.callFrame.lineNumber + '|' + n.callFrame.columnNumber
  // Flame tree merged by function, built breadth-first, totals bottom-up, children by total.
  const rootNode = json.nodes.find((n) => !parent.has(n.id))
  const tree = { key: key(rootNode), self: 0, total: 0, children: new Map() }
  const queue = [[rootNode, tree]]
  for (let k = 0; k < queue.length; k++) {
    const [node, merged] = queue[k]
    merged.self += self.get(node.id) ?? 0
    for (const c of node.children ?? []) {
      const child = byId.get(c)
      let m = merged.children.get(key(child))
      if (!m) merged.children.set(key(child), (m = { key: key(child), self: 0, total: 0, children: new Map(), parent: merged }))
      queue.push([child, m])
    }
  }
  const mergedOrder = [tree]
  for (let k = 0; k < mergedOrder.length; k++) mergedOrder.push(...mergedOrder[k].children.values())
  for (let k = mergedOrder.length - 1; k >= 0; k--) { const m = mergedOrder[k]; m.total += m.self; if (m.parent) m.parent.total += m.total }
  for (const m of mergedOrder) m.sorted = [...m.children.values()].sort((a, b) => b.total - a.total)
  // Function table (total once per sample: the set of functions on each sample's stack) and packages.
  const fnSelf = new Map(), fnTotal = new Map(), pkgSelf = new Map()
  for (let i = 0; i < json.samples.length; i++) {
    const dur = ((i + 1 < times.length ? times[i + 1] : json.endTime) - times[i]) / 1000
    const leaf = byId.get(json.samples[i])
    fnSelf.set(key(leaf), (fnSelf.get(key(leaf)) ?? 0) + dur)
    pkgSelf.set(packageOf(leaf.callFrame.url), (pkgSelf.get(packageOf(leaf.callFrame.url)) ?? 0) + dur)
    const seen = new Set()
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) seen.add(key(byId.get(id)))
    for (const k of seen) fnTotal.set(k, (fnTotal.get(k) ?? 0) + dur)
  }
  const rows = [...fnSelf].sort((a, b) => b[1] - a[1])
  return { tree, rows, fnTotal, pkgSelf }
}`,
    work: `const json = JSON.parse(readFileSync(file, 'utf8')); return aggregate(json)`,
    check: `result.rows.length`
  },
  'Spyglass: stream parse + model, inline': {
    setup: `const { computeProfile } = await import(${source('profileCompute.ts')})`,
    work: `return await computeProfile(file)`,
    check: `result.model.functions.count`
  },
  // From the TypeScript source the worker first transforms the sources it loads (oxc), a start-up
  // cost the build does not have: the built worker below is the figure that counts.
  'Spyglass: loadProfile in its worker (from source)': {
    setup: `const { loadProfile } = await import(${source('profileWorker.ts')})`,
    work: `return await loadProfile(file, { mode: 'worker' })`,
    check: `result.model.functions.count`
  },
  // The worker chunk electron-vite builds (what `spyglass profile` starts), driven as loadProfile drives it.
  'Spyglass: the built worker (out/main)': {
    setup: `import { Worker } from 'node:worker_threads'
const chunk = ${JSON.stringify(builtProfileWorker())}`,
    work: `return await new Promise((resolve, reject) => {
      // execArgv: not this process's --input-type, which a worker started from a file refuses.
      const worker = new Worker(chunk, { execArgv: [], workerData: { tag: 'spyglass-profile-worker', file, flameChart: false } })
      worker.on('message', (m) => {
        if (m.type === 'done') resolve(m.result)
        if (m.type === 'error') reject(new Error(m.error.message))
        if (m.type !== 'progress') void worker.terminate()
      })
      worker.on('error', reject)
    })`,
    check: `result.model.functions.count`
  }
}
type Contender = keyof typeof contenders

/** The profile worker chunk of the build; null without a build. */
function builtProfileWorker(): string | null {
  return builtWorkerChunk('profileWorkerEntry')
}

interface Measurement {
  ms: number
  /** RSS when the work began, and the process's peak RSS (getrusage). */
  baseRss: number
  peakRss: number
  /** Heap and array buffers still held after the work, result retained, after a GC. */
  retained: number
  check: number
}

async function measure(name: Contender, file: string): Promise<Measurement | { error: string }> {
  const c = contenders[name]
  const script = `${c.setup}
const file = process.argv[1]
let result
async function work() { ${c.work} }
globalThis.gc()
const baseRss = process.memoryUsage().rss
const start = performance.now()
try {
  result = await work()
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error).split('\\n')[0] }))
  process.exit(0)
}
const ms = performance.now() - start
globalThis.gc()
const m = process.memoryUsage()
console.log(JSON.stringify({ ms, baseRss, peakRss: process.resourceUsage().maxRSS * 1024, retained: m.heapUsed + m.arrayBuffers, check: ${c.check} }))
`
  const args = ['--expose-gc', '--max-old-space-size=8192', '--import', `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(hooks)})`, '--input-type=module', '-e', script, file]
  const { stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').at(-1)!)
}

async function compare(title: string, file: string, names: Contender[]): Promise<void> {
  const size = statSync(file).size
  const results = new Map<Contender, Measurement[] | string>()
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const m = await measure(name, file)
      if ('error' in m) results.set(name, m.error)
      else if (typeof results.get(name) !== 'string') results.set(name, [...((results.get(name) as Measurement[]) ?? []), m])
    }
  }
  const anchor = results.get('JSON.parse (anchor)')
  const anchorMs = Array.isArray(anchor) ? median(anchor.map((m) => m.ms)) : null
  report(
    `${title}: ${path.basename(file)}, ${mib(size)} (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`,
    names.map((name) => {
      const r = results.get(name)!
      if (typeof r === 'string') return { contender: name, [`time (median of ${rounds})`]: `fails: ${r}`, '× JSON.parse': '', 'peak RSS': '', 'peak − start': '', '× file': '', retained: '' }
      const time = median(r.map((m) => m.ms))
      const growth = median(r.map((m) => m.peakRss - m.baseRss))
      return {
        contender: name,
        [`time (median of ${rounds})`]: ms(time),
        '× JSON.parse': anchorMs === null ? 'n/a' : `${(time / anchorMs).toFixed(2)}×`,
        'peak RSS': mib(median(r.map((m) => m.peakRss))),
        'peak − start': mib(growth),
        '× file': `${(growth / size).toFixed(2)}×`,
        // A worker's result arrives as transferred buffers, which the receiving process does not count.
        retained: name.includes('worker') ? 'n/a' : mib(median(r.map((m) => m.retained)))
      }
    })
  )
}

afterAll(() => {
  rmSync(path.join(cacheDir, 'huge.cpuprofile'), { force: true })
})

const builtWorker = builtProfileWorker() !== null
if (!builtWorker) console.log('no build in out/: the built worker is left out (run `npm run build` first)')
const everyone = (Object.keys(contenders) as Contender[]).filter((name) => builtWorker || !name.includes('built'))
const spyglassOnly = everyone.filter((name) => name.startsWith('Spyglass'))

it('parse + model of a ~100 MB profile recorded from a real workload', async () => {
  mkdirSync(cacheDir, { recursive: true })
  const file = await recordedProfile()
  const probe = spawnSync(process.execPath, ['-e', `const j=JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'));console.log(j.nodes.length,j.samples.length)`], { encoding: 'utf8', maxBuffer: 1 << 20 })
  const [nodes, samples] = probe.stdout.trim().split(' ').map(Number)
  console.log(`recorded profile: ${mib(statSync(file).size)}, ${thousands(nodes)} nodes, ${thousands(samples)} samples (cached in ${cacheDir})`)
  await compare(`CPU profile import, recorded workload (${thousands(nodes)} nodes, ${thousands(samples)} samples)`, file, everyone)
})

it('parse + model of a profile with 1.2M samples', async () => {
  mkdirSync(cacheDir, { recursive: true })
  const file = await syntheticProfile(path.join(cacheDir, 'samples-1.2M.cpuprofile'), 50_000, 1_200_000)
  // The straightforward aggregation walks every sample's stack (~20 s here): left out.
  await compare('CPU profile import, synthetic (50,000 nodes, 1,200,000 samples)', file, ['JSON.parse (anchor)', ...spyglassOnly])
})

it('a profile bigger than V8 strings can be (~512 MB) loads', async () => {
  mkdirSync(cacheDir, { recursive: true })
  const free = statfsSync(os.tmpdir())
  if (free.bavail * free.bsize < 3 * 2 ** 30) {
    console.log('skipped: less than 3 GiB free in the temp folder for a 600 MB profile')
    return
  }
  const file = await syntheticProfile(path.join(cacheDir, 'huge.cpuprofile'), 3_200_000, 300_000)
  await compare('CPU profile import past the string limit, synthetic (3,200,000 nodes)', file, ['JSON.parse (anchor)', 'Spyglass: stream parse + model, inline'])
})
