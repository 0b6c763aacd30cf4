// Record real targets (launched and attached by PID), save, reopen: the same events, the same
// targets, the exit recorded.
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import { occurrencesOf, type ConsoleEvent } from '../../../shared/consoleTypes'
import type { Workbench } from '../../workbench'
import { eventsOf, fixture, newWorkbench, startNode, stdoutLine, stopAllNodes } from '../../targets/test/harness'
import { openSessionFile } from '../zipSessionSource'
import { summarizeSession } from '../../sessionParts'

const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

function workbench(): Workbench {
  const wb = newWorkbench()
  workbenches.push(wb)
  return wb
}

/** What must survive a round trip: everything but the live object handles and the target id. */
function content(events: ConsoleEvent[]) {
  return events.map(({ targetId: _t, args, ...rest }) => ({ ...rest, args: args?.map(({ objectId: _o, ...value }) => value) }))
}

it('records a launched program from its first line to its exit, saves it and reopens it identically', async () => {
  const wb = workbench()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, fixture('outputs.cjs')] })
  const recording = await wb.invoke('sessions.record', { targetId: target.id })
  expect(recording.state).toBe('recording')
  // The target exits on its own; the recording stops once its output has ended.
  const stopped = await wb.sessions.stopped(recording.id)
  expect(stopped.state).toBe('stopped')
  expect(stopped.target.exit).toEqual({ code: 3, signal: null })
  const live = await eventsOf(wb, target.id)
  expect(stopped.counts.events).toBe(live.length)
  expect(stopped.counts.byLevel.error).toBeGreaterThan(0)

  const file = path.join(wb.sessions.libraryDir, 'outputs.spyglass')
  expect(await wb.invoke('sessions.save', { sessionId: recording.id, path: file })).toEqual({ file })
  const afterSave = (await wb.invoke('sessions.list', undefined)).find((s) => s.id === recording.id)!
  expect(afterSave).toMatchObject({ saved: true, file })
  expect(await wb.invoke('sessions.recoverable', undefined)).toEqual([])

  // The error groups travel as a summary entry, and inspect finds the same ones in the events.
  const source = await openSessionFile(file)
  expect(source.entryNames).toContain('summaries/errors.json')
  const summary = await summarizeSession(source)
  await source.close()
  expect(summary.errors.map((g) => `${g.count} ${g.type}: ${g.message}`)).toEqual(['1 RangeError: bad range'])
  expect(summary.errors[0].topFrame).toMatchObject({ url: expect.stringContaining('outputs.cjs'), line: 9 })

  const reader = workbench()
  const opened = (await reader.invoke('sessions.open', { path: file }))!
  expect(opened).toMatchObject({ state: 'opened', saved: true, file, title: target.title })
  expect(opened.target).toMatchObject({ pid: target.pid, command: target.command, exit: { code: 3, signal: null }, nodeVersion: process.version })
  expect(opened.counts).toEqual(stopped.counts)
  const reopened = await eventsOf(reader, opened.rootTargetId)
  expect(content(reopened)).toEqual(content(live))
  const recorded = reader.targets.get(opened.rootTargetId)!
  expect(recorded).toMatchObject({ state: 'recorded', sessionId: opened.id, exit: { code: 3, signal: null } })
  await expect(reader.invoke('console.clear', { targetId: opened.rootTargetId })).rejects.toMatchObject({ code: 'READ_ONLY' })
})

it('records a process attached by PID, with its worker, and reopens both', async () => {
  // Its inspector opens on SIGUSR1, on a port of its own (9229 may be another test's).
  const node = startNode(process.execPath, ['--inspect-port=0', fixture('workers.cjs')])
  await stdoutLine(node, 'main started')
  const wb = workbench()
  const target = await wb.invoke('targets.attach', { kind: 'pid', pid: node.pid })
  const recording = await wb.invoke('sessions.record', { targetId: target.id })
  await vi.waitFor(
    async () => {
      const worker = wb.targets.list().find((t) => t.parentId === target.id)
      expect(worker).toBeDefined()
      const events = await eventsOf(wb, worker!.id)
      expect(events.filter((e) => e.text === 'worker tick').reduce((n, e) => n + occurrencesOf(e), 0)).toBeGreaterThanOrEqual(3)
    },
    { timeout: 15_000, interval: 20 }
  )
  const stopped = await wb.invoke('sessions.stop', { sessionId: recording.id })
  expect(stopped.targetIds).toHaveLength(2)
  const file = path.join(os.tmpdir(), `spyglass-pid-${process.pid}-${Date.now()}.spyglass`)
  await wb.invoke('sessions.save', { sessionId: recording.id, path: file })

  const source = await openSessionFile(file)
  const lines: ConsoleEvent[] = []
  for await (const event of source.events()) lines.push(event)
  await source.close()
  expect(source.manifest.targets.map((t) => t.kind)).toEqual(['pid', 'worker'])
  expect(lines.reduce((n, e) => n + occurrencesOf(e), 0)).toBe(stopped.counts.events)

  const reader = workbench()
  const opened = (await reader.invoke('sessions.open', { path: file }))!
  const worker = reader.targets.list().find((t) => t.parentId === opened.rootTargetId)!
  expect(worker).toMatchObject({ kind: 'worker', state: 'recorded' })
  const workerEvents = await eventsOf(reader, worker.id)
  expect(workerEvents.filter((e) => e.text === 'worker tick').reduce((n, e) => n + occurrencesOf(e), 0)).toBeGreaterThanOrEqual(3)
  expect([...workerEvents, ...(await eventsOf(reader, opened.rootTargetId))].reduce((n, e) => n + occurrencesOf(e), 0)).toBe(stopped.counts.events)
  expect(existsSync(file)).toBe(true)
})
