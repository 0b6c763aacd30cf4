import { describe, expect, it } from 'vitest'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import { UserError } from '../../shared/userError'
import { checkRedactionPatterns, normaliseKey, redactedText, Redactor } from './redaction'

const R = redactedText
const redactor = new Redactor()
const redact = (text: string): string => redactor.redact(text)

// Realistic-looking secrets, assembled so that no secret scanner mistakes this file for a leak.
const jwt = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.')
const github = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'
const githubPat = 'github_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ01234'
const slack = 'xox' + 'b-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'
const google = 'AIza' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'
const stripe = 'sk_' + 'live_' + '51H8abcdefGHIJKLmnopQRSTuv'
const npm = 'npm_' + 'abcdefghijklmnopqrstuvwxyz0123456789'
const aws = 'AKIA' + 'IOSFODNN7EXAMPLE'
const pemBody = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu'

describe('key patterns redact the value after a sensitive key', () => {
  it.each([
    [`{ user: 'ann', password: 'hunter2' }`, `{ user: 'ann', password: '${R}' }`],
    [`{"token":"abc","ok":true}`, `{"token":"${R}","ok":true}`],
    [`POST /login password=abc&x=1`, `POST /login password=${R}&x=1`],
    [`Authorization: Bearer xyz`, `Authorization: Bearer ${R}`],
    [`Cookie: a=b; c=d`, `Cookie: ${R}`],
    [`set-cookie: sid=s%3A42; Path=/; HttpOnly`, `set-cookie: ${R}; HttpOnly`],
    [`{ 'x-api-key': 'k-123' }`, `{ 'x-api-key': '${R}' }`],
    [`{ apiKey: "k-123" }`, `{ apiKey: "${R}" }`],
    [`api_key=k123`, `api_key=${R}`],
    [`API key: k123`, `API key: ${R}`],
    [`{ passwd: 'x1', pwd: 'x2', passphrase: 'x3' }`, `{ passwd: '${R}', pwd: '${R}', passphrase: '${R}' }`],
    [`{ client_secret: 'cs', clientSecret: 'cs' }`, `{ client_secret: '${R}', clientSecret: '${R}' }`],
    [`{ privateKey: 'pk', private_key: 'pk' }`, `{ privateKey: '${R}', private_key: '${R}' }`],
    [`{ accessKeyId: 'id', aws_secret_access_key: 'sk' }`, `{ accessKeyId: '${R}', aws_secret_access_key: '${R}' }`],
    [`{ sessionId: 'sid', session_id: 42 }`, `{ sessionId: '${R}', session_id: ${R} }`],
    [`{ credentials: 'user:pw' }`, `{ credentials: '${R}' }`],
    [`{ DB_PASSWORD: 'pw', accessToken: 'at', refresh_token: "rt" }`, `{ DB_PASSWORD: '${R}', accessToken: '${R}', refresh_token: "${R}" }`],
    [`{ headers: { authorization: 'Basic dXNlcjpwYXNz' } }`, `{ headers: { authorization: '${R}' } }`],
    [`GET /cb?code=1&token=abc123 200`, `GET /cb?code=1&token=${R} 200`],
    [`'{\\"token\\":\\"abc\\"}'`, `'{\\"token\\":\\"${R}\\"}'`],
    [`'user=ann\\npassword=hunter2'`, `'user=ann\\npassword=${R}'`],
    [`{ password: 'it\\'s secret' }`, `{ password: '${R}' }`],
    [`{ password: 'cut short`, `{ password: '${R}`],
    [`node app.js --token=abc123 --port=3000`, `node app.js --token=${R} --port=3000`]
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it('keeps harmless values (null, booleans) and nested objects, whose own keys are checked', () => {
    expect(redact(`{ password: null, token: undefined, secret: true }`)).toBe(`{ password: null, token: undefined, secret: true }`)
    expect(redact(`{ credentials: { user: 'ann', password: 'pw' } }`)).toBe(`{ credentials: { user: 'ann', password: '${R}' } }`)
  })
})

describe('value patterns redact wherever they appear', () => {
  it.each([
    ['JWT', `session ${jwt} issued`, `session ${R} issued`],
    ['bearer token', `curl -H "Authorisation-ish Bearer abcDEF123456" x`, `curl -H "Authorisation-ish Bearer ${R}" x`],
    ['AWS access key id', `using ${aws} in us-east-1`, `using ${R} in us-east-1`],
    ['AWS temporary key id', `key ASIA${'Y'.repeat(16)}!`, `key ${R}!`],
    ['GitHub token', `cloning with ${github}`, `cloning with ${R}`],
    ['GitHub fine-grained token', `pat ${githubPat} ok`, `pat ${R} ok`],
    ['Slack token', `slack ${slack}`, `slack ${R}`],
    ['Google API key', `maps ${google}.`, `maps ${R}.`],
    ['Stripe key', `stripe ${stripe} charge`, `stripe ${R} charge`],
    ['Stripe test key', `stripe ${'sk_' + 'test_'}abcdefghij12 x`, `stripe ${R} x`],
    ['npm token', `//registry.npmjs.org/:_authToken=${npm}`, `//registry.npmjs.org/:_authToken=${R}`],
    ['password in a URL', `connecting to postgres://app:s3cret@db:5432/app`, `connecting to postgres://app:${R}@db:5432/app`],
    ['password in an https URL', `fetch https://user:pa55@example.com/x`, `fetch https://user:${R}@example.com/x`],
    ['PEM private key', `key: -----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY----- loaded`, `key: -----BEGIN RSA PRIVATE KEY-----${R}-----END RSA PRIVATE KEY----- loaded`]
  ])('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it('redacts a PEM key that Node printed as concatenated pieces, and one cut short', () => {
    const printed = `{\n  private_key: '-----BEGIN PRIVATE KEY-----\\n' +\n    '${pemBody.split('\n')[0]}\\n' +\n    '-----END PRIVATE KEY-----\\n'\n}`
    const out = redact(printed)
    expect(out).not.toContain(pemBody.split('\n')[0])
    expect(out).toContain(R)
    expect(redact(`-----BEGIN EC PRIVATE KEY-----\n${pemBody}`)).toBe(`-----BEGIN EC PRIVATE KEY-----${R}-----END EC PRIVATE KEY-----`)
  })

  it('leaves the secret-free parts of a match in place', () => {
    expect(redact('Bearer abcdef123456')).toBe(`Bearer ${R}`)
    expect(redact('redis://:pw123@cache:6379')).toBe(`redis://:${R}@cache:6379`)
  })
})

describe('ordinary log lines are left alone', () => {
  it.each([
    'server listening on http://127.0.0.1:3000',
    'GET /api/users/42?page=2&sort=name 200 12.3ms',
    'request id: 3f2b8c4e-9d1a-4c7e-8f00-123456789abc',
    'commit 9fceb02d0ae598e95dc970b74767f19372d61af8 deployed',
    'Token refresh scheduled in 30s',
    'the token expired, asking for a new one',
    'send a Bearer token in the Authorization header',
    'Password reset email sent to user 1234',
    'passwordless login enabled',
    '{ prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 }',
    "{ tokenCount: 5, author: 'Ann', keyboard: 'us', bypass: true, compass: 'N' }",
    "{ password_length: 12, secretName: 'db', tokens: [ 'a', 'b' ] }",
    'retry 3/5 after 250 ms; queue size=17, rate=0.93',
    'https://example.com/docs/auth#token',
    'x => x * 2; a == b; std::string',
    'AKIA is the prefix of AWS access key ids',
    'sk_live_ keys are secret',
    "{ id: 12345678901234567890, hash: 'd41d8cd98f00b204e9800998ecf8427e' }"
  ])('%s', (line) => {
    expect(redact(line)).toBe(line)
  })
})

describe('Redactor', () => {
  it('is idempotent', () => {
    const once = redact(`{ password: 'hunter2' } Authorization: Bearer abc12345678 ${jwt} https://a:b@c`)
    expect(redact(once)).toBe(once)
  })

  it('redacts an event’s text and argument texts, not its stack or location', () => {
    const frame = { functionName: 'login', url: 'file:///app/token.js', line: 3, column: 7 }
    const event: ConsoleEvent = {
      seq: 1,
      targetId: 't',
      time: 1,
      level: 'log',
      source: 'console',
      method: 'log',
      text: `login { user: 'ann', password: 'hunter2' }`,
      args: [
        { type: 'string', text: 'login' },
        { type: 'object', className: 'Object', text: `{ user: 'ann', password: 'hunter2' }` }
      ],
      stack: [frame],
      location: frame
    }
    const redacted = redactor.redactEvent(event)
    expect(redacted.text).toBe(`login { user: 'ann', password: '${R}' }`)
    expect(redacted.args?.map((a) => a.text)).toEqual(['login', `{ user: 'ann', password: '${R}' }`])
    expect(redacted.stack).toEqual([frame])
    expect(redacted.location).toEqual(frame)
    expect(event.text).toContain('hunter2')
    const clean = { ...event, text: 'hello', args: [{ type: 'string', text: 'hello' }] }
    expect(redactor.redactEvent(clean)).toBe(clean)
  })

  it('redacts a target’s command line, title and last error', () => {
    const target = {
      id: 't1',
      parentId: null,
      kind: 'launch' as const,
      title: 'node app.js --token=abc123',
      pid: 1,
      command: `node app.js --token=abc123 ${github}`,
      nodeVersion: 'v20.0.0',
      platform: 'linux',
      cwd: '/app',
      attachedAt: 0,
      exit: null,
      lastError: `failed at https://u:pw1@host`
    }
    expect(redactor.redactTarget(target)).toEqual({ ...target, title: `node app.js --token=${R}`, command: `node app.js --token=${R} ${R}`, lastError: `failed at https://u:${R}@host` })
  })

  it('adds user key and value patterns', () => {
    const custom = new Redactor([{ origin: 'settings', keys: ['^ssn$'], values: ['ACME-[0-9]{6}'] }])
    expect(custom.redact(`{ ssn: '078-05-1120', name: 'Ann' } order ACME-123456`)).toBe(`{ ssn: '${R}', name: 'Ann' } order ${R}`)
    expect(redact(`{ ssn: '078-05-1120' } ACME-123456`)).toBe(`{ ssn: '078-05-1120' } ACME-123456`)
    // A pattern that matches the empty string does not sprinkle the text with markers.
    expect(new Redactor([{ origin: 'test', values: ['x*'] }]).redact('abc')).toBe('abc')
  })

  it('refuses an invalid user pattern with one line naming it', () => {
    const make = () => new Redactor([{ origin: '--redact-value', values: ['ok', '(unclosed'] }])
    expect(make).toThrow(UserError)
    expect(make).toThrow(/^invalid redaction value pattern "\(unclosed" \(from --redact-value\): [^\n]+$/)
    expect(() => checkRedactionPatterns({ origin: 'settings', keys: ['[a-'] })).toThrow(/key pattern "\[a-" \(from settings\)/)
    expect(() => checkRedactionPatterns({ origin: 'settings', keys: ['fine'], values: ['also fine'] })).not.toThrow()
  })

  it('normalises key names into lower-case words', () => {
    expect(['apiKey', 'API-Key', 'api key', 'X_API_KEY', 'APIKey', 'sessionID'].map(normaliseKey)).toEqual(['api_key', 'api_key', 'api_key', 'x_api_key', 'api_key', 'session_id'])
  })
})
