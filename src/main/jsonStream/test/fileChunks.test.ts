// Reading a file in chunks for a streaming parser: every byte once and in order while the next
// chunk is read ahead, a stop on request, an abort, and one-line errors that name the file.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { UserError } from '../../../shared/userError'
import { inputFileSize, readFileChunks, withFileName } from '..'

function fileOf(bytes: number): { file: string; content: Buffer } {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'spyglass-chunks-')), 'data.json')
  const content = Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 7 + 3) % 251))
  writeFileSync(file, content)
  return { file, content }
}

it('hands over every byte once, in order, though the next chunk is read while this one is taken', async () => {
  const { file, content } = fileOf(10_000)
  const kept: Buffer[] = []
  await readFileChunks(file, content.length, '.json', (chunk) => {
    expect(chunk.length).toBeLessThanOrEqual(1024)
    // A copy, as parsers keep what they need: the buffer is reused two chunks later.
    kept.push(Buffer.from(chunk))
    return true
  }, { chunkBytes: 1024 })
  expect(Buffer.concat(kept).equals(content)).toBe(true)
  expect(kept).toHaveLength(10)
})

it('stops when asked, and on an abort with its reason', async () => {
  const { file, content } = fileOf(10_000)
  let taken = 0
  await readFileChunks(file, content.length, '.json', () => ++taken < 3, { chunkBytes: 1024 })
  expect(taken).toBe(3)
  const abort = new AbortController()
  const stopped = readFileChunks(file, content.length, '.json', () => {
    abort.abort(new Error('enough'))
    return true
  }, { chunkBytes: 1024, signal: abort.signal })
  await expect(stopped).rejects.toThrow('enough')
})

it('names the file in one-line errors', async () => {
  const missing = path.join(os.tmpdir(), 'spyglass-no-such-file.heapsnapshot')
  await expect(inputFileSize(missing, '.heapsnapshot')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: `cannot read ${missing}: no such file` })
  await expect(inputFileSize(os.tmpdir(), '.heapsnapshot')).rejects.toThrow(`${os.tmpdir()} is a directory, not a .heapsnapshot file`)
  const { file } = fileOf(10)
  await expect(withFileName(file, '.json', async () => Promise.reject(new UserError('BAD_REQUEST', 'truncated')))).rejects.toThrow('data.json: truncated')
})
