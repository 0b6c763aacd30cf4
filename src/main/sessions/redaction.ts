// Redacts secrets from exported text: values that follow a sensitive key (`password: '…'`,
// `"token":"…"`, `password=…&`, `Authorization: Bearer …`, `Cookie: a=b; c=d`) and values that
// are recognisable on their own (JWTs, bearer tokens, cloud and registry keys, PEM private keys,
// passwords in URLs). Pure: no I/O, so that the same Redactor serves the CLI, the web host and
// tests. It errs on the side of keeping ordinary log text intact; what it cannot recognise it
// cannot redact, which is why users can add patterns (settings `redaction`, CLI flags).
import type { ConsoleEvent } from '../../shared/consoleTypes'
import type { SessionTarget } from '../../shared/sessionTypes'
import { UserError } from '../../shared/userError'

export const redactedText = '[REDACTED]'

/**
 * Built-in sensitive key names, tested against a key normalised to lower-case words joined by
 * `_` (`apiKey`, `API-Key` and `api key` all become `api_key`). The sensitive word must end the
 * key, so that `access_token` and `x_api_key` match but `prompt_tokens`, `token_count`,
 * `password_length` and `bypass` do not.
 */
const builtInKeyPattern =
  /(?:^|_)(?:pass|passwd|password|pwd|passphrase|secret|token|auth|authorization|cookies?|set_cookie|(?:api|private|access|secret)_?key(?:_id)?|session_?id|credentials?)$/
/** A cheap test that rules out most keys before they are normalised. */
const mayBeSensitiveKey = /pass|pwd|secret|token|auth|cookie|key|id$|credential/i

interface ValuePattern {
  regex: RegExp
  /** The replacement for one match; parts that are not secret (a scheme, a user name) stay. */
  replace: (match: string, ...groups: string[]) => string
}

const whole = (): string => redactedText

/** Secrets recognisable without a key, applied wherever they appear. */
const builtInValuePatterns: ValuePattern[] = [
  // PEM private keys, kept recognisable by their armour lines; a block cut short (a truncated
  // string) is redacted to the end of the text.
  {
    regex: /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|$)/g,
    replace: (_m, label) => `-----BEGIN ${label}-----${redactedText}-----END ${label}-----`
  },
  // JSON Web Tokens: base64url header and payload, both JSON objects ("eyJ" is `{"`).
  { regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, replace: whole },
  // "Bearer <token>": the token must look like one (a digit in it), so that prose such as
  // "send a Bearer token" stays.
  {
    regex: /\b(Bearer)([ \t]+)(?=[A-Za-z0-9\-._~+/]*\d)[A-Za-z0-9\-._~+/]{8,}=*/gi,
    replace: (_m, scheme, space) => `${scheme}${space}${redactedText}`
  },
  // AWS access key ids (long-term AKIA, temporary ASIA, and the less common ABIA/ACCA).
  { regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: whole },
  // GitHub tokens: personal, OAuth, user-to-server, server-to-server, refresh; fine-grained PATs.
  { regex: /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, replace: whole },
  // Slack tokens (xoxb-, xoxp-, xoxa-, xoxo-, xoxr-, xoxs-).
  { regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: whole },
  // Google API keys.
  { regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, replace: whole },
  // Stripe secret, restricted and publishable keys, live and test.
  { regex: /\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{10,}\b/g, replace: whole },
  // npm access tokens.
  { regex: /\bnpm_[A-Za-z0-9]{36}\b/g, replace: whole },
  // Passwords in URLs (scheme://user:password@host): the user name stays.
  {
    regex: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@'"]*):([^\s/?#@'"]+)@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${redactedText}@`
  }
]

/** Text without any of these cannot hold a built-in value secret: most log lines skip the patterns. */
const valueSecretHint = /PRIVATE KEY|eyJ|bearer|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox|AIza|_live_|_test_|npm_|:\/\//i

