// A zip writer that writes whatever it is told to, for the reader's fuzz test: the files no zip
// library will write (unsafe names, lying sizes, zip64 records pointing anywhere, deflate bombs),
// and the pieces of a real .spyglass file to rebuild damaged variants of it.
import { createWriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import yazl from 'yazl'

/** mulberry32: a tiny seeded PRNG, so that every fuzz case can be replayed from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface RawZipEntry {
  /** Raw name bytes (a string is written as UTF-8). */
  name: string | Buffer
  /** The entry's data as stored in the file: already deflated when `method` is 8. */
  data: Buffer
  method: number
  crc32: number
  /** Sizes as declared in both headers (the compressed one defaults to the data's length). */
  uncompressedSize: number
  compressedSize?: number
  /** General purpose flags; 0x800 (name in UTF-8) unless told. */
  flags?: number
  /** Writes a zip64 extra field with these values and 0xFFFFFFFF in the 32-bit fields they replace. */
  zip64?: { uncompressedSize?: bigint; compressedSize?: bigint; localHeaderOffset?: bigint }
}

export interface RawZipOptions {
  /** Adds zip64 end records (needed past 65535 entries); each field overrides the true value. */
  zip64End?: { entryCount?: bigint; centralDirectoryOffset?: bigint; locatorOffset?: bigint }
}

export function deflatedEntry(name: string | Buffer, content: Buffer | string): RawZipEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  return { name, data: zlib.deflateRawSync(bytes), method: 8, crc32: zlib.crc32(bytes), uncompressedSize: bytes.length }
}

export function storedEntry(name: string | Buffer, content: Buffer | string): RawZipEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  return { name, data: bytes, method: 0, crc32: zlib.crc32(bytes), uncompressedSize: bytes.length }
}

function zip64Extra(entry: RawZipEntry): Buffer {
  const z = entry.zip64!
  // The order the format fixes: uncompressed size, compressed size, local header offset.
  const values = [z.uncompressedSize, z.compressedSize, z.localHeaderOffset].filter((v): v is bigint => v !== undefined)
  const extra = Buffer.alloc(4 + 8 * values.length)
  extra.writeUInt16LE(0x0001, 0)
  extra.writeUInt16LE(8 * values.length, 2)
  values.forEach((v, i) => extra.writeBigUInt64LE(v, 4 + 8 * i))
  return extra
}

/** Writes the entries into a zip: local headers and data, the central directory, the end records. */
export function buildZip(entries: readonly RawZipEntry[], options: RawZipOptions = {}): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name
    const flags = entry.flags ?? 0x800
    const compressedSize = entry.compressedSize ?? entry.data.length
    const extra = entry.zip64 ? zip64Extra(entry) : Buffer.alloc(0)
    const field32 = (value: number, replaced: bigint | undefined): number => (replaced !== undefined ? 0xffffffff : value >>> 0)
    const version = entry.zip64 ? 45 : 20
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(version, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(entry.method, 8)
    local.writeUInt32LE(entry.crc32 >>> 0, 14)
    local.writeUInt32LE(field32(compressedSize, entry.zip64?.compressedSize), 18)
    local.writeUInt32LE(field32(entry.uncompressedSize, entry.zip64?.uncompressedSize), 22)
    local.writeUInt16LE(name.length, 26)
    parts.push(local, name, entry.data)
    const record = Buffer.alloc(46)
    record.writeUInt32LE(0x02014b50, 0)
    record.writeUInt16LE((3 << 8) | 45, 4)
    record.writeUInt16LE(version, 6)
    record.writeUInt16LE(flags, 8)
    record.writeUInt16LE(entry.method, 10)
    record.writeUInt32LE(entry.crc32 >>> 0, 16)
    record.writeUInt32LE(field32(compressedSize, entry.zip64?.compressedSize), 20)
    record.writeUInt32LE(field32(entry.uncompressedSize, entry.zip64?.uncompressedSize), 24)
    record.writeUInt16LE(name.length, 28)
    record.writeUInt16LE(extra.length, 30)
    record.writeUInt32LE((0o100644 << 16) >>> 0, 38)
    record.writeUInt32LE(field32(offset, entry.zip64?.localHeaderOffset), 42)
    central.push(record, name, extra)
    offset += local.length + name.length + entry.data.length
  }
  const centralDirectory = Buffer.concat(central)
  const ends: Buffer[] = []
  const z = options.zip64End
  if (z) {
    const record = Buffer.alloc(56)
    record.writeUInt32LE(0x06064b50, 0)
    record.writeBigUInt64LE(44n, 4)
    record.writeUInt16LE(45, 12)
    record.writeUInt16LE(45, 14)
    record.writeBigUInt64LE(z.entryCount ?? BigInt(entries.length), 24)
    record.writeBigUInt64LE(z.entryCount ?? BigInt(entries.length), 32)
    record.writeBigUInt64LE(BigInt(centralDirectory.length), 40)
    record.writeBigUInt64LE(z.centralDirectoryOffset ?? BigInt(offset), 48)
    const locator = Buffer.alloc(20)
    locator.writeUInt32LE(0x07064b50, 0)
    locator.writeBigUInt64LE(z.locatorOffset ?? BigInt(offset + centralDirectory.length), 8)
    locator.writeUInt32LE(1, 16)
    ends.push(record, locator)
  }
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  const count = z ? 0xffff : Math.min(entries.length, 0xffff)
  end.writeUInt16LE(count, 8)
  end.writeUInt16LE(count, 10)
  end.writeUInt32LE(z ? 0xffffffff : centralDirectory.length, 12)
  end.writeUInt32LE(z ? 0xffffffff : offset, 16)
  ends.push(end)
  return Buffer.concat([...parts, centralDirectory, ...ends])
}

