// The Sources/Debugger view against the real demo: open demo.mjs, click the gutter to set a
// breakpoint, wait for the pause, read and expand variables, hover, evaluate, step, see a return
// value, break on a function by name and on an exception, edit a condition and a logpoint in the
// gutter's editor, resume, debug a worker; in dark and light. Then a TypeScript program compiled
// with source maps (fixtures/sourceMapped), debugged in its .ts files.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { openPage, repoRoot, screenshot, useWorkbenchPage } from './harness'

const session = useWorkbenchPage({ env: { SPYGLASS_DEMO_TICK_MS: '250' } })
const compiledDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-ts-'))
afterAll(() => fs.rmSync(compiledDir, { recursive: true, force: true }))
const demoLines = fs.readFileSync(path.join(repoRoot, 'resources', 'demo', 'demo.mjs'), 'utf8').split('\n')

/** The 1-based line of the demo that starts with `text` (after indentation). */
function demoLine(text: string): number {
  const index = demoLines.findIndex((l) => l.trimStart().startsWith(text))
  if (index < 0) throw new Error(`demo.mjs has no line starting with ${text}`)
  return index + 1
}

const pushLine = demoLine('auditTrail.push({ order')
const returnTrueLine = demoLine('return true')

const view = (page: Page = session.page): Locator => page.getByTestId('sources-view')
const pausedLine = async (page: Page = session.page): Promise<number> => Number(await view(page).getAttribute('data-paused-line'))
const pauseId = async (page: Page = session.page): Promise<number> => Number((await view(page).getAttribute('data-pause-id')) ?? -1)

async function showSources(page: Page): Promise<void> {
  await page.getByTestId('view-sources').click()
  await view(page).waitFor()
}

/** The gutter's number of a line of the open file, scrolled into view first (CodeMirror draws only what is visible). */
async function gutterLine(page: Page, line: number): Promise<Locator> {
  const number = page.locator('.cm-lineNumbers .cm-gutterElement').filter({ hasText: new RegExp(`^${line}$`) })
  if ((await number.count()) === 0) {
    await page.locator('.cm-scroller').evaluate((el, top) => (el.scrollTop = top), Math.max(0, (line - 12) * 18))
  }
  await number.waitFor()
  return number
}

async function waitForPause(page: Page, after: number): Promise<void> {
  await expect.poll(() => pauseId(page), { timeout: 20_000 }).toBeGreaterThan(after)
}

async function waitRunning(page: Page): Promise<void> {
  await expect.poll(() => view(page).getAttribute('data-paused'), { timeout: 10_000 }).toBe('false')
}

/** Moves the mouse onto the first `word` in the source line containing `lineText`. */
async function hoverWord(page: Page, lineText: string, word: string): Promise<void> {
  const point = await page.locator('.cm-content').evaluate(
    (content, [text, needle]) => {
      const line = [...content.querySelectorAll('.cm-line')].find((l) => l.textContent?.includes(text))
      if (!line) return null
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.search(new RegExp(`\\b${needle}\\b`)) ?? -1
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at + 1)
        range.setEnd(node, at + 2)
        const rect = range.getBoundingClientRect()
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
      }
      return null
    },
    [lineText, word] as const
  )
  if (!point) throw new Error(`no ${word} on the line with ${lineText}`)
  await page.mouse.move(point.x - 30, point.y + 60)
  await page.mouse.move(point.x, point.y, { steps: 4 })
}

