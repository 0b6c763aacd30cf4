// Workers, detach, exits, and reconnecting to a target that restarts on the same port.
import { occurrencesOf } from '../../../shared/consoleTypes'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Workbench } from '../../workbench'
import { eventsOf, fixture, freePort, newWorkbench, startNode, stdoutLine, stopAllNodes, texts } from './harness'

let workbench: Workbench | null = null
afterEach(async () => {
  await workbench?.dispose()
  workbench = null
  await stopAllNodes()
})

const wait = { timeout: 15_000, interval: 20 }

describe('target lifecycle', () => {
  it('shows worker threads as child targets with their own console', async () => {
    const wb = (workbench = newWorkbench())
    const main = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, fixture('workers.cjs')] })
    await vi.waitFor(() => expect(wb.targets.list().some((t) => t.kind === 'worker' && t.state === 'attached')).toBe(true), wait)
    const worker = wb.targets.list().find((t) => t.kind === 'worker')!
    expect(worker).toMatchObject({ parentId: main.id, pid: main.pid, title: expect.stringContaining('test-worker') })
    await vi.waitFor(async () => expect(texts(await eventsOf(wb, worker.id))).toContain('hello from worker'), wait)
    // The worker's console goes to its own target, and its stdout echo is not repeated on the parent.
    const mainLines = texts(await eventsOf(wb, main.id))
    expect(mainLines).toContain('main started')
    await vi.waitFor(async () => expect((await eventsOf(wb, worker.id)).filter((e) => e.text === 'worker tick').reduce((n, e) => n + occurrencesOf(e), 0)).toBeGreaterThan(3), wait)
    expect(texts(await eventsOf(wb, main.id)).some((t) => t.includes('worker'))).toBe(false)
  })

  it('detaches without stopping the program', async () => {
    const started = startNode(process.execPath, ['--inspect=127.0.0.1:0', fixture('ticker.cjs')])
    const url = await started.inspectorUrl
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'ws', url })
    await wb.invoke('targets.detach', { targetId: target.id })
    expect(wb.targets.get(target.id)?.state).toBe('detached')
    expect(started.child.exitCode).toBeNull()
    await wb.invoke('targets.remove', { targetId: target.id })
    expect(wb.targets.list()).toEqual([])
  })

  it('records the signal of a launched program that is killed', async () => {
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, fixture('ticker.cjs')] })
    process.kill(target.pid!, 'SIGTERM')
    await vi.waitFor(() => expect(wb.targets.get(target.id)).toMatchObject({ state: 'exited', exit: { code: null, signal: 'SIGTERM' } }), wait)
  })

  it('records an uncaught exception and the exit of a program that crashes', async () => {
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, fixture('crash.cjs')] })
    await vi.waitFor(() => expect(wb.targets.get(target.id)).toMatchObject({ state: 'exited', exit: { code: 1, signal: null } }), wait)
    const events = await eventsOf(wb, target.id)
    const exceptions = events.filter((e) => e.source === 'exception')
    expect(exceptions).toHaveLength(1)
    expect(exceptions[0].text).toBe('Uncaught TypeError: crashed on purpose')
    expect(exceptions[0].stack?.[0]).toMatchObject({ url: expect.stringContaining('crash.cjs'), line: 4 })
  })

  it('reports the exit of a program attached by PID', async () => {
    const started = startNode(process.execPath, ['--inspect=0', fixture('ticker.cjs')], { TICKS: '40' })
    await started.inspectorUrl
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'pid', pid: started.pid })
    await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), wait)
    await started.exited
  })

  it('reconnects when the target restarts on the same port (new inspector UUID)', async () => {
    const port = await freePort()
    const first = startNode(process.execPath, [`--inspect=127.0.0.1:${port}`, fixture('ticker.cjs')], { LABEL: 'first' })
    const firstUrl = await first.inspectorUrl
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'port', port })
    await vi.waitFor(async () => expect(texts(await eventsOf(wb, target.id))).toContain('tick 2 first'), wait)
    await first.stop()
    await vi.waitFor(() => expect(['exited', 'reconnecting']).toContain(wb.targets.get(target.id)?.state), wait)
    const second = startNode(process.execPath, [`--inspect=127.0.0.1:${port}`, fixture('ticker.cjs')], { LABEL: 'second' })
    const secondUrl = await second.inspectorUrl
    expect(secondUrl).not.toBe(firstUrl)
    await vi.waitFor(() => expect(wb.targets.get(target.id)).toMatchObject({ state: 'attached', wsUrl: secondUrl, pid: second.pid }), wait)
    await vi.waitFor(async () => expect(texts(await eventsOf(wb, target.id))).toContain('tick 2 second'), wait)
    // Nothing captured before the restart is lost.
    expect(texts(await eventsOf(wb, target.id))).toContain('tick 2 first')
  })

  it('keeps working with several targets at once', async () => {
    const a = startNode(process.execPath, ['--inspect=127.0.0.1:0', fixture('ticker.cjs')], { LABEL: 'A' })
    // No inspector yet (attached by PID, so SIGUSR1), on a port of its own when it opens: the
    // default 9229 may belong to a test running beside this one.
    const b = startNode(process.execPath, ['--inspect-port=0', fixture('ticker.cjs')], { LABEL: 'B' })
    await stdoutLine(b, 'ready')
    const wb = (workbench = newWorkbench())
    const ta = await wb.invoke('targets.attach', { kind: 'ws', url: await a.inspectorUrl })
    const tb = await wb.invoke('targets.attach', { kind: 'pid', pid: b.pid })
    await vi.waitFor(async () => {
      expect(texts(await eventsOf(wb, ta.id)).some((t) => t.endsWith(' A'))).toBe(true)
      expect(texts(await eventsOf(wb, tb.id)).some((t) => t.endsWith(' B'))).toBe(true)
    }, wait)
    expect(texts(await eventsOf(wb, ta.id)).some((t) => t.endsWith(' B'))).toBe(false)
  })
})
