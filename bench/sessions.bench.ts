// Sessions, each figure beside an anchor measured in the same run:
// - recording overhead on the target: requests/s of a small HTTP server that logs every request,
//   and the server's CPU time per request (steadier than requests/s on a shared machine), not
//   attached (anchor) / attached / attached and recording;
// - file size per 100k events of a real recording, beside the same NDJSON gzip'd (level 6);
// - save and open time of a session with 1M events, beside `zip -r` and JSON.parse of every line.
import { spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream, mkdtempSync, statSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { afterAll, it } from 'vitest'
import type { ConsoleEvent } from '../src/shared/consoleTypes'
import { ndjsonLines } from '../src/main/sessions/ndjsonLines'
import { newManifest } from '../src/main/sessions/recorder'
import { SessionFolderWriter } from '../src/main/sessions/sessionFolder'
import type { SessionManifest } from '../src/main/sessions/sessionFormat'
import { eventCompressionLevel, packSession } from '../src/main/sessions/sessionPacker'
import { openSessionFolder } from '../src/main/sessions/folderSessionSource'
import { openSessionFile } from '../src/main/sessions/zipSessionSource'
import { newWorkbench, stopAllNodes } from '../src/main/targets/test/harness'
import { median, ms, report } from './figures'
import { load, loggingServer, measureLoad, percentChange, startHttpTarget } from './httpTarget'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'spyglass-bench-sessions-'))
afterAll(async () => {
  await stopAllNodes()
  await rm(scratch, { recursive: true, force: true })
})

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const thousands = (n: number): string => Math.round(n).toLocaleString('en-US')

/** Peak RSS above the level when it starts, sampled every 10 ms while `work` runs. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakRss: number }> {
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const start = performance.now()
  try {
    const result = await work()
    const elapsed = performance.now() - start
    peak = Math.max(peak, process.memoryUsage().rss)
    return { result, ms: elapsed, peakRss: peak - before }
  } finally {
    clearInterval(sampler)
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Recording overhead on the target

const connections = 32
const measureMs = 3000
const rounds = 4


it('recording overhead on the target', async () => {
  const { node, port, inspectorUrl: url } = await startHttpTarget(loggingServer)
  const wb = newWorkbench()
  const modes = ['not attached (anchor)', 'attached', 'attached + recording'] as const
  type Mode = (typeof modes)[number]
  const runs: Record<Mode, { rate: number; cpuPerRequest: number | null }[]> = { 'not attached (anchor)': [], attached: [], 'attached + recording': [] }
  let served = 0
  let failed = 0
  let recordedRequests = 0
  let recordedEvents = 0
  const loadAverages: number[] = []
  const measure = async (mode: Mode): Promise<void> => {
    const { rate, cpuPerRequest, result } = await measureLoad(node.pid, port, measureMs, connections)
    runs[mode].push({ rate, cpuPerRequest })
    served += result.done
    failed += result.errors
    loadAverages.push(os.loadavg()[0])
  }
  await load(port, 1000, connections) // warms up both sides' JIT
  // Rounds interleave the modes, so that a drift of the machine shows as spread, not as overhead.
  for (let round = 0; round < rounds; round++) {
    await measure('not attached (anchor)')
    const target = await wb.invoke('targets.attach', { kind: 'ws', url })
    await measure('attached')
    const recording = await wb.invoke('sessions.record', { targetId: target.id })
    const before = served
    await measure('attached + recording')
    const stopped = await wb.invoke('sessions.stop', { sessionId: recording.id })
    // A session also holds what the console store kept from the attached run before it (the backfill).
    recordedRequests += served - before
    recordedEvents += stopped.counts.events
    await wb.invoke('targets.detach', { targetId: target.id })
  }
  await wb.dispose()
  await node.stop()
  const anchorRate = median(runs['not attached (anchor)'].map((r) => r.rate))
  const cpuOf = (mode: Mode): number | null => (runs[mode].every((r) => r.cpuPerRequest !== null) ? median(runs[mode].map((r) => r.cpuPerRequest!)) : null)
  const anchorCpu = cpuOf('not attached (anchor)')
  const percent = percentChange
  report(
    `Recording overhead on the target: an HTTP server logging one line per request, ${connections} keep-alive connections from a worker thread, ${rounds} interleaved rounds of ${measureMs / 1000} s per mode; ${os.cpus().length} CPUs, load average ${Math.min(...loadAverages).toFixed(1)}–${Math.max(...loadAverages).toFixed(1)} during the run (${thousands(served)} requests, ${failed} failed; the sessions hold ${thousands(recordedEvents)} events: the ${thousands(recordedRequests)} requests made while recording, and the attached run before each, still in the console store)`,
    modes.map((mode) => {
      const cpu = cpuOf(mode)
      return {
        mode,
        'requests/s (median)': thousands(median(runs[mode].map((r) => r.rate))),
        'per round': runs[mode].map((r) => thousands(r.rate)).join(' / '),
        'vs not attached': mode === 'not attached (anchor)' ? '-' : percent(median(runs[mode].map((r) => r.rate)), anchorRate),
        'target CPU per request (median)': cpu === null ? 'n/a (no /proc)' : `${cpu.toFixed(1)} µs`,
        'CPU per round': runs[mode].map((r) => (r.cpuPerRequest === null ? '-' : r.cpuPerRequest.toFixed(1))).join(' / '),
        'CPU vs not attached': mode === 'not attached (anchor)' || cpu === null || anchorCpu === null ? '-' : percent(cpu, anchorCpu)
      }
    })
  )
}, 120_000)

// ---------------------------------------------------------------------------------------------
// 2. File size per 100k events

const eventsPerRecording = 100_000

/** 100k varied lines: every level, objects, arrays, errors with stacks, raw stdout/stderr. */
const variedLogger = `
const n = ${eventsPerRecording}
const users = ['ada', 'grace', 'linus', 'margaret', 'ken', 'barbara']
function handle(i) {
  switch (i % 10) {
    case 0: console.log('GET /api/orders/%d 200 %dms', i, (i * 7) % 113); break
    case 1: console.info('user %s signed in from %s', users[i % users.length], '10.0.' + (i % 255) + '.' + (i % 13)); break
    case 2: console.warn('slow query', { table: 'orders', ms: 200 + (i % 1000), rows: i % 50, filter: { status: 'open', since: 1700000000000 + i } }); break
    case 3: console.error(new Error('payment failed for order ' + i)); break
    case 4: console.debug('cache', { hit: i % 3 === 0, key: 'order:' + i, ttl: 300 }); break
    case 5: process.stdout.write('[worker ' + (i % 4) + '] processed batch ' + i + ' (' + (i % 97) + ' items)\\n'); break
    case 6: console.log('queue depth', i % 64, 'lag', (i % 1000) / 10, 'ms', [i % 3, i % 5, i % 7]); break
    case 7: console.log('price: %s €, tax: %s', (i / 100).toFixed(2), ((i / 100) * 0.2).toFixed(2)); break
    case 8: process.stderr.write('warning: retrying request ' + i + ' (attempt ' + ((i % 3) + 1) + ')\\n'); break
    case 9: console.log(JSON.stringify({ level: 'info', msg: 'request done', id: i, route: '/api/items', ms: i % 250 })); break
  }
}
// Starts once the recording has, then logs in slices so that stdout keeps flowing.
setTimeout(function slice(from = 0) {
  for (let i = from; i < Math.min(n, from + 2000); i++) handle(i)
  if (from + 2000 < n) setImmediate(slice, from + 2000)
}, 500)
`

