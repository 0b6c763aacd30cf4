// The System view against a real `spyglass serve`, with the fake nvidia-smi replaying a real
// capture (two RTX A5000, driver 590) given to the server through SPYGLASS_NVIDIA_SMI: health
// tiles, timelines with a shared crosshair, an alert, the GPU process table with the demo's
// own row highlighted; in dark and light; then the samples of a saved session, read-only.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { installFakeNvidiaSmi } from '../src/main/metrics/test/fakeNvidiaSmi'
import { openPage, screenshot, useWorkbenchPage } from './harness'

const fake = installFakeNvidiaSmi({ fixtures: ['telegraf-dual-rtx-a5000-drv590-v13.xml'] })
// Settings the server starts with (conf's file): sampled twice a second, and host memory
// warning from 1 %, so that an alert is raised on any machine within seconds.
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-system-'))
fs.writeFileSync(
  path.join(configDir, 'settings.json'),
  JSON.stringify({ settings: { metricsIntervalMs: 500, metricsAlertAfterMs: 2000, metricsThresholds: { hostMemoryPct: { warn: 1, critical: 99.9 } } } })
)
const session = useWorkbenchPage({ env: { SPYGLASS_NVIDIA_SMI: fake.binary, SPYGLASS_DEMO_TICK_MS: '250' }, configDir })
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-system-dl-'))
afterAll(() => {
  fake.remove()
  fs.rmSync(downloads, { recursive: true, force: true })
  fs.rmSync(configDir, { recursive: true, force: true })
})

async function showSystem(page: Page): Promise<void> {
  await page.getByTestId('view-system').click()
  await page.getByTestId('system-view').waitFor()
}

/** Host samples the view holds, as its header says. */
const sampleCount = async (page: Page): Promise<number> => Number(((await page.locator('.system-header .muted').textContent()) ?? '').match(/(\d+) samples/)?.[1] ?? 0)

const chart = (page: Page, id: string) => page.locator(`[data-testid="system-chart-${id}"] canvas`).first()

