// The attach dialog: its tabs, a failed attach shown as one line inside it, and the app
// still working afterwards (keyboard shortcuts, the process list, launching the demo).
import { describe, expect, it } from 'vitest'
import { screenshot, useWorkbenchPage } from './harness'

const session = useWorkbenchPage({ env: { SPYGLASS_DEMO_TICK_MS: '250' } })

describe('attach dialog', () => {
  it('shows a failed attach to a closed port as one line, inside the dialog', async () => {
    await session.page.getByTestId('empty-state').waitFor()
    await session.page.keyboard.press('Control+k')
    const dialog = session.page.getByTestId('attach-dialog')
    await dialog.waitFor()
    // The process list includes at least the workbench's own Node process.
    await expect.poll(() => dialog.getByTestId('process-row').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await dialog.getByTestId('process-table').textContent()).toMatch(/not inspecting|port \d+/)
    await screenshot(session.page, 'attach-processes-dark')

    await dialog.getByTestId('attach-tab-port').click()
    await dialog.getByTestId('attach-input-port').fill('1')
    await dialog.getByTestId('attach-input-port').press('Enter')
    const error = dialog.getByTestId('attach-error')
    await error.waitFor({ timeout: 20_000 })
    const message = (await error.textContent()) ?? ''
    expect(message).toContain('127.0.0.1:1')
    expect(message).not.toContain('\n')
    const box = await error.boundingBox()
    expect(box!.height).toBeLessThan(40)
    await screenshot(session.page, 'attach-error-dark')

    // Invalid input is caught before any request, with its own one-line reason.
    await dialog.getByTestId('attach-tab-ws').click()
    await dialog.getByTestId('attach-input-ws').fill('http://not-a-socket')
    await dialog.getByTestId('attach-submit').click()
    expect(await error.textContent()).toMatch(/ws:\/\//)
    await dialog.getByTestId('attach-tab-launch').click()
    await dialog.getByTestId('attach-input-launch').fill('node "unterminated')
    await dialog.getByTestId('attach-submit').click()
    expect(await error.textContent()).toMatch(/unterminated/)

    await session.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
  })

  it('keeps working afterwards: help overlay, shortcuts, launching a program', async () => {
    await session.page.locator('body').click({ position: { x: 600, y: 700 } })
    await session.page.keyboard.press('?')
    await session.page.getByTestId('help-overlay').waitFor()
    expect(await session.page.getByTestId('help-overlay').textContent()).toContain('Attach to a process')
    await screenshot(session.page, 'help-overlay-dark')
    await session.page.keyboard.press('Escape')
    await session.page.getByTestId('help-overlay').waitFor({ state: 'detached' })

    // Launch a real program from the dialog's Launch tab: argv split respecting quotes.
    await session.page.getByTestId('empty-attach').click()
    await session.page.getByTestId('attach-tab-launch').click()
    const script = "let n = 0; setInterval(() => console.log('hello from launched', ++n), 100)"
    await session.page.getByTestId('attach-input-launch').fill(`${process.execPath} -e "${script}"`)
    await session.page.getByTestId('attach-submit').click()
    await session.page.getByTestId('attach-dialog').waitFor({ state: 'detached', timeout: 20_000 })
    await session.page.getByTestId('console-row').filter({ hasText: 'hello from launched' }).first().waitFor({ timeout: 20_000 })
    expect(await session.page.getByTestId('target-state').textContent()).toContain('attached')

    // Detach: the target ends, and Remove forgets it; the empty state comes back.
    await session.page.getByTestId('detach').click()
    await expect.poll(() => session.page.getByTestId('target-state').textContent(), { timeout: 15_000 }).toMatch(/detached|exited/)
    await screenshot(session.page, 'detached-dark')
    await session.page.getByTestId('remove-target').click()
    await session.page.getByTestId('empty-state').waitFor({ timeout: 15_000 })
    expect(session.opened.problems).toEqual([])
  })
})
