import { describe, expect, it } from 'vitest'
import type { DebugSource, SourceGroup } from '../../../shared/debuggerTypes'
import { displayName, groupSources, splitPath } from './sourceGroups'

const source = (name: string, group: SourceGroup): DebugSource => ({
  url: group === 'internal' ? name : `file:///app/${name}`,
  name,
  group,
  kind: 'script',
  scriptIds: ['1'],
  generatedUrl: null,
  originals: [],
  targetId: 't1'
})

const sources = [
  source('node:internal/timers', 'internal'),
  source('src/server.js', 'app'),
  source('node_modules/express/lib/router.js', 'node_modules'),
  source('src/a b.js', 'app'),
  source('node:events', 'internal'),
  source('/srv/other/tool.mjs', 'app')
]

describe('source list groups', () => {
  it('groups into your code, node_modules and Node internals, each sorted by name', () => {
    const groups = groupSources(sources, '')
    expect(groups.map((g) => g.title)).toEqual(['Your code', 'node_modules', 'Node internals'])
    expect(groups[0].sources.map(displayName)).toEqual(['/srv/other/tool.mjs', 'src/a b.js', 'src/server.js'])
    expect(groups[1].sources.map(displayName)).toEqual(['express/lib/router.js'])
    expect(groups[2].sources.map((s) => s.url)).toEqual(['node:events', 'node:internal/timers'])
  })

  it('searches the shown names, case-insensitively, and leaves out empty groups', () => {
    expect(groupSources(sources, ' SERVER ').map((g) => [g.group, g.sources.length])).toEqual([['app', 1]])
    expect(groupSources(sources, 'timers').map((g) => g.group)).toEqual(['internal'])
    // node_modules/ is not part of a dependency's shown name.
    expect(groupSources(sources, 'node_modules')).toEqual([])
    expect(groupSources([], '')).toEqual([])
  })

  it('splits paths into name and folder', () => {
    expect(splitPath('src/lib/a.js')).toEqual({ name: 'a.js', dir: 'src/lib' })
    expect(splitPath('src\\a.ts')).toEqual({ name: 'a.ts', dir: 'src' })
    expect(splitPath('a.js')).toEqual({ name: 'a.js', dir: '' })
  })
})
