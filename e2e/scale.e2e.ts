// 100,000 console lines: they all arrive, drops in the engine's store are shown, the virtualized
// list scrolls smoothly, "jump to latest" works, and a second page loads the stored lines in pages.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openPage, screenshot, useWorkbenchPage } from './harness'

const session = useWorkbenchPage()

const lines = 100_000
const numberIn = async (p: Page, testId: string): Promise<number> => Number(((await p.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''))

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
    await session.page.getByTestId('empty-attach').click()
    await session.page.getByTestId('attach-tab-launch').click()
    const script = `for (let i = 0; i < ${lines}; i++) console.log('line', i, { i }); setInterval(() => {}, 1000)`
    await session.page.getByTestId('attach-input-launch').fill(`${process.execPath} -e "${script}"`)
    await session.page.getByTestId('attach-submit').click()
    await expect.poll(() => numberIn(session.page, 'console-shown'), { timeout: 90_000, interval: 500 }).toBe(lines)
    // Whatever the engine evicted to stay in its byte budget is counted where the user sees it.
    await expect.poll(async () => (await numberIn(session.page, 'console-stored')) + (await numberIn(session.page, 'console-dropped'))).toBe(lines)
    expect(await numberIn(session.page, 'level-count-log')).toBe(lines)
    await session.page.getByTestId('console-row').filter({ hasText: `line ${lines - 1} ` }).waitFor()
  })

  it('renders only the visible rows while scrolling through them', async () => {
    const step = await scrollFrames(session.page, 'step')
    const random = await scrollFrames(session.page, 'random')
    process.stdout.write(`e2e: 100k rows, frame interval scrolling by 120px: median ${step.median.toFixed(1)} ms, p95 ${step.p95.toFixed(1)} ms; random jumps: median ${random.median.toFixed(1)} ms, p95 ${random.p95.toFixed(1)} ms\n`)
    // Frame times are figures, not assertions (they depend on the machine); what keeps them low is
    // that only the visible window of rows is in the DOM, and that is checked exactly.
    const rendered = await session.page.getByTestId('console-row').count()
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(200)
    await screenshot(session.page, 'scale-100k-dark')

    // Away from the bottom, "jump to latest" brings the last line back.
    await session.page.getByTestId('console-list').evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    await session.page.getByTestId('jump-latest').click()
    await session.page.getByTestId('console-row').filter({ hasText: `line ${lines - 1} ` }).waitFor()
    await session.page.getByTestId('jump-latest').waitFor({ state: 'detached' })
  })

  it('loads what the engine stored into a second page', async () => {
    const second = await openPage(session.browser, session.workbench.url, 'light')
    const stored = await numberIn(session.page, 'console-stored')
    await expect.poll(() => numberIn(second.page, 'console-shown'), { timeout: 60_000, interval: 500 }).toBe(stored)
    await screenshot(second.page, 'scale-100k-light')
    expect(second.problems).toEqual([])
    expect(session.opened.problems).toEqual([])
    await second.context.close()
  })
})
