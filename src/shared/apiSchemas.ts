import { z } from 'zod'
import type { RequestName } from './api'
import { consoleLevels } from './consoleTypes'
import { errorCategories, errorSeverities } from './errorTypes'
import { settingsSchema } from './settingsTypes'
import { debuggerParamSchemas } from './debuggerApiSchemas'
import { heapParamSchemas } from './heapApiSchemas'
import { metricsParamSchemas } from './metricsApiSchemas'
import { profilerParamSchemas } from './profilerApiSchemas'

// Params arrive from the wire (WebSocket, IPC), so every request's params are validated here.
const targetId = z.object({ targetId: z.string().min(1) })
const sessionId = z.object({ sessionId: z.string().min(1) })
const noParams = z.union([z.undefined(), z.null(), z.object({}).strict()]).transform(() => undefined)

const attachRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('launch'),
    command: z.array(z.string()).min(1),
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).optional()
  }),
  z.object({ kind: z.literal('port'), port: z.number().int().min(1).max(65535), host: z.string().optional() }),
  z.object({ kind: z.literal('ws'), url: z.string().min(1) }),
  z.object({ kind: z.literal('pid'), pid: z.number().int().positive() })
])

const consoleFilter = z.object({
  levels: z.array(z.enum(consoleLevels)).optional(),
  text: z.string().optional(),
  sources: z.array(z.enum(['console', 'exception', 'stdout', 'stderr', 'spyglass'])).optional()
})

export const requestParamSchemas: { [N in RequestName]: z.ZodType } = {
  'app.info': noParams,
  'targets.discover': noParams,
  'targets.list': noParams,
  'targets.attach': attachRequest,
  'targets.launchDemo': noParams,
  'targets.detach': targetId,
  'targets.remove': targetId,
  'console.query': targetId.extend({
    filter: consoleFilter.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(0).max(100_000).optional()
  }),
  'console.getProperties': targetId.extend({ objectId: z.string().min(1) }),
  'console.clear': targetId,
  'settings.get': noParams,
  'settings.set': settingsSchema.partial(),
  'errors.groups': targetId.extend({
    filter: z
      .object({
        categories: z.array(z.enum(errorCategories)).optional(),
        severities: z.array(z.enum(errorSeverities)).optional(),
        text: z.string().optional()
      })
      .optional(),
    sort: z.enum(['count', 'recent', 'severity']).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(0).max(10_000).optional()
  }),
  'errors.group': targetId.extend({ fingerprint: z.string().min(1) }),
  'errors.rate': targetId,
  'sessions.list': noParams,
  'sessions.record': targetId,
  'sessions.stop': sessionId,
  'sessions.save': sessionId.extend({ path: z.string().min(1).optional() }),
  'sessions.open': z
    .object({ path: z.string().min(1).optional() })
    .strict()
    .nullish()
    .transform((p) => p ?? {}),
  'sessions.close': sessionId,
  'sessions.recent': noParams,
  'sessions.forgetRecent': z.object({ file: z.string().min(1) }),
  'sessions.recoverable': noParams,
  'sessions.recover': z.object({ id: z.string().min(1) }),
  'sessions.discard': z.object({ id: z.string().min(1) }),
  ...profilerParamSchemas,
  ...heapParamSchemas,
  ...metricsParamSchemas,
  ...debuggerParamSchemas
}