describe('debugger', () => {
  it('sets a breakpoint by clicking the gutter, pauses there and shows stack and scopes', async () => {
    const page = session.page
    await page.getByTestId('empty-state').waitFor()
    await page.getByTestId('launch-demo').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 20_000 }).toContain('attached')
    await showSources(page)
    expect(await page.getByTestId('view-sources').getAttribute('aria-current')).toBe('page')

    // The demo under "Your code"; Node's internals in their own group.
    const demoFile = page.getByTestId('source-group-app').locator('[data-testid="source-file"][data-url$="/demo.mjs"]')
    await demoFile.waitFor({ timeout: 20_000 })
    await page.getByTestId('source-group-internal').waitFor()
    await page.getByTestId('source-search').fill('demo')
    expect(await page.getByTestId('source-group-internal').count()).toBe(0)
    await demoFile.click()
    await expect.poll(() => page.getByTestId('open-file').textContent()).toMatch(/demo\.mjs$/)
    await page.locator('.cm-content').getByText('class OrderValidationError').waitFor()

    // When the first variable of the pause is on screen (for the pause-to-variables figure).
    const variablesShown = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[data-scope="local"] [data-testid="variable-row"]')) return
            observer.disconnect()
            resolve(Date.now())
          })
          observer.observe(document.body, { subtree: true, childList: true })
        })
    )
    const before = await pauseId(page)
    await (await gutterLine(page, pushLine)).click()
    const row = page.getByTestId('breakpoint-row')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.getByTestId('breakpoint-place').textContent()).toBe(`demo.mjs:${pushLine}`)
    await expect.poll(async () => (await gutterLine(page, pushLine)).getAttribute('class')).toContain('cm-bp')

    await waitForPause(page, before)
    expect(await pausedLine(page)).toBe(pushLine)
    const shownAt = await variablesShown
    // A figure for the closing note, not an assertion: timing depends on the machine.
    console.log(`pause to variables shown: ${shownAt - Number(await view(page).getAttribute('data-paused-at'))} ms`)
    expect(await row.getAttribute('data-state')).toBe('bound')
    expect(await page.getByTestId('debug-status').textContent()).toMatch(/paused/i)
    await page.locator('.cm-paused-line').waitFor()
    const frames = page.getByTestId('call-frame')
    expect(await frames.first().textContent()).toContain('processTick')
    expect(await frames.first().textContent()).toContain(`demo.mjs:${pushLine}`)

    // Local is open: `order` is an Order; expanding it lists its fields, and its getter runs on demand.
    const local = page.locator('[data-testid="scope"][data-scope="local"]')
    const order = local.locator('[data-testid="variable-row"][data-name="order"]').first()
    await order.waitFor()
    expect(await order.textContent()).toContain('Order')
    await order.click()
    const children = local.getByTestId('variable-children').nth(1)
    await children.locator('[data-testid="variable-row"][data-name="id"]').waitFor()
    expect(await children.locator('[data-testid="variable-row"][data-name="customer"]').count()).toBe(1)
    const getter = children.locator('[data-testid="variable-row"][data-name="total"]')
    await getter.getByTestId('invoke-getter').click()
    await expect.poll(() => getter.textContent()).toMatch(/total: \d+(\.\d+)?$/)

    // A caller's frame: its file (Node's timers) with its line marked, and its own scopes.
    await frames.nth(1).click()
    await expect.poll(() => page.getByTestId('open-file').textContent()).toMatch(/timers/)
    await page.locator('.cm-frame-line').waitFor()
    expect(await frames.nth(1).getAttribute('aria-current')).toBe('true')
    await expect.poll(() => local.locator('[data-testid="variable-row"][data-name="order"]').count()).toBe(0)
    await frames.first().click()
    await page.locator('.cm-paused-line').waitFor()
    await order.waitFor()
  })

  it('shows values on hover and evaluates in the paused frame', async () => {
    const page = session.page
    await hoverWord(page, 'auditTrail.push({ order', 'order')
    const hover = page.getByTestId('value-hover')
    await hover.waitFor({ timeout: 10_000 })
    expect(await hover.textContent()).toContain('Order')
    await hover.locator('[data-testid="variable-row"][data-name="items"]').waitFor()
    await page.mouse.move(5, 300)

    const input = page.getByTestId('evaluate-input')
    await input.fill('order.id * 2')
    await input.press('Enter')
    const result = page.getByTestId('evaluation-result').last()
    await expect.poll(() => result.textContent()).toMatch(/^\d+$/)
    const id = Number((await page.locator('[data-testid="variable-children"] [data-testid="variable-row"][data-name="id"]').first().textContent())?.replace(/\D/g, ''))
    expect(await result.textContent()).toBe(String(id * 2))

    // A Map expands to its entries, lazily, like any object.
    await input.fill("new Map([['gold', order.customer]])")
    await input.press('Enter')
    const map = page.getByTestId('evaluation-result').last().getByTestId('variable-row').first()
    await expect.poll(() => map.textContent()).toMatch(/^Map\(1\)/)
    await map.click()
    const entries = page.getByTestId('evaluation-result').last().locator('[data-testid="variable-row"][data-name="[[Entries]]"]')
    await entries.click()
    await page.getByTestId('evaluation-result').last().locator('[data-testid="variable-row"][data-name="0"]').waitFor()
    expect(await page.getByTestId('evaluation-result').last().textContent()).toContain('gold')
    await screenshot(page, 'debugger-paused-dark')

    // The same pause in the light theme, in a second page on the same workbench.
    const light = await openPage(session.browser, session.workbench.url, 'light')
    await showSources(light.page)
    await light.page.locator('.cm-paused-line').waitFor({ timeout: 15_000 })
    await light.page.locator('[data-testid="scope"][data-scope="local"] [data-testid="variable-row"][data-name="order"]').first().click()
    await light.page.locator('[data-testid="variable-row"][data-name="customer"]').first().waitFor()
    await screenshot(light.page, 'debugger-paused-light')
    expect(light.problems).toEqual([])
    await light.context.close()
  })

  it('steps with F10, removes the breakpoint from the gutter and resumes with F8', async () => {
    const page = session.page
    const before = await pauseId(page)
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    await page.keyboard.press('F10')
    await waitForPause(page, before)
    expect(await pausedLine(page)).toBe(pushLine + 1)
    // The tree stays open across the step: `order` is still expanded.
    await page.locator('[data-testid="scope"][data-scope="local"] [data-testid="variable-row"][data-name="customer"]').first().waitFor()

    // The keys work from any view: F10 in the Console steps, and the next pause brings the Sources view back.
    const beforeConsole = await pauseId(page)
    await page.keyboard.press('Control+1')
    await page.getByTestId('view-body-console').waitFor()
    await page.keyboard.press('F10')
    await view(page).waitFor()
    await waitForPause(page, beforeConsole)
    expect(await pausedLine(page)).toBe(pushLine + 2)

    // Over to the call of computeFraudScore, F11 into it, Shift+F11 back out.
    const scoreLine = demoLine('const score = computeFraudScore(order)')
    while ((await pausedLine(page)) < scoreLine) {
      const at = await pauseId(page)
      await page.keyboard.press('F10')
      await waitForPause(page, at)
    }
    expect(await pausedLine(page)).toBe(scoreLine)
    let at = await pauseId(page)
    await page.keyboard.press('F11')
    await waitForPause(page, at)
    expect(await page.getByTestId('call-frame').first().textContent()).toContain('computeFraudScore')
    at = await pauseId(page)
    await page.keyboard.press('Shift+F11')
    await waitForPause(page, at)
    expect(await page.getByTestId('call-frame').first().textContent()).toContain('processTick')

    await (await gutterLine(page, pushLine)).click()
    await expect.poll(() => page.getByTestId('breakpoint-row').count()).toBe(0)
    await page.keyboard.press('F8')
    await waitRunning(page)
    expect(await page.getByTestId('debug-status').textContent()).toBe('Running')
    expect(await page.locator('.cm-paused-line').count()).toBe(0)
  })

  it('shows the return value when a step leaves a function', async () => {
    const page = session.page
    const before = await pauseId(page)
    await (await gutterLine(page, returnTrueLine)).click()
    await waitForPause(page, before)
    expect(await pausedLine(page)).toBe(returnTrueLine)
    expect(await page.getByTestId('call-frame').first().textContent()).toContain('validateOrder')
    const stepped = await pauseId(page)
    await page.getByTestId('debug-step-over').click()
    await waitForPause(page, stepped)
    const returned = page.locator('[data-testid="variable-row"][data-name="Return value"]')
    await returned.waitFor()
    expect(await returned.textContent()).toBe('Return value: true')

    await page.getByTestId('breakpoint-remove').click()
    await expect.poll(() => page.getByTestId('breakpoint-row').count()).toBe(0)
    await page.getByTestId('debug-resume').click()
    await waitRunning(page)
  })

  it('breaks on a function by name, and on an exception where it is thrown', async () => {
    const page = session.page
    let before = await pauseId(page)
    await page.getByTestId('function-breakpoint-input').fill('computeFraudScore')
    await page.getByTestId('function-breakpoint-add').click()
    await waitForPause(page, before)
    expect(await page.getByTestId('call-frame').first().textContent()).toContain('computeFraudScore')
    expect(await page.getByTestId('breakpoint-place').textContent()).toBe('computeFraudScore()')
    await page.getByTestId('breakpoint-remove').click()
    await expect.poll(() => page.getByTestId('breakpoint-row').count()).toBe(0)
    await page.getByTestId('debug-resume').click()
    await waitRunning(page)

    // The demo's uncaught TypeError (every sixth tick, from a timer). Its other failures may stop
    // first (V8 predicts some rejections handled by a later .catch as uncaught): resume past them.
    before = await pauseId(page)
    await page.getByTestId('pause-exceptions-uncaught').click()
    await expect.poll(() => page.getByTestId('pause-exceptions-uncaught').getAttribute('aria-pressed')).toBe('true')
    const exception = page.getByTestId('paused-exception')
    for (let pauses = 0; ; pauses++) {
      await waitForPause(page, before)
      await exception.waitFor()
      if ((await exception.textContent())?.includes("Cannot read properties of undefined (reading 'address')")) break
      expect(pauses, 'pauses on other exceptions before the TypeError').toBeLessThan(20)
      before = await pauseId(page)
      await page.getByTestId('debug-resume').click()
    }
    expect(await page.getByTestId('call-frame').first().textContent()).toContain('demo.mjs')
    expect(await page.getByTestId('debug-status').textContent()).toMatch(/exception/i)
    await screenshot(page, 'debugger-exception-dark')
    await page.getByTestId('pause-exceptions-none').click()
    await page.getByTestId('debug-resume').click()
    await waitRunning(page)

    // `debugger;` statements: off by default, switched on and off through the engine.
    const statements = page.getByTestId('pause-debugger-statements')
    expect(await statements.isChecked()).toBe(false)
    await statements.click()
    await expect.poll(() => statements.isChecked()).toBe(true)
    await statements.click()
    await expect.poll(() => statements.isChecked()).toBe(false)
  })

  it('edits a condition in the gutter\'s editor and pauses only when it holds', async () => {
    const page = session.page
    const number = await gutterLine(page, pushLine)
    await number.click({ button: 'right' })
    const editor = page.getByTestId('breakpoint-editor')
    await editor.waitFor()
    await screenshot(page, 'debugger-breakpoint-editor-dark')
    const before = await pauseId(page)
    await editor.getByTestId('bp-condition').fill('order.id % 3 === 0')
    await editor.getByTestId('bp-save').click()
    await editor.waitFor({ state: 'detached' })
    await expect.poll(async () => (await gutterLine(page, pushLine)).getAttribute('class')).toContain('cm-bp-conditional')
    expect(await page.getByTestId('breakpoint-row').textContent()).toContain('if order.id % 3 === 0')

    await waitForPause(page, before)
    const input = page.getByTestId('evaluate-input')
    await input.fill('order.id % 3')
    await input.press('Enter')
    await expect.poll(() => page.getByTestId('evaluation-result').last().textContent()).toBe('0')

    // Disabled from the list: the gutter tag fades, nothing pauses any more.
    await page.getByTestId('breakpoint-enabled').click()
    await expect.poll(() => page.getByTestId('breakpoint-enabled').isChecked()).toBe(false)
    await expect.poll(async () => (await gutterLine(page, pushLine)).getAttribute('class')).toContain('cm-bp-disabled')
    await page.keyboard.press('F8')
    await waitRunning(page)
    expect(session.opened.problems).toEqual([])
  })

  it('turns the breakpoint into a logpoint that prints into the console without pausing', async () => {
    const page = session.page
    await (await gutterLine(page, pushLine)).click({ button: 'right' })
    const editor = page.getByTestId('breakpoint-editor')
    expect(await editor.getByTestId('bp-condition').inputValue()).toBe('order.id % 3 === 0')
    await editor.getByTestId('bp-condition').fill('')
    await editor.getByTestId('bp-log-message').fill('logpoint: order {order.id} for {order.customer.name}')
    await editor.getByTestId('bp-save').click()
    await expect.poll(async () => (await gutterLine(page, pushLine)).getAttribute('class')).toContain('cm-bp-logpoint')
    await page.getByTestId('breakpoint-enabled').click()
    await expect.poll(() => page.getByTestId('breakpoint-enabled').isChecked()).toBe(true)

    await page.getByTestId('view-console').click()
    const logged = page.getByTestId('console-row').filter({ hasText: /logpoint: order \d+ for (Ada|Grace|Linus|Barbara)/ })
    await logged.first().waitFor({ timeout: 20_000 })
    await showSources(page)
    expect(await view(page).getAttribute('data-paused')).toBe('false')
    await expect.poll(async () => Number((await page.getByTestId('breakpoint-hits').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(1)
    await page.getByTestId('breakpoint-remove').click()
    await expect.poll(() => page.getByTestId('breakpoint-row').count()).toBe(0)
  })

  it('brings the Sources view forward when the target pauses', async () => {
    const page = session.page
    // A breakpoint that starts to hold three seconds from now, time enough to go to the Console.
    const from = Date.now() + 3000
    await (await gutterLine(page, pushLine)).click({ button: 'right' })
    await page.getByTestId('bp-condition').fill(`Date.now() > ${from}`)
    await page.getByTestId('bp-save').click()
    await page.getByTestId('breakpoint-row').waitFor()
    const before = await pauseId(page)
    await page.getByTestId('view-console').click()
    await page.getByTestId('sources-view').waitFor({ state: 'detached' })
    expect(Date.now()).toBeLessThan(from)
    await page.getByTestId('sources-view').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('view-sources').getAttribute('aria-current')).toBe('page')
    await waitForPause(page, before)
    expect(await pausedLine(page)).toBe(pushLine)
    await page.getByTestId('breakpoint-remove').click()
    await expect.poll(() => page.getByTestId('breakpoint-row').count()).toBe(0)
    await page.keyboard.press('F8')
    await waitRunning(page)
  })

  it('pauses on demand with the pause button', async () => {
    const page = session.page
    const before = await pauseId(page)
    await page.getByTestId('debug-pause').click()
    await waitForPause(page, before)
    expect(await page.getByTestId('debug-status').textContent()).toMatch(/paused/i)
    expect(await page.getByTestId('call-frame').count()).toBeGreaterThan(0)
    await page.getByTestId('debug-resume').click()
    await waitRunning(page)
  })

  it('debugs a worker thread like a process', async () => {
    const page = session.page
    await page.getByTestId('target-selector').click()
    await page.locator('[data-testid="target-option"][data-depth="1"]').filter({ hasText: 'attached' }).first().click()
    await expect.poll(() => page.locator('.sources-thread').textContent()).toMatch(/image-resizer/)
    await page.getByTestId('source-search').fill('')
    const workerFile = page.locator('[data-testid="source-file"][data-url$="/demoWorker.mjs"]')
    await workerFile.waitFor({ timeout: 20_000 })
    // The worker runs its own files, not the main thread's.
    expect(await page.locator('[data-testid="source-file"][data-url$="/demo.mjs"]').count()).toBe(0)
    await workerFile.click()
    await page.locator('.cm-content').getByText('parentPort').first().waitFor()

    const jobsLine = fs
      .readFileSync(path.join(repoRoot, 'resources', 'demo', 'demoWorker.mjs'), 'utf8')
      .split('\n')
      .findIndex((l) => l.trim() === 'jobs++') + 1
    const before = await pauseId(page)
    await (await gutterLine(page, jobsLine)).click()
    await waitForPause(page, before)
    expect(await pausedLine(page)).toBe(jobsLine)
    // `jobs` lives in the worker's module scope: evaluated in the paused frame, it is a count.
    const input = page.getByTestId('evaluate-input')
    await input.fill('jobs')
    await input.press('Enter')
    await expect.poll(() => page.getByTestId('evaluation-result').last().textContent()).toMatch(/^\d+$/)
    await screenshot(page, 'debugger-worker-dark')

    // On the main thread, the paused worker is one click away.
    await page.getByTestId('target-selector').click()
    await page.locator('[data-testid="target-option"][data-depth="0"]').first().click()
    await expect.poll(() => page.locator('.sources-thread').textContent()).toBe('main thread')
    const banner = page.getByTestId('thread-paused')
    await banner.waitFor()
    expect(await banner.textContent()).toContain('image-resizer is paused')
    await banner.getByTestId('thread-paused-show').click()
    await expect.poll(() => page.locator('.sources-thread').textContent()).toMatch(/image-resizer/)
    await expect.poll(() => pausedLine(page)).toBe(jobsLine)

    await (await gutterLine(page, jobsLine)).click()
    await expect.poll(() => page.getByTestId('breakpoint-row').filter({ hasText: 'demoWorker.mjs' }).count()).toBe(0)
    await page.keyboard.press('F8')
    await waitRunning(page)
    expect(session.opened.problems).toEqual([])
  })
})

