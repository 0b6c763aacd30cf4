import { useEffect, useRef, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { javascript } from '@codemirror/lang-javascript'
import { EditorState, type Extension } from '@codemirror/state'
import { EditorView, hoverTooltip, highlightSpecialChars, drawSelection } from '@codemirror/view'
import { breakpointGutter, setBreakpointMarks, type BreakpointMark, type GutterHandlers } from './breakpointGutter'
import { executionLine, executionPos, setExecutionMark, type ExecutionMark } from './executionLine'
import { hoverExpressionAt } from './hoverExpression'
import { sourceTheme } from './sourceTheme'

export interface SourceEditorProps {
  /** Identifies the document: a new key replaces the text (and forgets the old one's scroll position). */
  docKey: string
  text: string
  /** TypeScript sources get the TypeScript grammar; everything else is JavaScript. */
  typescript: boolean
  breakpoints: readonly BreakpointMark[]
  execution: ExecutionMark | null
  /** A line to scroll into view, centered; a new object each time it should scroll again. */
  reveal: { line: number } | null
  /** What to show when hovering an expression (null: no hover, e.g. while running). */
  renderHover: ((expression: string) => Promise<ReactNode | null>) | null
  onToggleBreakpoint(line: number): void
  onEditBreakpoint: GutterHandlers['onEdit']
}

/** Hovering waits this long before it evaluates anything: a mouse passing over the code asks nothing. */
const hoverDelayMs = 350

/**
 * A read-only CodeMirror 6 view of one script: line numbers that take breakpoints, the execution
 * line, values on hover. CodeMirror owns its DOM; React only pushes changes in as effects.
 */
export function SourceEditor(props: SourceEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  // Handlers and the hover source change with every render; CodeMirror's extensions read the latest.
  const latest = useRef(props)
  latest.current = props

  const extensions = useRef<(typescript: boolean) => Extension>((typescript) => [
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    // Keyboard selection and copying still work in a non-editable view when it can take focus.
    EditorView.contentAttributes.of({ tabindex: '0' }),
    highlightSpecialChars(),
    drawSelection(),
    javascript({ typescript, jsx: false }),
    breakpointGutter(() => ({
      onToggle: (line) => latest.current.onToggleBreakpoint(line),
      onEdit: (line, anchor) => latest.current.onEditBreakpoint(line, anchor)
    })),
    executionLine,
    hoverTooltip(
      async (editor, pos, side) => {
        const render = latest.current.renderHover
        if (!render) return null
        const found = hoverExpressionAt(editor.state, pos, side)
        if (!found) return null
        const content = await render(found.expression)
        if (content === null) return null
        return {
          pos: found.from,
          end: found.to,
          above: true,
          create: () => {
            const dom = document.createElement('div')
            dom.className = 'cm-value-hover'
            dom.setAttribute('data-testid', 'value-hover')
            const root = createRoot(dom)
            root.render(content)
            // CodeMirror may drop the tooltip while React renders elsewhere: unmount after that.
            return { dom, destroy: () => queueMicrotask(() => root.unmount()) }
          }
        }
      },
      { hoverTime: hoverDelayMs }
    ),
    sourceTheme
  ])

  // One EditorView for the component's life; a new document gets a new state.
  useEffect(() => {
    if (!host.current) return
    const editor = new EditorView({ parent: host.current })
    view.current = editor
    return () => {
      editor.destroy()
      view.current = null
    }
  }, [])

  useEffect(() => {
    const editor = view.current
    if (!editor) return
    editor.setState(EditorState.create({ doc: props.text, extensions: extensions.current(props.typescript) }))
    const { breakpoints, execution } = latest.current
    editor.dispatch({ effects: [setBreakpointMarks.of(breakpoints), setExecutionMark.of(execution)] })
  }, [props.docKey, props.text, props.typescript])

  useEffect(() => {
    view.current?.dispatch({ effects: setBreakpointMarks.of(props.breakpoints) })
  }, [props.breakpoints])

  useEffect(() => {
    view.current?.dispatch({ effects: setExecutionMark.of(props.execution) })
  }, [props.execution])

  useEffect(() => {
    const editor = view.current
    if (!editor || !props.reveal) return
    const pos = executionPos(editor.state, { line: props.reveal.line, column: 1 })
    if (pos !== null) editor.dispatch({ effects: EditorView.scrollIntoView(pos, { y: 'center' }) })
  }, [props.reveal, props.docKey])

  return <div className="sources-editor" ref={host} data-testid="source-editor" data-doc={props.docKey} />
}
