// The Errors view against the real demo: its errors grouped live with categories and hints, sorted
// by recency, filtered by category, a group's detail with stack and samples, the rate chart; in
// dark and light; then the same groups read-only from a saved session.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { openPage, screenshot, useWorkbenchPage } from './harness'

const session = useWorkbenchPage({ env: { SPYGLASS_DEMO_TICK_MS: '250' } })
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-errors-'))
afterAll(() => fs.rmSync(downloads, { recursive: true, force: true }))

const groups = (page: Page = session.page): Locator => page.getByTestId('error-group')
/** The demo's uncaught TypeError (every sixth tick, from a timer in demo.mjs). */
const typeErrorGroup = (page: Page = session.page): Locator =>
  groups(page).filter({ hasText: 'TypeError' }).filter({ hasText: "reading 'address'" })
const numberIn = async (locator: Locator): Promise<number> => Number(((await locator.textContent()) ?? '').replace(/[^\d]/g, ''))
const attributes = (locator: Locator, name: string): Promise<string[]> => locator.evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name)

/** Opens the Errors view with its keyboard shortcut (second view: Ctrl+2). */
async function showErrors(page: Page): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('Control+2')
  await page.getByTestId('errors-view').waitFor()
}

describe('errors', () => {
  it('groups the demo\'s errors live, with a category and a hint for each', async () => {
    const page = session.page
    await page.getByTestId('empty-state').waitFor()
    await page.getByTestId('launch-demo').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 20_000 }).toContain('attached')
    await showErrors(page)
    expect(await page.getByTestId('view-errors').getAttribute('aria-current')).toBe('page')

    // The uncaught TypeError: a runtime error the catalog knows, with its hint.
    await typeErrorGroup().waitFor({ timeout: 20_000 })
    const typeError = typeErrorGroup()
    expect(await typeError.getAttribute('data-category')).toBe('runtime')
    expect(await typeError.getByTestId('category-chip').textContent()).toBe('runtime/type')
    expect(await typeError.getByTestId('severity-chip').textContent()).toBe('high')
    expect(await typeError.getAttribute('title')).toMatch(/undefined|null/i)
    expect(await typeError.getByTestId('error-top-frame').textContent()).toMatch(/demo\.mjs:\d+/)

    // The order validation error logged with console.error: its own group, recognised as input
    // validation by its type's family (…ValidationError).
    const validation = groups().filter({ hasText: 'OrderValidationError' })
    await validation.first().waitFor({ timeout: 20_000 })
    expect(await validation.count()).toBe(1)
    expect(await validation.getByTestId('category-chip').textContent()).toBe('input validation')
    expect(await validation.getByTestId('error-top-frame').textContent()).toMatch(/validateOrder \(.*demo\.mjs:\d+\)/)

    // The worker's one crash: the same kind of error at another call site, another group.
    await groups().filter({ hasText: "reading 'path'" }).waitFor({ timeout: 20_000 })

    // The rate chart draws on a canvas; every group has a sparkline.
    await page.locator('[data-testid="error-rate-chart"] canvas').first().waitFor()
    expect(await page.getByTestId('error-sparkline').count()).toBe(await groups().count())

    // Counts grow while the demo runs, without a reload.
    const before = await numberIn(typeError.getByTestId('error-count'))
    await expect.poll(() => numberIn(typeErrorGroup().getByTestId('error-count')), { timeout: 20_000 }).toBeGreaterThan(before)
    expect(await numberIn(page.getByTestId('errors-occurrences'))).toBeGreaterThan(0)
  })

  it('sorts by recency and filters by category', async () => {
    const page = session.page
    await page.getByTestId('errors-sort-recent').click()
    expect(await page.getByTestId('errors-sort-recent').getAttribute('aria-pressed')).toBe('true')
    // Newest first, as the rows say themselves (live refreshes keep the order).
    await expect
      .poll(async () => {
        const seen = (await attributes(groups(), 'data-last-seen')).map(Number)
        return seen.length > 1 && seen.every((t, i) => i === 0 || seen[i - 1] >= t)
      })
      .toBe(true)

    await page.getByTestId('errors-category-button').click()
    await page.getByTestId('errors-category-runtime').check()
    await page.keyboard.press('Escape')
    await page.getByTestId('errors-category-menu').waitFor({ state: 'detached' })
    expect(await page.getByTestId('errors-category-button').textContent()).toContain('runtime/type')
    await expect.poll(async () => new Set(await attributes(groups(), 'data-category'))).toEqual(new Set(['runtime']))
    expect(await groups().filter({ hasText: 'OrderValidationError' }).count()).toBe(0)
    // The uncaught TypeErrors, the unhandled rejection, the worker's crash.
    expect(await groups().count()).toBeGreaterThanOrEqual(3)
    expect(await page.getByTestId('errors-total').textContent()).toMatch(/^\d+ groups shown$/)

    await page.getByTestId('errors-clear-filters').click()
    await expect.poll(async () => new Set(await attributes(groups(), 'data-category')).size).toBeGreaterThan(1)
    await page.getByTestId('errors-sort-count').click()
    await expect
      .poll(async () => {
        const counts = (await attributes(groups(), 'data-count')).map(Number)
        return counts.every((n, i) => i === 0 || counts[i - 1] >= n)
      })
      .toBe(true)
  })

  it('opens a group\'s detail with hint, docs, stack and samples, kept across live updates', async () => {
    const page = session.page
    await typeErrorGroup().click()
    const detail = page.getByTestId('error-detail')
    await detail.getByTestId('error-detail-title').waitFor()
    expect(await typeErrorGroup().getAttribute('aria-selected')).toBe('true')
    expect(await detail.getByTestId('error-detail-title').textContent()).toBe('Property of undefined or null')
    expect((await detail.getByTestId('error-hint').textContent())?.length).toBeGreaterThan(40)
    const docs = detail.getByTestId('error-docs')
    expect(await docs.getAttribute('href')).toMatch(/^https:\/\//)
    expect(await docs.getAttribute('target')).toBe('_blank')

    // The latest sample's stack: the demo's own frames emphasised, Node's internals dimmed.
    const frames = detail.getByTestId('error-stack-frame')
    await expect.poll(() => frames.count()).toBeGreaterThan(0)
    const appFrames = detail.locator('[data-testid="error-stack-frame"][data-origin="app"]')
    expect(await appFrames.count()).toBeGreaterThan(0)
    expect(await appFrames.first().textContent()).toMatch(/demo\.mjs:\d+:\d+/)

    const samples = detail.getByTestId('error-sample')
    expect(await samples.count()).toBeGreaterThan(0)
    expect(await samples.first().textContent()).toContain("Cannot read properties of undefined (reading 'address')")
    expect(await detail.getByTestId('error-messages').locator('li').count()).toBeGreaterThan(0)

    // Live: the count in the detail grows, the group stays selected.
    const count = await numberIn(detail.getByTestId('error-detail-count'))
    await expect.poll(() => numberIn(detail.getByTestId('error-detail-count')), { timeout: 20_000 }).toBeGreaterThan(count)
    expect(await typeErrorGroup().getAttribute('aria-selected')).toBe('true')
    await screenshot(page, 'errors-dark')

    // The same view in the light theme, in a second page on the same workbench.
    const light = await openPage(session.browser, session.workbench.url, 'light')
    await showErrors(light.page)
    await typeErrorGroup(light.page).click()
    await light.page.getByTestId('error-detail').getByTestId('error-stack-frame').first().waitFor()
    await screenshot(light.page, 'errors-light')
    expect(light.problems).toEqual([])
    await light.context.close()

    // Escape closes the detail.
    await page.getByTestId('error-list').focus()
    await page.keyboard.press('Escape')
    await detail.waitFor({ state: 'detached' })
    expect(session.opened.problems).toEqual([])
  })

  it('shows the same groups read-only from a saved session', async () => {
    const page = session.page
    await page.getByTestId('record').click()
    await page.getByTestId('recording-indicator').waitFor()
    await page.getByTestId('stop-recording').click()
    await page.getByTestId('save-session').waitFor()
    await page.getByTestId('detach').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 15_000 }).toMatch(/detached|exited/)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-session').click()])
    await download.saveAs(path.join(downloads, download.suggestedFilename()))

    // Open it beside the (now detached) live target, from the recent list.
    await page.getByTestId('open-session-menu').click()
    await page.getByTestId('open-menu').getByTestId('recent-open').first().click()
    await page.locator('[data-testid="session-header"][data-state="opened"]').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('target-state').textContent()).toContain('recorded')
    await page.getByTestId('errors-view').waitFor()
    await typeErrorGroup().waitFor({ timeout: 20_000 })
    const countsOf = async (): Promise<Map<string, number>> => {
      const fingerprints = await attributes(groups(), 'data-fingerprint')
      const counts = (await attributes(groups(), 'data-count')).map(Number)
      return new Map(fingerprints.map((f, i) => [f, counts[i]]))
    }
    const recorded = await countsOf()
    expect(recorded.size).toBeGreaterThan(1)
    await typeErrorGroup().click()
    await page.getByTestId('error-detail').getByTestId('error-sample').first().waitFor()
    await screenshot(page, 'errors-session-dark')

    // The live target: everything up to Stop was recorded, and it went on a little until Detach.
    await page.getByTestId('target-selector').click()
    await page.locator('[data-testid="target-option"][data-depth="0"]').filter({ hasNot: page.getByTestId('session-tag') }).click()
    await expect.poll(() => page.getByTestId('target-state').textContent()).toMatch(/detached|exited/)
    await typeErrorGroup().waitFor({ timeout: 20_000 })
    const live = await countsOf()
    for (const [fingerprint, count] of recorded) {
      expect(live.has(fingerprint), `recorded group ${fingerprint} is a live one`).toBe(true)
      expect(count).toBeLessThanOrEqual(live.get(fingerprint)!)
    }
    expect(session.opened.problems).toEqual([])
  })
})
