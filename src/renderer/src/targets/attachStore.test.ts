import { describe, expect, it } from 'vitest'
import { createAttachStore, requestFor } from './attachStore'
import { splitCommandLine } from './commandLine'
import { createTargetsStore } from './targetsStore'
import { MemoryClient, settle } from '../testing/memoryClient'
import { target } from '../testing/fixtures'

describe('splitCommandLine', () => {
  it('splits on whitespace and respects quotes and escapes', () => {
    expect(splitCommandLine('node  server.js --port 3000')).toEqual(['node', 'server.js', '--port', '3000'])
    expect(splitCommandLine(`node -e "console.log('hi there')" 'a b' c\\ d ""`)).toEqual(['node', '-e', "console.log('hi there')", 'a b', 'c d', ''])
    expect(splitCommandLine('node "say \\"hi\\""')).toEqual(['node', 'say "hi"'])
    expect(splitCommandLine('   ')).toEqual([])
    expect(() => splitCommandLine('node "oops')).toThrow('unterminated " quote')
  })
})

describe('requestFor', () => {
  const fields = { port: '', wsUrl: '', command: '' }
  it('validates each tab', () => {
    expect(requestFor('port', { ...fields, port: '9229' })).toEqual({ kind: 'port', port: 9229 })
    expect(requestFor('port', { ...fields, port: '70000' })).toMatch(/between 1 and 65535/)
    expect(requestFor('ws', { ...fields, wsUrl: ' ws://127.0.0.1:9229/abc ' })).toEqual({ kind: 'ws', url: 'ws://127.0.0.1:9229/abc' })
    expect(requestFor('ws', { ...fields, wsUrl: 'http://x' })).toMatch(/ws:\/\//)
    expect(requestFor('launch', { ...fields, command: 'node "a b.js"' })).toEqual({ kind: 'launch', command: ['node', 'a b.js'] })
    expect(requestFor('launch', fields)).toMatch(/enter a command line/)
  })
})

describe('attach dialog store', () => {
  function setup(attach: MemoryClient['handlers']['targets.attach']) {
    const client = new MemoryClient({
      'targets.attach': attach,
      'targets.discover': () => [{ pid: 42, command: 'node app.js', inspector: null }]
    })
    const targets = createTargetsStore(client)
    return { client, targets, dialog: createAttachStore(client, targets) }
  }

  it('lists processes when shown and attaches by pid', async () => {
    const { client, targets, dialog } = setup(() => target('p42'))
    dialog.getState().show('processes')
    await settle()
    expect(dialog.getState().processes).toEqual([{ pid: 42, command: 'node app.js', inspector: null }])
    expect(await dialog.getState().attachPid(42)).toBe(true)
    expect(client.callsOf('targets.attach')).toEqual([{ kind: 'pid', pid: 42 }])
    expect(dialog.getState().open).toBe(false)
    expect(targets.getState().selectedId).toBe('p42')
  })

  it('keeps the dialog open with the one-line error when attach fails', async () => {
    const { dialog } = setup(() => Promise.reject({ code: 'CONNECTION_REFUSED', message: 'nothing is listening on 127.0.0.1:1' }))
    dialog.getState().show('port')
    dialog.getState().setField('port', '1')
    expect(await dialog.getState().submit()).toBe(false)
    expect(dialog.getState()).toMatchObject({ open: true, pending: null, error: 'nothing is listening on 127.0.0.1:1' })
    dialog.getState().setField('port', '2')
    expect(dialog.getState().error).toBeNull()
  })

  it('does not send an invalid request', async () => {
    const { client, dialog } = setup(() => target('x'))
    dialog.getState().show('launch')
    dialog.getState().setField('command', 'node "unterminated')
    expect(await dialog.getState().submit()).toBe(false)
    expect(dialog.getState().error).toMatch(/unterminated/)
    expect(client.callsOf('targets.attach')).toEqual([])
  })
})
