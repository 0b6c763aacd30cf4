// The Profiler view against a real `spyglass serve`: a CPU profile captured from the demo
// (start, stop, listed, drawn), then a real .cpuprofile imported through the page (upload and
// import), its flame graph hovered, focused and searched, the function table sorted, a function
// selected with its callers and callees, the flame chart, a dropped profile; in dark and light.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { openPage, repoRoot, screenshot, useWorkbenchPage } from './harness'

const session = useWorkbenchPage({ env: { SPYGLASS_DEMO_TICK_MS: '250' } })
const fixtures = path.join(repoRoot, '..', 'shared', 'fixtures', 'cpuprofile')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-profiler-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

/** A real profile (sucrase compiling, from DevTools) copied under a name of our own. */
function copyFixture(name: string, as: string): string {
  const to = path.join(work, as)
  fs.copyFileSync(path.join(fixtures, name), to)
  return to
}

const items = (page: Page = session.page): Locator => page.getByTestId('profile-item')
const rowsOf = (page: Page = session.page): Locator => page.getByTestId('function-row')
const attributes = (locator: Locator, name: string): Promise<string[]> => locator.evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name)
const canvasOf = (page: Page, testId: string): Locator => page.locator(`[data-testid="${testId}"] canvas`)
const numberAttr = async (locator: Locator, name: string): Promise<number> => Number((await locator.getAttribute(name)) ?? 'NaN')
const span = async (canvas: Locator): Promise<number> => (await numberAttr(canvas, 'data-end-ms')) - (await numberAttr(canvas, 'data-start-ms'))

/** Opens the Profiler view with its keyboard shortcut (third view: Ctrl+3). */
async function showProfiler(page: Page): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('Control+3')
  await page.getByTestId('profiler-view').waitFor()
}

/** Waits until the flame graph drew a payload (nodes in hand, rectangles on the canvas). */
async function drawn(page: Page, testId = 'flame-graph'): Promise<Locator> {
  const canvas = canvasOf(page, testId)
  await expect.poll(() => numberAttr(canvas, 'data-nodes'), { timeout: 20_000 }).toBeGreaterThan(0)
  await expect.poll(() => numberAttr(canvas, 'data-rects'), { timeout: 20_000 }).toBeGreaterThan(0)
  return canvas
}

/** A point inside row `row` of a flame canvas, `fraction` of the way across. */
async function pointIn(canvas: Locator, row: number, fraction: number): Promise<{ x: number; y: number }> {
  const box = (await canvas.boundingBox())!
  return { x: box.x + box.width * fraction, y: box.y + row * 18 + 9 }
}

interface CpuProfileFile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }>
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/**
 * Read from the file itself: the stretches of time during which one frame stays at depth 1 (just
 * under the root), in time order, with their times in ms from the profile's start.
 */
function topFrameStretches(file: string): Array<{ name: string; startMs: number; endMs: number }> {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfileFile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  const topOf = (id: number): number | null => {
    let at = id
    while (parentOf.has(parentOf.get(at)!)) at = parentOf.get(at)!
    return parentOf.has(at) ? at : null
  }
  const frameKey = (id: number): string => JSON.stringify(byId.get(id)!.callFrame)
  const stretches: Array<{ key: string; name: string; startMs: number; endMs: number }> = []
  let t = 0
  profile.samples.forEach((sample, i) => {
    t += profile.timeDeltas[i]
    const top = topOf(sample)
    const key = top === null ? '' : frameKey(top)
    const last = stretches.at(-1)
    if (last?.key === key) return
    if (last) last.endMs = t / 1000
    stretches.push({ key, name: top === null ? '' : byId.get(top)!.callFrame.functionName || '(anonymous)', startMs: t / 1000, endMs: t / 1000 })
  })
  stretches.at(-1)!.endMs = (profile.endTime - profile.startTime) / 1000
  return stretches.filter((s) => s.key !== '').map(({ name, startMs, endMs }) => ({ name, startMs, endMs }))
}

