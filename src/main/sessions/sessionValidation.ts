// What both session readers check the same way: the manifest (a newer format gets the version
// message), every event line, JSON entries, and reads bounded before anything is held whole.
// Every problem is a one-line BAD_SESSION error naming the file.
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { z } from 'zod'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import { UserError } from '../../shared/userError'
import { LineTooLongError } from './ndjsonLines'
import { manifestHeaderSchema, manifestSchema, sessionEventSchema, sessionFormatName, sessionFormatVersion, type SessionManifest } from './sessionFormat'

/** Names and library messages come from the file: control characters are shown escaped, so that a message stays one line. */
export function oneLine(text: string): string {
  return text.replace(/\p{Cc}|[\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export function badSession(location: string, reason: string): UserError {
  return new UserError('BAD_SESSION', oneLine(`${path.basename(location)}: ${reason}`))
}

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  return `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`
}

/** Checks the header first, so that a newer file gets the version message rather than a schema error. */
export function parseManifest(location: string, text: string): SessionManifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw badSession(location, 'manifest.json is not valid JSON (the file is damaged)')
  }
  const header = manifestHeaderSchema.safeParse(json)
  if (!header.success) {
    const format = (json as { format?: unknown } | null)?.format
    if (format !== sessionFormatName) throw badSession(location, 'not a Spyglass session (its manifest names another format)')
    throw badSession(location, `manifest.json: ${firstIssue(header.error)}`)
  }
  if (header.data.formatVersion > sessionFormatVersion) {
    throw badSession(
      location,
      `written by a newer Spyglass (session format ${header.data.formatVersion}; this version reads up to ${sessionFormatVersion}) — update Spyglass to open it`
    )
  }
  const manifest = manifestSchema.safeParse(json)
  if (!manifest.success) throw badSession(location, `manifest.json: ${firstIssue(manifest.error)}`)
  return manifest.data
}

export async function* validatedEvents(location: string, manifest: SessionManifest, lines: AsyncIterable<string>): AsyncGenerator<ConsoleEvent> {
  const targetIds = new Set(manifest.targets.map((t) => t.id))
  let lineNumber = 0
  try {
    for await (const line of lines) {
      lineNumber++
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch {
        throw badSession(location, `events.ndjson line ${lineNumber} is not valid JSON (the file is damaged)`)
      }
      const event = sessionEventSchema.safeParse(json)
      if (!event.success) throw badSession(location, `events.ndjson line ${lineNumber}: ${firstIssue(event.error)}`)
      if (!targetIds.has(event.data.targetId)) throw badSession(location, `events.ndjson line ${lineNumber} names target ${event.data.targetId}, which the manifest does not list`)
      yield event.data
    }
  } catch (error) {
    if (error instanceof LineTooLongError) throw badSession(location, `events.ndjson has ${error.message}`)
    throw error
  }
}

export async function readBounded(stream: Readable, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) {
      stream.destroy()
      throw tooLarge()
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function parseJsonEntry<T>(location: string, name: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw badSession(location, `${name} is not valid JSON (the file is damaged)`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw badSession(location, `${name}: ${firstIssue(parsed.error)}`)
  return parsed.data
}
