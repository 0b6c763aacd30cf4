// What the console's storage does, seen in the page: consecutive duplicates folded into one row
// with a ×N badge, a long line and a deep stack cut with markers, and the Storage popover changing
// the sampling so that new debug lines are no longer stored. The fixture program waits for a file
// before its later ticks, so "after the setting changed" is a condition, not a sleep.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openPage, repoRoot, screenshot, useWorkbenchPage } from './harness'

const session = useWorkbenchPage()
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-storage-'))
const goFile = path.join(scratch, 'go')
const fixture = path.join(repoRoot, 'e2e', 'fixtures', 'consoleStorage.mjs')
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

const numberIn = async (page: Page, testId: string): Promise<number> => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''))
const consoleRows = (page: Page) => page.locator('[data-testid="console-row"][data-source="console"]')
/** Opening a stack stops following new lines; back to following (the list is short: all of it shows). */
async function followLatest(page: Page): Promise<void> {
  await page.evaluate(() => (document.querySelector('[data-testid="jump-latest"]') as HTMLElement | null)?.click())
  await page.getByTestId('jump-latest').waitFor({ state: 'detached' })
}
/** A still picture: the pointer off the rows (no hover) and no transition (the caret's turn) running. */
async function still(page: Page): Promise<void> {
  await page.mouse.move(5, 600)
  await page.waitForFunction(() => document.getAnimations().length === 0)
}

