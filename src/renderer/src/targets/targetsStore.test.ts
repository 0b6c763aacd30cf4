import { describe, expect, it } from 'vitest'
import { createTargetsStore } from './targetsStore'
import { orderTargets, stateLabel } from './targetOrder'
import { MemoryClient } from '../testing/memoryClient'
import { target } from '../testing/fixtures'

describe('target order and labels', () => {
  it('puts workers indented under their parent', () => {
    const rows = orderTargets([
      target('a'),
      target('w1', { parentId: 'a', kind: 'worker' }),
      target('b'),
      target('w2', { parentId: 'b', kind: 'worker' }),
      target('w3', { parentId: 'w2', kind: 'worker' }),
      target('orphan', { parentId: 'gone', kind: 'worker' })
    ])
    expect(rows.map((r) => `${r.depth}:${r.target.id}`)).toEqual(['0:a', '1:w1', '0:b', '1:w2', '2:w3', '0:orphan'])
  })

  it('labels exits by code or signal', () => {
    expect(stateLabel(target('a', { state: 'exited', exit: { code: 3, signal: null } }))).toBe('exited · exit code 3')
    expect(stateLabel(target('a', { state: 'exited', exit: { code: null, signal: 'SIGKILL' } }))).toBe('exited · signal SIGKILL')
    expect(stateLabel(target('a', { state: 'reconnecting' }))).toBe('reconnecting')
  })
})

describe('targets store', () => {
  it('selects the newest live process when nothing is selected, and keeps a selection', () => {
    const store = createTargetsStore(new MemoryClient())
    store.getState().setTargets([
      target('old', { attachedAt: 1 }),
      target('new', { attachedAt: 5, state: 'exited' }),
      target('mid', { attachedAt: 3 }),
      target('w', { attachedAt: 9, parentId: 'old' })
    ])
    expect(store.getState().selectedId).toBe('mid')
    store.getState().select('w')
    store.getState().setTargets([...store.getState().targets, target('newer', { attachedAt: 10 })])
    expect(store.getState().selectedId).toBe('w')
    store.getState().setTargets([])
    expect(store.getState().selectedId).toBeNull()
  })

  it('selects what it attached to, before or after targets.changed lists it', async () => {
    const created = target('p', { kind: 'port' })
    const store = createTargetsStore(new MemoryClient({ 'targets.attach': () => created }))
    store.getState().setTargets([target('a')])
    await store.getState().attach({ kind: 'port', port: 9229 })
    expect(store.getState().selectedId).toBe('p')
    expect(store.getState().targets.map((t) => t.id)).toEqual(['a', 'p'])
    store.getState().setTargets([target('a'), created])
    expect(store.getState().selectedId).toBe('p')
  })

  it('rejects a failed attach with the one-line message', async () => {
    const store = createTargetsStore(
      new MemoryClient({ 'targets.attach': () => Promise.reject({ code: 'CONNECTION_REFUSED', message: 'nothing is listening on 127.0.0.1:1' }) })
    )
    await expect(store.getState().attach({ kind: 'port', port: 1 })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED', message: 'nothing is listening on 127.0.0.1:1' })
    expect(store.getState().selectedId).toBeNull()
  })

  it('launches the demo and shows failures of actions as one line', async () => {
    const client = new MemoryClient({ 'targets.launchDemo': () => target('demo') })
    const store = createTargetsStore(client)
    await store.getState().launchDemo()
    expect(store.getState().selectedId).toBe('demo')
    expect(store.getState().busy).toBeNull()
    client.handlers['targets.detach'] = () => Promise.reject(new Error('Error invoking remote method \'spyglass:targets.detach\': UserError: already detached'))
    await store.getState().detach('demo')
    expect(store.getState().actionError).toBe('Could not detach: already detached')
  })

  it('removes a target with its workers', async () => {
    const client = new MemoryClient({ 'targets.remove': () => undefined })
    const store = createTargetsStore(client)
    store.getState().setTargets([target('a'), target('w', { parentId: 'a' }), target('b', { attachedAt: 0 })])
    store.getState().select('a')
    await store.getState().remove('a')
    expect(store.getState().targets.map((t) => t.id)).toEqual(['b'])
    expect(store.getState().selectedId).toBe('b')
  })
})
