// Heap snapshot analysis: Spyglass beside memlab (the anchor, @memlab/heap-analysis) and a plain
// JSON.parse, on the same snapshots in one run. Budgets (issue 6): full analysis (parse,
// dominators, retained sizes, summary) at least 4× faster than memlab's full load, peak RSS at
// most 2× the file; a diff of two snapshots (both analysed, two workers) within 3× one analysis.
//
// The snapshots come from a real Node program (customers, orders in a Map, order lines, closures)
// sized to the megabytes asked for; B is A plus exactly `leaked` LeakedThing objects. They are
// written once and cached under os.tmpdir(). Sizes: SPYGLASS_BENCH_HEAP_MB, comma-separated
// (default 50; e.g. `SPYGLASS_BENCH_HEAP_MB=200,1000 node bench/run.mjs heap`).
//
// Each contender runs in a fresh Node process, timed from before it loads its code to when it
// has its answer, its peak RSS from getrusage. Spyglass runs as built (`npm run build` first):
// its worker chunk driven by its protocol, as openSnapshot/openDiff drive it (the figures the
// budgets are about), and the whole `spyglass heap` CLI, whose start-up (loading the CLI bundle)
// adds a fixed cost.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { it } from 'vitest'
import { parallelReadThresholdBytes, snapshotWorkerOptions } from '../src/main/heap/heapSnapshotHandle'
import { builtWorkerChunk } from './builtWorkers'
import { median, report } from './figures'

const run = promisify(execFile)
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const cacheDir = path.join(os.tmpdir(), 'spyglass-bench-heap-v1')
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const sizesMb = (process.env.SPYGLASS_BENCH_HEAP_MB ?? '50').split(',').map((s) => Number(s.trim())).filter((n) => n > 0)

/** Writes (or reuses) A and B of about `mb` MB; B = A + exactly `leaked` LeakedThing. */
async function snapshots(mb: number): Promise<{ a: string; b: string; leaked: number }> {
  mkdirSync(cacheDir, { recursive: true })
  const a = path.join(cacheDir, `${mb}mb-a.heapsnapshot`)
  const b = path.join(cacheDir, `${mb}mb-b.heapsnapshot`)
  const leaked = mb * 500
  if (existsSync(a) && existsSync(b)) return { a, b, leaked }
  // About 1,000 records per MB of snapshot (measured on Node 20).
  const program = `
const v8 = require('node:v8')
const [records, leaked, a, b] = process.argv.slice(1)
class Customer { constructor(i) { this.id = i; this.name = 'customer-' + i; this.tags = ['new', 'eu', 'b2b'] } }
class Order { constructor(i, customer) { this.id = i; this.customer = customer; this.lines = []; this.total = i * 1.5 } }
class OrderLine { constructor(i) { this.sku = 'sku-' + (i % 5000); this.qty = i % 7 } }
class LeakedThing { constructor(i) { this.i = i } }
const world = { customers: [], orders: new Map(), handlers: [], leaked: [] }
globalThis.world = world
for (let i = 0; i < Number(records); i++) {
  const c = new Customer(i)
  world.customers.push(c)
  const o = new Order(i, c)
  o.lines.push(new OrderLine(i), new OrderLine(i + 1))
  world.orders.set(i, o)
  if (i % 10 === 0) world.handlers.push(() => o.total)
}
v8.writeHeapSnapshot(a + '.partial')
for (let i = 0; i < Number(leaked); i++) world.leaked.push(new LeakedThing(i))
v8.writeHeapSnapshot(b + '.partial')
`
  console.log(`writing ${mb} MB snapshots into ${cacheDir} …`)
  await run(process.execPath, ['--max-old-space-size=20000', '-e', program, String(mb * 1000), String(leaked), a, b], { maxBuffer: 1 << 20 })
  renameSync(`${a}.partial`, a)
  renameSync(`${b}.partial`, b)
  return { a, b, leaked }
}

interface Measurement {
  ms: number
  peakRss: number
  answer: string
}

/** A preload that reports the process's time since it loaded and its peak RSS when it exits. */
const exitReport = `data:text/javascript,const t=performance.now();process.on('exit',()=>process.stderr.write('\\n@@'+JSON.stringify({ms:performance.now()-t,peakRss:process.resourceUsage().maxRSS*1024})+'\\n'))`

