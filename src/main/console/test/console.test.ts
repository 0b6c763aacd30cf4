// What the console shows for a real program: every level, objects that expand, stacks, stdout/stderr once.
import { afterEach, expect, it, vi } from 'vitest'
import type { Workbench } from '../../workbench'
import { eventsOf, fixture, newWorkbench, stopAllNodes } from '../../targets/test/harness'

let workbench: Workbench | null = null
afterEach(async () => {
  await workbench?.dispose()
  workbench = null
  await stopAllNodes()
})

it('captures console calls, exceptions and stdout/stderr of a launched program, each once', async () => {
  const wb = (workbench = newWorkbench())
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, fixture('outputs.cjs')] })
  await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 15_000, interval: 20 })
  const events = await eventsOf(wb, target.id)
  // Console calls come over the inspector, direct writes through the pipes (after a short grace
  // period; the console's own echoes on them are dropped): the engine cannot order one channel
  // against the other, so each source is checked in the order the program produced it.
  const ofSource = (source: string) => events.filter((e) => e.source === source).map((e) => `${e.level}: ${e.text}`)
  expect(ofSource('console')).toEqual([
    'log: plain line',
    'info: info text and 42',
    'warn: careful',
    'debug: debug detail',
    'log: an object { answer: 42, nested: {...}, list: [Array(3)] }',
    'error: RangeError: bad range',
    'log: where am I',
    'log: multi\nline',
    'log: done'
  ])
  expect(ofSource('stdout')).toEqual(['log: raw stdout line'])
  expect(ofSource('stderr')).toEqual(['error: raw stderr line'])
  expect(events.map((e) => e.source).sort()).toEqual([...Array(9).fill('console'), 'stderr', 'stdout'])
  expect(wb.targets.get(target.id)?.exit).toEqual({ code: 3, signal: null })

  const error = events.find((e) => e.text === 'RangeError: bad range')!
  expect(error.stack?.[0]).toMatchObject({ url: expect.stringContaining('outputs.cjs'), line: 9 })
  const trace = events.find((e) => e.method === 'trace')!
  expect(trace.stack?.[0]).toMatchObject({ url: expect.stringContaining('outputs.cjs'), line: 10 })
  expect(events.find((e) => e.text === 'plain line')?.location).toMatchObject({ line: 2, column: 9 })
})

it('expands a logged object lazily through the live connection', async () => {
  const wb = (workbench = newWorkbench())
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, '-e', "console.log('obj', { answer: 42, nested: { deep: true } }); setInterval(() => {}, 1000)"] })
  const event = await vi.waitFor(async () => {
    const found = (await eventsOf(wb, target.id)).find((e) => e.text.startsWith('obj'))
    expect(found).toBeDefined()
    return found!
  }, { timeout: 15_000, interval: 20 })
  const objectId = event.args![1].objectId!
  const rows = await wb.invoke('console.getProperties', { targetId: target.id, objectId })
  expect(rows.find((r) => r.name === 'answer')?.value).toMatchObject({ type: 'number', text: '42' })
  const nested = rows.find((r) => r.name === 'nested')!
  expect(nested.value.text).toBe('{ deep: true }')
  const deeper = await wb.invoke('console.getProperties', { targetId: target.id, objectId: nested.value.objectId! })
  expect(deeper.find((r) => r.name === 'deep')?.value.text).toBe('true')
  await expect(wb.invoke('console.getProperties', { targetId: target.id, objectId: 'no-such-object' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
})

it('leaves stdout/stderr out when the captureStdio setting is off, keeping console calls', async () => {
  const wb = (workbench = newWorkbench())
  await wb.invoke('settings.set', { captureStdio: false })
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, fixture('outputs.cjs')] })
  await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 15_000, interval: 20 })
  const events = await eventsOf(wb, target.id)
  expect(events.filter((e) => e.source === 'stdout' || e.source === 'stderr')).toEqual([])
  expect(events.map((e) => e.text)).toContain('plain line')
})
