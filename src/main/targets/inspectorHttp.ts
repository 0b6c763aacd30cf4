import http from 'node:http'
import { z } from 'zod'
import { UserError } from '../../shared/userError'

// The inspector's HTTP endpoints (/json/list, /json/version), validated because anything may listen on a port.
const listedTarget = z.object({
  id: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
  webSocketDebuggerUrl: z.string()
})
export type ListedInspectorTarget = z.infer<typeof listedTarget>
const targetList = z.array(z.looseObject(listedTarget.shape))

function getJson(host: string, port: number, path: string, timeoutMs: number): Promise<unknown> {
  const where = `${host}:${port}`
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path, timeout: timeoutMs, headers: { accept: 'application/json' } }, (response) => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        // An inspector's target list is tiny; anything big is not an inspector.
        if (size > 1024 * 1024) request.destroy(new Error('response too large'))
        else chunks.push(chunk)
      })
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new UserError('NOT_AN_INSPECTOR', `${where} is not a Node inspector (HTTP ${response.statusCode} for ${path})`))
          return
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch {
          reject(new UserError('NOT_AN_INSPECTOR', `${where} is not a Node inspector (no JSON at ${path})`))
        }
      })
      response.on('error', (error) => reject(new UserError('NOT_AN_INSPECTOR', `${where}: ${error.message}`)))
    })
    request.on('timeout', () => request.destroy(new UserError('TIMEOUT', `no answer from ${where} within ${timeoutMs} ms`)))
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof UserError) reject(error)
      else if (error.code === 'ECONNREFUSED') reject(new UserError('CONNECTION_REFUSED', `nothing is listening on ${where}`))
      else if (error.code === 'ECONNRESET' || error.code === 'HPE_INVALID_CONSTANT') reject(new UserError('NOT_AN_INSPECTOR', `${where} is not a Node inspector (${error.code})`))
      else reject(new UserError('CONNECTION_REFUSED', `cannot reach ${where}: ${error.message}`))
    })
  })
}

/** The targets an inspector at host:port offers; rejects with a user error when it is not an inspector. */
export async function listInspectorTargets(host: string, port: number, timeoutMs = 2000): Promise<ListedInspectorTarget[]> {
  const body = await getJson(host, port, '/json/list', timeoutMs)
  const parsed = targetList.safeParse(body)
  if (!parsed.success) throw new UserError('NOT_AN_INSPECTOR', `${host}:${port} is not a Node inspector (unexpected /json/list)`)
  return parsed.data.filter((t) => t.webSocketDebuggerUrl.startsWith('ws'))
}

/** The first attachable target at host:port. */
export async function firstInspectorTarget(host: string, port: number, timeoutMs = 2000): Promise<ListedInspectorTarget> {
  const targets = await listInspectorTargets(host, port, timeoutMs)
  const target = targets.find((t) => t.type === undefined || t.type === 'node') ?? targets[0]
  if (!target) throw new UserError('NOT_AN_INSPECTOR', `the inspector at ${host}:${port} offers no target`)
  return target
}

/** Best effort: the inspector target at host:port, or null when nothing answers like an inspector. */
export async function tryFirstInspectorTarget(host: string, port: number, timeoutMs = 500): Promise<ListedInspectorTarget | null> {
  try {
    return await firstInspectorTarget(host, port, timeoutMs)
  } catch (error) {
    if (error instanceof UserError) return null
    throw error
  }
}

const versionInfo = z.looseObject({ Browser: z.string() })

/** Best effort: the Node version an inspector reports at /json/version ("node.js/v22.1.0" → "v22.1.0"). */
export async function tryInspectorNodeVersion(host: string, port: number, timeoutMs = 1000): Promise<string | null> {
  try {
    const parsed = versionInfo.safeParse(await getJson(host, port, '/json/version', timeoutMs))
    const match = parsed.success ? /^node\.js\/(v[\d.]+)/i.exec(parsed.data.Browser) : null
    return match ? match[1] : null
  } catch (error) {
    if (error instanceof UserError) return null
    throw error
  }
}
