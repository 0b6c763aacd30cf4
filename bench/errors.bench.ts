// Error grouping: throughput on one core and memory per 1M error events, beside an anchor
// measured in the same run: grouping by the exact message text in a Map, what a grep-and-count
// of a log does (fast, but it splits one problem per id in its message and merges call sites).
import { it } from 'vitest'
import type { ConsoleEvent, StackFrame } from '../src/shared/consoleTypes'
import { ErrorCatalog, ErrorGroups } from '../src/main/errors'
import { EventStore } from '../src/main/console/eventStore'
import { perSecond, report } from './figures'

const total = 1_000_000
const sites = ['loadUser', 'chargeCard', 'parseOrder', 'sendMail', 'readConfig', 'connectDb', 'resizeImage', 'renderPage', 'syncInventory', 'auditLog']
const messages = [
  (i: number) => `user ${i} not found (request ${(i * 7919).toString(16)})`,
  () => "Cannot read properties of undefined (reading 'number')",
  (i: number) => `Unexpected token '<', "<html>${i % 10}" is not valid JSON`,
  (i: number) => `connect ECONNREFUSED 127.0.0.1:${5000 + (i % 50)}`,
  (i: number) => `ENOENT: no such file or directory, open '/srv/app/config/${i % 20}.json'`
]
const types = ['Error', 'TypeError', 'SyntaxError', 'Error', 'Error']

function frames(site: string): StackFrame[] {
  return [
    { functionName: site, url: `file:///srv/app/src/${site}.js`, line: 14, column: 22 },
    { functionName: 'handle', url: 'file:///srv/app/src/router.js', line: 80, column: 5 },
    { functionName: 'Layer.handle', url: 'file:///srv/app/node_modules/express/lib/router/layer.js', line: 95, column: 5 },
    { functionName: 'next', url: 'file:///srv/app/node_modules/express/lib/router/route.js', line: 149, column: 13 },
    { functionName: 'processTicksAndRejections', url: 'node:internal/process/task_queues', line: 95, column: 5 }
  ]
}

function errorEvent(i: number): ConsoleEvent {
  const kind = i % messages.length
  const site = sites[i % sites.length]
  return { seq: i + 1, targetId: 't1', time: 1_700_000_000_000 + i, level: 'error', source: 'exception', text: `Uncaught ${types[kind]}: ${messages[kind](i)}`, stack: frames(site), location: frames(site)[0] }
}

function heapMb(): number {
  if (!global.gc) throw new Error('run with --expose-gc (bench/vitest.config.ts sets it)')
  global.gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

it('groups 1M error events', () => {
  const events = Array.from({ length: total }, (_, i) => errorEvent(i))

  const anchorStart = performance.now()
  const byText = new Map<string, number>()
  for (const event of events) byText.set(event.text, (byText.get(event.text) ?? 0) + 1)
  const anchorMs = performance.now() - anchorStart

  const before = heapMb()
  const groups = new ErrorGroups(new ErrorCatalog(), () => '/srv/app')
  const start = performance.now()
  for (const event of events) groups.addEvent(event)
  const elapsed = performance.now() - start
  const groupsMb = heapMb() - before

  // The console store that holds the same events (no budget), for memory per 1M stored errors.
  const storeBefore = heapMb()
  const store = new EventStore('t1', { budgetBytes: () => Number.POSITIVE_INFINITY })
  for (let i = 0; i < total; i++) {
    const { seq: _seq, targetId: _target, ...event } = errorEvent(i)
    store.add(event)
  }
  const storeMb = heapMb() - storeBefore

  report('Error grouping, 1M error events on one core', [
    { what: 'Spyglass ErrorGroups (fingerprint + catalog + rate + samples)', 'events/s': perSecond(total, elapsed), groups: groups.size, 'heap for the groups': `${groupsMb.toFixed(1)} MiB` },
    { what: 'anchor: Map by exact message text', 'events/s': perSecond(total, anchorMs), groups: byText.size, 'heap for the groups': '—' },
    { what: 'console store holding the 1M events (no budget)', 'events/s': '—', groups: '—', 'heap for the groups': `${storeMb.toFixed(1)} MiB (${((storeMb * 2 ** 20) / total).toFixed(0)} B/event)` }
  ])
  // Both stay alive to the end, so that neither reading above is the other's garbage.
  if (store.size === 0 || events.length !== total || byText.size === 0) throw new Error('nothing was kept')
})
