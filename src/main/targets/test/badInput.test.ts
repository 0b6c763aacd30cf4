// Every way an attach can fail gives a one-line user error with a stable code, and nothing else breaks.
import http from 'node:http'
import { spawn } from 'node:child_process'
import { afterEach, expect, it } from 'vitest'
import type { Workbench } from '../../workbench'
import { fixture, freePort, newWorkbench, startNode, stdoutLine, stopAllNodes } from './harness'

let workbench: Workbench | null = null
const cleanups: (() => void)[] = []
afterEach(async () => {
  await workbench?.dispose()
  workbench = null
  for (const cleanup of cleanups.splice(0)) cleanup()
  await stopAllNodes()
})

async function expectUserError(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e as { code: string; message: string })
  expect(error, 'the attach should have failed').not.toBeNull()
  expect(error!.code).toBe(code)
  expect(error!.message).toMatch(message)
  expect(error!.message).not.toContain('\n')
}

it('refuses an unknown PID', async () => {
  const wb = (workbench = newWorkbench())
  const dead = spawn(process.execPath, ['-e', '0'])
  await new Promise((resolve) => dead.once('exit', resolve))
  await expectUserError(wb.invoke('targets.attach', { kind: 'pid', pid: dead.pid! }), 'NO_SUCH_PROCESS', new RegExp(`no process with PID ${dead.pid}`))
  expect(wb.targets.list()).toEqual([])
})

it('refuses a PID that is not a Node process, without signalling it', async () => {
  const wb = (workbench = newWorkbench())
  const sleeper = spawn('sleep', ['30'])
  cleanups.push(() => sleeper.kill('SIGKILL'))
  await expectUserError(wb.invoke('targets.attach', { kind: 'pid', pid: sleeper.pid! }), 'NOT_NODE', /is not a Node process \(it is sleep\)/)
  // SIGUSR1 would have killed sleep: it is still running.
  expect(sleeper.exitCode).toBeNull()
  expect(sleeper.signalCode).toBeNull()
})

it('refuses a closed port', async () => {
  const wb = (workbench = newWorkbench())
  const port = await freePort()
  await expectUserError(wb.invoke('targets.attach', { kind: 'port', port }), 'CONNECTION_REFUSED', new RegExp(`nothing is listening on 127\\.0\\.0\\.1:${port}`))
})

it('refuses a port and a URL that are not an inspector', async () => {
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/json/list' ? 200 : 404, { 'content-type': 'text/html' })
    res.end('<html>an ordinary web server</html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => server.close())
  const { port } = server.address() as { port: number }
  const wb = (workbench = newWorkbench())
  await expectUserError(wb.invoke('targets.attach', { kind: 'port', port }), 'NOT_AN_INSPECTOR', /is not a Node inspector/)
  await expectUserError(wb.invoke('targets.attach', { kind: 'ws', url: `ws://127.0.0.1:${port}/abc` }), 'NOT_AN_INSPECTOR', /is not a Node inspector \(HTTP 404\)/)
  await expectUserError(wb.invoke('targets.attach', { kind: 'ws', url: 'http://example.invalid/' }), 'BAD_REQUEST', /starts with ws:\/\//)
})

it('reports a target that exits during attach', async () => {
  const started = startNode(process.execPath, [fixture('sigusr1-exits.cjs')])
  await stdoutLine(started, 'ready')
  const wb = (workbench = newWorkbench())
  await expectUserError(wb.invoke('targets.attach', { kind: 'pid', pid: started.pid }), 'TARGET_EXITED', /exited before its inspector opened/)
  await expectUserError(wb.invoke('targets.attach', { kind: 'launch', command: ['false'] }), 'TARGET_EXITED', /exited \(code 1\) before it could be attached/)
  await expectUserError(wb.invoke('targets.attach', { kind: 'launch', command: ['no-such-command-spyglass'] }), 'BAD_REQUEST', /command not found: no-such-command-spyglass/)
  expect(wb.targets.list()).toEqual([])
})

it('rejects malformed requests and unknown targets', async () => {
  const wb = (workbench = newWorkbench())
  await expectUserError(wb.dispatch('targets.attach', { kind: 'pid', pid: -4 }), 'BAD_REQUEST', /bad params for targets.attach/)
  await expectUserError(wb.dispatch('targets.explode', {}), 'BAD_REQUEST', /unknown request/)
  await expectUserError(wb.invoke('targets.detach', { targetId: 'nope' }), 'UNKNOWN_TARGET', /no target nope/)
  await expectUserError(wb.invoke('console.query', { targetId: 'nope' }), 'UNKNOWN_TARGET', /no target nope/)
})

it('keeps an attached target working while other attaches fail', async () => {
  const wb = (workbench = newWorkbench())
  const good = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, fixture('ticker.cjs')] })
  await expect(wb.invoke('targets.attach', { kind: 'port', port: await freePort() })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' })
  expect(wb.targets.list().map((t) => [t.id, t.state])).toEqual([[good.id, 'attached']])
})
