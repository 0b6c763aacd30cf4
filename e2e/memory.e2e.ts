// The Memory view against a real program that leaks on demand: the heap trend with GC marks and
// its leak verdict, a snapshot taken and paged through by constructor down to one object's
// retainer paths, the leak finder's three steps finding exactly the 2,000 objects the action
// leaked, the comparison of two snapshots, the allocation sampler; in dark and light.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openPage, repoRoot, screenshot, useWorkbenchPage } from './harness'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-memory-'))
const configDir = path.join(scratch, 'config')
fs.mkdirSync(configDir)
// Four heap samples a second, so that the trend has something to judge within the test.
fs.writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify({ settings: { heapSampleIntervalMs: 250 } }))
const session = useWorkbenchPage({ configDir })
const trigger = path.join(scratch, 'leak-now')
const fixture = path.join(repoRoot, 'e2e', 'fixtures', 'leakOnDemand.mjs')
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

/** Asks the fixture to leak its 2,000 sessions and waits until it has (it deletes the file). */
async function leakNow(): Promise<void> {
  fs.writeFileSync(trigger, 'go')
  await expect.poll(() => fs.existsSync(trigger), { timeout: 10_000 }).toBe(false)
}

/** The newest snapshot in the list, once analysed. */
async function newestReady(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('snapshot-item').last().getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
}

async function still(page: Page): Promise<void> {
  await page.mouse.move(5, 790)
  await page.waitForFunction(() => document.getAnimations().length === 0)
}

