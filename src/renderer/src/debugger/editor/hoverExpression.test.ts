import { describe, expect, it } from 'vitest'
import { EditorState } from '@codemirror/state'
import { javascript } from '@codemirror/lang-javascript'
import { ensureSyntaxTree } from '@codemirror/language'
import { hoverExpressionAt } from './hoverExpression'

/** The expression offered when hovering the first occurrence of `needle` (at its `offset`-th character). */
function hoverAt(doc: string, needle: string, offset = 0): string | null {
  const created = EditorState.create({ doc, extensions: [javascript()] })
  // A new state parses for a few milliseconds only (a busy machine may not finish): parse it all,
  // then take the state after an empty update, whose syntax tree is that whole parse.
  if (!ensureSyntaxTree(created, created.doc.length, 5000)) throw new Error(`could not parse ${doc}`)
  const state = created.update({}).state
  const at = doc.indexOf(needle)
  if (at < 0) throw new Error(`${needle} not in ${doc}`)
  return hoverExpressionAt(state, at + offset, 1)?.expression ?? null
}

describe('hoverExpressionAt', () => {
  it('offers names, declarations and this', () => {
    expect(hoverAt('const order = makeOrder(tick)', 'order')).toBe('order')
    expect(hoverAt('const order = makeOrder(tick)', 'tick')).toBe('tick')
    expect(hoverAt('return this.items', 'this')).toBe('this')
    // A shorthand property reads the variable; a property with a value is only a key.
    expect(hoverAt('push({ order, snapshot: 1 })', 'order')).toBe('order')
    expect(hoverAt('push({ order, snapshot: 1 })', 'snapshot')).toBeNull()
    expect(hoverAt('const { p } = o', 'p')).toBe('p')
  })

  it('offers a property with the chain that leads to it', () => {
    expect(hoverAt('sum + item.price * item.quantity', 'quantity')).toBe('item.quantity')
    expect(hoverAt('this.items.reduce(f, 0)', 'items')).toBe('this.items')
    expect(hoverAt('a[0].b?.c', 'c')).toBe('a[0].b?.c')
    expect(hoverAt("a['k'].b", 'b')).toBe("a['k'].b")
    expect(hoverAt('a.\n  b', 'b')).toBe('a.b')
  })

  it('offers nothing that would call the target, nor keywords and literals', () => {
    expect(hoverAt('foo().bar', 'bar')).toBeNull()
    expect(hoverAt('a[f()].b', 'b')).toBeNull()
    expect(hoverAt('const x = 42', '42')).toBeNull()
    expect(hoverAt('const x = 42', 'const')).toBeNull()
    expect(hoverAt("const s = 'text'", 'text')).toBeNull()
  })
})