let realEvents: ConsoleEvent[] = []
let realManifest: SessionManifest | null = null

it('file size per 100k events', async () => {
  const wb = newWorkbench()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, '-e', variedLogger] })
  const recording = await wb.invoke('sessions.record', { targetId: target.id })
  const stopped = await wb.sessions.stopped(recording.id)
  const file = path.join(scratch, 'hundred-thousand.spyglass')
  await wb.invoke('sessions.save', { sessionId: recording.id, path: file })
  await wb.dispose()

  const source = await openSessionFile(file)
  const events = stopped.counts.events
  realManifest = source.manifest
  const ndjson = path.join(scratch, 'hundred-thousand.ndjson')
  await pipeline(await source.openEntry('events.ndjson'), createWriteStream(ndjson))
  realEvents = []
  for await (const event of source.events()) realEvents.push(event)
  await source.close()
  const gzipped = path.join(scratch, 'hundred-thousand.ndjson.gz')
  await pipeline(createReadStream(ndjson), zlib.createGzip({ level: 6 }), createWriteStream(gzipped))

  const per100k = (bytes: number): string => mib((bytes / events) * 100_000)
  const perEvent = (bytes: number): string => `${(bytes / events).toFixed(1)} B`
  // More events than calls: stdout/stderr copies of console calls that the launch echo filter let through.
  report(`Session file size per 100k events (a real recording: ${thousands(eventsPerRecording)} varied calls — levels, objects, errors with stacks, raw stdout/stderr — gave ${thousands(events)} events)`, [
    { what: `.spyglass file (zip, deflate level ${eventCompressionLevel}, manifest included)`, 'per 100k events': per100k(statSync(file).size), 'per event': perEvent(statSync(file).size) },
    { what: 'events.ndjson inside, uncompressed', 'per 100k events': per100k(statSync(ndjson).size), 'per event': perEvent(statSync(ndjson).size) },
    { what: 'anchor: the same NDJSON, gzip level 6 (zlib)', 'per 100k events': per100k(statSync(gzipped).size), 'per event': perEvent(statSync(gzipped).size) }
  ])
}, 120_000)

// ---------------------------------------------------------------------------------------------
// 3. Save and open time of a session with 1M events

const bigSessionEvents = 1_000_000

