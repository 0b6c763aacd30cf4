import { describe, expect, it } from 'vitest'
import type { Protocol } from 'devtools-protocol'
import { formatConsoleArgs, formatRemoteObject, parseStackText, toRemoteValue } from './remoteValue'

type R = Protocol.Runtime.RemoteObject
const str = (value: string): R => ({ type: 'string', value })
const num = (value: number): R => ({ type: 'number', value, description: String(value) })

describe('formatting remote values like console.log', () => {
  it('applies util.format substitutions', () => {
    expect(formatConsoleArgs([str('%s has %d items (%i%%)'), str('cart'), num(3), num(42.7)])).toBe('cart has 3 items (42%)')
    expect(formatConsoleArgs([str('a'), num(1), { type: 'undefined' }, { type: 'object', subtype: 'null', value: null }])).toBe('a 1 undefined null')
    expect(formatConsoleArgs([str('%c styled'), str('color: red')])).toBe(' styled')
  })

  it('prints objects, arrays, maps and errors from their previews', () => {
    const object: R = {
      type: 'object', className: 'Order', description: 'Order', objectId: '1',
      preview: { type: 'object', description: 'Order', overflow: false, properties: [
        { name: 'id', type: 'number', value: '7' }, { name: 'who', type: 'string', value: "O'Neil" }, { name: 'items', type: 'object', subtype: 'array', value: 'Array(2)' }
      ] }
    }
    expect(formatRemoteObject(object, true)).toBe("Order { id: 7, who: 'O\\'Neil', items: [Array(2)] }")
    const map: R = { type: 'object', subtype: 'map', className: 'Map', description: 'Map(1)', preview: { type: 'object', subtype: 'map', description: 'Map(1)', overflow: false, properties: [], entries: [{ key: { type: 'string', description: 'k', overflow: false, properties: [] }, value: { type: 'number', description: '1', overflow: false, properties: [] } }] } }
    expect(formatRemoteObject(map, true)).toBe("Map(1) { 'k' => 1 }")
    const array: R = { type: 'object', subtype: 'array', className: 'Array', description: 'Array(3)', preview: { type: 'object', subtype: 'array', description: 'Array(3)', overflow: false, properties: [{ name: '0', type: 'number', value: '1' }, { name: '1', type: 'number', value: '2' }, { name: '2', type: 'string', value: 'x' }] } }
    expect(formatRemoteObject(array, true)).toBe("[ 1, 2, 'x' ]")
    const error: R = { type: 'object', subtype: 'error', className: 'Error', description: 'Error: bad\n    at f (/a.js:1:1)' }
    expect(formatConsoleArgs([str('failed:'), error])).toBe('failed: Error: bad')
    expect(formatRemoteObject({ type: 'function', className: 'Function', description: 'async function load() {}' }, true)).toBe('[AsyncFunction: load]')
    expect(formatRemoteObject({ type: 'function', className: 'Function', description: 'class Cart {}' }, true)).toBe('[class Cart]')
  })

  it('parses V8 stack text, including frames without a function name', () => {
    expect(parseStackText('TypeError: x\n    at Foo.bar (file:///app/src/x.mjs:10:5)\n    at /app/y.js:2:3\n    at node:internal/main:1:1')).toEqual([
      { functionName: 'Foo.bar', url: 'file:///app/src/x.mjs', line: 10, column: 5 },
      { functionName: '', url: '/app/y.js', line: 2, column: 3 },
      { functionName: '', url: 'node:internal/main', line: 1, column: 1 }
    ])
    expect(parseStackText('no frames here')).toBeUndefined()
  })
})

describe('values Node prints its own way', () => {
  it('prints dates in ISO form and errors by their first line', () => {
    const date: R = { type: 'object', subtype: 'date', className: 'Date', description: 'Sat Nov 21 2026 05:47:15 GMT+0000 (Coordinated Universal Time)' }
    expect(formatRemoteObject(date, true)).toBe('2026-11-21T05:47:15.000Z')
    const withDate: R = { type: 'object', className: 'Object', description: 'Object', preview: { type: 'object', description: 'Object', overflow: false, properties: [{ name: 'at', type: 'object', subtype: 'date', value: 'Sat Nov 21 2026 05:47:15 GMT+0000 (Coordinated Universal Time)' }] } }
    expect(formatRemoteObject(withDate, true)).toBe('{ at: 2026-11-21T05:47:15.000Z }')
    expect(toRemoteValue({ type: 'object', subtype: 'error', className: 'Error', description: 'Error: bad\n    at f (/a.js:1:1)', objectId: '9' })).toEqual({ type: 'object', subtype: 'error', className: 'Error', text: 'Error: bad', objectId: '9' })
  })
})