/**
 * A key followed by `:` or `=`: up to three words (so that `API key: …` and `Authorization: …`
 * in prose are found), optionally quoted (`'x-api-key':`, `"token":`, `\"token\":` in doubly
 * encoded JSON). Not `::`, `==`, `=>` or `://`. A `\n` escape (Node prints multi-line strings with
 * them) ends the word before the key.
 */
const keyThenSeparator =
  /(?<=^|[^\w$.\\]|\\[nrt])(\\?['"`]?)((?:[A-Za-z_$][\w$.-]*[ \t]){0,2}[A-Za-z_$][\w$.-]*)\1[ \t]*[:=](?![:=>]|\/\/)[ \t]*/g

/** An HTTP authentication scheme before a credential: kept, so that the reader sees what it was. */
const authScheme = /^(?:Bearer|Basic|Digest|Token|Bot|Negotiate|NTLM|ApiKey|OAuth|AWS4-HMAC-SHA256)[ \t]+/i
/**
 * An unquoted value: up to a delimiter; `; k=v` pairs after it belong to it (cookies). Not an
 * object, array or `<ref>` that Node printed (their own keys are checked), nor [REDACTED].
 */
const unquotedValue = /^[^\s,;&'"`{}[\]()<][^\s,;&'"`}\])]*(?:;[ \t]*[^\s,;&'"`}\])=]+=[^\s,;&'"`}\])]*)*/
/** Values that hide nothing and help the reader: left as they are. */
const harmlessValue = /^(?:null|undefined|true|false|\[REDACTED\])$/

export interface ExtraPatterns {
  /** Regular expressions (sources) matched, case-insensitively, against key names. */
  keys?: readonly string[]
  /** Regular expressions (sources) matched against text; every match is replaced. */
  values?: readonly string[]
  /** Where they come from, for the message about an invalid one ("settings", "--redact-key"). */
  origin: string
}

function compile(source: string, flags: string, what: string, origin: string): RegExp {
  try {
    return new RegExp(source, flags)
  } catch (error) {
    const reason = (error as Error).message.split(': ').pop() ?? 'invalid'
    throw new UserError('BAD_REQUEST', `invalid redaction ${what} pattern ${JSON.stringify(source)} (from ${origin}): ${reason}`)
  }
}

/** Throws the one-line UserError for the first invalid pattern. */
export function checkRedactionPatterns(extra: ExtraPatterns): void {
  for (const source of extra.keys ?? []) compile(source, 'i', 'key', extra.origin)
  for (const source of extra.values ?? []) compile(source, 'g', 'value', extra.origin)
}

/** `apiKey`, `API-Key`, `api key`, `X_API_KEY` → `api_key` / `x_api_key`. */
export function normaliseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

export class Redactor {
  private readonly userKeys: RegExp[] = []
  private readonly userValuePatterns: ValuePattern[] = []

  /** Built-in patterns plus `extra`; throws a one-line UserError naming an invalid pattern. */
  constructor(extra: readonly ExtraPatterns[] = []) {
    for (const set of extra) {
      for (const source of set.keys ?? []) this.userKeys.push(compile(source, 'i', 'key', set.origin))
      for (const source of set.values ?? []) this.userValuePatterns.push({ regex: compile(source, 'g', 'value', set.origin), replace: whole })
    }
  }

  /** The text with every secret it recognises replaced by [REDACTED]. Idempotent. */
  redact(text: string): string {
    // Values first: a PEM block printed by Node spans several quoted pieces, which a key's value
    // (one quoted piece) would not cover.
    let result = valueSecretHint.test(text) ? applyValuePatterns(text, builtInValuePatterns) : text
    if (this.userValuePatterns.length > 0) result = applyValuePatterns(result, this.userValuePatterns)
    return this.redactKeyedValues(result)
  }

