// Interns JSON string values straight from the bytes of the file: a profile repeats the same
// few thousand function names and URLs across hundreds of thousands of nodes, so each distinct
// byte sequence is decoded to a JS string once and every other occurrence costs a hash and a
// byte comparison. Escaped forms that decode to the same text share one id.
import { decodeJsonString } from '../jsonStream'
import { Int32Builder } from './growableArrays'

export class StringTable {
  /** Decoded strings by id. */
  readonly strings: string[] = []
  private readonly idByText = new Map<string, number>()
  // One entry per distinct raw (still escaped) byte sequence.
  private pool = new Uint8Array(1 << 16)
  private poolLength = 0
  private readonly rawStart = new Int32Builder()
  private readonly rawLength = new Int32Builder()
  private readonly rawHash = new Int32Builder()
  private readonly rawId = new Int32Builder()
  private slots = new Int32Array(1 << 12)

  /** The id of a string; `''` is always id 0. */
  constructor() {
    this.idOf('')
  }

  /** The id of the JSON string whose raw bytes (between the quotes) are buf[start, end). */
  intern(buf: Uint8Array, start: number, end: number, escaped: boolean): number {
    let hash = 0x811c9dc5
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i], 0x01000193)
    const length = end - start
    const mask = this.slots.length - 1
    const pool = this.pool
    const rawStart = this.rawStart.data
    const rawLength = this.rawLength.data
    const rawHash = this.rawHash.data
    let slot = hash & mask
    for (;;) {
      const entry = this.slots[slot]
      if (entry === 0) break
      const raw = entry - 1
      if (rawHash[raw] === hash && rawLength[raw] === length) {
        const at = rawStart[raw]
        let same = true
        for (let i = 0; i < length; i++) {
          if (pool[at + i] !== buf[start + i]) {
            same = false
            break
          }
        }
        if (same) return this.rawId.data[raw]
      }
      slot = (slot + 1) & mask
    }
    // A new byte sequence: keep its bytes, decode it once.
    const id = this.idOf(decodeJsonString(buf, start, end, escaped))
    if (this.poolLength + length > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + length))
      next.set(this.pool.subarray(0, this.poolLength))
      this.pool = next
    }
    this.pool.set(buf.subarray(start, end), this.poolLength)
    const raw = this.rawId.length
    this.rawStart.push(this.poolLength)
    this.rawLength.push(length)
    this.rawHash.push(hash)
    this.rawId.push(id)
    this.poolLength += length
    this.slots[slot] = raw + 1
    if ((raw + 1) * 2 > this.slots.length) this.rehash()
    return id
  }

  /** The id of an already decoded string. */
  idOf(text: string): number {
    let id = this.idByText.get(text)
    if (id === undefined) {
      id = this.strings.length
      this.strings.push(text)
      this.idByText.set(text, id)
    }
    return id
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    const hashes = this.rawHash.data
    for (let raw = 0; raw < this.rawHash.length; raw++) {
      let slot = hashes[raw] & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = raw + 1
    }
    this.slots = slots
  }
}
