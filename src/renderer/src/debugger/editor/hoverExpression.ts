// What hovering a spot in the source asks the paused frame to evaluate. Only expressions that read
// (a name, `this`, a chain of property reads with literal indexes) are offered: evaluating the
// text under the mouse must never call the target's functions (`foo().bar` would run foo).
import { syntaxTree } from '@codemirror/language'
import type { EditorState } from '@codemirror/state'
import type { SyntaxNode } from '@lezer/common'

export interface HoverExpression {
  from: number
  to: number
  expression: string
}

/** Longer chains are unusual in hovers and would only make the tooltip unreadable. */
const maxExpressionLength = 200

function readsOnly(node: SyntaxNode): boolean {
  switch (node.name) {
    case 'VariableName':
    case 'VariableDefinition':
    case 'this':
    case 'super':
      return true
    case 'MemberExpression': {
      const object = node.firstChild
      if (!object || !readsOnly(object)) return false
      for (let child = object.nextSibling; child; child = child.nextSibling) {
        if (['.', '?.', '[', ']', 'PropertyName', 'PrivatePropertyName'].includes(child.name)) continue
        // `a[0]`, `a['key']`: literal indexes only, `a[f()]` would call.
        if (child.name === 'Number' || child.name === 'String') continue
        return false
      }
      return true
    }
    default:
      return false
  }
}

/** `{ order }`: a property written as just a name, which reads the variable of that name. */
function isShorthand(node: SyntaxNode): boolean {
  const property = node.parent
  return property?.name === 'Property' && property.firstChild?.name === 'PropertyDefinition' && property.firstChild.nextSibling === null
}

/** The readable expression at `pos`, or null where hovering shows nothing (keywords, literals, calls). */
export function hoverExpressionAt(state: EditorState, pos: number, side: -1 | 1 = 1): HoverExpression | null {
  const node = syntaxTree(state).resolveInner(pos, side)
  let target: SyntaxNode | null = null
  if (node.name === 'VariableName' || node.name === 'VariableDefinition' || node.name === 'this') {
    target = node
  } else if (node.name === 'PropertyDefinition' && isShorthand(node)) {
    // `{ order }` reads the variable `order`.
    return { from: node.from, to: node.to, expression: state.doc.sliceString(node.from, node.to) }
  } else if ((node.name === 'PropertyName' || node.name === 'PrivatePropertyName') && node.parent?.name === 'MemberExpression') {
    // Hovering `price` in `item.price` shows `item.price`, not a global `price`.
    target = node.parent
  }
  if (!target || !readsOnly(target)) return null
  const expression = state.doc.sliceString(target.from, target.to).replace(/\s+/g, '')
  if (expression.length === 0 || expression.length > maxExpressionLength) return null
  return { from: node.from, to: node.to, expression }
}
