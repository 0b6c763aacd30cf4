// Console events per second from a target logging in a tight loop; received + dropped must equal sent.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, it } from 'vitest'
import { BareCdpClient } from './bareCdpClient'
import { perSecond, report } from './figures'
import { startNode, stopAllNodes } from '../src/main/targets/test/harness'
import { createMemorySettingsStore } from '../src/main/settings'
import { Workbench } from '../src/main/workbench'

const sent = 200_000
// Waits for a start signal so that every client is attached before the flood begins.
const flood = `
const n = ${sent}
setTimeout(() => {
  for (let i = 0; i < n; i++) console.log('event', i, 'of a tight loop with some text to carry')
  console.log('flood done')
}, Number(process.env.START_AFTER_MS ?? 300))
setInterval(() => {}, 1000)
`

afterAll(() => stopAllNodes())

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setImmediate(resolve))
  }
  return true
}

const benchDataDir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-bench-'))

async function measureSpyglass(mode: 'ws' | 'launch', budgetMB: number) {
  const wb = new Workbench({ shell: 'cli', settings: createMemorySettingsStore({ consoleBudgetBytes: budgetMB * 1024 * 1024 }), appVersion: 'bench', dataDir: benchDataDir })
  let batched = 0
  let last = 0
  wb.on('console.batch', (batch) => {
    batched += batch.events.length
    for (const e of batch.events) if (e.text === 'flood done') last = performance.now()
  })
  const target =
    mode === 'ws'
      ? await wb.invoke('targets.attach', { kind: 'ws', url: await startNode(process.execPath, ['--inspect=127.0.0.1:0', '-e', flood]).inspectorUrl })
      : await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, '-e', flood] })
  const first = performance.now()
  const done = await waitUntil(() => last > 0, 120_000)
  wb.console.flush()
  const stats = wb.console.stats(target.id)
  const floodEvents = stats.received - 1 // 'flood done' itself
  await wb.dispose()
  await stopAllNodes()
  return { done, elapsed: last - first, received: floodEvents, stored: stats.stored, dropped: stats.dropped, batched, stats }
}

it('console throughput', async () => {
  const bare = await (async () => {
    const started = startNode(process.execPath, ['--inspect=127.0.0.1:0', '-e', flood])
    const client = await BareCdpClient.connect(await started.inspectorUrl)
    await client.send('Runtime.enable')
    const start = performance.now()
    await waitUntil(() => client.consoleCalls >= sent + 1, 120_000)
    const elapsed = client.lastConsoleAt - start
    client.close()
    await stopAllNodes()
    return { elapsed, received: client.consoleCalls - 1 }
  })()
  const rows: Record<string, string | number>[] = [
    { pipeline: 'bare CDP client (counts messages, keeps nothing)', 'events/s': perSecond(bare.received, bare.elapsed), received: bare.received, stored: '-', dropped: '-', 'received = sent': String(bare.received === sent) }
  ]
  for (const [mode, budget] of [['ws', 64], ['ws', 8], ['launch', 64]] as const) {
    const result = await measureSpyglass(mode, budget)
    rows.push({
      pipeline: `Spyglass, attach by ${mode === 'ws' ? 'URL' : 'launch (+ stdout echo filter)'}, ${budget} MB budget`,
      'events/s': perSecond(result.received, result.elapsed),
      received: result.received,
      stored: result.stored,
      dropped: result.dropped,
      'received = sent': String(result.received === sent && result.stored + result.dropped === result.received + 1 && result.batched === result.received + 1)
    })
  }
  report(`Console: ${sent.toLocaleString('en-US')} console.log calls in a tight loop (includes the target's own time to log them)`, rows)
})
