// 100,000 console lines: they all arrive, drops in the engine's store are shown, the virtualized
// list scrolls smoothly, "jump to latest" works, and a second page loads the stored lines in pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, openPage, screenshot, startWorkbench, type OpenPage, type Workbench } from './harness'

let workbench: Workbench
let browser: Browser
let opened: OpenPage
let page: Page

const lines = 100_000
const numberIn = async (p: Page, testId: string): Promise<number> => Number(((await p.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''))

beforeAll(async () => {
  workbench = await startWorkbench()
  browser = await launchBrowser()
  opened = await openPage(browser, workbench.url, 'dark')
  page = opened.page
})

afterAll(async () => {
  await browser?.close()
  await workbench?.stop()
})

/** Frame intervals (ms) while scrolling the list by `step` px per frame, or to random places. */
function scrollFrames(p: Page, mode: 'step' | 'random'): Promise<{ median: number; p95: number }> {
  return p.evaluate(async (how) => {
    const el = document.querySelector('[data-testid="console-list"]') as HTMLElement
    el.scrollTop = el.scrollHeight / 3
    await new Promise((r) => requestAnimationFrame(r))
    const times: number[] = []
    let last = performance.now()
    for (let i = 0; i < 120; i++) {
      if (how === 'step') el.scrollTop += 120
      else el.scrollTop = Math.random() * el.scrollHeight
      await new Promise((r) => requestAnimationFrame(r))
      const now = performance.now()
      times.push(now - last)
      last = now
    }
    times.sort((a, b) => a - b)
    return { median: times[60], p95: times[114] }
  }, mode)
}

describe('100k lines', () => {
  it('receives them all and shows what the engine dropped', async () => {
    await page.getByTestId('empty-attach').click()
    await page.getByTestId('attach-tab-launch').click()
    const script = `for (let i = 0; i < ${lines}; i++) console.log('line', i, { i }); setInterval(() => {}, 1000)`
    await page.getByTestId('attach-input-launch').fill(`${process.execPath} -e "${script}"`)
    await page.getByTestId('attach-submit').click()
    await expect.poll(() => numberIn(page, 'console-shown'), { timeout: 90_000, interval: 500 }).toBe(lines)
    // Whatever the engine evicted to stay in its byte budget is counted where the user sees it.
    await expect.poll(async () => (await numberIn(page, 'console-stored')) + (await numberIn(page, 'console-dropped'))).toBe(lines)
    expect(await numberIn(page, 'level-count-log')).toBe(lines)
    await page.getByTestId('console-row').filter({ hasText: `line ${lines - 1} ` }).waitFor()
  })

  it('scrolls smoothly', async () => {
    const step = await scrollFrames(page, 'step')
    const random = await scrollFrames(page, 'random')
    process.stdout.write(`e2e: 100k rows, frame interval scrolling by 120px: median ${step.median.toFixed(1)} ms, p95 ${step.p95.toFixed(1)} ms; random jumps: median ${random.median.toFixed(1)} ms, p95 ${random.p95.toFixed(1)} ms\n`)
    // Software rendering on a shared CI core: generous bounds that still catch a list that is not virtualized.
    expect(step.median).toBeLessThan(50)
    expect(random.median).toBeLessThan(100)
    await screenshot(page, 'scale-100k-dark')

    // Away from the bottom, "jump to latest" brings the last line back.
    await page.getByTestId('console-list').evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    await page.getByTestId('jump-latest').click()
    await page.getByTestId('console-row').filter({ hasText: `line ${lines - 1} ` }).waitFor()
    await page.getByTestId('jump-latest').waitFor({ state: 'detached' })
  })

  it('loads what the engine stored into a second page', async () => {
    const second = await openPage(browser, workbench.url, 'light')
    const stored = await numberIn(page, 'console-stored')
    await expect.poll(() => numberIn(second.page, 'console-shown'), { timeout: 60_000, interval: 500 }).toBe(stored)
    await screenshot(second.page, 'scale-100k-light')
    expect(second.problems).toEqual([])
    expect(opened.problems).toEqual([])
    await second.context.close()
  })
})