export async function writeZip(file: string, entries: readonly RawZipEntry[], options?: RawZipOptions): Promise<string> {
  await writeFile(file, buildZip(entries, options))
  return file
}

/** A zip written by yazl, the library Spyglass writes sessions with. */
export async function writeWithYazl(file: string, entries: ReadonlyArray<readonly [string, Buffer | string]>): Promise<string> {
  const zip = new yazl.ZipFile()
  for (const [name, content] of entries) zip.addBuffer(typeof content === 'string' ? Buffer.from(content) : content, name)
  zip.end()
  await pipeline(zip.outputStream, createWriteStream(file))
  return file
}

export interface CentralRecord {
  name: string
  /** Where the record starts and ends in the file. */
  offset: number
  end: number
  localHeaderOffset: number
}

/** The end of central directory record's offset, and the central directory records of a well-formed (non-zip64) zip. */
export function zipLayout(zip: Buffer): { eocd: number; records: CentralRecord[] } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('no end of central directory record')
  const records: CentralRecord[] = []
  let cursor = zip.readUInt32LE(eocd + 16)
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(cursor + 28)
    const end = cursor + 46 + nameLength + zip.readUInt16LE(cursor + 30) + zip.readUInt16LE(cursor + 32)
    records.push({ name: zip.toString('utf8', cursor + 46, cursor + 46 + nameLength), offset: cursor, end, localHeaderOffset: zip.readUInt32LE(cursor + 42) })
    cursor = end
  }
  return { eocd, records }
}

/** The entries of a well-formed zip as written (deflated data, declared sizes), to rebuild variants of it. */
export function rawEntriesOf(zip: Buffer): RawZipEntry[] {
  return zipLayout(zip).records.map(({ offset, localHeaderOffset: local }) => {
    const nameLength = zip.readUInt16LE(offset + 28)
    const compressedSize = zip.readUInt32LE(offset + 20)
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    return {
      name: Buffer.from(zip.subarray(offset + 46, offset + 46 + nameLength)),
      data: Buffer.from(zip.subarray(dataStart, dataStart + compressedSize)),
      method: zip.readUInt16LE(offset + 10),
      crc32: zip.readUInt32LE(offset + 16),
      uncompressedSize: zip.readUInt32LE(offset + 24),
      flags: zip.readUInt16LE(offset + 8)
    }
  })
}

/**
 * A raw deflate stream of `pieces`, each compressed once and repeated `times`: every copy is
 * compressed from a fresh state and ends byte-aligned (full flush), so copies concatenate into one
 * valid stream. 2 GiB of one byte costs 2 MB and well under a second instead of deflating 2 GiB.
 */
export function repeatedDeflate(pieces: ReadonlyArray<{ bytes: Buffer; times: number }>): { data: Buffer; crc32: number; size: number } {
  const parts: Buffer[] = []
  let crc = 0
  let size = 0
  for (const { bytes, times } of pieces) {
    const compressed = zlib.deflateRawSync(bytes, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH })
    for (let i = 0; i < times; i++) {
      parts.push(compressed)
      crc = zlib.crc32(bytes, crc)
      size += bytes.length
    }
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)))
  return { data: Buffer.concat(parts), crc32: crc, size }
}

/** An events.ndjson entry made of repeated pieces (see repeatedDeflate), declared honestly unless told. */
export function repeatedEntry(name: string, pieces: ReadonlyArray<{ bytes: Buffer; times: number }>, declaredSize?: number): RawZipEntry {
  const { data, crc32, size } = repeatedDeflate(pieces)
  return { name, data, method: 8, crc32, uncompressedSize: declaredSize ?? size }
}
