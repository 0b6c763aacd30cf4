import { useEffect, useRef } from 'react'

export interface SessionFilePickerProps {
  /** Bumped to open the browser's file chooser. */
  request: number
  onFile(file: File): void
}

/** The browser's way to pick a .spyglass file: a hidden file input the app clicks when asked. */
export function SessionFilePicker({ request, onFile }: SessionFilePickerProps) {
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (request > 0) input.current?.click()
  }, [request])
  return (
    <input
      ref={input}
      type="file"
      accept=".spyglass"
      hidden
      onChange={(e) => {
        const file = e.target.files?.[0]
        // Cleared so that picking the same file again fires a change too.
        e.target.value = ''
        if (file) onFile(file)
      }}
      data-testid="session-file-input"
    />
  )
}
