// The catalog of known Node errors: the patterns shipped with the app (knownErrors.json) and,
// consulted first, the user's own file. Both are validated; a bad user file is a one-line error.
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { errorCategories, errorSeverities, type ErrorExplanation } from '../../shared/errorTypes'
import { UserError } from '../../shared/userError'
import type { ErrorKind, ErrorOccurrence } from './errorOccurrence'
import builtIn from './knownErrors.json'

const patternSchema = z.object({
  id: z.string().min(1),
  match: z
    .object({
      codes: z.array(z.string()).optional(),
      types: z.array(z.string()).optional(),
      /** A regular expression over the type name, for families (`ValidationError$`). */
      typePattern: z.string().optional(),
      kinds: z.array(z.enum(['uncaught', 'unhandledRejection', 'logged', 'warning'])).optional(),
      message: z.string().optional()
    })
    .refine((m) => m.codes || m.types || m.typePattern || m.kinds || m.message, 'a pattern needs at least one of codes, types, typePattern, kinds, message'),
  category: z.enum(errorCategories),
  severity: z.enum(errorSeverities),
  title: z.string(),
  hint: z.string(),
  docs: z.string().url().nullable().optional()
})
const catalogSchema = z.object({ patterns: z.array(patternSchema) })

interface CompiledPattern {
  explanation: ErrorExplanation
  codes: Set<string> | null
  types: Set<string> | null
  kinds: Set<ErrorKind> | null
  typePattern: RegExp | null
  message: RegExp | null
}

function compile(source: string, patterns: z.infer<typeof patternSchema>[]): CompiledPattern[] {
  const expression = (id: string, what: string, text: string | undefined, flags: string): RegExp | null => {
    if (text === undefined) return null
    try {
      return new RegExp(text, flags)
    } catch (error) {
      throw new UserError('BAD_REQUEST', `${source}: pattern ${id} has an invalid ${what} expression (${(error as Error).message})`)
    }
  }
  return patterns.map((p) => {
    const message = expression(p.id, 'message', p.match.message, 'i')
    const typePattern = expression(p.id, 'typePattern', p.match.typePattern, '')
    return {
      explanation: { patternId: p.id, category: p.category, severity: p.severity, title: p.title, hint: p.hint, docs: p.docs ?? null },
      codes: p.match.codes ? new Set(p.match.codes) : null,
      types: p.match.types ? new Set(p.match.types) : null,
      kinds: p.match.kinds ? new Set(p.match.kinds) : null,
      typePattern,
      message
    }
  })
}

function parseCatalog(source: string, json: unknown): CompiledPattern[] {
  const parsed = catalogSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UserError('BAD_REQUEST', `${source}: ${issue?.path.join('.') || 'catalog'}: ${issue?.message ?? 'invalid'}`)
  }
  return compile(source, parsed.data.patterns)
}

const builtInPatterns = parseCatalog('knownErrors.json', builtIn)

/** Reads and validates a user's pattern file; throws a one-line UserError when it is unusable. */
export function readUserPatterns(file: string): CompiledPattern[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UserError('BAD_REQUEST', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new UserError('BAD_REQUEST', `${file}: not valid JSON`)
  }
  return parseCatalog(file, json)
}

const fallbackSeverity: Record<ErrorKind, ErrorExplanation['severity']> = { uncaught: 'high', unhandledRejection: 'high', logged: 'medium', warning: 'low' }

export class ErrorCatalog {
  private readonly patterns: CompiledPattern[]

  constructor(userPatterns: CompiledPattern[] = []) {
    this.patterns = [...userPatterns, ...builtInPatterns]
  }

  static withUserFile(file: string | null): ErrorCatalog {
    return new ErrorCatalog(file ? readUserPatterns(file) : [])
  }

  explain(occurrence: Pick<ErrorOccurrence, 'kind' | 'type' | 'code' | 'message'>): ErrorExplanation {
    for (const pattern of this.patterns) {
      if (pattern.codes && !(occurrence.code && pattern.codes.has(occurrence.code))) continue
      if (pattern.types && !pattern.types.has(occurrence.type)) continue
      if (pattern.typePattern && !pattern.typePattern.test(occurrence.type)) continue
      if (pattern.kinds && !pattern.kinds.has(occurrence.kind)) continue
      if (pattern.message && !pattern.message.test(occurrence.message)) continue
      return pattern.explanation
    }
    return {
      patternId: null,
      category: 'unknown',
      severity: fallbackSeverity[occurrence.kind],
      title: occurrence.type,
      hint: 'No known pattern matches this error. Its stack and samples below show where it comes from.',
      docs: null
    }
  }
}
