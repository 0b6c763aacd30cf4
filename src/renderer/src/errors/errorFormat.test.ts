import { describe, expect, it } from 'vitest'
import { frameOrigin } from '../../../shared/frameOrigin'
import { displayPath, docsLabel, formatBucket, relativeTime, shortFrame, sparklinePath } from './errorFormat'
import { bucketCount, rateChartOption, rateSeriesData } from './rateChartOption'
import { rateSeries } from '../testing/fixtures'

describe('error formatting', () => {
  it('says how long ago, coarser the older', () => {
    const now = 1_700_000_000_000
    expect(relativeTime(now - 2_000, now)).toBe('just now')
    expect(relativeTime(now + 3_000, now)).toBe('just now')
    expect(relativeTime(now - 42_000, now)).toBe('42s ago')
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5m ago')
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3h ago')
    expect(relativeTime(now - 3 * 86_400_000, now)).toBe('3d ago')
  })

  it('shows file URLs as paths, relative to the working directory when under it', () => {
    expect(displayPath('file:///home/me/app/src/routes.js', '/home/me/app')).toBe('src/routes.js')
    expect(displayPath('file:///home/me/app/src/routes.js', '/home/me/app/')).toBe('src/routes.js')
    expect(displayPath('file:///home/me/other/x.js', '/home/me/app')).toBe('/home/me/other/x.js')
    expect(displayPath('file:///home/me/my%20app/a.js', '/home/me/my app')).toBe('a.js')
    expect(displayPath('file:///C:/projects/app/a.js', 'C:\\projects\\app')).toBe('a.js')
    expect(displayPath('node:internal/timers', '/home/me/app')).toBe('node:internal/timers')
    expect(displayPath('/home/me/app/lib/a.cjs', '/home/me/app')).toBe('lib/a.cjs')
    expect(shortFrame({ functionName: '', url: 'file:///a/b.js', line: 3, column: 9 }, '/a')).toBe('(anonymous) (b.js:3)')
    expect(shortFrame({ functionName: 'main', url: '', line: 0, column: 0 }, null)).toBe('main')
  })

  it('tells in-app frames from dependencies and Node internals (the grouping rule)', () => {
    expect(frameOrigin('file:///app/src/a.js')).toBe('app')
    expect(frameOrigin('file:///app/node_modules/express/lib/router.js')).toBe('dependency')
    expect(frameOrigin('C:\\app\\node_modules\\x\\i.js')).toBe('dependency')
    expect(frameOrigin('node:internal/process/task_queues')).toBe('node')
    expect(frameOrigin('internal/timers.js')).toBe('node')
    expect(frameOrigin('events.js')).toBe('node')
  })

  it('draws a sparkline on the shared timeline, scaled to the busiest bucket', () => {
    expect(sparklinePath([], 10, 80, 20)).toEqual({ line: '', area: '' })
    const { line, area } = sparklinePath([0, 4, 2], 5, 80, 20)
    // Five points across 80px: the missing buckets at the end are zeros at the bottom.
    expect(line).toBe('M0 19L20 1L40 10L60 19L80 19')
    expect(area).toBe(`${line}L80 20L0 20Z`)
    expect(sparklinePath([3], 1, 80, 20).line).toBe('M0 1L80 1')
  })

  it('names a docs link by its site', () => {
    expect(docsLabel('https://nodejs.org/api/errors.html#common-system-errors')).toBe('Node.js documentation')
    expect(docsLabel('https://developer.mozilla.org/docs/Web/JavaScript')).toBe('MDN documentation')
    expect(docsLabel('https://www.example.com/x')).toBe('Documentation on example.com')
    expect(docsLabel('not a url')).toBe('Documentation')
  })

  it('names bucket sizes', () => {
    expect(formatBucket(1000)).toBe('1 s')
    expect(formatBucket(64_000)).toBe('64 s')
    expect(formatBucket(128_000)).toBe('2 min')
    expect(formatBucket(2 * 3_600_000)).toBe('2 h')
  })
})

describe('error-rate chart option', () => {
  const colors = {
    severity: { critical: '#f00', high: '#f80', medium: '#fc0', low: '#08f' },
    text: '#ccc',
    faint: '#888',
    grid: '#333',
    tooltipBg: '#222',
    tooltipBorder: '#444'
  }

  it('puts each bucket at its middle, one stacked series per severity, critical at the bottom', () => {
    const series = rateSeries({ critical: [1], high: [0, 2, 3] }, 10_000, 1000)
    expect(bucketCount(series)).toBe(3)
    expect(rateSeriesData(series).high).toEqual([
      [10_500, 0],
      [11_500, 2],
      [12_500, 3]
    ])
    const option = rateChartOption(series, colors, 0)
    const bars = option.series as Array<{ name: string; stack: string; itemStyle: { color: string } }>
    expect(bars.map((b) => b.name)).toEqual(['critical', 'high', 'medium', 'low'])
    expect(new Set(bars.map((b) => b.stack)).size).toBe(1)
    expect(bars[1].itemStyle.color).toBe('#f80')
    expect(option.xAxis).toMatchObject({ type: 'time', min: 10_000, max: 13_000 })
    // A live target's axis runs on to now.
    expect(rateChartOption(series, colors, 20_000).xAxis).toMatchObject({ max: 20_000 })
  })
})
