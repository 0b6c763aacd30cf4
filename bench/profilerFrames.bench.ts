// Flame views: the time each frame's draw takes while zooming and panning a ~500k-node profile
// in headless Chromium (issue 5: under 16 ms at any zoom). The page measures every draw with
// the Performance API (performance.measure 'spyglass:flame-draw' around the renderer's draw
// call, FlameCanvas.tsx); this bench imports the profile into a real `spyglass serve` through
// the page, drives the flame graph and the flame chart with wheel, drag and keys, and reads
// the measures back. Needs the build (`npm run build`), as the e2e tests do.
import { existsSync, mkdirSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { it } from 'vitest'
import { launchBrowser, openPage, startWorkbench } from '../e2e/harness'
import { bigCpuProfile } from './bigCpuProfile'
import { median, ms, report } from './figures'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const cacheDir = path.join(os.tmpdir(), 'spyglass-bench-frames-v1')
const measureName = 'spyglass:flame-draw'

interface Frame {
  duration: number
  rects: number
}

/** Two animation frames: whatever the last input scheduled has been drawn. */
const nextFrame = (page: Page): Promise<unknown> => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))')

async function attr(canvas: Locator, name: string): Promise<number> {
  return Number((await canvas.getAttribute(name)) ?? 'NaN')
}

/** Waits (up to `timeoutMs`) for the canvas to draw a payload other than the one it had: the finer one asked for once the view settled. */
async function finerPayload(page: Page, canvas: Locator, before: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until && (await attr(canvas, 'data-nodes')) === before) await nextFrame(page)
}

/** Waits until the canvas has drawn rectangles. */
async function drawnOn(page: Page, canvas: Locator, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!((await attr(canvas, 'data-rects')) > 0)) {
    if (Date.now() > until) {
      const shown = await page.locator('.inline-error, [data-testid="profile-placeholder"]').allTextContents()
      await page.screenshot({ path: path.join(os.tmpdir(), 'spyglass-bench-frames-failure.png') })
      throw new Error(`nothing drawn within ${timeoutMs} ms; the page says: ${shown.join(' | ') || 'nothing'}`)
    }
    await nextFrame(page)
  }
}