describe('profiler', () => {
  it('captures a CPU profile of the demo: start, running state, stop, listed and drawn', async () => {
    const page = session.page
    await page.getByTestId('empty-state').waitFor()
    await page.getByTestId('launch-demo').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 20_000 }).toContain('attached')
    await showProfiler(page)
    expect(await page.getByTestId('view-profiler').getAttribute('aria-current')).toBe('page')

    await page.getByTestId('capture-interval').selectOption('250')
    await page.getByTestId('capture-start').click()
    const controls = page.getByTestId('capture-controls')
    await expect.poll(() => controls.getAttribute('data-running'), { timeout: 15_000 }).toBe('true')
    // The clock runs while the capture does (the demo keeps working meanwhile).
    await expect.poll(() => page.getByTestId('capture-state').textContent(), { timeout: 15_000 }).toMatch(/Recording 0:0[1-9]/)
    await screenshot(page, 'profiler-capture-dark')
    await page.getByTestId('capture-stop').click()
    await expect.poll(() => controls.getAttribute('data-running'), { timeout: 20_000 }).toBe('false')

    const captured = items().filter({ has: page.locator('.source-capture') })
    await expect.poll(() => captured.count(), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => captured.first().getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    expect(await captured.first().getAttribute('aria-selected')).toBe('true')
    await drawn(page)
    await expect.poll(() => rowsOf().count(), { timeout: 15_000 }).toBeGreaterThan(0)
    // The demo's own functions are attributed to "your code".
    await expect.poll(() => page.getByTestId('group-row').filter({ hasText: 'your code' }).count()).toBe(1)
  })

  it('imports a real .cpuprofile through the page and draws its flame graph', async () => {
    const page = session.page
    const file = copyFixture('speedscope-node-devtools-sucrase-1mb.cpuprofile', 'sucrase.cpuprofile')
    await page.getByTestId('profile-file-input').setInputFiles(file)
    const imported = items().filter({ hasText: 'sucrase.cpuprofile' })
    await expect.poll(() => imported.first().getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    expect(await imported.first().getAttribute('aria-selected')).toBe('true')
    expect(await imported.first().getAttribute('data-source')).toBe('import')
    await drawn(page)
    // The table lists the profile's functions by self time, biggest first.
    await expect.poll(() => rowsOf().count(), { timeout: 15_000 }).toBeGreaterThan(10)
    const selfs = (await attributes(rowsOf(), 'data-self')).map(Number)
    expect(selfs.every((v, i) => i === 0 || selfs[i - 1] >= v)).toBe(true)
    await screenshot(page, 'profiler-dark')

    // Export: the browser downloads the standard .cpuprofile from the server.
    const [download] = await Promise.all([page.waitForEvent('download'), imported.first().getByTestId('profile-export').click()])
    const saved = path.join(work, `exported-${download.suggestedFilename()}`)
    await download.saveAs(saved)
    expect(download.suggestedFilename()).toMatch(/\.cpuprofile$/)
    const exported = JSON.parse(fs.readFileSync(saved, 'utf8')) as { nodes: unknown[]; samples: unknown[] }
    const original = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: unknown[]; samples: unknown[] }
    expect(exported.samples.length).toBe(original.samples.length)
    expect(exported.nodes.length).toBe(original.nodes.length)
  })

  it('hovers a frame for its details, and a click focuses on it and selects its function', async () => {
    const page = session.page
    const canvas = await drawn(page)
    const whole = await span(canvas)
    const at = await pointIn(canvas, 2, 0.02)
    await page.mouse.move(at.x, at.y)
    const tip = page.getByTestId('flame-tooltip')
    await tip.waitFor()
    const name = (await page.getByTestId('flame-tooltip-name').textContent()) ?? ''
    expect(name.length).toBeGreaterThan(0)
    expect(await tip.textContent()).toMatch(/self [\d.,]+ m?s.*total [\d.,]+ m?s/)
    await screenshot(page, 'profiler-hover-dark')

    await page.mouse.click(at.x, at.y)
    // Focused: the breadcrumbs grow, the window narrows to the frame, the table selects its function.
    await expect.poll(() => page.getByTestId('flame-crumb').count(), { timeout: 10_000 }).toBeGreaterThan(1)
    await expect.poll(() => span(canvas), { timeout: 10_000 }).toBeLessThan(whole)
    expect(await page.getByTestId('flame-crumb').last().textContent()).toBe(name)
    // In the table: its row, or pinned above the rows while the loaded pages do not reach it.
    await expect.poll(() => page.locator('[data-testid="function-table"] [aria-selected="true"]').getAttribute('data-name')).toBe(name === '(anonymous)' ? '' : name)
    await page.getByTestId('sandwich-name').waitFor()
    expect(await page.getByTestId('sandwich-name').textContent()).toBe(name)

    // Escape goes back up one level, the first crumb to the whole profile.
    await page.getByTestId('flame-crumb').first().click()
    await expect.poll(() => page.getByTestId('flame-crumb').count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => span(canvas), { timeout: 10_000 }).toBeCloseTo(whole, 3)
  })

  it('zooms with the wheel and keys, pans by dragging, and asks for finer payloads', async () => {
    const page = session.page
    const canvas = await drawn(page)
    const whole = await span(canvas)
    const box = (await canvas.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + 40)
    const coarse = await numberAttr(canvas, 'data-nodes')
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -200)
    await expect.poll(() => span(canvas)).toBeLessThan(whole / 4)
    // Once the zoom settles, a payload cut for the narrower window replaces the coarse one.
    await expect.poll(() => numberAttr(canvas, 'data-nodes'), { timeout: 10_000 }).not.toBe(coarse)
    const before = await numberAttr(canvas, 'data-start-ms')
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + 40, { steps: 5 })
    await page.mouse.up()
    await expect.poll(() => numberAttr(canvas, 'data-start-ms')).toBeGreaterThan(before)
    await canvas.focus()
    const zoomed = await span(canvas)
    await page.keyboard.press('-')
    await expect.poll(() => span(canvas)).toBeGreaterThan(zoomed)
    await page.keyboard.press('0')
    await expect.poll(() => span(canvas)).toBeCloseTo(whole, 3)
  })

  it('searches: the table narrows on the engine and the flame views dim what does not match', async () => {
    const page = session.page
    await page.getByTestId('profiler-search').fill('transform')
    // The engine matches names and files.
    const matching = async (): Promise<boolean> => {
      const names = await attributes(rowsOf(), 'data-name')
      const urls = await attributes(rowsOf(), 'data-url')
      return names.length > 0 && names.every((n, i) => /transform/i.test(n) || /transform/i.test(urls[i]))
    }
    await expect.poll(matching, { timeout: 10_000 }).toBe(true)
    expect(await attributes(rowsOf(), 'data-name')).toContain('transform')
    const canvas = await drawn(page)
    // Frames of other functions are drawn dimmed; the matching ones keep their colors.
    await expect.poll(() => numberAttr(canvas, 'data-dimmed')).toBeGreaterThan(0)
    expect(await numberAttr(canvas, 'data-dimmed')).toBeLessThan(await numberAttr(canvas, 'data-rects'))
    await screenshot(page, 'profiler-search-dark')
    await page.getByTestId('profiler-search').fill('')
    await expect.poll(() => rowsOf().count()).toBeGreaterThan(10)
    await expect.poll(() => numberAttr(canvas, 'data-dimmed')).toBe(0)
  })

  it('sorts the table by total time and by name', async () => {
    const page = session.page
    await page.getByTestId('fn-sort-total').click()
    await expect
      .poll(async () => {
        const totals = (await attributes(rowsOf(), 'data-total')).map(Number)
        return totals.length > 5 && totals.every((v, i) => i === 0 || totals[i - 1] >= v)
      })
      .toBe(true)
    await page.getByTestId('fn-sort-name').click()
    await expect
      .poll(async () => {
        const names = await attributes(rowsOf(), 'data-name')
        // The engine compares names case-insensitively, code unit by code unit.
        return names.length > 5 && names.slice(0, 40).every((v, i, a) => i === 0 || a[i - 1].toLowerCase() <= v.toLowerCase())
      })
      .toBe(true)
    await page.getByTestId('fn-sort-self').click()
  })

  it('selects a function in the table: its sandwich, callers above and callees below', async () => {
    const page = session.page
    // The table is back on self time (the previous test's last click): wait for those rows.
    await expect
      .poll(async () => {
        const selfs = (await attributes(rowsOf(), 'data-self')).map(Number)
        return selfs.length > 5 && selfs.every((v, i) => i === 0 || selfs[i - 1] >= v)
      })
      .toBe(true)
    // A function found through the search (the table narrows on the engine).
    await page.getByTestId('profiler-search').fill('getSucraseTokens')
    const row = page.locator('[data-testid="function-row"][data-name="getSucraseTokens"]').first()
    await row.waitFor({ timeout: 10_000 })
    await row.click()
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true')
    await page.getByTestId('sandwich').waitFor()
    await expect.poll(() => page.getByTestId('sandwich-name').textContent()).toBe('getSucraseTokens')
    await expect.poll(() => numberAttr(page.getByTestId('sandwich-callers'), 'data-count')).toBeGreaterThan(1)
    await expect.poll(() => numberAttr(page.getByTestId('sandwich-callees'), 'data-count')).toBeGreaterThan(1)
    await drawn(page, 'sandwich-callers-canvas')
    await drawn(page, 'sandwich-callees-canvas')
    // Linked: the flame graph outlines the function's frames (the engine's nodesOf).
    await expect.poll(() => numberAttr(canvasOf(page, 'flame-graph'), 'data-highlighted')).toBeGreaterThan(0)
    await screenshot(page, 'profiler-sandwich-dark')
    await page.getByTestId('profiler-search').fill('')
    // Package breakdown: a click narrows the table to that group.
    await page.getByTestId('tab-groups').click()
    const group = page.locator('[data-testid="group-row"][data-category="v8"]')
    await group.click()
    await page.getByTestId('group-filter-clear').waitFor()
    await expect.poll(async () => {
      const categories = await attributes(rowsOf(), 'data-category')
      return categories.length > 0 && categories.every((c) => c === 'v8')
    }).toBe(true)
    await page.getByTestId('group-filter-clear').click()
    await expect.poll(async () => new Set(await attributes(rowsOf(), 'data-category')).size).toBeGreaterThan(1)
  })

  it('draws the flame chart in time order', async () => {
    const page = session.page
    // A profile whose top frames alternate in time (idle stretches between timer callbacks): the
    // frames under the pointer, read where the file's samples put each wide stretch, must come in
    // the file's order; a chart merged by frame (as the flame graph is) would show other names.
    const file = copyFixture('vscode-js-debug-node-windows.cpuprofile', 'timeline.cpuprofile')
    await page.getByTestId('profile-file-input').setInputFiles(file)
    const timeline = items().filter({ hasText: 'timeline.cpuprofile' })
    await expect.poll(() => timeline.first().getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    await page.getByTestId('mode-chart').click()
    const canvas = await drawn(page, 'flame-chart')
    const whole = await span(canvas)
    const stretches = topFrameStretches(file).filter((s) => s.endMs - s.startMs > whole * 0.02)
    expect(new Set(stretches.map((s) => s.name)).size).toBeGreaterThan(1)
    const startMs = await numberAttr(canvas, 'data-start-ms')
    const box = (await canvas.boundingBox())!
    let at = await pointIn(canvas, 1, 0)
    for (const [i, stretch] of stretches.entries()) {
      at = { x: box.x + (((stretch.startMs + stretch.endMs) / 2 - startMs) / whole) * box.width, y: at.y }
      await page.mouse.move(at.x, at.y)
      const where = `stretch ${i + 1} of ${stretches.length}, ${stretch.startMs.toFixed(0)}–${stretch.endMs.toFixed(0)} ms`
      await expect.poll(() => page.getByTestId('flame-tooltip-name').textContent(), { message: where, timeout: 5_000 }).toBe(stretch.name)
    }
    // A span of the time-ordered chart has a duration (no self/total), and a click zooms onto it.
    expect(await page.getByTestId('flame-tooltip').textContent()).toMatch(/duration/)
    await screenshot(page, 'profiler-chart-dark')
    await page.mouse.click(at.x, at.y)
    await expect.poll(() => span(canvas)).toBeLessThan(whole)
    await page.getByTestId('mode-graph').click()
  })

  it('imports a dropped .cpuprofile and shows the view in light', async () => {
    const page = session.page
    const bytes = fs.readFileSync(path.join(fixtures, 'cpupro-node-demo-typeid-title.cpuprofile')).toString('base64')
    await page.evaluate(
      async ({ bytes }) => {
        const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))
        const transfer = new DataTransfer()
        transfer.items.add(new File([data], 'dropped.cpuprofile'))
        window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }))
        window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      },
      { bytes }
    )
    const dropped = items().filter({ hasText: 'dropped.cpuprofile' })
    await page.getByTestId('mode-graph').click()
    await expect.poll(() => dropped.first().getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    await drawn(page)

    const light = await openPage(session.browser, session.workbench.url, 'light')
    try {
      await showProfiler(light.page)
      await light.page.getByTestId('profile-item').filter({ hasText: 'sucrase.cpuprofile' }).click()
      await drawn(light.page)
      await expect.poll(() => rowsOf(light.page).count(), { timeout: 15_000 }).toBeGreaterThan(0)
      await rowsOf(light.page).nth(1).click()
      await light.page.getByTestId('sandwich-name').waitFor()
      await screenshot(light.page, 'profiler-light')
      expect(light.problems).toEqual([])
    } finally {
      await light.context.close()
    }
    expect(session.opened.problems).toEqual([])
  })

  it('keeps a profile captured while recording in the session, and shows it read-only when the session is opened', async () => {
    const page = session.page
    await page.getByTestId('record').click()
    await page.getByTestId('recording-indicator').waitFor()
    const captured = items().filter({ has: page.locator('.source-capture') })
    const before = await captured.count()
    await page.getByTestId('capture-start').click()
    await expect.poll(() => page.getByTestId('capture-state').textContent(), { timeout: 15_000 }).toMatch(/Recording 0:0[1-9]/)
    await page.getByTestId('capture-stop').click()
    await expect.poll(() => captured.count(), { timeout: 20_000 }).toBe(before + 1)
    await expect.poll(() => captured.first().getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')

    await page.getByTestId('stop-recording').click()
    await page.getByTestId('save-session').waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-session').click()])
    const saved = path.join(work, download.suggestedFilename())
    await download.saveAs(saved)

    // Opened again (picked with Ctrl+O, uploaded to the host): its recorded target is shown, read-only.
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')])
    await chooser.setFiles(saved)
    await page.getByTestId('session-readonly').waitFor({ timeout: 20_000 })
    await page.getByTestId('profiler-view').waitFor()
    const fromSession = items().filter({ has: page.locator('.source-session') })
    await expect.poll(() => fromSession.count(), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => fromSession.first().getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    await expect.poll(() => fromSession.first().getAttribute('aria-selected')).toBe('true')
    // Nothing to capture from a recording; its profile is drawn like any other.
    expect(await page.getByTestId('capture-controls').count()).toBe(0)
    await drawn(page)
    await screenshot(page, 'profiler-session-dark')
    expect(session.opened.problems).toEqual([])
  })
})