describe('system', () => {
  it('shows host and GPU health without a target', async () => {
    const page = session.page
    await page.getByTestId('empty-state').waitFor()
    await showSystem(page)
    expect(await page.getByTestId('view-system').getAttribute('aria-current')).toBe('page')
    await page.locator('[data-testid="health-tile"][data-metric="hostCpuPct"]').waitFor({ timeout: 20_000 })
    await page.getByTestId('gpu-row').first().waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('gpu-row').allTextContents()).toEqual([expect.stringContaining('GPU 0 NVIDIA RTX A5000'), expect.stringContaining('GPU 1 NVIDIA RTX A5000')])
    await chart(page, 'host-cpu').waitFor()
    await chart(page, 'gpu-util').waitFor()
    await chart(page, 'gpu-memory').waitFor()
  })

  it('adds the target: its process metrics, its GPU row highlighted, an alert, a shared crosshair', async () => {
    const page = session.page
    // The demo is launched from the empty state of a view that needs a target.
    await page.getByTestId('view-console').click()
    await page.getByTestId('launch-demo').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 20_000 }).toContain('attached')
    const pid = ((await page.getByTestId('target-pid').first().textContent()) ?? '').replace(/\D/g, '')
    expect(Number(pid)).toBeGreaterThan(0)
    // The demo stands in for the capture's first GPU process (llama-server, 22430 MiB).
    fs.writeFileSync(fake.pidFile, pid)
    await showSystem(page)

    await chart(page, 'target-eld').waitFor({ timeout: 20_000 })
    await chart(page, 'target-heap').waitFor()
    await page.locator('[data-testid="health-tile"][data-metric="eventLoopDelayP99Ms"]').waitFor({ timeout: 20_000 })
    const own = page.locator('[data-testid="gpu-process-row"][data-own="true"]')
    await own.waitFor({ timeout: 20_000 })
    expect(await own.textContent()).toContain(pid)
    expect(await own.textContent()).toContain('22430 MiB')
    expect(await page.locator('[data-testid="gpu-process-row"][data-own="false"]').count()).toBe(1)

    // Host memory above its (lowered) warn threshold for the sustain period: an alert.
    await page.locator('[data-testid="health-tile"][data-metric="hostMemoryPct"][data-state="warn"]').waitFor({ timeout: 20_000 })
    const alert = page.getByTestId('alert-row').filter({ hasText: 'Host memory' }).first()
    await alert.waitFor({ timeout: 20_000 })
    expect(await alert.textContent()).toMatch(/warn.*host.*Host memory.*1 %/)
    // The capture's GPU 0 is 91 % full: over the 90 % default, so it is alerted too.
    await page.getByTestId('alert-row').filter({ hasText: 'GPU memory' }).first().waitFor({ timeout: 20_000 })

    // A few seconds of the target on the timelines before they are looked at.
    const before = await sampleCount(page)
    await expect.poll(() => sampleCount(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 6)

    // The crosshair is shared: hovering one timeline shows the time in the others too.
    await expect.poll(() => page.locator('[data-testid^="system-chart-"]').count()).toBeGreaterThanOrEqual(7)
    const box = (await chart(page, 'host-cpu').boundingBox())!
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2)
    await expect.poll(() => page.locator('[data-testid^="system-chart-"] div:has-text("GPU 0")').filter({ visible: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await screenshot(page, 'system-dark')
    // The alert list and the GPU processes, below the timelines.
    await page.mouse.move(5, 300)
    await page.getByTestId('system-view').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await screenshot(page, 'system-dark-lower')
    await page.getByTestId('system-view').evaluate((el) => el.scrollTo(0, 0))

    const light = await openPage(session.browser, session.workbench.url, 'light')
    await showSystem(light.page)
    await light.page.locator('[data-testid="gpu-process-row"][data-own="true"]').waitFor({ timeout: 20_000 })
    await chart(light.page, 'target-eld').waitFor({ timeout: 20_000 })
    await screenshot(light.page, 'system-light')
    expect(light.problems).toEqual([])
    await light.context.close()
    expect(session.opened.problems).toEqual([])
  })

  it('shows the samples a saved session recorded, read-only', async () => {
    const page = session.page
    await page.getByTestId('record').click()
    await page.getByTestId('recording-indicator').waitFor()
    // A few samples of the recording: the timeline moves on while it records.
    const count = (): Promise<number> => sampleCount(page)
    const before = await count()
    await expect.poll(count, { timeout: 20_000 }).toBeGreaterThan(before + 4)
    await page.getByTestId('stop-recording').click()
    await page.getByTestId('save-session').waitFor()
    await page.getByTestId('detach').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 15_000 }).toMatch(/detached|exited/)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-session').click()])
    await download.saveAs(path.join(downloads, download.suggestedFilename()))

    await page.getByTestId('open-session-menu').click()
    await page.getByTestId('open-menu').getByTestId('recent-open').first().click()
    await page.locator('[data-testid="session-header"][data-state="opened"]').waitFor({ timeout: 20_000 })
    await showSystem(page)
    await expect.poll(() => page.locator('.system-mode').textContent(), { timeout: 20_000 }).toMatch(/^Recorded in /)
    await chart(page, 'target-eld').waitFor({ timeout: 20_000 })
    await chart(page, 'gpu-memory').waitFor()
    expect(await count()).toBeGreaterThanOrEqual(4)
    expect(await page.getByTestId('health-tiles').count()).toBe(0)
    await page.locator('[data-testid="gpu-process-row"][data-own="true"]').waitFor()
    // The alert under way when the recording started is part of the session.
    await page.getByTestId('alert-row').filter({ hasText: 'Host memory' }).first().waitFor()
    await screenshot(page, 'system-session-dark')
    await page.getByTestId('system-view').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await screenshot(page, 'system-session-dark-lower')
    expect(session.opened.problems).toEqual([])
  })
})
