import { describe, expect, it, vi } from 'vitest'
import type { BridgeClientMessage } from '../../../shared/api'
import { bridgeUrl } from './client'
import { toApiError } from './apiError'
import { WsClient, type SocketLike } from './wsClient'
import { settle } from '../testing/memoryClient'

class FakeSocket implements SocketLike {
  readyState = 0
  sent: BridgeClientMessage[] = []
  onopen: SocketLike['onopen'] = null
  onmessage: SocketLike['onmessage'] = null
  onclose: SocketLike['onclose'] = null
  onerror: SocketLike['onerror'] = null
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as BridgeClientMessage)
  }
  close(): void {
    this.drop()
  }
  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }
  drop(): void {
    this.readyState = 3
    this.onerror?.({})
    this.onclose?.({})
  }
  reply(data: unknown): void {
    this.onmessage?.({ data: JSON.stringify(data) })
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const timers: (() => void)[] = []
  const client = new WsClient({
    url: 'ws://127.0.0.1:1/ws?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    setTimer: (fn) => timers.push(fn)
  })
  const states: string[] = []
  client.onConnection((s) => states.push(s))
  return { client, sockets, timers, states }
}

describe('bridgeUrl', () => {
  it('points at /ws on the same host with the page token', () => {
    expect(bridgeUrl('http://127.0.0.1:4567/?token=abc%2Bdef')).toBe('ws://127.0.0.1:4567/ws?token=abc%2Bdef')
    expect(bridgeUrl('https://host/x/index.html')).toBe('wss://host/ws')
  })
})

describe('WsClient', () => {
  it('queues requests until the socket opens, then matches results by id', async () => {
    const { client, sockets } = setup()
    const result = client.invoke('targets.list', undefined)
    expect(sockets[0].sent).toEqual([])
    sockets[0].open()
    expect(sockets[0].sent).toEqual([{ type: 'invoke', id: 1, name: 'targets.list' }])
    sockets[0].reply({ type: 'result', id: 1, ok: true, result: [] })
    await expect(result).resolves.toEqual([])
  })

  it('rejects with the server error as an ApiError', async () => {
    const { client, sockets } = setup()
    sockets[0].open()
    const result = client.invoke('targets.attach', { kind: 'port', port: 1 })
    sockets[0].reply({ type: 'result', id: 1, ok: false, error: { code: 'CONNECTION_REFUSED', message: 'nothing is listening on 127.0.0.1:1' } })
    await expect(result).rejects.toMatchObject({ name: 'ApiError', code: 'CONNECTION_REFUSED', message: 'nothing is listening on 127.0.0.1:1' })
  })

  it('delivers pushed events to listeners until they unsubscribe', () => {
    const { client, sockets } = setup()
    sockets[0].open()
    const got: unknown[] = []
    const off = client.on('settings.changed', (s) => got.push(s))
    sockets[0].reply({ type: 'event', name: 'settings.changed', payload: { theme: 'light' } })
    off()
    sockets[0].reply({ type: 'event', name: 'settings.changed', payload: { theme: 'dark' } })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    sockets[0].onmessage?.({ data: 'not json' })
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
    expect(got).toEqual([{ theme: 'light' }])
  })

  it('fails requests in flight when the connection drops, then reconnects and resends queued ones', async () => {
    const { client, sockets, timers, states } = setup()
    sockets[0].open()
    const inFlight = client.invoke('targets.list', undefined)
    sockets[0].drop()
    await expect(inFlight).rejects.toMatchObject({ code: 'DISCONNECTED' })
    expect(client.connection).toBe('reconnecting')
    const queued = client.invoke('settings.get', undefined)
    expect(timers.length).toBe(1)
    timers[0]()
    expect(sockets.length).toBe(2)
    sockets[1].open()
    expect(sockets[1].sent.map((m) => m.name)).toEqual(['settings.get'])
    sockets[1].reply({ type: 'result', id: 2, ok: true, result: { theme: 'dark' } })
    await expect(queued).resolves.toEqual({ theme: 'dark' })
    expect(states).toEqual(['connected', 'reconnecting', 'connected'])
    await settle()
  })

  it('keeps retrying while the server is away', () => {
    const { sockets, timers } = setup()
    sockets[0].drop()
    timers[0]()
    sockets[1].drop()
    timers[1]()
    expect(sockets.length).toBe(3)
  })
})

describe('toApiError', () => {
  it('turns anything into a one-line message', () => {
    expect(toApiError({ code: 'TIMEOUT', message: 'took too long\nat x' }).message).toBe('took too long')
    expect(toApiError(new Error("Error invoking remote method 'spyglass:targets.attach': UserError: no such process 7")).message).toBe('no such process 7')
    expect(toApiError('plain').code).toBe('INTERNAL')
  })
})
