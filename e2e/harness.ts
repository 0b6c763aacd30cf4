// Starts a real `spyglass serve` (built beforehand by the test command) with its own settings
// folder, opens the page in Debian's Chromium through playwright-core, and tears both down.
// Everything waits on conditions (the URL line, selectors, expect.poll), never on sleeps.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const screenshotDir = path.join(repoRoot, 'e2e', 'screenshots')
const urlLine = /Spyglass workbench: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/

// A test that times out never reaches its afterAll; the servers it started (and what they
// launched) must not outlive the test process anyway.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL')
})

export interface Workbench {
  url: string
  configDir: string
  /** Everything the server printed, for failure messages. */
  output(): string
  stop(): Promise<void>
  /** A crash: SIGKILL to the server and everything it launched, nothing cleaned up. */
  kill(): Promise<void>
}

export interface StartOptions {
  /** Extra environment for the server (and, through it, the programs it launches). */
  env?: Record<string, string>
  timeoutMs?: number
  /** Settings and data of an earlier run to start from (kept on stop); a fresh temp folder otherwise. */
  configDir?: string
}

export async function startWorkbench(options: StartOptions = {}): Promise<Workbench> {
  const ownsConfigDir = options.configDir === undefined
  const configDir = options.configDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-'))
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'spyglass.mjs'), 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, SPYGLASS_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a last-resort kill also reaches the programs it launched.
    detached: true
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let log = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk))

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`spyglass serve printed no URL within ${options.timeoutMs ?? 30_000} ms:\n${log}`)), options.timeoutMs ?? 30_000)
    const onData = (): void => {
      const match = urlLine.exec(log)
      if (match) done(match[1])
    }
    const onExit = (code: number | null, signal: string | null): void => fail(new Error(`spyglass serve exited (${code ?? signal}) before printing its URL:\n${log}`))
    const cleanup = (): void => {
      clearTimeout(timer)
      child.stdout.off('data', onData)
      child.off('exit', onExit)
    }
    const done = (value: string): void => {
      cleanup()
      resolve(value)
    }
    const fail = (error: Error): void => {
      cleanup()
      killGroup(child, 'SIGKILL')
      reject(error)
    }
    child.stdout.on('data', onData)
    child.once('exit', onExit)
  })

  return {
    url,
    configDir,
    output: () => log,
    async stop() {
      await stopServer(child)
      if (ownsConfigDir) fs.rmSync(configDir, { recursive: true, force: true })
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      killGroup(child, 'SIGKILL')
      await exited
    }
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

/** SIGTERM lets the server stop the programs it launched; SIGKILL to the group if it hangs. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000).unref())])
  if (timedOut) {
    process.stderr.write('e2e: spyglass serve ignored SIGTERM for 10 s; killing its process group\n')
    killGroup(child, 'SIGKILL')
    await exited
  }
  // Whatever the server launched shares its group; make sure none of it outlives the test.
  killGroup(child, 'SIGKILL')
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
}

export interface OpenPage {
  context: BrowserContext
  page: Page
  /** Uncaught page errors and console.error output of the page, which a test should end without. */
  problems: string[]
}

export async function openPage(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'dark'): Promise<OpenPage> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`)
  })
  await page.goto(url)
  await page.waitForSelector('[data-testid="target-bar"]')
  return { context, page, problems }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) })
}

/** One server, one browser and one page for a whole test file, set up and torn down around it. */
export interface WorkbenchSession {
  readonly workbench: Workbench
  readonly browser: Browser
  readonly opened: OpenPage
  readonly page: Page
}

export function useWorkbenchPage(options: StartOptions = {}, colorScheme: 'light' | 'dark' = 'dark'): WorkbenchSession {
  const state: Partial<{ workbench: Workbench; browser: Browser; opened: OpenPage }> = {}
  beforeAll(async () => {
    state.workbench = await startWorkbench(options)
    state.browser = await launchBrowser()
    state.opened = await openPage(state.browser, state.workbench.url, colorScheme)
  })
  afterAll(async () => {
    await state.browser?.close()
    await state.workbench?.stop()
  })
  return {
    get workbench() {
      return state.workbench!
    },
    get browser() {
      return state.browser!
    },
    get opened() {
      return state.opened!
    },
    get page() {
      return state.opened!.page
    }
  }
}
