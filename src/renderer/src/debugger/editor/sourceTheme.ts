// The source view's look, from the app's CSS variables (theme.css): one theme serves light and dark,
// because the variables themselves change with <html data-theme>; nothing is re-configured on a switch.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { EditorView } from '@codemirror/view'
import { tags as t } from '@lezer/highlight'
import type { Extension } from '@codemirror/state'

const chrome = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--bg)', color: 'var(--text)', fontSize: 'var(--fs-mono)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '18px' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-panel)', color: 'var(--text-faint)', borderRight: '1px solid var(--border)' },
  '.cm-lineNumbers .cm-gutterElement': { minWidth: '44px', padding: '0 10px 0 6px', cursor: 'pointer' },
  '.cm-lineNumbers .cm-gutterElement:hover': { color: 'var(--text)' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '.cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 28%, transparent)'
  },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg-raised)',
    color: 'var(--text)',
    border: '1px solid var(--border-strong)',
    borderRadius: '6px',
    boxShadow: 'var(--shadow)'
  }
})

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.definitionKeyword, t.operatorKeyword, t.self], color: 'var(--v-keyword)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--v-string)' },
  { tag: [t.number, t.bool], color: 'var(--v-number)' },
  { tag: [t.null, t.atom], color: 'var(--v-null)' },
  { tag: t.regexp, color: 'var(--v-symbol)' },
  { tag: [t.lineComment, t.blockComment, t.comment], color: 'var(--text-faint)', fontStyle: 'italic' },
  { tag: [t.propertyName, t.special(t.propertyName)], color: 'var(--v-prop)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))], color: 'var(--accent)' },
  { tag: [t.className, t.typeName, t.definition(t.typeName)], color: 'var(--v-symbol)' },
  { tag: [t.operator, t.punctuation, t.bracket, t.separator], color: 'var(--text-dim)' },
  { tag: t.invalid, color: 'var(--error)' }
])

export const sourceTheme: Extension = [chrome, syntaxHighlighting(highlight)]
