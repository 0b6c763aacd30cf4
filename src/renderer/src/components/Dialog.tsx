import type { ReactNode } from 'react'

export interface DialogProps {
  title: string
  onClose(): void
  children: ReactNode
  testId?: string
  wide?: boolean
}

/** A modal: a dimmed backdrop (click closes), a titled panel; Esc is handled by the shortcut hook. */
export function Dialog({ title, onClose, children, testId, wide }: DialogProps) {
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className={wide ? 'dialog wide' : 'dialog'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <header className="dialog-header">
          <h2>{title}</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={onClose} data-testid="dialog-close">
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </section>
    </div>
  )
}
