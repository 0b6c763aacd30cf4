// JSON string details for the snapshot parser's strings section, where strings arrive as byte
// ranges that may be split across chunks.

const BACKSLASH = 92

/** Whether the quote at `quote` follows an odd run of backslashes (which may begin in earlier parts). */
export function isEscaped(chunk: Uint8Array, from: number, quote: number, earlier: Uint8Array[]): boolean {
  let slashes = 0
  let i = quote - 1
  while (i >= from && chunk[i] === BACKSLASH) {
    slashes++
    i--
  }
  if (i < from) {
    for (let p = earlier.length - 1; p >= 0; p--) {
      const part = earlier[p]
      let j = part.length - 1
      while (j >= 0 && part[j] === BACKSLASH) {
        slashes++
        j--
      }
      if (j >= 0) break
    }
  }
  return slashes % 2 === 1
}

export function unescapeJsonString(text: string, fail: () => Error): string {
  try {
    return JSON.parse(`"${text}"`) as string
  } catch {
    // V8 writes lone surrogates as \uD800-style escapes, which JSON.parse accepts; anything else is damage.
    throw fail()
  }
}