it('save and open a session with 1M events', async () => {
  if (!realManifest || realEvents.length === 0) throw new Error('needs the recording of the previous benchmark')
  // The autosave folder a long recording leaves: the real recording's events, repeated up to 1M.
  const root = path.join(scratch, 'autosave')
  const t0 = realManifest.startedAt
  const manifest = newManifest({ sessionId: 'bench-one-million', appVersion: 'bench', root: realManifest.target, startedAt: t0 })
  const writer = await SessionFolderWriter.create(root, manifest)
  const byLevel = { ...manifest.counts.byLevel }
  const batch: ConsoleEvent[] = []
  for (let seq = 1; seq <= bigSessionEvents; seq++) {
    const model = realEvents[(seq - 1) % realEvents.length]
    const event = { ...model, seq, time: t0 + seq / 10 }
    byLevel[event.level]++
    batch.push(event)
    if (batch.length === 10_000) {
      writer.appendEvents(batch.splice(0))
      await writer.flushed()
    }
  }
  writer.appendEvents(batch.splice(0))
  await writer.updateManifest((m) => ({ ...m, endedAt: t0 + bigSessionEvents / 10, counts: { events: bigSessionEvents, byLevel, dropped: 0 } }))
  await writer.flushed()
  await writer.close()
  realEvents = []
  const folder = writer.dir
  const ndjson = path.join(folder, 'events.ndjson')
  const ndjsonBytes = statSync(ndjson).size

  // Save: what SessionService.save does with a stopped recording's folder.
  const file = path.join(scratch, 'one-million.spyglass')
  const save = await withPeakRss(async () => {
    const source = await openSessionFolder(folder)
    try {
      await packSession(source, file, { manifest: source.manifest, entrySizes: new Map([['events.ndjson', source.eventBytes]]) })
    } finally {
      await source.close()
    }
  })
  const saveRows: Record<string, string>[] = [{ operation: `save: packSession (deflate level ${eventCompressionLevel}, synced)`, time: ms(save.ms), output: mib(statSync(file).size), 'peak RSS growth': mib(save.peakRss) }]
  const hasZip = spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0
  for (const level of hasZip ? [6, eventCompressionLevel] : []) {
    const zipFile = path.join(scratch, `zip-${level}.zip`)
    const zipped = await withPeakRss(async () => {
      const result = spawnSync('zip', ['-q', `-${level}`, '-r', zipFile, '.'], { cwd: folder })
      if (result.status !== 0) throw new Error(`zip failed: ${result.stderr}`)
    })
    saveRows.push({ operation: `anchor: zip -r -${level} of the autosave folder`, time: ms(zipped.ms), output: mib(statSync(zipFile).size), 'peak RSS growth': '(another process)' })
  }
  const gzipFile = path.join(scratch, 'events.ndjson.gz')
  const gzipped = await withPeakRss(() => pipeline(createReadStream(ndjson), zlib.createGzip({ level: eventCompressionLevel }), createWriteStream(gzipFile)))
  saveRows.push({ operation: `anchor: zlib gzip -${eventCompressionLevel} of events.ndjson (no sync)`, time: ms(gzipped.ms), output: mib(statSync(gzipFile).size), 'peak RSS growth': mib(gzipped.peakRss) })

  // Open: the anchors first, the workbench last (it keeps what it loads).
  const parse = await withPeakRss(async () => {
    let lines = 0
    for await (const line of ndjsonLines(createReadStream(ndjson), { maxLineBytes: 64 * 2 ** 20, keepUnterminated: true })) {
      JSON.parse(line)
      lines++
    }
    return lines
  })
  const read = await withPeakRss(async () => {
    const source = await openSessionFile(file)
    let events = 0
    for await (const _event of source.events()) events++
    await source.close()
    return events
  })
  const wb = newWorkbench()
  const open = await withPeakRss(() => wb.invoke('sessions.open', { path: file }))
  const opened = open.result!
  const stats = wb.console.stats(opened.rootTargetId)
  await wb.dispose()
  if (parse.result !== bigSessionEvents || read.result !== bigSessionEvents || opened.counts.events !== bigSessionEvents) {
    throw new Error(`expected ${bigSessionEvents} events everywhere: parsed ${parse.result}, read ${read.result}, opened ${opened.counts.events}`)
  }
  report(`Save a session of ${thousands(bigSessionEvents)} events (${mib(ndjsonBytes)} of NDJSON in its autosave folder)`, saveRows)
  report(`Open the same ${thousands(bigSessionEvents)}-event session`, [
    { operation: 'sessions.open through a Workbench (inflate, JSON.parse, zod, load into the console store)', time: ms(open.ms), 'peak RSS growth': mib(open.peakRss), note: `${thousands(stats.stored)} events kept in the console store (${Number.isFinite(stats.budgetBytes) ? `${mib(stats.budgetBytes)} budget` : 'no budget for opened sessions'})` },
    { operation: 'openSessionFile + events(): the reader alone (inflate, JSON.parse, zod)', time: ms(read.ms), 'peak RSS growth': mib(read.peakRss), note: '' },
    { operation: 'anchor: JSON.parse of every line of the uncompressed NDJSON', time: ms(parse.ms), 'peak RSS growth': mib(parse.peakRss), note: '' }
  ])
}, 180_000)