describe('memory', () => {
  it('charts the heap of a live target with its GCs', async () => {
    const { page } = session
    await page.getByTestId('empty-state').waitFor()
    await page.getByTestId('empty-attach').click()
    await page.getByTestId('attach-tab-launch').click()
    await page.getByTestId('attach-input-launch').fill(`"${process.execPath}" "${fixture}" "${trigger}"`)
    await page.getByTestId('attach-submit').click()
    await page.getByTestId('attach-dialog').waitFor({ state: 'detached', timeout: 20_000 })
    await page.getByTestId('view-memory').click()
    await page.getByTestId('memory-view').waitFor()
    expect(await page.getByTestId('view-memory').getAttribute('aria-current')).toBe('page')
    await page.locator('[data-testid="heap-trend"] canvas').first().waitFor()
    await page.getByTestId('trend-verdict').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('memory-empty').textContent()).toMatch(/Take a snapshot/)
  })

  it('takes a snapshot after a forced GC and pages through it down to an object and its retainer paths', async () => {
    const { page } = session
    await page.getByTestId('take-snapshot').click()
    await newestReady(page)
    expect(await page.getByTestId('snapshot-gc').last().textContent()).toMatch(/^GC before it freed \d/)
    await page.getByTestId('summary-row').first().waitFor()
    // Sorted by retained size by default, then by count: the header says which.
    expect(await page.getByTestId('sort-retainedSize').getAttribute('aria-pressed')).toBe('true')
    await page.getByTestId('sort-count').click()
    await expect.poll(() => page.getByTestId('sort-count').getAttribute('aria-pressed')).toBe('true')
    // The re-sorted page is fetched after the header changes: wait for its footer.
    await expect.poll(() => page.getByTestId('summary-total').textContent()).toMatch(/of [\d,]+ constructors/)

    await page.getByTestId('memory-search').fill('CacheEntry')
    await page.locator('[data-testid="summary-row"][data-name="CacheEntry"]').click()
    await page.getByTestId('object-row').first().click()
    await page.getByTestId('retainer-path').first().waitFor()
    // The cache Map holds each entry: its path from the GC roots says so.
    expect(await page.getByTestId('retainer-paths').textContent()).toMatch(/Map/)
    await page.getByTestId('memory-search').fill('')
    await still(page)
    await screenshot(page, 'memory-summary-dark')
  })

  it('finds exactly what the action leaked with the leak finder, and each GC it forced', async () => {
    const { page } = session
    await page.getByTestId('memory-tab-leaks').click()
    await page.getByTestId('leak-finder').waitFor()
    await page.getByTestId('leak-next').click()
    await expect.poll(() => page.getByTestId('leak-step-target').getAttribute('class'), { timeout: 30_000 }).toContain('active')
    expect(await page.getByTestId('leak-step-baseline').getByTestId('leak-step-gc').textContent()).toMatch(/^GC freed \d/)
    await leakNow()
    await page.getByTestId('leak-next').click()
    await expect.poll(() => page.getByTestId('leak-step-final').getAttribute('class'), { timeout: 30_000 }).toContain('active')
    await page.getByTestId('leak-next').click()
    await page.getByTestId('leak-results').waitFor({ timeout: 60_000 })
    const leaked = page.locator('[data-testid="leak-row"][data-name="LeakedSession"]')
    await leaked.waitFor()
    expect(await leaked.count()).toBe(1)
    expect(await leaked.getByTestId('leak-count').textContent()).toBe('2,000')
    // The three snapshots are in the list, marked with their steps.
    expect(await page.getByTestId('snapshot-list').textContent()).toMatch(/baseline[\s\S]*target[\s\S]*final/)
    await leaked.click()
    await page.getByTestId('retainer-path').first().waitFor()
    expect(await page.getByTestId('object-detail').textContent()).toMatch(/LeakedSession/)
    await still(page)
    await screenshot(page, 'memory-leaks-dark')
  })

  it('compares two snapshots: the leaked objects are new', async () => {
    const { page } = session
    await page.getByTestId('memory-tab-comparison').click()
    // The leak finder left its final snapshot selected: compared with the baseline here.
    expect(await page.getByTestId('snapshot-item').filter({ hasText: 'final' }).getAttribute('aria-pressed')).toBe('true')
    const baseline = await page.getByTestId('snapshot-item').filter({ hasText: 'baseline' }).getAttribute('data-id')
    await page.getByTestId('diff-base').selectOption(baseline!)
    const row = page.locator('[data-testid="diff-row"][data-name="LeakedSession"]')
    await row.waitFor({ timeout: 30_000 })
    expect(await row.getByTestId('diff-count-delta').textContent()).toBe('+2,000')
    await row.click()
    await expect.poll(() => page.getByTestId('object-list').textContent()).toMatch(/New LeakedSession objects \(2,000\)/)
    await still(page)
    await screenshot(page, 'memory-comparison-dark')
  })

  it('flags the slow leak in the heap trend and samples allocations', async () => {
    const { page } = session
    await expect.poll(() => page.getByTestId('trend-verdict').getAttribute('data-leak'), { timeout: 90_000, interval: 1000 }).toBe('true')
    expect(await page.getByTestId('trend-verdict').textContent()).toMatch(/^Leak suspected: \+[\d.]+ [KM]iB\/min after GC$/)
    await page.getByTestId('memory-tab-allocations').click()
    await page.getByTestId('sampling-start').click()
    await page.getByTestId('sampling-stop').waitFor()
    await leakNow()
    await page.getByTestId('sampling-stop').click()
    await page.getByTestId('allocation-flame').waitFor()
    expect(await page.getByTestId('allocation-sites').textContent()).toMatch(/leakOnDemand\.mjs/)
    await page.getByTestId('collect-garbage').click()
    await page.getByTestId('gc-freed').waitFor()
    await still(page)
    await screenshot(page, 'memory-allocations-dark')
  })

  it('imports a .heapsnapshot file through the page (uploaded to the server) and pages through it', async () => {
    const { page } = session
    const file = path.resolve(repoRoot, '../shared/fixtures/heapsnapshot/v8-heap-analyzer-object-modern.heapsnapshot')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-snapshot').click()])
    await chooser.setFiles(file)
    // Listed under its own name, not the name of its upload on the server.
    const imported = page.getByTestId('snapshot-item').filter({ has: page.getByText('v8-heap-analyzer-object-modern.heapsnapshot', { exact: true }) })
    await expect.poll(() => imported.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    expect(await imported.textContent()).toMatch(/imported · 3\.6 MiB · [\d,]+ objects/)
    expect(await imported.getAttribute('aria-pressed')).toBe('true')
    await page.getByTestId('memory-tab-summary').click()
    await page.getByTestId('summary-row').first().waitFor()
    // The re-sorted page is fetched after the header changes: wait for its footer.
    await expect.poll(() => page.getByTestId('summary-total').textContent()).toMatch(/of [\d,]+ constructors/)

    // Saved back as the same standard file (a download from the server).
    const [download] = await Promise.all([page.waitForEvent('download'), imported.getByTestId('snapshot-save').click()])
    expect(download.suggestedFilename()).toMatch(/v8-heap-analyzer-object-modern\.heapsnapshot$/)
    expect(fs.statSync((await download.path())!).size).toBe(fs.statSync(file).size)
  })

  it('looks right in the light theme', async () => {
    const light = await openPage(session.browser, session.workbench.url, 'light')
    try {
      const { page } = light
      await page.getByTestId('view-memory').click()
      await page.getByTestId('memory-view').waitFor()
      await page.getByTestId('memory-tab-leaks').click()
      await page.getByTestId('leak-results').waitFor({ timeout: 30_000 })
      await page.getByTestId('memory-tab-summary').click()
      await page.getByTestId('summary-row').first().waitFor({ timeout: 30_000 })
      await page.locator('[data-testid="heap-trend"] canvas').first().waitFor()
      await still(page)
      await screenshot(page, 'memory-summary-light')
      expect(light.problems).toEqual([])
    } finally {
      await light.context.close()
    }
    expect(session.opened.problems).toEqual([])
  })
})
