// A streaming parser for .cpuprofile files (V8's Profiler.Profile, as `node --cpu-prof`, Chrome
// DevTools and the CDP write it; also the older `head`-tree shape of the v8-profiler module and
// old DevTools). Written by hand rather than on JSON.parse because a profile can be bigger than
// V8's largest string (~512 MB) and because a JSON.parse tree of 500k nodes costs several times
// the file in memory: this reads bytes as they arrive, in chunks of any size, and fills typed
// arrays. Keys may come in any order. Nothing here recurses (JSON nesting of a 100k-deep legacy
// tree included): containers live on an explicit stack. Pure: bytes in, columns out; files are
// fed to it by profileFile.ts.
import { UserError } from '../../shared/userError'
import type { ProfileFormat } from '../../shared/profileTypes'
import { isNumberByte, isSpace, latin1 } from '../jsonStream'
import { Float64Builder, Int32Builder } from './growableArrays'
import { resolveProfile, type ParsedCpuProfile, type RawCpuProfile } from './cpuProfileTree'
import { StringTable } from './stringTable'
// The roles (R_ containers, V_ scalars) and the tables that map keys and elements to them.
import { KEY_COUNT, R_DELTAS, R_LEGACY_NODE, R_NODE, R_NODES, R_SAMPLES, R_SKIP, R_TIMESTAMPS, R_TOP, V_CHILD, V_COLUMN, V_DELTA, V_END_TIME, V_FUNCTION_NAME, V_ID, V_LINE, V_PARENT, V_SAMPLE, V_SCRIPT_ID, V_START_TIME, V_TIMESTAMP, V_URL, arrayRoles, elementRoles, keyIdOf, keyRoles, objectRoles, optionalRoles, roleNames, toInt32 } from './cpuProfileSchema'

export type { ParsedCpuProfile } from './cpuProfileTree'

// Grammar states.
const ST_VALUE = 0 // a value must come (top level, after ':' or after ',' in an array)
const ST_FIRST_ELEMENT = 1 // after '[': a value or ']'
const ST_FIRST_KEY = 2 // after '{': a key or '}'
const ST_KEY = 3 // after ',' in an object: a key
const ST_COLON = 4
const ST_NEXT = 5 // after a value: ',' or the closing bracket
const ST_DONE = 6

const NO_VALUE = -2147483648 // "not given" in the int columns

export interface ParseProgress {
  bytesDone: number
}

/**
 * Feed it the bytes of a .cpuprofile in chunks (`write`), then call `end()` for the columns.
 * Throws UserError('BAD_REQUEST') with a one-line reason for anything that is not a profile.
 */
export class CpuProfileParser {
  private readonly strings = new StringTable()
  // Node columns (by node index, in file order).
  private readonly nodeId = new Int32Builder()
  private readonly nodeParentId = new Int32Builder() // the "parent" field, NO_VALUE when absent
  private readonly nodeParentIndex = new Int32Builder() // legacy trees: from nesting
  private readonly nodeName = new Int32Builder()
  private readonly nodeUrl = new Int32Builder()
  private readonly nodeLine = new Int32Builder()
  private readonly nodeColumn = new Int32Builder()
  private readonly nodeScriptId = new Int32Builder()
  /** The node columns grow together; their own lengths are set when parsing ends. */
  private readonly nodeColumns = [this.nodeId, this.nodeParentId, this.nodeParentIndex, this.nodeName, this.nodeUrl, this.nodeLine, this.nodeColumn, this.nodeScriptId]
  private nodeCount = 0
  // children lists, as (node index, child id) pairs
  private readonly childOf = new Int32Builder()
  private readonly childId = new Int32Builder()
  private readonly samples = new Int32Builder(1 << 16)
  private readonly timeDeltas = new Float64Builder(1 << 16)
  private readonly timestamps = new Float64Builder(16)
  private startTime = Number.NaN
  private endTime = Number.NaN
  private sawNodes = false
  private sawHead = false
  private sawSamples = false
  private sawDeltas = false
  private sawTimestamps = false

  // Tokenizer state, kept between chunks.
  private carry: Uint8Array | null = null
  private scratch = new Uint8Array(0)
  /** The grammar state intArray() and floatArray() leave behind. */
  private fastState = ST_VALUE
  /** For a string cut by the end of a chunk: how far past its opening quote it was scanned. */
  private stringResume = 0
  private stringEscaped = false
  /** File offset of the first byte of the buffer being parsed. */
  private base = 0
  private bytesWritten = 0
  private state = ST_VALUE
  private role = R_SKIP // role of the innermost container
  private isArray = false
  private valueRole = R_TOP // role of the value that comes next
  private node = -1 // the node object being filled
  private readonly stack: number[] = [] // role | (isArray << 8), then node, per open container
  private ended = false

