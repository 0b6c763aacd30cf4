import { useEffect, useRef } from 'react'

export interface SearchBoxProps {
  value: string
  placeholder: string
  onChange: (value: string) => void
  /** Focus and select the text whenever this number changes (the Ctrl/Cmd+F shortcut); 0 means never asked. */
  focusRequest: number
  testId: string
}

/** A view's filter field: Escape clears it (without also closing what lies behind it). */
export function SearchBox(props: SearchBoxProps) {
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (props.focusRequest === 0) return
    ref.current?.focus()
    ref.current?.select()
  }, [props.focusRequest])
  return (
    <div className="search-box">
      <input
        ref={ref}
        type="search"
        className="input search"
        placeholder={props.placeholder}
        value={props.value}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.value) {
            e.stopPropagation()
            e.nativeEvent.stopImmediatePropagation()
            props.onChange('')
          }
        }}
        data-testid={props.testId}
      />
    </div>
  )
}