/** Compiles fixtures/sourceMapped with tsc (source maps on) into a temp folder; returns the entry and the .ts folder. */
function compileSourceMapped(): { main: string; src: string } {
  const src = path.join(compiledDir, 'src')
  fs.mkdirSync(src, { recursive: true })
  for (const name of ['app.ts', 'pricing.ts']) fs.copyFileSync(path.join(repoRoot, 'e2e', 'fixtures', 'sourceMapped', name), path.join(src, name))
  const program = ts.createProgram([path.join(src, 'app.ts')], {
    outDir: path.join(compiledDir, 'dist'),
    rootDir: src,
    sourceMap: true,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    types: []
  })
  const emitted = program.emit()
  const errors = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics)
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => compiledDir, getNewLine: () => '\n' }))
  return { main: path.join(compiledDir, 'dist', 'app.js'), src }
}

describe('debugger on a source-mapped TypeScript program', () => {
  it('lists the .ts files, pauses and steps on their lines', async () => {
    const page = session.page
    const { main, src } = compileSourceMapped()
    const pricing = fs.readFileSync(path.join(src, 'pricing.ts'), 'utf8').split('\n')
    const sumLine = pricing.findIndex((l) => l.trim() === 'sum += line') + 1
    expect(sumLine).toBeGreaterThan(0)

    await page.getByTestId('open-attach').click()
    await page.getByTestId('attach-tab-launch').click()
    await page.getByTestId('attach-input-launch').fill(`"${process.execPath}" "${main}"`)
    await page.getByTestId('attach-submit').click()
    await page.getByTestId('attach-dialog').waitFor({ state: 'detached', timeout: 20_000 })
    await expect.poll(() => page.getByTestId('target-command').textContent(), { timeout: 20_000 }).toContain('app.js')
    await showSources(page)

    // The original files are listed (marked as mapped), not the compiled ones.
    await page.getByTestId('source-search').fill('')
    const pricingFile = page.locator('[data-testid="source-file"][data-url$="/src/pricing.ts"]')
    await pricingFile.waitFor({ timeout: 20_000 })
    expect(await pricingFile.textContent()).toContain('mapped')
    await expect.poll(() => page.locator('[data-testid="source-file"][data-url$="/dist/pricing.js"]').count()).toBe(0)
    await pricingFile.click()
    await page.locator('.cm-content').getByText('export interface LineItem').waitFor()

    const before = await pauseId(page)
    await (await gutterLine(page, sumLine)).click()
    await waitForPause(page, before)
    expect(await pausedLine(page)).toBe(sumLine)
    expect(await page.getByTestId('call-frame').first().textContent()).toContain(`pricing.ts:${sumLine}`)
    expect(await page.getByTestId('breakpoint-place').textContent()).toBe(`pricing.ts:${sumLine}`)
    // `line` is block-scoped (the loop's body): its scope is open like Local.
    const line = page.locator('[data-testid="scope"][data-scope="block"] [data-testid="variable-row"][data-name="line"]')
    await line.first().waitFor()
    expect(await line.first().textContent()).toBe('line: 7')
    await screenshot(page, 'debugger-typescript-dark')

    // Stepping stays in the .ts file, on its lines.
    const stepped = await pauseId(page)
    await page.keyboard.press('F10')
    await waitForPause(page, stepped)
    expect(await pausedLine(page)).not.toBe(sumLine)
    expect(pricing[(await pausedLine(page)) - 1]).toMatch(/for \(const item|const line|return Math\.round|^}/)
    await (await gutterLine(page, sumLine)).click()
    await expect.poll(() => page.getByTestId('breakpoint-row').count()).toBe(0)
    await page.keyboard.press('F8')
    await waitRunning(page)
    expect(session.opened.problems).toEqual([])
  })

  it('shows a recorded session read-only: where it stopped and what it logged, nothing to step, set or evaluate', async () => {
    const page = session.page
    const pricing = fs.readFileSync(path.join(repoRoot, 'e2e', 'fixtures', 'sourceMapped', 'pricing.ts'), 'utf8').split('\n')
    const sumLine = pricing.findIndex((l) => l.trim() === 'sum += line') + 1
    const returnLine = pricing.findIndex((l) => l.trim().startsWith('return Math.round')) + 1
    await page.getByTestId('record').click()
    await page.getByTestId('recording-indicator').waitFor()
    // While recording: a logpoint prints a few times, a breakpoint stops once.
    await (await gutterLine(page, returnLine)).click({ button: 'right' })
    await page.getByTestId('bp-log-message').fill('total {sum}')
    await page.getByTestId('bp-save').click()
    await expect.poll(async () => Number((await page.getByTestId('breakpoint-hits').first().textContent())?.replace(/\D/g, '')), { timeout: 20_000 }).toBeGreaterThan(1)
    const before = await pauseId(page)
    await (await gutterLine(page, sumLine)).click()
    await waitForPause(page, before)
    expect(await pausedLine(page)).toBe(sumLine)
    await (await gutterLine(page, sumLine)).click()
    await expect.poll(() => page.getByTestId('breakpoint-row').count()).toBe(1)
    await page.getByTestId('breakpoint-remove').click()
    await expect.poll(() => page.getByTestId('breakpoint-row').count()).toBe(0)
    await page.keyboard.press('F8')
    await waitRunning(page)
    await page.getByTestId('stop-recording').click()
    await page.getByTestId('save-session').waitFor()
    await page.getByTestId('detach').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 15_000 }).toMatch(/detached|exited/)
    // Detached: the controls are off.
    await expect.poll(() => page.getByTestId('debug-status').textContent()).toBe('Not attached')
    expect(await page.getByTestId('debug-step-over').isDisabled()).toBe(true)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-session').click()])
    await download.saveAs(path.join(compiledDir, download.suggestedFilename()))

    await page.getByTestId('open-session-menu').click()
    await page.getByTestId('open-menu').getByTestId('recent-open').first().click()
    await page.locator('[data-testid="session-header"][data-state="opened"]').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('target-state').textContent()).toContain('recorded')
    await view(page).waitFor()
    await expect.poll(() => page.getByTestId('debug-status').textContent()).toBe('Recorded session: read-only')
    expect(await page.getByTestId('debug-toolbar').count()).toBe(0)
    expect(await page.getByTestId('section-evaluate').count()).toBe(0)
    expect(await page.getByTestId('function-breakpoint-input').count()).toBe(0)

    // Where it stopped, and the logpoint's lines, in order; each opens its place in the recorded file.
    const stops = page.getByTestId('recorded-stop')
    await stops.first().waitFor()
    const kinds = await stops.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))
    expect(kinds.filter((k) => k === 'pause')).toHaveLength(1)
    expect(kinds.filter((k) => k === 'logpoint').length).toBeGreaterThan(1)
    const pauseRow = stops.and(page.locator('[data-kind="pause"]'))
    expect(await pauseRow.textContent()).toContain(`pricing.ts:${sumLine}`)
    expect(await pauseRow.textContent()).toContain('priceOf')
    expect(await stops.and(page.locator('[data-kind="logpoint"]')).first().textContent()).toMatch(/pricing\.ts:\d+total 11/)
    await pauseRow.click()
    await page.locator('.cm-content').getByText('export interface LineItem').waitFor()
    expect(await page.getByTestId('open-file').textContent()).toContain('pricing.ts')
    await expect.poll(() => page.locator('.cm-paused-line').textContent()).toContain('sum += line')
    // The recorded breakpoints, with their hits in the recording.
    const rows = page.getByTestId('breakpoint-row')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.filter({ hasText: `pricing.ts:${sumLine}` }).getByTestId('breakpoint-hits').textContent()).toBe('1 hit')
    await screenshot(page, 'debugger-session-dark')
    expect(session.opened.problems).toEqual([])
  })
})
