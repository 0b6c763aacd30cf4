// Sessions against a real `spyglass serve`: record the demo, stop, save (a browser download), reopen
// from the recent list and see the same events read-only; open a file through the file picker
// (an upload) and by dropping it on the window; recover what a crashed server left behind.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import WebSocket from 'ws'
import type { BridgeServerMessage, RequestName } from '../src/shared/api'
import type { SessionInfo } from '../src/shared/sessionTypes'
import type { TargetInfo } from '../src/shared/targetTypes'
import { openPage, screenshot, startWorkbench, useWorkbenchPage } from './harness'

const session = useWorkbenchPage({ env: { SPYGLASS_DEMO_TICK_MS: '500' } })
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-downloads-'))
afterAll(() => fs.rmSync(downloads, { recursive: true, force: true }))

const rows = (page: Page = session.page): ReturnType<Page['locator']> => page.getByTestId('console-row')
const numberIn = async (testId: string, page: Page = session.page): Promise<number> =>
  Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''))
const header = (state: SessionInfo['state'], page: Page = session.page): ReturnType<Page['locator']> =>
  page.locator(`[data-testid="session-header"][data-state="${state}"]`)

/** Every row of the console, which must all be on screen (the list is virtualized). */
async function allRowTexts(page: Page = session.page): Promise<string[]> {
  // A live target keeps logging: read until the rows and the count agree (they never do when rows
  // fall off screen).
  let texts: string[] = []
  await expect
    .poll(
      async () => {
        const shown = await numberIn('console-shown', page)
        texts = await rows(page).allTextContents()
        return texts.length === shown && shown === (await numberIn('console-shown', page))
      },
      { message: 'every row fits on screen' }
    )
    .toBe(true)
  return texts
}

async function levelSum(page: Page = session.page): Promise<number> {
  let sum = 0
  for (const level of ['debug', 'log', 'info', 'warn', 'error']) sum += await numberIn(`session-count-${level}`, page)
  return sum
}

/** What the live console showed when the recording was saved, and the file it was saved to. */
const recorded = { texts: [] as string[], events: 0, file: '' }