/** Zooms deep in at a few places, pans by dragging, zooms back out, steps with the keys; returns every frame drawn meanwhile. */
async function drive(page: Page, testId: string): Promise<{ frames: Frame[]; payloads: number[] }> {
  const canvas = page.locator(`[data-testid="${testId}"] canvas`)
  const box = (await canvas.boundingBox())!
  const payloads = new Set<number>([await attr(canvas, 'data-nodes')])
  await page.evaluate(`performance.clearMeasures(${JSON.stringify(measureName)})`)
  for (const fraction of [0.1, 0.5, 0.85]) {
    await page.keyboard.press('0')
    await nextFrame(page)
    const x = box.x + box.width * fraction
    await page.mouse.move(x, box.y + 60)
    for (let step = 0; step < 30; step++) {
      await page.mouse.wheel(0, -240)
      await nextFrame(page)
      // Now and then the view settles and a finer payload comes in mid-zoom, as it does for a user.
      if (step % 10 === 9) {
        await finerPayload(page, canvas, await attr(canvas, 'data-nodes'), 3000)
        payloads.add(await attr(canvas, 'data-nodes'))
      }
    }
    for (let drag = 0; drag < 4; drag++) {
      await page.mouse.move(x, box.y + 80)
      await page.mouse.down()
      for (let s = 1; s <= 8; s++) {
        await page.mouse.move(x - s * 25 * (drag % 2 ? -1 : 1), box.y + 80 + s * 3)
        await nextFrame(page)
      }
      await page.mouse.up()
    }
    for (let step = 0; step < 30; step++) {
      await page.mouse.wheel(0, 240)
      await nextFrame(page)
    }
    payloads.add(await attr(canvas, 'data-nodes'))
  }
  await canvas.focus()
  for (const key of ['+', '+', '+', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowUp', 'ArrowLeft', '-', '-', '-', '0']) {
    await page.keyboard.press(key)
    await nextFrame(page)
  }
  const frames = (await page.evaluate(
    `performance.getEntriesByName(${JSON.stringify(measureName)}).filter((e) => e.detail && e.detail.view === ${JSON.stringify(testId)}).map((e) => ({ duration: e.duration, rects: e.detail.rects }))`
  )) as Frame[]
  return { frames, payloads: [...payloads] }
}

interface Measured {
  label: string
  file: string
  nodes: string
  loadMs: number
  graph: { frames: Frame[]; payloads: number[] }
  chart: { frames: Frame[]; payloads: number[] }
}

/** Imports `file` through the page (upload, then import), waits for its flame graph, and drives both flame views. */
async function measure(page: Page, label: string, file: string): Promise<Measured> {
  await page.getByTestId('mode-graph').click().catch(() => undefined)
  const loadStart = Date.now()
  await page.getByTestId('profile-file-input').setInputFiles(file)
  const ready = page.locator('[data-testid="profile-item"][data-state="ready"][aria-selected="true"]').filter({ hasText: path.basename(file) })
  await ready.waitFor({ timeout: 300_000 })
  const nodes = (await ready.textContent())?.match(/([\d,]+) nodes/)?.[1] ?? '?'
  await page.getByTestId('mode-graph').click()
  await drawnOn(page, page.locator('[data-testid="flame-graph"] canvas'))
  const loadMs = Date.now() - loadStart
  const graph = await drive(page, 'flame-graph')
  await page.getByTestId('mode-chart').click()
  await drawnOn(page, page.locator('[data-testid="flame-chart"] canvas'))
  const chart = await drive(page, 'flame-chart')
  return { label, file, nodes, loadMs, graph, chart }
}

function row(m: Measured, view: 'graph' | 'chart') {
  const r = m[view]
  const durations = r.frames.map((f) => f.duration)
  const sorted = [...durations].sort((a, b) => a - b)
  return {
    profile: `${m.label} (${m.nodes} nodes, ${(statSync(m.file).size / 2 ** 20).toFixed(0)} MiB, loaded and drawn in ${(m.loadMs / 1000).toFixed(1)} s)`,
    view: view === 'graph' ? 'flame graph' : 'flame chart',
    frames: durations.length,
    'median frame': ms(median(durations)),
    'p95 frame': ms(sorted[Math.floor(sorted.length * 0.95)] ?? NaN),
    'worst frame': ms(sorted.at(-1) ?? NaN),
    'over 16 ms': sorted.filter((d) => d > 16).length,
    'rects drawn (max)': Math.max(...r.frames.map((f) => f.rects)).toLocaleString('en-US'),
    'payload nodes (max)': Math.max(...r.payloads).toLocaleString('en-US')
  }
}

it('flame graph and flame chart: draw time per frame while zooming and panning ~500k-node profiles', async () => {
  if (!existsSync(path.join(root, 'out', 'main', 'cli.js')) || !existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
    console.log('no build in out/: the frame-time bench needs `npm run build` first')
    return
  }
  mkdirSync(cacheDir, { recursive: true })
  const random = await bigCpuProfile(path.join(cacheDir, 'random-500k.cpuprofile'), 500_000, 600_000)
  const stacks = await bigCpuProfile(path.join(cacheDir, 'stacks-500k.cpuprofile'), 500_001, 600_000, { kind: 'stacks', depth: 1000 })
  const workbench = await startWorkbench({ timeoutMs: 60_000 })
  const browser = await launchBrowser()
  try {
    const { page, problems } = await openPage(browser, workbench.url)
    await page.getByTestId('view-profiler').click()
    await page.getByTestId('profiler-view').waitFor()
    const measured = [await measure(page, 'random tree', random), await measure(page, '500 stacks × 1,000 frames, none left out', stacks)]
    report(
      `Flame views, draw time per frame in headless Chromium while zooming and panning (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`,
      measured.flatMap((m) => [row(m, 'graph'), row(m, 'chart')])
    )
    if (problems.length > 0) console.log(`page problems: ${problems.join('; ')}`)
  } finally {
    await browser.close()
    await workbench.stop()
  }
})