async function measure(args: string[], answer: (stdout: string) => string): Promise<Measurement | { error: string }> {
  try {
    // The built worker is started with the options openSnapshot gives it (memory limit: 3/4 of the machine's, as by default).
    const workerOptions = JSON.stringify(snapshotWorkerOptions('', Math.floor(os.totalmem() * 0.75), os.availableParallelism() > 1 ? parallelReadThresholdBytes : Infinity))
    const { stdout, stderr } = await run(process.execPath, ['--max-old-space-size=20000', '--import', exitReport, ...args], {
      cwd: root,
      maxBuffer: 256 << 20,
      env: { ...process.env, SPYGLASS_HEAP_WORKER: 'always', SPYGLASS_BENCH_WORKER_OPTIONS: workerOptions }
    })
    const figures = JSON.parse(/@@(.*)\n?$/.exec(stderr)?.[1] ?? 'null') as { ms: number; peakRss: number } | null
    if (!figures) return { error: 'no figures' }
    return { ...figures, answer: answer(stdout) }
  } catch (error) {
    const text = `${(error as { stderr?: string }).stderr ?? ''}\n${(error as Error).message}`
    const line = /RangeError[^\n]*|Invalid string length|heap out of memory|spyglass: [^\n]*/.exec(text)?.[0] ?? text.split('\n')[0]
    return { error: line.slice(0, 120) }
  }
}

const memlabFull = `const { getFullHeapFromFile } = require('@memlab/heap-analysis')
getFullHeapFromFile(process.argv[1]).then((heap) => console.log(heap.nodes.length))`
const memlabParse = `const { utils } = require('@memlab/core')
utils.getSnapshotFromFile(process.argv[1], { buildNodeIdIndex: true }).then((heap) => console.log(heap.nodes.length))`
const jsonParse = `const json = JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'))
console.log(json.snapshot.node_count)`
// memlab has no diff command for two snapshots: load both (its own way), then the set difference by id.
const memlabDiff = `const { getFullHeapFromFile } = require('@memlab/heap-analysis')
;(async () => {
  const a = await getFullHeapFromFile(process.argv[1])
  const ids = new Set()
  a.nodes.forEach((n) => { ids.add(n.id) })
  const b = await getFullHeapFromFile(process.argv[2])
  let leaked = 0
  b.nodes.forEach((n) => { if (!ids.has(n.id) && n.name === 'LeakedThing') leaked++ })
  console.log(leaked)
})()`

/** The heap worker chunk of the build: the file the bundled `heapWorkerEntry.ts?modulePath` names. */
function builtHeapWorker(): string {
  const chunk = builtWorkerChunk('heapWorkerEntry')
  if (!chunk) throw new Error('no heap worker chunk in out/main: run `npm run build`')
  return chunk
}

// Drives built workers by the protocol of heapWorkerProtocol.ts: wait for 'ready', then call.
const workerClient = `const { Worker } = require('node:worker_threads')
function open(chunk, file) {
  const { workerData, resourceLimits } = JSON.parse(process.env.SPYGLASS_BENCH_WORKER_OPTIONS)
  const worker = new Worker(chunk, { workerData: { ...workerData, file }, resourceLimits })
  let next = 1
  const waiting = new Map()
  const ready = new Promise((resolve, reject) => {
    worker.on('message', (m) => {
      if (m.type === 'ready') resolve()
      else if (m.type === 'failed') reject(new Error(m.error.message))
      else if (m.type === 'reply' || m.type === 'reply-error') { const w = waiting.get(m.id); waiting.delete(m.id); m.type === 'reply' ? w.resolve(m.result) : w.reject(new Error(m.error.message)) }
    })
    worker.on('error', reject)
  })
  const call = (method, ...args) => new Promise((resolve, reject) => { const id = next++; waiting.set(id, { resolve, reject }); worker.postMessage({ id, method, args }) })
  return { ready, call, close: () => worker.terminate() }
}`
const workerSummary = `${workerClient}
;(async () => {
  const [chunk, file] = process.argv.slice(1)
  const snapshot = open(chunk, file)
  await snapshot.ready
  const info = await snapshot.call('info')
  const rows = await snapshot.call('allConstructors')
  console.log(info.nodeCount, rows.length)
  await snapshot.close()
})()`
const workerDiff = `${workerClient}
;(async () => {
  const [chunk, a, b] = process.argv.slice(1)
  const [sa, sb] = [open(chunk, a), open(chunk, b)]
  await Promise.all([sa.ready, sb.ready])
  const [idsA, idsB] = await Promise.all([sa.call('reachableIds'), sb.call('reachableIds'), sa.call('allConstructors'), sb.call('allConstructors')])
  const [fresh] = await Promise.all([sb.call('classDelta', idsA), sa.call('classDelta', idsB)])
  console.log(fresh.counts[fresh.names.indexOf('LeakedThing')])
  await Promise.all([sa.close(), sb.close()])
})()`

