// Attach in all four ways to real Node processes, on the system Node and on Node 24.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Workbench } from '../../workbench'
import { eventsOf, fixture, freePort, nodeBinaries, newWorkbench, startNode, stdoutLine, stopAllNodes, texts } from './harness'

let workbench: Workbench | null = null
afterEach(async () => {
  await workbench?.dispose()
  workbench = null
  await stopAllNodes()
})

async function expectTicksArrive(wb: Workbench, targetId: string, label: string): Promise<void> {
  await vi.waitFor(async () => {
    const lines = texts(await eventsOf(wb, targetId))
    expect(lines.filter((t) => t.startsWith('tick') && t.includes(label)).length).toBeGreaterThanOrEqual(3)
  }, { timeout: 15_000, interval: 50 })
}

describe.each(nodeBinaries)('attach on $name', (node) => {
  it('launches a program under the inspector and records its exit code', async () => {
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'launch', command: [node.path, fixture('ticker.cjs')], env: { TICKS: '5', EXIT_CODE: '7', LABEL: 'launched' } })
    expect(target).toMatchObject({ kind: 'launch', state: 'attached' })
    expect(target.nodeVersion).toMatch(/^v\d+/)
    expect(target.pid).toBeGreaterThan(0)
    await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 15_000, interval: 20 })
    expect(wb.targets.get(target.id)?.exit).toEqual({ code: 7, signal: null })
    const lines = texts(await eventsOf(wb, target.id))
    // Launched under --inspect-brk, so even the first line is captured, and each line exactly once.
    expect(lines[0]).toBe(`ready ${target.pid} launched`)
    expect(lines.filter((t) => t.startsWith('tick'))).toEqual([1, 2, 3, 4, 5].map((n) => `tick ${n} launched`))
  })

  it('attaches by inspector port', async () => {
    const started = startNode(node.path, ['--inspect=127.0.0.1:0', fixture('ticker.cjs')], { LABEL: 'byport' })
    const port = Number(new URL(await started.inspectorUrl).port)
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'port', port })
    expect(target).toMatchObject({ kind: 'port', state: 'attached', pid: started.pid })
    expect(target.command).toContain('ticker.cjs')
    await expectTicksArrive(wb, target.id, 'byport')
  })

  it('attaches by WebSocket URL', async () => {
    const started = startNode(node.path, ['--inspect=127.0.0.1:0', fixture('ticker.cjs')], { LABEL: 'byurl' })
    const url = await started.inspectorUrl
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'ws', url })
    expect(target).toMatchObject({ kind: 'ws', state: 'attached', pid: started.pid, wsUrl: url })
    await expectTicksArrive(wb, target.id, 'byurl')
  })

  it('attaches by PID to a process started without --inspect', async () => {
    const started = startNode(node.path, [fixture('ticker.cjs')], { LABEL: 'bypid' })
    await stdoutLine(started, 'ready')
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'pid', pid: started.pid })
    expect(target).toMatchObject({ kind: 'pid', state: 'attached', pid: started.pid })
    expect(target.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:9229\//)
    await expectTicksArrive(wb, target.id, 'bypid')
  })

  it('attaches by PID to a process started with --inspect=0 (random port)', async () => {
    const started = startNode(node.path, ['--inspect=0', fixture('ticker.cjs')], { LABEL: 'bypid0' })
    const url = await started.inspectorUrl
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'pid', pid: started.pid })
    expect(target.wsUrl).toBe(url)
    await expectTicksArrive(wb, target.id, 'bypid0')
  })

  it('attaches by PID to a process started with --inspect-port=N (SIGUSR1 opens that port)', async () => {
    const port = await freePort()
    const started = startNode(node.path, [`--inspect-port=${port}`, fixture('ticker.cjs')], { LABEL: 'byinspectport' })
    await stdoutLine(started, 'ready')
    const wb = (workbench = newWorkbench())
    const target = await wb.invoke('targets.attach', { kind: 'pid', pid: started.pid })
    expect(target.wsUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/`))
    await expectTicksArrive(wb, target.id, 'byinspectport')
  })

  it('lists the process in discovery with its inspector', async () => {
    const started = startNode(node.path, ['--inspect=0', fixture('ticker.cjs')])
    const url = await started.inspectorUrl
    const plain = startNode(node.path, [fixture('ticker.cjs')])
    await stdoutLine(plain, 'ready')
    const wb = (workbench = newWorkbench())
    const found = await wb.invoke('targets.discover', undefined)
    expect(found.find((p) => p.pid === started.pid)).toEqual({ pid: started.pid, command: expect.stringContaining('ticker.cjs'), inspector: { port: Number(new URL(url).port), wsUrl: url } })
    expect(found.find((p) => p.pid === plain.pid)).toMatchObject({ pid: plain.pid, inspector: null })
    expect(found.some((p) => p.pid === process.pid)).toBe(false)
  })
})