  /** Text and argument texts redacted; stacks and locations (code positions, not data) left alone. */
  redactEvent<E extends ConsoleEvent>(event: E): E {
    const text = this.redact(event.text)
    const args = event.args?.map((arg) => {
      const redacted = this.redact(arg.text)
      return redacted === arg.text ? arg : { ...arg, text: redacted }
    })
    const argsChanged = args?.some((arg, i) => arg !== event.args?.[i]) ?? false
    if (text === event.text && !argsChanged) return event
    return { ...event, text, ...(argsChanged ? { args } : {}) }
  }

  /** A target's command line and title can carry secrets too (`--token=…`). */
  redactTarget<T extends SessionTarget>(target: T): T {
    return {
      ...target,
      title: this.redact(target.title),
      command: this.redact(target.command),
      lastError: target.lastError === null ? null : this.redact(target.lastError)
    }
  }

  private isSensitiveKey(key: string): boolean {
    // Candidates: the last word, the last two, the last three ("API key", "client secret").
    const words = key.split(/[ \t]+/)
    for (let i = words.length - 1; i >= 0; i--) {
      const candidate = i === words.length - 1 ? words[i] : words.slice(i).join(' ')
      if (mayBeSensitiveKey.test(candidate) && builtInKeyPattern.test(normaliseKey(candidate))) return true
      if (this.userKeys.some((re) => re.test(candidate))) return true
    }
    return false
  }

  private redactKeyedValues(text: string): string {
    if (!text.includes(':') && !text.includes('=')) return text
    let result = ''
    let copied = 0
    const finder = keyThenSeparator
    finder.lastIndex = 0
    for (let found = finder.exec(text); found !== null; found = finder.exec(text)) {
      if (!this.isSensitiveKey(found[2])) continue
      const valueStart = finder.lastIndex
      const value = locateValue(text, valueStart)
      if (!value) continue
      result += text.slice(copied, value.start) + redactedText
      copied = value.end
      finder.lastIndex = value.end
    }
    return copied === 0 ? text : result + text.slice(copied)
  }
}

function applyValuePatterns(text: string, patterns: readonly ValuePattern[]): string {
  let result = text
  for (const { regex, replace } of patterns) {
    regex.lastIndex = 0
    result = result.replace(regex, (match: string, ...rest: unknown[]) => {
      // A user pattern that matches the empty string would otherwise insert [REDACTED] everywhere.
      if (match.length === 0) return match
      // The capture groups come before the match offset (the first number among the arguments).
      const groups = rest.slice(0, rest.findIndex((r) => typeof r === 'number')) as string[]
      return replace(match, ...groups)
    })
  }
  return result
}

/** The span of the secret part of a value starting at `start`, or null when there is none. */
function locateValue(text: string, start: number): { start: number; end: number } | null {
  const rest = text.slice(start, start + 64 * 1024)
  const quote = /^\\?['"`]/.exec(rest)?.[0]
  if (quote) {
    // A quoted string as Node or JSON prints it: up to the closing quote, escapes skipped. One cut
    // short (a truncated line) is redacted to the end of the line.
    const contentStart = start + quote.length
    const close = findClosingQuote(text, contentStart, quote)
    const end = close < 0 ? lineEnd(text, contentStart) : close
    if (end === contentStart) return null
    return { start: contentStart, end }
  }
  const scheme = authScheme.exec(rest)?.[0] ?? ''
  const token = unquotedValue.exec(rest.slice(scheme.length))?.[0]
  if (!token || harmlessValue.test(token)) return null
  return { start: start + scheme.length, end: start + scheme.length + token.length }
}

function findClosingQuote(text: string, from: number, quote: string): number {
  const escaped = quote.length === 2
  const mark = quote[quote.length - 1]
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (c === '\n' && mark !== '`') return -1
    if (escaped) {
      // Inside doubly encoded JSON the closing quote is `\"`; `\\` is an escaped backslash.
      if (c === '\\' && text[i + 1] === mark) return i
      if (c === '\\') i++
      continue
    }
    if (c === '\\') i++
    else if (c === mark) return i
  }
  return -1
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from)
  return newline < 0 ? text.length : newline
}
