import { useEffect, useRef } from 'react'

export interface HiddenFileInputProps {
  /** Bumped to open the browser's file chooser. */
  request: number
  /** The file types offered, as the input's `accept` (e.g. ".spyglass"). */
  accept: string
  onFile(file: File): void
  testId: string
}

/** The browser's way to pick a file (a session, a profile, a snapshot): a hidden file input the app clicks when asked. */
export function HiddenFileInput({ request, accept, onFile, testId }: HiddenFileInputProps) {
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (request > 0) input.current?.click()
  }, [request])
  return (
    <input
      ref={input}
      type="file"
      accept={accept}
      hidden
      onChange={(e) => {
        const file = e.target.files?.[0]
        // Cleared so that picking the same file again fires a change too.
        e.target.value = ''
        if (file) onFile(file)
      }}
      data-testid={testId}
    />
  )
}
