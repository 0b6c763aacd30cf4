import { Dialog } from './Dialog'

export interface Shortcut {
  keys: string[]
  what: string
}

export function shortcutList(modKey: string, viewTitles: readonly string[]): Shortcut[] {
  return [
    { keys: [modKey, 'K'], what: 'Attach to a process' },
    { keys: [modKey, 'F'], what: 'Search the console or the error groups' },
    { keys: [modKey, 'L'], what: 'Clear the console' },
    { keys: [modKey, 'O'], what: 'Open a session file' },
    { keys: [modKey, 'S'], what: 'Save the session of the selected target' },
    ...viewTitles.map((title, i) => ({ keys: [modKey, String(i + 1)], what: `Show ${title}` })),
    { keys: ['F8'], what: 'Debugger: resume, or pause the selected target' },
    { keys: ['F10'], what: 'Debugger: step over' },
    { keys: ['F11'], what: 'Debugger: step into' },
    { keys: ['Shift', 'F11'], what: 'Debugger: step out' },
    { keys: ['Alt', 'click'], what: 'On a level toggle: show only that level' },
    { keys: ['Esc'], what: 'Close a dialog or menu; in the search box, clear it' },
    { keys: ['?'], what: 'Show this help' }
  ]
}

export function HelpOverlay({ shortcuts, onClose }: { shortcuts: Shortcut[]; onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="help-overlay">
      <table className="shortcut-table">
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.what}>
              <td className="keys">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && '+'}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}
