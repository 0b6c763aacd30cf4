import { describe, expect, it } from 'vitest'
import { StoreRegistry } from './storeRegistry'

describe('store registry', () => {
  it('undoes what was registered once, newest first, and takes nothing more afterwards', () => {
    const undone: string[] = []
    const registry = new StoreRegistry()
    const store = { name: 'a store' }
    expect(registry.add(store)).toBe(store)
    expect(registry.connect({ store, dispose: () => undone.push('connected store') })).toBe(store)
    registry.track(
      () => undone.push('first subscription'),
      () => undone.push('second subscription')
    )
    registry.dispose()
    registry.dispose()
    expect(undone).toEqual(['second subscription', 'first subscription', 'connected store'])
    expect(() => registry.connect({ store, dispose: () => undefined })).toThrow(/disposed/)
  })
})
