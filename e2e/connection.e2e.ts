// Losing the workbench: the page says so in a banner and keeps retrying, instead of going blank.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openPage, screenshot, startWorkbench, type Workbench } from './harness'

let workbench: Workbench
let browser: Browser

beforeAll(async () => {
  workbench = await startWorkbench()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await workbench?.stop()
})

describe('connection', () => {
  it('shows "disconnected — reconnecting" when the server goes away', async () => {
    const { page, context } = await openPage(browser, workbench.url, 'light')
    await page.getByTestId('empty-state').waitFor()
    expect(await page.getByTestId('connection-banner').count()).toBe(0)
    await workbench.stop()
    const banner = page.getByTestId('connection-banner')
    await banner.waitFor({ timeout: 15_000 })
    expect(await banner.textContent()).toBe('Disconnected — reconnecting…')
    await expect.poll(() => page.getByTestId('sidebar').textContent()).toContain('reconnecting')
    // The rest of the page is still there and usable.
    await page.keyboard.press('?')
    await page.getByTestId('help-overlay').waitFor()
    await screenshot(page, 'disconnected-light')
    await context.close()
  })
})
