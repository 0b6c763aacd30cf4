// Themes: the page follows the browser's prefers-color-scheme, and the theme setting overrides it
// (persisted by the workbench across reloads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, openPage, screenshot, startWorkbench, type Workbench } from './harness'

let workbench: Workbench
let browser: Browser

beforeAll(async () => {
  workbench = await startWorkbench({ env: { SPYGLASS_DEMO_TICK_MS: '250' } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await workbench?.stop()
})

/** Relative luminance (0 dark … 1 light) of the page background. */
async function backgroundLuminance(page: Page): Promise<number> {
  const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number)
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
}

describe('themes', () => {
  it('follows colorScheme light and dark', async () => {
    const light = await openPage(browser, workbench.url, 'light')
    await expect.poll(() => light.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    expect(await backgroundLuminance(light.page)).toBeGreaterThan(0.8)
    await light.page.getByTestId('empty-state').waitFor()
    await screenshot(light.page, 'empty-state-light')

    // With a target, in both themes: the console's level colors must read well on each.
    await light.page.getByTestId('launch-demo').click()
    await light.page.locator('[data-testid="console-row"][data-level="error"]').first().waitFor({ timeout: 20_000 })
    await light.page.locator('[data-testid="console-row"][data-level="warn"]').first().waitFor({ timeout: 20_000 })
    await screenshot(light.page, 'console-light')

    const dark = await openPage(browser, workbench.url, 'dark')
    await expect.poll(() => dark.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await backgroundLuminance(dark.page)).toBeLessThan(0.2)
    // A second page loads what the engine already stored for the target.
    await dark.page.locator('[data-testid="console-row"][data-level="error"]').first().waitFor({ timeout: 20_000 })
    await screenshot(dark.page, 'console-dark')

    expect(light.problems).toEqual([])
    expect(dark.problems).toEqual([])
    await light.context.close()
    await dark.context.close()
  })

  it('lets the theme setting override the OS, pushed to every page and kept across reloads', async () => {
    const a = await openPage(browser, workbench.url, 'light')
    const b = await openPage(browser, workbench.url, 'light')
    const themeOf = (page: Page): Promise<string | undefined> => page.evaluate(() => document.documentElement.dataset.theme)
    await expect.poll(() => themeOf(a.page)).toBe('light')

    // system → dark
    await a.page.getByTestId('theme-toggle').click()
    await expect.poll(() => themeOf(a.page)).toBe('dark')
    await expect.poll(() => themeOf(b.page)).toBe('dark')
    await a.page.reload()
    await expect.poll(() => themeOf(a.page)).toBe('dark')
    expect(await a.page.getByTestId('theme-toggle').textContent()).toBe('Theme: dark')

    // dark → light → system: back to following the OS.
    await a.page.getByTestId('theme-toggle').click()
    await expect.poll(() => a.page.getByTestId('theme-toggle').textContent()).toBe('Theme: light')
    await a.page.getByTestId('theme-toggle').click()
    await expect.poll(() => a.page.getByTestId('theme-toggle').textContent()).toBe('Theme: system')
    expect(await themeOf(a.page)).toBe('light')
    expect(a.problems).toEqual([])
    await a.context.close()
    await b.context.close()
  })
})
