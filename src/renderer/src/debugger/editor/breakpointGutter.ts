// Breakpoints in the line-number gutter, as DevTools shows them: the number of a line with a
// breakpoint becomes a colored tag (blue: plain, orange: conditional or hit count, pink: logpoint;
// faded when disabled, hollow while not bound to code). Clicking a number toggles the breakpoint;
// the context menu (or Alt+click) asks to edit it.
import { RangeSet, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state'
import { GutterMarker, lineNumberMarkers, lineNumbers, type EditorView } from '@codemirror/view'

export type BreakpointMarkKind = 'line' | 'conditional' | 'logpoint'

/** A breakpoint as the gutter draws it. Lines are 1-based, as editors number them. */
export interface BreakpointMark {
  line: number
  kind: BreakpointMarkKind
  enabled: boolean
  /** False while no code of the running target is at the line (not loaded yet, or no code there). */
  bound: boolean
}

export interface GutterHandlers {
  onToggle(line: number): void
  /** Edit the breakpoint of a line (creating one when there is none); `anchor` is where to show the editor. */
  onEdit(line: number, anchor: { left: number; top: number; bottom: number }): void
}

class BreakpointMarker extends GutterMarker {
  constructor(readonly mark: BreakpointMark) {
    super()
    const classes = ['cm-bp', `cm-bp-${mark.kind}`]
    if (!mark.enabled) classes.push('cm-bp-disabled')
    if (!mark.bound) classes.push('cm-bp-unbound')
    this.elementClass = classes.join(' ')
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof BreakpointMarker && other.elementClass === this.elementClass
  }
}

export const setBreakpointMarks = StateEffect.define<readonly BreakpointMark[]>()

function buildMarks(doc: EditorView['state']['doc'], marks: readonly BreakpointMark[]): RangeSet<GutterMarker> {
  const builder = new RangeSetBuilder<GutterMarker>()
  // RangeSetBuilder wants ascending positions, one marker per line.
  const byLine = new Map<number, BreakpointMark>()
  for (const mark of marks) if (mark.line >= 1 && mark.line <= doc.lines) byLine.set(mark.line, mark)
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    const from = doc.line(line).from
    builder.add(from, from, new BreakpointMarker(byLine.get(line)!))
  }
  return builder.finish()
}

const breakpointField = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(set, tr) {
    let next = set.map(tr.changes)
    for (const effect of tr.effects) if (effect.is(setBreakpointMarks)) next = buildMarks(tr.state.doc, effect.value)
    return next
  },
  provide: (field) => lineNumberMarkers.from(field)
})

export function breakpointGutter(handlers: () => GutterHandlers): Extension {
  const lineOf = (view: EditorView, from: number): number => view.state.doc.lineAt(from).number
  const anchorOf = (event: Event): { left: number; top: number; bottom: number } => {
    const rect = (event.target as HTMLElement).getBoundingClientRect()
    return { left: rect.right, top: rect.top, bottom: rect.bottom }
  }
  return [
    breakpointField,
    lineNumbers({
      domEventHandlers: {
        mousedown(view, block, event) {
          const mouse = event as MouseEvent
          if (mouse.button !== 0) return false
          if (mouse.altKey) handlers().onEdit(lineOf(view, block.from), anchorOf(event))
          else handlers().onToggle(lineOf(view, block.from))
          return true
        },
        contextmenu(view, block, event) {
          event.preventDefault()
          handlers().onEdit(lineOf(view, block.from), anchorOf(event))
          return true
        }
      }
    })
  ]
}