describe('sessions', () => {
  it('records the demo, saves it as a download and reopens it read-only from the recent list', async () => {
    const page = session.page
    // Tall enough that the whole short recording is on screen at once.
    await page.setViewportSize({ width: 1280, height: 1300 })
    await page.getByTestId('empty-state').waitFor()
    await page.getByTestId('launch-demo').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 20_000 }).toContain('attached')

    await page.getByTestId('record').click()
    await page.getByTestId('recording-indicator').waitFor()
    await header('recording').waitFor()
    // The count comes from the engine (twice a second), the clock ticks in the page.
    await expect.poll(() => numberIn('recording-count'), { timeout: 20_000 }).toBeGreaterThan(8)
    await expect.poll(() => page.getByTestId('recording-elapsed').textContent(), { timeout: 10_000 }).not.toBe('0:00')
    await expect.poll(() => numberIn('session-events')).toBeGreaterThan(8)
    await screenshot(page, 'session-recording-dark')

    // Everything shown before Stop was captured while recording, so the file must hold it.
    const shownBeforeStop = await numberIn('console-shown')
    await page.getByTestId('stop-recording').click()
    await page.getByTestId('save-session').waitFor()
    await header('stopped').waitFor()
    expect(await page.getByTestId('session-unsaved').textContent()).toBe('unsaved')
    expect(await page.getByTestId('session-file').textContent()).toBe('not saved yet')
    recorded.events = await numberIn('session-events')
    expect(await levelSum()).toBe(recorded.events)

    // Detach so that the live list stops growing, then keep what it shows.
    await page.getByTestId('detach').click()
    await expect.poll(() => page.getByTestId('target-state').textContent(), { timeout: 15_000 }).toMatch(/detached|exited/)
    const live = await allRowTexts()
    expect(live.length).toBeGreaterThanOrEqual(shownBeforeStop)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-session').click()])
    const name = download.suggestedFilename()
    expect(name).toMatch(/\.spyglass$/)
    recorded.file = path.join(downloads, name)
    await download.saveAs(recorded.file)
    expect(fs.readFileSync(recorded.file).subarray(0, 2).toString('latin1')).toBe('PK')
    await page.getByTestId('session-unsaved').waitFor({ state: 'detached' })
    expect(await page.getByTestId('session-file').textContent()).toBe(name)

    // Forget the live target: the empty state lists the saved session.
    await page.getByTestId('remove-target').click()
    await page.getByTestId('empty-state').waitFor({ timeout: 15_000 })
    const recent = page.getByTestId('recent-session')
    await expect.poll(() => recent.count()).toBe(1)
    expect(await recent.getByTestId('recent-events').textContent()).toBe(`${recorded.events.toLocaleString('en-US')} events`)
    expect(await recent.textContent()).toContain(name)
    await screenshot(page, 'session-recent-dark')

    await page.getByTestId('open-session-menu').click()
    await page.getByTestId('open-menu').getByTestId('recent-session').waitFor()
    await screenshot(page, 'session-open-menu-dark')
    await page.keyboard.press('Escape')
    await page.getByTestId('open-menu').waitFor({ state: 'detached' })

    await recent.getByTestId('recent-open').click()
    await header('opened').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('session-readonly').textContent()).toBe('read-only')
    expect(await page.getByTestId('target-state').textContent()).toContain('recorded')
    expect(await numberIn('session-events')).toBe(recorded.events)
    expect(await levelSum()).toBe(recorded.events)
    expect(await page.getByTestId('session-file').textContent()).toBe(name)
    expect(await page.getByTestId('session-title').textContent()).toContain('demo')
    // Read-only: nothing to clear, nothing to record, nothing to detach.
    expect(await page.getByTestId('console-clear').count()).toBe(0)
    expect(await page.getByTestId('record').count()).toBe(0)
    expect(await page.getByTestId('detach').count()).toBe(0)

    // The same events, in the same order: the live list went on a little after Stop.
    await expect.poll(async () => (await rows().count()) >= shownBeforeStop, { timeout: 15_000 }).toBe(true)
    recorded.texts = await allRowTexts()
    expect(recorded.texts.length).toBeGreaterThanOrEqual(shownBeforeStop)
    expect(recorded.texts).toEqual(live.slice(0, recorded.texts.length))
    await screenshot(page, 'session-opened-dark')

    // The target list marks it as a session.
    await page.getByTestId('target-selector').click()
    await page.getByTestId('target-menu').getByTestId('session-tag').first().waitFor()
    await page.keyboard.press('Escape')

    await page.getByTestId('close-session').click()
    await page.getByTestId('empty-state').waitFor({ timeout: 15_000 })
    expect(session.opened.problems).toEqual([])
  })

  it('opens a file picked with Ctrl+O by uploading it to the host, and downloads it again with Ctrl+S', async () => {
    const page = session.page
    await page.getByTestId('empty-state').click({ position: { x: 5, y: 5 } })
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')])
    await chooser.setFiles(recorded.file)
    await header('opened').waitFor({ timeout: 20_000 })
    // The host keeps its own copy of the upload; its name ends with the picked file's.
    expect(await page.getByTestId('session-file').textContent()).toMatch(new RegExp(`${path.basename(recorded.file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    expect(await numberIn('session-events')).toBe(recorded.events)
    await expect.poll(() => rows().allTextContents(), { timeout: 15_000 }).toEqual(recorded.texts)

    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')])
    const again = path.join(downloads, `again-${download.suggestedFilename()}`)
    await download.saveAs(again)
    expect(fs.readFileSync(again).equals(fs.readFileSync(recorded.file))).toBe(true)

    await page.getByTestId('close-session').click()
    await page.getByTestId('empty-state').waitFor({ timeout: 15_000 })
  })

  it('opens a .spyglass file dropped on the window, and refuses other files', async () => {
    const page = session.page
    const bytes = fs.readFileSync(recorded.file).toString('base64')
    const drop = (name: string, overlay: boolean): Promise<boolean> =>
      page.evaluate(
        async ({ name, bytes, overlay }) => {
          const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))
          const transfer = new DataTransfer()
          transfer.items.add(new File([data], name))
          window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }))
          window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
          // The overlay is React state: wait a frame for it to render before dropping.
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
          const shown = document.querySelector('[data-testid="drop-overlay"]') !== null
          if (overlay) window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
          else window.dispatchEvent(new DragEvent('dragleave', { dataTransfer: transfer, bubbles: true, cancelable: true }))
          return shown
        },
        { name, bytes, overlay }
      )

    expect(await drop('dropped.spyglass', false)).toBe(true)
    await page.getByTestId('drop-overlay').waitFor({ state: 'detached' })

    expect(await drop('notes.txt', true)).toBe(true)
    expect(await page.getByTestId('error-bar').textContent()).toContain('Only .spyglass session files can be opened (not notes.txt)')
    await page.getByTestId('error-bar').getByRole('button', { name: 'Dismiss' }).click()

    expect(await drop('dropped.spyglass', true)).toBe(true)
    await header('opened').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('session-file').textContent()).toMatch(/dropped\.spyglass$/)
    await expect.poll(() => rows().allTextContents(), { timeout: 15_000 }).toEqual(recorded.texts)
    await page.getByTestId('close-session').click()
    await page.getByTestId('empty-state').waitFor({ timeout: 15_000 })
    expect(session.opened.problems).toEqual([])
  })
})

/** A client of the WebSocket bridge, for setting the scene from outside the page. */
async function connectBridge(pageUrl: string): Promise<{ invoke(name: RequestName, params?: unknown): Promise<unknown>; close(): void }> {
  const url = new URL(pageUrl)
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  let nextId = 1
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as BridgeServerMessage
    if (message.type !== 'result') return
    const entry = waiting.get(message.id)
    waiting.delete(message.id)
    if (message.ok) entry?.resolve(message.result)
    else entry?.reject(new Error(`${message.error.code}: ${message.error.message}`))
  })
  return {
    invoke(name, params) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        ws.send(JSON.stringify({ type: 'invoke', id, name, params: params ?? null }))
      })
    },
    close: () => ws.close()
  }
}

describe('recovery', () => {
  it('offers what a crashed server was recording, recovers one session and discards another', async () => {
    const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spyglass-e2e-recovery-'))
    try {
      const crashed = await startWorkbench({ configDir, env: { SPYGLASS_DEMO_TICK_MS: '200' } })
      try {
        const api = await connectBridge(crashed.url)
        try {
          for (let i = 0; i < 2; i++) {
            const demo = (await api.invoke('targets.launchDemo')) as TargetInfo
            await api.invoke('sessions.record', { targetId: demo.id })
          }
          await expect
            .poll(async () => ((await api.invoke('sessions.list')) as SessionInfo[]).map((s) => s.counts.events > 5), { timeout: 20_000 })
            .toEqual([true, true])
        } finally {
          api.close()
        }
      } finally {
        await crashed.kill()
      }

      const restarted = await startWorkbench({ configDir })
      const opened = await openPage(session.browser, restarted.url)
      const page = opened.page
      try {
        await page.getByTestId('recovery-banner').waitFor({ timeout: 15_000 })
        const offers = page.getByTestId('recoverable-session')
        await expect.poll(() => offers.count()).toBe(2)
        for (const text of await offers.allTextContents()) expect(text).toMatch(/^Unsaved session from (today|yesterday) \d\d:\d\d — .+, [\d,]+ eventsRecoverDiscard$/)
        await screenshot(page, 'session-recovery-dark')

        const offered = Number(((await offers.first().textContent()) ?? '').match(/([\d,]+) events/)![1].replace(/,/g, ''))
        await offers.first().getByTestId('recover-session').click()
        await header('opened', page).waitFor({ timeout: 20_000 })
        expect(await page.getByTestId('session-header').textContent()).toContain('recovered')
        expect(await numberIn('session-events', page)).toBe(offered)
        // Recovered, never saved: it can be saved like a recording.
        expect(await page.getByTestId('session-unsaved').textContent()).toBe('unsaved')
        await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBeGreaterThan(0)
        await screenshot(page, 'session-recovered-dark')

        await expect.poll(() => offers.count()).toBe(1)
        await offers.first().getByTestId('discard-session').click()
        await page.getByTestId('recovery-banner').waitFor({ state: 'detached' })

        // The open menu lists what is not saved yet, and saves it from there too.
        await page.getByTestId('open-session-menu').click()
        await expect.poll(() => page.getByTestId('unsaved-session').count()).toBe(1)
        expect(await page.getByTestId('unsaved-session').textContent()).toContain('recovered')
        await screenshot(page, 'session-open-menu-unsaved-dark')
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unsaved-save').click()])
        await page.getByTestId('open-menu').waitFor({ state: 'detached' })
        const file = path.join(downloads, `recovered-${download.suggestedFilename()}`)
        await download.saveAs(file)
        expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK')
        await page.getByTestId('session-unsaved').waitFor({ state: 'detached' })
        expect(opened.problems).toEqual([])
      } finally {
        await opened.context.close()
        await restarted.stop()
      }
    } finally {
      fs.rmSync(configDir, { recursive: true, force: true })
    }
  })
})
