// The `spyglass` command as users run it: `node bin/spyglass.mjs …` on the build (npm test
// builds first), against real processes. Failures must be one stderr line and the right exit code.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exitOf, readUntilWorkbenchUrl } from './workbenchUrl'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let configDir: string
const started: ChildProcess[] = []

beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests')
  configDir = await mkdtemp(path.join(tmpdir(), 'spyglass-cli-'))
})

afterAll(async () => {
  for (const child of started) child.kill('SIGKILL')
  await rm(configDir, { recursive: true, force: true })
})

function spyglass(...args: string[]) {
  return execa(process.execPath, [path.join(root, 'bin/spyglass.mjs'), ...args], {
    cwd: root,
    reject: false,
    timeout: 45_000,
    env: { SPYGLASS_CONFIG_DIR: configDir, SPYGLASS_NO_BROWSER: '1', SPYGLASS_NO_ELECTRON: '1' }
  })
}

/** Starts a long-running process and resolves once it exists (the spawn event), not after a sleep. */
function startProcess(command: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: 'ignore' })
  started.push(child)
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child))
    child.once('error', reject)
  })
}

/** A PID that certainly belonged to a process a moment ago and no longer does. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  const pid = child.pid!
  await new Promise((resolve) => child.once('exit', resolve))
  return pid
}

/** A port nothing listens on: bound by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function expectOneLineFailure(result: { exitCode?: number; stderr: string; stdout: string }, exitCode: number): void {
  expect(result.exitCode).toBe(exitCode)
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, result.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^spyglass: \S/)
  expect(result.stderr).not.toMatch(/\n\s+at /)
  expect(result.stdout).toBe('')
}

describe('spyglass', () => {
  it('prints help for --help and for each command', async () => {
    const help = await spyglass('--help')
    expect(help.exitCode).toBe(0)
    for (const command of ['serve', 'targets', 'attach', 'demo']) expect(help.stdout).toContain(command)
    const attachHelp = await spyglass('attach', '--help')
    expect(attachHelp.exitCode).toBe(0)
    expect(attachHelp.stdout).toContain('--pid')
  })

  it('says in one line that it is not built when out/ is missing', async () => {
    // The same launcher in a folder without a build next to it.
    const copy = path.join(configDir, 'unbuilt', 'bin', 'spyglass.mjs')
    await mkdir(path.dirname(copy), { recursive: true })
    await copyFile(path.join(root, 'bin/spyglass.mjs'), copy)
    const result = await execa(process.execPath, [copy, '--help'], { reject: false })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe('spyglass: not built — run `npm run build`')
  })

  it('rejects an unknown command with exit 2 and one line', async () => {
    expectOneLineFailure(await spyglass('frobnicate'), 2)
  })

  it('rejects bad usage with exit 2 and one line', async () => {
    expectOneLineFailure(await spyglass('attach'), 2)
    expectOneLineFailure(await spyglass('attach', '--pid', '12', '--port', '9229'), 2)
    expectOneLineFailure(await spyglass('attach', '--port', 'http'), 2)
    expectOneLineFailure(await spyglass('targets', '--bogus'), 2)
    expectOneLineFailure(await spyglass('serve', '--host', '0.0.0.0'), 2)
    expectOneLineFailure(await spyglass('demo', '--duration', 'soon'), 2)
  })

  it('lists a running Node process with targets --json', async () => {
    const child = await startProcess(process.execPath, ['-e', 'setInterval(() => {}, 1000)'])
    const result = await spyglass('targets', '--json')
    expect(result.exitCode, result.stderr).toBe(0)
    const processes = JSON.parse(result.stdout) as Array<{ pid: number; command: string; inspector: unknown }>
    expect(Array.isArray(processes)).toBe(true)
    const found = processes.find((p) => p.pid === child.pid)
    expect(found).toMatchObject({ pid: child.pid, inspector: null })
    expect(found?.command).toContain('setInterval')
  })

  it('fails attach --pid of a dead process with exit 1 and one line', async () => {
    expectOneLineFailure(await spyglass('attach', '--pid', String(await deadPid())), 1)
  })

  it('fails attach --port of a closed port with exit 1 and one line', async () => {
    expectOneLineFailure(await spyglass('attach', '--port', String(await closedPort())), 1)
  })

  it('fails attach --pid of a process that is not Node with exit 1 and one line, and leaves it alive', async () => {
    const sleeper = await startProcess('sleep', ['60'])
    expectOneLineFailure(await spyglass('attach', '--pid', String(sleeper.pid)), 1)
    // Enabling an inspector means SIGUSR1, which would have killed `sleep`.
    expect(sleeper.exitCode).toBeNull()
    expect(sleeper.signalCode).toBeNull()
  })
})

describe('spyglass attach -- <command>', () => {
  it('streams the console as NDJSON and ends with the exit code when the target exits', async () => {
    // --duration is only a backstop: the run should end because the target exits.
    const result = await spyglass('attach', '--json', '--duration', '30s', '--', process.execPath, path.join(root, 'test/fixtures/logThenExit.js'))
    expect(result.exitCode, result.stderr).toBe(0)
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { level: string; text: string })
    const consoleEvents = events.filter((e) => e.text.startsWith('fixture:'))
    expect(consoleEvents.map((e) => [e.level, e.text.split(' ').slice(0, 2).join(' ')])).toEqual(
      expect.arrayContaining([
        ['log', 'fixture: started'],
        ['warn', 'fixture: warning'],
        ['error', 'fixture: leaving']
      ])
    )
    expect(result.stderr).toContain('target exited with code 3')
    expect(result.stderr).not.toContain('stopped after')
  })
})

describe('spyglass serve', () => {
  it('prints the workbench line, serves the page with the token, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin/spyglass.mjs'), 'serve'], {
      cwd: root,
      env: { ...process.env, SPYGLASS_CONFIG_DIR: configDir, SPYGLASS_NO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    started.push(child)
    const { lines, url } = await readUntilWorkbenchUrl(child)
    expect(lines).toHaveLength(1)
    expect((await fetch(url)).status).toBe(200)
    expect((await fetch(new URL('/', url))).status).toBe(401)
    child.kill('SIGTERM')
    expect(await exitOf(child)).toEqual({ code: 0, signal: null })
  })
})
