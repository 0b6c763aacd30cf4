// Where the target is paused: the line highlighted (the top frame's strongly, a selected caller's
// frame softly), the column marked, and the exception it paused on written below the line.
import { RangeSetBuilder, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state'
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view'

export interface ExecutionMark {
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
  /** The frame the target stopped in (false: a caller's frame selected in the call stack). */
  top: boolean
  /** What it paused on, when it paused on an exception: a line of text. */
  exception: string | null
}

export const setExecutionMark = StateEffect.define<ExecutionMark | null>()

class ExceptionWidget extends WidgetType {
  constructor(readonly text: string) {
    super()
  }
  override eq(other: WidgetType): boolean {
    return other instanceof ExceptionWidget && other.text === this.text
  }
  toDOM(): HTMLElement {
    const box = document.createElement('div')
    box.className = 'cm-paused-exception'
    box.setAttribute('data-testid', 'paused-exception')
    const label = document.createElement('span')
    label.className = 'cm-paused-exception-label'
    label.textContent = 'Paused on exception'
    const text = document.createElement('span')
    text.textContent = this.text
    box.append(label, text)
    return box
  }
}

/** The execution point as a position in the document: clamped to its line, so a stale column never throws. */
export function executionPos(state: EditorState, mark: Pick<ExecutionMark, 'line' | 'column'>): number | null {
  if (mark.line < 1 || mark.line > state.doc.lines) return null
  const line = state.doc.line(mark.line)
  return Math.min(line.to, line.from + Math.max(0, mark.column - 1))
}

function build(state: EditorState, mark: ExecutionMark | null): DecorationSet {
  if (!mark) return Decoration.none
  const pos = executionPos(state, mark)
  if (pos === null) return Decoration.none
  const line = state.doc.lineAt(pos)
  const builder = new RangeSetBuilder<Decoration>()
  builder.add(line.from, line.from, Decoration.line({ class: mark.top ? 'cm-paused-line' : 'cm-frame-line', attributes: { 'data-testid': 'paused-line' } }))
  if (pos < line.to) builder.add(pos, pos, Decoration.widget({ widget: new ColumnWidget(mark.top), side: -1 }))
  if (mark.exception) builder.add(line.to, line.to, Decoration.widget({ widget: new ExceptionWidget(mark.exception), block: true, side: 1 }))
  return builder.finish()
}

/** A small arrow before the paused expression, as DevTools marks the column. */
class ColumnWidget extends WidgetType {
  constructor(readonly top: boolean) {
    super()
  }
  override eq(other: WidgetType): boolean {
    return other instanceof ColumnWidget && other.top === this.top
  }
  toDOM(): HTMLElement {
    const arrow = document.createElement('span')
    arrow.className = this.top ? 'cm-paused-column' : 'cm-paused-column cm-frame-column'
    arrow.setAttribute('aria-hidden', 'true')
    return arrow
  }
}

const executionField = StateField.define<{ mark: ExecutionMark | null; decorations: DecorationSet }>({
  create: () => ({ mark: null, decorations: Decoration.none }),
  update(value, tr) {
    let next = tr.docChanged ? { mark: value.mark, decorations: build(tr.state, value.mark) } : value
    for (const effect of tr.effects) if (effect.is(setExecutionMark)) next = { mark: effect.value, decorations: build(tr.state, effect.value) }
    return next
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations)
})

export const executionLine: Extension = executionField