const cli = path.join(root, 'bin', 'spyglass.mjs')
const contenders: Record<string, (a: string, b: string) => { args: string[]; answer: (stdout: string) => string }> = {
  'Spyglass: analysis + summary (built worker)': (a) => ({ args: ['-e', workerSummary, builtHeapWorker(), a], answer: (out) => `${out.split(' ')[0]} nodes` }),
  'Spyglass: spyglass heap summary --json (whole CLI)': (a) => ({
    args: [cli, 'heap', 'summary', a, '--json'],
    answer: (out) => `${(JSON.parse(out) as { nodeCount: number }).nodeCount} nodes`
  }),
  'memlab: getFullHeapFromFile (parse + paths, dominators, retained sizes)': (a) => ({ args: ['-e', memlabFull, a], answer: (out) => `${out.trim()} nodes` }),
  'memlab: parse only (getSnapshotFromFile)': (a) => ({ args: ['-e', memlabParse, a], answer: (out) => `${out.trim()} nodes` }),
  'JSON.parse of the file': (a) => ({ args: ['-e', jsonParse, a], answer: (out) => `${out.trim()} nodes` }),
  'Spyglass: diff A B (two built workers)': (a, b) => ({ args: ['-e', workerDiff, builtHeapWorker(), a, b], answer: (out) => `LeakedThing +${out.trim()}` }),
  'Spyglass: spyglass heap diff A B --json (whole CLI)': (a, b) => ({
    args: [cli, 'heap', 'diff', a, b, '--json'],
    answer: (out) => `LeakedThing +${(JSON.parse(out) as { constructors: { name: string; newCount: number }[] }).constructors.find((r) => r.name === 'LeakedThing')?.newCount ?? 0}`
  }),
  'memlab: load A and B, set difference by id': (a, b) => ({ args: ['-e', memlabDiff, a, b], answer: (out) => `LeakedThing +${out.trim()}` })
}

it('heap snapshots: Spyglass vs memlab vs JSON.parse', async () => {
  if (!existsSync(path.join(root, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first')
  for (const mb of sizesMb) {
    const { a, b, leaked } = await snapshots(mb)
    const fileBytes = statSync(a).size
    const rounds = mb <= 100 ? 3 : 1
    const rows: Record<string, string | number>[] = []
    const times: Record<string, number> = {}
    for (const [name, contender] of Object.entries(contenders)) {
      const { args, answer } = contender(a, b)
      const results: Measurement[] = []
      let failure: string | null = null
      for (let round = 0; round < rounds && failure === null; round++) {
        const result = await measure(args, answer)
        if ('error' in result) failure = result.error
        else results.push(result)
      }
      if (failure !== null) {
        rows.push({ contender: name, time: 'fails', 'peak RSS': '', 'RSS / file': '', answer: failure })
        continue
      }
      const ms = median(results.map((r) => r.ms))
      const peak = Math.max(...results.map((r) => r.peakRss))
      times[name] = ms
      rows.push({ contender: name, time: seconds(ms), 'peak RSS': mib(peak), 'RSS / file': `${(peak / fileBytes).toFixed(2)}×`, answer: results[0].answer })
    }
    const full = times['memlab: getFullHeapFromFile (parse + paths, dominators, retained sizes)']
    const ours = times['Spyglass: analysis + summary (built worker)']
    const diff = times['Spyglass: diff A B (two built workers)']
    const memlabDiffMs = times['memlab: load A and B, set difference by id']
    const ratio = (x: number | undefined, y: number | undefined): string => (x && y ? `${(x / y).toFixed(2)}×` : 'n/a')
    rows.push({ contender: 'memlab full ÷ Spyglass summary (budget ≥ 4×)', time: ratio(full, ours), 'peak RSS': '', 'RSS / file': '', answer: '' })
    rows.push({ contender: 'Spyglass diff ÷ Spyglass summary (budget ≤ 3×)', time: ratio(diff, ours), 'peak RSS': '', 'RSS / file': '', answer: '' })
    rows.push({ contender: 'memlab diff ÷ Spyglass diff', time: ratio(memlabDiffMs, diff), 'peak RSS': '', 'RSS / file': '', answer: `expected LeakedThing +${leaked}` })
    report(`Heap snapshot, ${mib(fileBytes)} (${path.basename(a)}), median of ${rounds}, ${os.cpus().length} cores`, rows)
  }
})
