// The bytes of JSON as the streaming parsers (CPU profiles, heap snapshots) read them: the
// structural characters, whitespace, the bytes a number may hold, and ASCII text straight from
// bytes. Functions and constants, not classes, so that the parsers' hot loops inline them.

export const QUOTE = 0x22
export const BACKSLASH = 0x5c
export const COMMA = 0x2c
export const COLON = 0x3a
export const OPEN_BRACKET = 0x5b
export const CLOSE_BRACKET = 0x5d
export const OPEN_BRACE = 0x7b
export const CLOSE_BRACE = 0x7d

/** JSON's whitespace: space, line feed, carriage return, tab. */
export function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09
}

/** The bytes of a JSON number: digits, '.', 'e', 'E', '+', '-'. */
export function isNumberByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || b === 0x2e || b === 0x65 || b === 0x45 || b === 0x2b || b === 0x2d
}

/** ASCII bytes as text (numbers, keys): cheaper than a TextDecoder for a few bytes. */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  let text = ''
  for (let i = start; i < end; i++) text += String.fromCharCode(buf[i])
  return text
}
