import { useEffect, useState } from 'react'

/** The current values of CSS custom properties on <html>, e.g. `--error` → `#ff6b6e`. */
export function readCssVariables<K extends string>(names: readonly K[]): Record<K, string> {
  const style = getComputedStyle(document.documentElement)
  return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name).trim()])) as Record<K, string>
}

/**
 * CSS custom properties as plain strings, for code that paints without CSS (canvas charts), read
 * again whenever the theme on <html data-theme> changes. Watching the attribute (rather than a
 * theme prop) matters: the app sets it in an effect that runs after the chart's own effects.
 */
export function useCssColors<K extends string>(names: readonly K[]): Record<K, string> {
  const key = names.join(',')
  const [colors, setColors] = useState(() => readCssVariables(names))
  useEffect(() => {
    const list = key.split(',') as K[]
    setColors(readCssVariables(list))
    const observer = new MutationObserver(() => setColors(readCssVariables(list)))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => observer.disconnect()
  }, [key])
  return colors
}
