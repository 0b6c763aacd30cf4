// The page's Content-Security-Policy, read from its own <meta> tag so that the header the
// server (and the Electron shell) sends can never disagree with the page. Pure text
// functions with no imports: both shells use them.

/** Used when the page declares no policy of its own: nothing but our own origin, no inline script. */
export const fallbackContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** The policy in the page's `<meta http-equiv="Content-Security-Policy">`, or null. */
export function contentSecurityPolicyOf(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) continue
    const content = /\bcontent\s*=\s*("([^"]*)"|'([^']*)')/i.exec(tag)
    const policy = (content?.[2] ?? content?.[3] ?? '').replace(/\s+/g, ' ').trim()
    if (policy) return policy
  }
  return null
}

/** Adds sources to one directive (creating it from default-src when absent): the dev server needs a few. */
export function withExtraSources(policy: string, directive: string, sources: string[]): string {
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean)
  const index = directives.findIndex((d) => d.split(/\s+/)[0] === directive)
  if (index >= 0) {
    directives[index] = [directives[index], ...sources].join(' ')
  } else {
    const base = directives.find((d) => d.split(/\s+/)[0] === 'default-src')?.split(/\s+/).slice(1) ?? []
    directives.push([directive, ...base, ...sources].join(' '))
  }
  return directives.join('; ')
}
