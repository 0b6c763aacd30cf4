// Typed arrays that grow by doubling, for parsers that do not know their sizes up front.
// `data` is public so that hot loops can read it directly; `finish()` returns a copy trimmed to
// `length` that owns its buffer (so that it can be transferred to another thread on its own).

export class Int32Builder {
  data: Int32Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity))
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1)
    this.data[this.length++] = value
  }
  /** Makes room for `length` entries. */
  grow(length: number): void {
    if (length <= this.data.length) return
    const next = new Int32Array(Math.max(length, this.data.length * 2))
    next.set(this.data.subarray(0, this.length))
    this.data = next
  }
  finish(): Int32Array {
    return this.data.slice(0, this.length)
  }
}

export class Float64Builder {
  data: Float64Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity))
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1)
    this.data[this.length++] = value
  }
  grow(length: number): void {
    if (length <= this.data.length) return
    const next = new Float64Array(Math.max(length, this.data.length * 2))
    next.set(this.data.subarray(0, this.length))
    this.data = next
  }
  finish(): Float64Array {
    return this.data.slice(0, this.length)
  }
}