describe('console storage', () => {
  it('folds repeated lines into one row with a ×N badge and marks what storage cut', async () => {
    const { page } = session
    await page.getByTestId('empty-state').waitFor()
    await page.getByTestId('empty-attach').click()
    await page.getByTestId('attach-tab-launch').click()
    await page.getByTestId('attach-input-launch').fill(`"${process.execPath}" "${fixture}" "${goFile}"`)
    await page.getByTestId('attach-submit').click()
    await page.getByTestId('attach-dialog').waitFor({ state: 'detached', timeout: 20_000 })
    await consoleRows(page).filter({ hasText: 'log tick 3' }).waitFor({ timeout: 20_000 })

    // Forty identical console.log calls in a row: one row, ×40, counted 40 times by its level.
    const same = consoleRows(page).filter({ hasText: 'the same line again' })
    await expect.poll(() => same.getByTestId('repeat-badge').textContent(), { timeout: 10_000 }).toBe('×40')
    expect(await same.count()).toBe(1)
    expect(await same.getByTestId('repeat-badge').getAttribute('title')).toMatch(/^40 times, last at \d\d:\d\d:\d\d\.\d{3}$/)
    // 39 repetitions of the log line, 2 of the warning, 1 of the error.
    await expect.poll(() => numberIn(page, 'console-folded')).toBe(42)
    // 40 + the long line + the trace + three ticks.
    expect(await numberIn(page, 'level-count-log')).toBe(40 + 1 + 1 + 3)
    expect(await numberIn(page, 'level-count-warn')).toBe(3)
    expect(await numberIn(page, 'level-count-error')).toBe(2)
    expect(await consoleRows(page).filter({ hasText: 'retrying the connection' }).getByTestId('repeat-badge').textContent()).toBe('×3')
    const badge = await same.getByTestId('repeat-badge').boundingBox()
    const sameBox = await same.boundingBox()
    expect(sameBox!.height).toBeLessThan(30)
    expect(badge!.height).toBeLessThan(18)

    // 6,011 characters, stored as 500 and an ellipsis, with a tag that says so.
    const long = consoleRows(page).filter({ hasText: 'long line: 0123' })
    expect(await long.getByTestId('trimmed-text').textContent()).toBe('cut from 6,011 characters')
    expect(((await long.getByTestId('console-message').textContent()) ?? '').length).toBe(501)

    // A trace 40 calls deep keeps its innermost 20 frames, and the expanded stack says so.
    const trace = consoleRows(page).filter({ hasText: 'deep stack' })
    await trace.getByTestId('stack-toggle').click()
    await trace.getByTestId('stack-trace').waitFor()
    expect(await trace.getByTestId('stack-frame').count()).toBe(20)
    expect(await trace.getByTestId('trimmed-stack').textContent()).toMatch(/^… 20 of \d+ frames kept/)

    await followLatest(page)
    await still(page)
    await screenshot(page, 'console-storage-dark')
  })

  it('opens the Storage popover from the toolbar and refuses a bad budget in one line', async () => {
    const { page } = session
    await page.getByTestId('console-storage').click()
    const popover = page.getByTestId('storage-popover')
    await popover.waitFor()
    expect(await popover.getByTestId('storage-budget').inputValue()).toBe('64')
    expect(await popover.getByTestId('storage-preset-64').getAttribute('aria-pressed')).toBe('true')
    for (const level of ['debug', 'log', 'info', 'warn', 'error']) expect(await popover.getByTestId(`storage-sampling-${level}`).inputValue()).toBe('100')
    expect(await popover.textContent()).toContain('Errors and warnings are kept whole by default')
    expect(await popover.getByTestId('storage-used').textContent()).toMatch(/\d (B|KiB|MiB)$/)
    await popover.getByTestId('storage-sampling-debug').fill('0')
    await screenshot(page, 'storage-popover-dark')

    await popover.getByTestId('storage-budget').fill('4096')
    await popover.getByTestId('storage-apply').click()
    const error = popover.getByTestId('storage-error')
    expect(await error.textContent()).toBe('The budget must be a whole number of MiB from 1 to 2,048.')
    expect((await error.boundingBox())!.height).toBeLessThan(40)
    expect(await popover.getByTestId('storage-budget').getAttribute('aria-invalid')).toBe('true')

    // Escape closes it without saving; opened again it shows the saved settings.
    await popover.getByTestId('storage-budget').press('Escape')
    await popover.waitFor({ state: 'detached' })
    await page.getByTestId('console-storage').click()
    expect(await popover.getByTestId('storage-budget').inputValue()).toBe('64')
    expect(await popover.getByTestId('storage-sampling-debug').inputValue()).toBe('100')
    await page.getByTestId('storage-cancel').click()
    await popover.waitFor({ state: 'detached' })
  })

  it('looks right in the light theme too', async () => {
    const light = await openPage(session.browser, session.workbench.url, 'light')
    const { page } = light
    const same = consoleRows(page).filter({ hasText: 'the same line again' })
    // A second page reads the stored rows: the folded one comes with its count.
    await expect.poll(() => same.getByTestId('repeat-badge').textContent(), { timeout: 15_000 }).toBe('×40')
    const trace = consoleRows(page).filter({ hasText: 'deep stack' })
    await trace.getByTestId('stack-toggle').click()
    await trace.getByTestId('trimmed-stack').waitFor()
    await followLatest(page)
    await still(page)
    await screenshot(page, 'console-storage-light')
    await page.getByTestId('console-storage').click()
    await page.getByTestId('storage-popover').waitFor()
    await page.getByTestId('storage-sampling-debug').fill('0')
    await screenshot(page, 'storage-popover-light')
    await page.getByTestId('storage-cancel').click()
    expect(light.problems).toEqual([])
    await light.context.close()
  })

  it('stores no new debug lines once debug sampling is 0', async () => {
    const { page } = session
    expect(await numberIn(page, 'level-count-debug')).toBe(3)
    await page.getByTestId('console-storage').click()
    const popover = page.getByTestId('storage-popover')
    await popover.getByTestId('storage-sampling-debug').fill('0')
    await popover.getByTestId('storage-sampling-debug').press('Enter')
    // Closed once saved: from here on the engine samples debug lines out.
    await popover.waitFor({ state: 'detached', timeout: 10_000 })

    fs.writeFileSync(goFile, '')
    await consoleRows(page).filter({ hasText: 'log tick 12' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => numberIn(page, 'console-sampled')).toBeGreaterThanOrEqual(9)
    expect(await numberIn(page, 'level-count-debug')).toBe(3)
    // Only debug lines shown (few enough to be all on screen): the three from before.
    await page.getByTestId('level-debug').click({ modifiers: ['Alt'] })
    await expect.poll(() => numberIn(page, 'console-shown')).toBe(3)
    const debugTexts = await page.locator('[data-testid="console-row"][data-level="debug"]').allTextContents()
    expect(debugTexts.map((t) => /debug tick \d+/.exec(t)?.[0])).toEqual(['debug tick 1', 'debug tick 2', 'debug tick 3'])
    await page.getByTestId('level-debug').click({ modifiers: ['Alt'] })
    expect(await page.getByTestId('console-sampled').getAttribute('title')).toMatch(/sampled/)
    await screenshot(page, 'console-sampled-dark')

    // The setting is kept: opened again, the popover shows it.
    await page.getByTestId('console-storage').click()
    expect(await popover.getByTestId('storage-sampling-debug').inputValue()).toBe('0')
    await page.getByTestId('storage-cancel').click()
    expect(session.opened.problems).toEqual([])
  })
})