  /** Bytes consumed so far (for progress). */
  get bytesDone(): number {
    return this.base
  }

  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('CpuProfileParser: write after end')
    // Always a plain Uint8Array (a Buffer is a subclass with another map): one shape keeps the
    // optimised code of the loops below from being thrown away when chunks of both kinds come.
    let buf = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    this.bytesWritten += chunk.length
    if (this.carry) {
      // One reused buffer for "end of the last chunk + this chunk": nothing keeps a view of it
      // (strings are copied into the string table), and a fresh 4 MiB buffer per chunk only
      // made work for the garbage collector.
      const length = this.carry.length + chunk.length
      if (this.scratch.length < length) this.scratch = new Uint8Array(Math.max(length, this.scratch.length * 2))
      this.scratch.set(this.carry)
      this.scratch.set(buf, this.carry.length)
      buf = this.scratch.subarray(0, length)
      this.carry = null
    }
    const consumed = this.parse(buf, false)
    // A token cut by the end of the chunk waits for the next one.
    if (consumed < buf.length) this.carry = buf.slice(consumed)
    this.base += consumed
  }

  end(): ParsedCpuProfile {
    if (this.ended) throw new Error('CpuProfileParser: end called twice')
    this.ended = true
    if (this.carry) {
      const consumed = this.parse(this.carry, true)
      this.base += consumed
      this.carry = null
    }
    if (this.state !== ST_DONE) {
      if (this.bytesWritten === 0) throw badProfile('the file is empty')
      throw this.truncated()
    }
    return resolveProfile(this.raw())
  }

  private raw(): RawCpuProfile {
    if (!this.sawNodes && !this.sawHead) throw badProfile('not a CPU profile: it has neither "nodes" nor a legacy "head" tree')
    if (this.sawNodes && this.sawHead) throw badProfile('not a CPU profile: it has both "nodes" and a legacy "head" tree')
    const format: ProfileFormat = this.sawHead ? 'cpuprofile-legacy' : 'cpuprofile'
    for (const column of this.nodeColumns) column.length = this.nodeCount
    return {
      format,
      strings: this.strings.strings,
      nodeCount: this.nodeCount,
      nodeId: this.nodeId.finish(),
      nodeParentId: this.nodeParentId.finish(),
      nodeParentIndex: this.nodeParentIndex.finish(),
      nodeName: this.nodeName.finish(),
      nodeUrl: this.nodeUrl.finish(),
      nodeLine: this.nodeLine.finish(),
      nodeColumn: this.nodeColumn.finish(),
      nodeScriptId: this.nodeScriptId.finish(),
      childOf: this.childOf.finish(),
      childId: this.childId.finish(),
      samples: this.sawSamples ? this.samples.finish() : null,
      timeDeltas: this.sawDeltas ? this.timeDeltas.finish() : null,
      timestamps: this.sawTimestamps ? this.timestamps.finish() : null,
      startTime: this.startTime,
      endTime: this.endTime,
      noValue: NO_VALUE
    }
  }

  /** Parses buf from its start; returns how many bytes were consumed (the rest is an unfinished token). */
  private parse(buf: Uint8Array, final: boolean): number {
    const end = buf.length
    let p = 0
    let state = this.state
    let role = this.role
    let isArray = this.isArray
    let valueRole = this.valueRole
    const stack = this.stack
    let resumeString = this.stringResume
    this.stringResume = 0

    // Skips a leading UTF-8 byte order mark (waiting for its three bytes if the chunk is shorter).
    if (this.base === 0 && end > 0 && buf[0] === 0xef) {
      if (end < 3 && !final) return 0
      if (end >= 3 && buf[1] === 0xbb && buf[2] === 0xbf) p = 3
    }

    scan: while (p < end) {
      const c = buf[p]
      // whitespace
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        p++
        continue
      }
      switch (c) {
        case 0x2c: // ,
          if (state !== ST_NEXT) throw this.unexpected(buf, p, state)
          if (isArray) {
            state = ST_VALUE
            valueRole = elementRoles[role]
          } else state = ST_KEY
          p++
          continue
        case 0x3a: // :
          if (state !== ST_COLON) throw this.unexpected(buf, p, state)
          state = ST_VALUE
          p++
          continue
        case 0x7d: // }
        case 0x5d: {
          // ]
          const closesArray = c === 0x5d
          if (closesArray !== isArray || !(state === ST_NEXT || state === (isArray ? ST_FIRST_ELEMENT : ST_FIRST_KEY))) throw this.unexpected(buf, p, state)
          this.node = stack.pop()!
          const packed = stack.pop()!
          role = packed & 0xff
          isArray = packed >= 0x100
          state = stack.length === 0 ? ST_DONE : ST_NEXT
          p++
          continue
        }
        case 0x22: {
          // "  a key or a string value; find the closing quote
          let q = p + 1 + resumeString
          let escaped = this.stringEscaped || false
          resumeString = 0
          this.stringEscaped = false
          for (;;) {
            if (q >= end) {
              if (final) break scan
              this.stringResume = q - p - 1
              this.stringEscaped = escaped
              break scan
            }
            const b = buf[q]
            if (b === 0x22) break
            if (b === 0x5c) {
              if (q + 1 >= end) {
                if (final) break scan
                this.stringResume = q - p - 1
                this.stringEscaped = escaped
                break scan
              }
              escaped = true
              q += 2
              continue
            }
            q++
          }
          if (state === ST_FIRST_KEY || state === ST_KEY) {
            valueRole = role === R_SKIP ? R_SKIP : keyRoles[role * KEY_COUNT + keyIdOf(buf, p + 1, q)]
            state = ST_COLON
          } else if (state === ST_VALUE || state === ST_FIRST_ELEMENT) {
            this.stringValue(valueRole, buf, p + 1, q, escaped, p)
            state = stack.length === 0 ? ST_DONE : ST_NEXT
          } else throw this.unexpected(buf, p, state)
          p = q + 1
          continue
        }
        case 0x7b: // {
        case 0x5b: {
          // [
          if (state !== ST_VALUE && state !== ST_FIRST_ELEMENT) throw this.unexpected(buf, p, state)
          const opensArray = c === 0x5b
          if ((opensArray ? arrayRoles[valueRole] : objectRoles[valueRole]) === 0) throw this.wrongType(valueRole, p)
          stack.push(role | (isArray ? 0x100 : 0), this.node)
          role = valueRole
          isArray = opensArray
          if (opensArray) {
            state = ST_FIRST_ELEMENT
            valueRole = elementRoles[role]
            this.openArray(role)
          } else {
            state = ST_FIRST_KEY
            if (role === R_NODE || role === R_LEGACY_NODE) this.openNode(role)
          }
          p++
          continue
        }
        case 0x74: // true
        case 0x66: // false
        case 0x6e: {
          // null
          const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null'
          if (p + word.length > end) {
            if (final) throw this.truncated()
            break scan
          }
          for (let i = 1; i < word.length; i++) if (buf[p + i] !== word.charCodeAt(i)) throw this.malformed(buf, p + i)
          if (state !== ST_VALUE && state !== ST_FIRST_ELEMENT) throw this.unexpected(buf, p, state)
          if (valueRole !== R_SKIP && !(c === 0x6e && optionalRoles[valueRole] === 1)) throw this.wrongType(valueRole, p)
          state = stack.length === 0 ? ST_DONE : ST_NEXT
          p += word.length
          continue
        }
        default: {
          if (c !== 0x2d && (c < 0x30 || c > 0x39)) throw this.unexpected(buf, p, state)
          if (state !== ST_VALUE && state !== ST_FIRST_ELEMENT) throw this.unexpected(buf, p, state)
          if (valueRole >= V_CHILD) {
            // Inside "samples", "timeDeltas", "timestamps" or "children": most of a profile's numbers.
            this.fastState = state
            const q = valueRole <= V_SAMPLE ? this.intArray(buf, p, end, final, valueRole) : this.floatArray(buf, p, end, final, valueRole)
            if (q !== p) {
              p = q
              state = this.fastState
              continue
            }
          }
          // A number: integers inline, anything with a fraction or exponent through Number().
          let q = p
          if (c === 0x2d) q++
          const digitsFrom = q
          let value = 0
          while (q < end) {
            const d = buf[q] - 0x30
            if (d < 0 || d > 9) break
            value = value * 10 + d
            q++
          }
          let integer = true
          if (q < end && (buf[q] === 0x2e || buf[q] === 0x65 || buf[q] === 0x45)) {
            integer = false
            while (q < end && isNumberByte(buf[q])) q++
          }
          if (q === end && !final) break scan
          if (q === digitsFrom) throw q < end ? this.malformed(buf, q) : this.truncated()
          if (!integer) {
            value = Number(latin1(buf, p, q))
            if (!Number.isFinite(value)) throw q < end ? this.malformed(buf, p) : this.truncated()
          } else if (c === 0x2d) value = -value
          if (valueRole !== R_SKIP) this.numberValue(valueRole, value, integer, p)
          state = stack.length === 0 ? ST_DONE : ST_NEXT
          p = q
          continue
        }
      }
    }
    if (state === ST_DONE) {
      // Only whitespace may follow the profile.
      for (let i = p; i < end; i++) {
        const b = buf[i]
        if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) throw this.malformed(buf, i, 'unexpected data after the end of the profile')
      }
      p = end
    }
    this.state = state
    this.role = role
    this.isArray = isArray
    this.valueRole = valueRole
    return p
  }

  private openArray(role: number): void {
    if (role === R_NODES) this.sawNodes = true
    else if (role === R_SAMPLES) this.sawSamples = true
    else if (role === R_DELTAS) this.sawDeltas = true
    else if (role === R_TIMESTAMPS) this.sawTimestamps = true
  }

  /** A node object begins: its columns get defaults now, its members fill them in any order. */
  private openNode(role: number): void {
    const parentIndex = role === R_LEGACY_NODE ? this.node : -1
    if (role === R_LEGACY_NODE) this.sawHead = true
    const i = this.nodeCount++
    if (i === this.nodeId.data.length) {
      for (const column of this.nodeColumns) {
        column.length = i
        column.grow(i + 1)
      }
    }
    this.node = i
    this.nodeId.data[i] = NO_VALUE
    this.nodeParentId.data[i] = NO_VALUE
    this.nodeParentIndex.data[i] = parentIndex
    this.nodeName.data[i] = 0
    this.nodeUrl.data[i] = 0
    this.nodeLine.data[i] = -1
    this.nodeColumn.data[i] = -1
    this.nodeScriptId.data[i] = -1
  }

  /**
   * Reads "n, n, n" of an integer array ("samples", "children") in one tight loop; stops before
   * anything else (a fraction, the closing bracket, the end of the chunk), which the general
   * loop then handles. Returns where it stopped and leaves the grammar state in fastState.
   * Integers and floats have a loop each, so that each stays monomorphic once optimised.
   */
  private intArray(buf: Uint8Array, from: number, end: number, final: boolean, role: number): number {
    const target = role === V_SAMPLE ? this.samples : this.childId
    const childOf = role === V_CHILD ? this.childOf : null
    let data = target.data
    let length = target.length
    let p = from
    let state = this.fastState
    for (;;) {
      while (p < end && buf[p] <= 0x20 && isSpace(buf[p])) p++
      const start = p
      let q = p
      const negative = q < end && buf[q] === 0x2d
      if (negative) q++
      const digitsFrom = q
      let value = 0
      while (q < end) {
        const d = buf[q] - 0x30
        if (d < 0 || d > 9) break
        value = value * 10 + d
        q++
      }
      // Cut by the end of the chunk, not a plain integer, or not a number: the general loop decides.
      if ((q === end && !final) || q === digitsFrom || buf[q] === 0x2e || buf[q] === 0x65 || buf[q] === 0x45) {
        target.length = length
        this.fastState = state
        return start === from ? from : start
      }
      if (negative) value = -value
      if (value !== (value | 0)) {
        target.length = length
        throw this.wrongType(role, start)
      }
      if (length === data.length) {
        target.length = length
        target.grow(length + 1)
        data = target.data
      }
      data[length++] = value
      if (childOf !== null) childOf.push(this.node)
      p = q
      state = ST_NEXT
      while (p < end && buf[p] <= 0x20 && isSpace(buf[p])) p++
      if (p >= end || buf[p] !== 0x2c) break
      p++
      state = ST_VALUE
    }
    target.length = length
    this.fastState = state
    return p
  }

  /** The same for "timeDeltas" and "timestamps", into a Float64Builder. */
  private floatArray(buf: Uint8Array, from: number, end: number, final: boolean, role: number): number {
    const target = role === V_DELTA ? this.timeDeltas : this.timestamps
    let data = target.data
    let length = target.length
    let p = from
    let state = this.fastState
    for (;;) {
      while (p < end && buf[p] <= 0x20 && isSpace(buf[p])) p++
      const start = p
      let q = p
      const negative = q < end && buf[q] === 0x2d
      if (negative) q++
      const digitsFrom = q
      let value = 0
      while (q < end) {
        const d = buf[q] - 0x30
        if (d < 0 || d > 9) break
        value = value * 10 + d
        q++
      }
      if ((q === end && !final) || q === digitsFrom || buf[q] === 0x2e || buf[q] === 0x65 || buf[q] === 0x45) {
        target.length = length
        this.fastState = state
        return start === from ? from : start
      }
      if (length === data.length) {
        target.length = length
        target.grow(length + 1)
        data = target.data
      }
      data[length++] = negative ? -value : value
      p = q
      state = ST_NEXT
      while (p < end && buf[p] <= 0x20 && isSpace(buf[p])) p++
      if (p >= end || buf[p] !== 0x2c) break
      p++
      state = ST_VALUE
    }
    target.length = length
    this.fastState = state
    return p
  }

  private numberValue(role: number, value: number, integer: boolean, at: number): void {
    switch (role) {
      case V_SAMPLE:
        if (!integer || value !== (value | 0)) throw this.wrongType(role, at)
        this.samples.push(value)
        return
      case V_DELTA:
        this.timeDeltas.push(value)
        return
      case V_CHILD:
        if (!integer || value !== (value | 0)) throw this.wrongType(role, at)
        this.childOf.push(this.node)
        this.childId.push(value)
        return
      case V_ID:
        if (!integer || value !== (value | 0) || value === NO_VALUE) throw this.wrongType(role, at)
        this.nodeId.data[this.node] = value
        return
      case V_LINE:
        this.nodeLine.data[this.node] = toInt32(value)
        return
      case V_COLUMN:
        this.nodeColumn.data[this.node] = toInt32(value)
        return
      case V_SCRIPT_ID:
        this.nodeScriptId.data[this.node] = toInt32(value)
        return
      case V_PARENT:
        if (!integer || value !== (value | 0) || value === NO_VALUE) throw this.wrongType(role, at)
        this.nodeParentId.data[this.node] = value
        return
      case V_TIMESTAMP:
        this.timestamps.push(value)
        return
      case V_START_TIME:
        this.startTime = value
        return
      case V_END_TIME:
        this.endTime = value
        return
      default:
        throw this.wrongType(role, at)
    }
  }

  private stringValue(role: number, buf: Uint8Array, start: number, end: number, escaped: boolean, at: number): void {
    switch (role) {
      case R_SKIP:
        return
      case V_FUNCTION_NAME:
        this.nodeName.data[this.node] = this.strings.intern(buf, start, end, escaped)
        return
      case V_URL:
        this.nodeUrl.data[this.node] = this.strings.intern(buf, start, end, escaped)
        return
      case V_SCRIPT_ID: {
        // CDP gives script ids as strings of digits; anything else is kept as unknown.
        const id = Number(latin1(buf, start, end))
        this.nodeScriptId.data[this.node] = Number.isInteger(id) ? toInt32(id) : -1
        return
      }
      default:
        throw this.wrongType(role, at)
    }
  }

  private malformed(buf: Uint8Array, at: number, what?: string): UserError {
    const b = buf[at]
    const shown = b >= 0x21 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16).padStart(2, '0')}`
    return badProfile(`malformed JSON at byte ${(this.base + at).toLocaleString('en-US')}: ${what ?? `unexpected ${shown}`}`)
  }

  private truncated(): UserError {
    return badProfile(`the file ends early (truncated after byte ${this.bytesWritten.toLocaleString('en-US')}): the JSON is incomplete`)
  }

  /** A byte that cannot come where it is: after the profile, or anywhere else. */
  private unexpected(buf: Uint8Array, at: number, state: number): UserError {
    return state === ST_DONE ? this.malformed(buf, at, 'unexpected data after the end of the profile') : this.malformed(buf, at)
  }

  private wrongType(role: number, at: number): UserError {
    return badProfile(`not a CPU profile: expected ${roleNames[role] ?? 'another value'} at byte ${(this.base + at).toLocaleString('en-US')}`)
  }
}

export function badProfile(reason: string): UserError {
  return new UserError('BAD_REQUEST', reason)
}

/** Parses a whole profile held in memory (tests, small inputs). */
export function parseCpuProfileBytes(bytes: Uint8Array, chunkSize = 1 << 22): ParsedCpuProfile {
  const parser = new CpuProfileParser()
  for (let at = 0; at < bytes.length; at += chunkSize) parser.write(bytes.subarray(at, Math.min(bytes.length, at + chunkSize)))
  return parser.end()
}
