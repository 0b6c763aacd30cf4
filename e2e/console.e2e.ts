// The console against the real demo target: live lines, an exception's stack, lazy object
// expansion, then level and text filters narrowing the list exactly.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { screenshot, useWorkbenchPage } from './harness'

const session = useWorkbenchPage({ env: { SPYGLASS_DEMO_TICK_MS: '250' } })

const rows = (): ReturnType<Page['locator']> => session.page.getByTestId('console-row')
/** The row of one event, found by its seq: stays the same row while newer ones arrive. */
async function pinned(row: ReturnType<Page['locator']>): Promise<ReturnType<Page['locator']>> {
  const seq = await row.getAttribute('data-seq')
  return session.page.locator(`[data-testid="console-row"][data-seq="${seq}"]`)
}
/**
 * Back to following the newest lines. Clicked in the page, atomically: the button also goes away
 * by itself whenever the list comes back to the bottom (auto-scroll resumes there).
 */
async function followLatest(): Promise<void> {
  await session.page.evaluate(() => (document.querySelector('[data-testid="jump-latest"]') as HTMLElement | null)?.click())
  await session.page.getByTestId('jump-latest').waitFor({ state: 'detached' })
}
const numberIn = async (testId: string): Promise<number> => Number(((await session.page.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''))

describe('console', () => {
  it('launches the demo from the empty state and shows its output live', async () => {
    await session.page.getByTestId('empty-state').waitFor()
    await screenshot(session.page, 'empty-state-dark')
    await session.page.getByTestId('launch-demo').click()

    await session.page.getByTestId('console-view').waitFor()
    await expect.poll(() => session.page.getByTestId('target-state').textContent()).toContain('attached')
    expect(await session.page.getByTestId('target-pid').textContent()).toMatch(/PID \d+/)
    expect(await session.page.getByTestId('target-command').textContent()).toContain('demo')

    // Lines keep arriving while we watch: the stored count grows.
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(5)
    const before = await numberIn('console-stored')
    await expect.poll(() => numberIn('console-stored'), { timeout: 15_000 }).toBeGreaterThan(before)
    await rows().filter({ hasText: 'received order' }).first().waitFor()
    expect(await session.page.getByTestId('console-dropped').textContent()).toBe('0 dropped')

    // The worker thread is listed under its parent, indented.
    await session.page.getByTestId('target-selector').click()
    await session.page.locator('[data-testid="target-option"][data-depth="1"]').first().waitFor({ timeout: 15_000 })
    await screenshot(session.page, 'target-menu')
    await session.page.keyboard.press('Escape')
    await session.page.getByTestId('target-menu').waitFor({ state: 'detached' })
  })

  it('shows an uncaught exception whose stack trace expands', async () => {
    const latest = session.page.locator('[data-testid="console-row"][data-source="exception"]').filter({ hasText: 'TypeError' }).last()
    await latest.waitFor({ timeout: 20_000 })
    const exception = await pinned(latest)
    expect(await exception.getAttribute('data-level')).toBe('error')
    await exception.getByTestId('stack-toggle').click()
    await exception.getByTestId('stack-trace').waitFor()
    const frames = exception.getByTestId('stack-frame')
    expect(await frames.count()).toBeGreaterThan(0)
    expect(await frames.first().textContent()).toMatch(/demo\.mjs:\d+:\d+/)
    expect(await exception.getByTestId('console-location').getAttribute('title')).toMatch(/^file:\/\/.*demo\.mjs:\d+:\d+$/)
    await screenshot(session.page, 'exception-stack-dark')
  })

  it('expands an object argument lazily, nested levels too', async () => {
    await followLatest()
    const order = await pinned(rows().filter({ hasText: 'received order' }).last())
    await order.getByTestId('object-toggle').click()
    const tree = order.getByTestId('property-tree').first()
    await tree.waitFor()
    const names = await tree.getByTestId('property-row').allTextContents()
    expect(names.some((n) => n.startsWith('id: '))).toBe(true)
    expect(names.some((n) => n.startsWith('customer: '))).toBe(true)

    await tree.getByTestId('property-row').filter({ hasText: /^customer: / }).click()
    await expect.poll(() => order.getByTestId('property-row').filter({ hasText: /^name: "/ }).count()).toBe(1)
    await screenshot(session.page, 'object-expanded-dark')
  })

  it('narrows the list exactly by level and by text', async () => {
    await followLatest()
    // Only errors: alt+click shows one level alone.
    await session.page.getByTestId('level-error').click({ modifiers: ['Alt'] })
    expect(await session.page.getByTestId('level-log').getAttribute('aria-pressed')).toBe('false')
    const shownErrors = await numberIn('console-shown')
    expect(shownErrors).toBeGreaterThan(0)
    expect(await numberIn('level-count-error')).toBeGreaterThanOrEqual(shownErrors)
    const levels = await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-level')))
    expect(levels.length).toBeGreaterThan(0)
    expect(new Set(levels)).toEqual(new Set(['error']))
    await screenshot(session.page, 'filter-errors-dark')

    // Errors whose text says "card declined": every row shown matches, and every match is shown.
    await session.page.keyboard.press('Control+f')
    await expect.poll(() => session.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('console-search')
    await session.page.keyboard.type('CARD DECLINED')
    await expect.poll(async () => {
      const texts = await rows().allTextContents()
      return texts.length > 0 && texts.every((t) => t.toLowerCase().includes('card declined'))
    }).toBe(true)
    const shown = await numberIn('console-shown')
    // Few enough to be all on screen: the rendered rows are the whole filtered list.
    expect(await rows().count()).toBe(shown)

    // A text that matches exactly one line of the whole run.
    await session.page.getByTestId('level-error').click({ modifiers: ['Alt'] })
    await session.page.getByTestId('console-search').fill('demo started (pid')
    await expect.poll(() => numberIn('console-shown')).toBe(1)
    expect(await rows().count()).toBe(1)
    expect(await rows().first().textContent()).toContain('Spyglass demo started')

    await session.page.getByTestId('console-search').fill('no line says this 0xdeadbeef')
    await expect.poll(() => numberIn('console-shown')).toBe(0)
    expect(await session.page.getByTestId('console-empty').textContent()).toMatch(/No messages match the filter \([\d,]+ hidden\)/)
    await screenshot(session.page, 'filter-nothing-dark')

    await session.page.getByTestId('console-search').fill('')
    await expect.poll(() => numberIn('console-shown')).toBeGreaterThan(shown)
  })

  it('clears the console with Ctrl+L and keeps receiving', async () => {
    await session.page.locator('body').click({ position: { x: 5, y: 500 } })
    await session.page.keyboard.press('Control+l')
    await expect.poll(() => numberIn('console-stored'), { timeout: 10_000 }).toBeLessThan(20)
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(2)
    expect(session.opened.problems).toEqual([])
  })
})
