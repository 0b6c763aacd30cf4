// The one byte formatter of main, the CLI and the renderer: binary units (1 KiB = 1024 B), the
// unit people read heap and file sizes in, with one decimal past bytes and exact whole numbers
// kept whole ("16 MiB", not "16.0 MiB").
const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`
  const sign = bytes < 0 ? '−' : ''
  let value = Math.abs(bytes)
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const text = unit === 0 ? String(Math.round(value)) : Number.isInteger(value) ? String(value) : (Math.round(value * 10) / 10).toFixed(1)
  return `${sign}${text} ${units[unit]}`
}

/** A change in bytes: "+1.5 MiB", "−200 B", "0 B". */
export function formatSignedBytes(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes)
}
