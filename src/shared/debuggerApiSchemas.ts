import { z } from 'zod'
import type { DebuggerRequests } from './debuggerApi'

// Params of the debugger requests arrive from the wire: each is validated by its schema here.
const targetId = z.object({ targetId: z.string().min(1) })
const line = z.number().int().min(1).max(10_000_000)
const expression = z.string().min(1).max(100_000)
const hitCondition = z.object({ op: z.enum(['==', '>=', '%']), count: z.number().int().min(1).max(1_000_000_000) }).strict()
const breakpointFields = {
  condition: expression.optional(),
  hitCondition: hitCondition.optional(),
  enabled: z.boolean().optional()
}

export const debuggerParamSchemas: { [N in keyof DebuggerRequests]: z.ZodType } = {
  'debugger.state': targetId,
  'debugger.sources': targetId.extend({ search: z.string().max(1000).optional() }),
  'debugger.source': targetId
    .extend({ url: z.string().min(1).optional(), scriptId: z.string().min(1).optional() })
    .refine((p) => (p.url === undefined) !== (p.scriptId === undefined), { message: 'give either url or scriptId' }),
  'debugger.breakableLines': targetId.extend({ url: z.string().min(1), startLine: line.optional(), endLine: line.optional() }),
  'debugger.breakpoints': targetId,
  'debugger.setBreakpoint': targetId.extend({
    url: z.string().min(1),
    line,
    column: z.number().int().min(1).optional(),
    logMessage: z.string().min(1).max(100_000).optional(),
    ...breakpointFields
  }),
  'debugger.setFunctionBreakpoint': targetId.extend({ functionName: z.string().min(1).max(1000), ...breakpointFields }),
  'debugger.updateBreakpoint': targetId.extend({
    breakpointId: z.string().min(1),
    enabled: z.boolean().optional(),
    condition: expression.nullable().optional(),
    logMessage: z.string().min(1).max(100_000).nullable().optional(),
    hitCondition: hitCondition.nullable().optional()
  }),
  'debugger.removeBreakpoint': targetId.extend({ breakpointId: z.string().min(1) }),
  'debugger.removeAllBreakpoints': targetId,
  'debugger.setPauseOptions': targetId.extend({ exceptions: z.enum(['none', 'uncaught', 'all']).optional(), debuggerStatements: z.boolean().optional() }),
  'debugger.pause': targetId,
  'debugger.resume': targetId,
  'debugger.step': targetId.extend({ action: z.enum(['over', 'into', 'out']) }),
  'debugger.paused': targetId,
  'debugger.properties': targetId.extend({
    objectId: z.string().min(1),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(10_000).optional()
  }),
  'debugger.invokeGetter': targetId.extend({ objectId: z.string().min(1), name: z.string().min(1) }),
  'debugger.evaluate': targetId.extend({
    expression,
    callFrameId: z.string().min(1).optional(),
    sideEffectFree: z.boolean().optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional()
  }),
  'debugger.history': targetId
}
