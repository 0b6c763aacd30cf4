// A small HTTP server as a target and a load generator, for the benches that measure what
// Spyglass costs a target (recording, profiling, metrics sampling): requests/s under load, and
// the server's CPU time per request (steadier than requests/s on a shared machine).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { startNode } from '../src/main/targets/test/harness'

/** A server that logs one line per request, as services do. */
export const loggingServer = `
const http = require('node:http')
let served = 0
const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint()
  served++
  console.log('%s %s 200 in %sms (request %d)', req.method, req.url, (Number(process.hrtime.bigint() - started) / 1e6).toFixed(3), served)
  res.end('ok ' + served + '\\n')
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.stdout.write('listening ' + server.address().port + '\\n'))
`

/** A server that does a little JSON work per request and logs nothing (so only the profiler or sampler costs it). */
export const workingServer = `
const http = require('node:http')
let served = 0
function render(id) {
  const items = []
  for (let i = 0; i < 20; i++) items.push({ id: id * 20 + i, name: 'item ' + i, price: (i * 1.25).toFixed(2) })
  return JSON.stringify({ id, items })
}
const server = http.createServer((req, res) => {
  served++
  res.end(render(served))
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.stdout.write('listening ' + server.address().port + '\\n'))
`

/** The load generator: its own thread, so that the workbench's work does not slow the client. */
const loadGenerator = `
const { parentPort, workerData } = require('node:worker_threads')
const http = require('node:http')
const { port, connections, durationMs } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
let done = 0
let errors = 0
const get = (i) => new Promise((resolve) => {
  const request = http.get({ host: '127.0.0.1', port, path: '/items/' + i, agent }, (res) => {
    res.resume()
    res.on('end', () => { done++; resolve() })
  })
  request.on('error', () => { errors++; resolve() })
})
const start = performance.now()
const end = start + durationMs
async function loop(c) { for (let i = c; performance.now() < end; i += connections) await get(i) }
Promise.all(Array.from({ length: connections }, (_, c) => loop(c))).then(() => {
  parentPort.postMessage({ done, errors, ms: performance.now() - start })
  agent.destroy()
})
`

export interface LoadResult {
  done: number
  errors: number
  ms: number
}

export function load(port: number, durationMs: number, connections: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadGenerator, { eval: true, workerData: { port, connections, durationMs } })
    worker.once('message', (result: LoadResult) => {
      void worker.terminate()
      resolve(result)
    })
    worker.once('error', reject)
  })
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100

/** CPU time a process has used (user + system), from /proc; null where there is no /proc. */
export function cpuMs(pid: number): number | null {
  if (!existsSync(`/proc/${pid}/stat`)) return null
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1000
}

/** Starts `source` under the inspector and waits for its port. */
export async function startHttpTarget(source: string): Promise<{ node: ReturnType<typeof startNode>; port: number; inspectorUrl: string }> {
  const node = startNode(process.execPath, ['--inspect=127.0.0.1:0', '-e', source])
  const port = await new Promise<number>((resolve, reject) => {
    let text = ''
    const onData = (chunk: Buffer): void => {
      text += chunk.toString()
      const match = /listening (\d+)/.exec(text)
      if (!match) return
      node.child.stdout!.off('data', onData)
      resolve(Number(match[1]))
    }
    node.child.stdout!.on('data', onData)
    node.child.once('exit', () => reject(new Error('the server exited')))
  })
  return { node, port, inspectorUrl: await node.inspectorUrl }
}

/** One measured run: requests/s and the target's CPU time per request. */
export async function measureLoad(pid: number, port: number, durationMs: number, connections: number): Promise<{ rate: number; cpuPerRequest: number | null; result: LoadResult }> {
  const cpuBefore = cpuMs(pid)
  const result = await load(port, durationMs, connections)
  const cpuAfter = cpuMs(pid)
  return { rate: (result.done / result.ms) * 1000, cpuPerRequest: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / result.done, result }
}

export const percentChange = (value: number, anchor: number): string => `${value >= anchor ? '+' : ''}${(((value - anchor) / anchor) * 100).toFixed(1)}%`
