// JSON strings from the bytes of a file read in chunks: where a string ends (a quote after an odd
// run of backslashes is escaped, and the run may begin in an earlier chunk), and what its bytes
// say — strictly (a heap snapshot with a bad escape is damaged) or leniently (a function name in a
// profile is not worth losing the profile).
import { BACKSLASH } from './jsonBytes'

const utf8 = new TextDecoder('utf-8')

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

/** The text of a JSON string's contents (already decoded from UTF-8), escapes and all; `fail` when an escape is bad. */
export function unescapeJsonString(text: string, fail: () => Error): string {
  try {
    return JSON.parse(`"${text}"`) as string
  } catch {
    // V8 writes lone surrogates as \uD800-style escapes, which JSON.parse accepts; anything else is damage.
    throw fail()
  }
}

const simpleEscapes: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' }

/**
 * Decodes the raw bytes of a JSON string (UTF-8, between the quotes). Malformed escapes are kept
 * as written rather than failing the whole file: a function name is not worth losing a profile.
 */
export function decodeJsonString(buf: Uint8Array, start: number, end: number, escaped: boolean): string {
  if (!escaped) return utf8.decode(buf.subarray(start, end))
  let text = ''
  let from = start
  let i = start
  while (i < end) {
    if (buf[i] !== BACKSLASH) {
      i++
      continue
    }
    text += utf8.decode(buf.subarray(from, i))
    const kind = buf[i + 1]
    if (kind === 0x75 && i + 6 <= end) {
      const code = Number.parseInt(String.fromCharCode(buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5]), 16)
      if (Number.isNaN(code)) text += String.fromCharCode(...buf.subarray(i, i + 6))
      else text += String.fromCharCode(code)
      i += 6
    } else if (kind !== undefined && i + 1 < end && simpleEscapes[kind] !== undefined) {
      text += simpleEscapes[kind]
      i += 2
    } else {
      text += '\\'
      i += 1
    }
    from = i
  }
  return text + utf8.decode(buf.subarray(from, end))
}
