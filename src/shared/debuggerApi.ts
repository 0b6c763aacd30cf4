// The debugger domain's part of the API contract (merged into the one contract in api.ts).
// A target is a process or one of its workers (each has its own targetId); breakpoints belong
// to the process and apply to its workers.
import { z } from 'zod'
import { defineEvents, defineRequests, payload, result, type EventTypes, type RequestTypes } from './contract'
import type {
  Breakpoint,
  DebuggerHistory,
  DebuggerState,
  DebugSource,
  DebugVariable,
  EvaluateResult,
  HitCondition,
  PausedState,
  PauseOptions,
  SourceText
} from './debuggerTypes'

const targetId = z.object({ targetId: z.string().min(1) })
const line = z.number().int().min(1).max(10_000_000)
const expression = z.string().min(1).max(100_000)
const logMessage = z.string().min(1).max(100_000)
const hitCondition = z.object({ op: z.enum(['==', '>=', '%']), count: z.number().int().min(1).max(1_000_000_000) }).strict() satisfies z.ZodType<HitCondition>
const breakpointFields = {
  condition: expression.optional(),
  hitCondition: hitCondition.optional(),
  enabled: z.boolean().optional()
}

const lineBreakpointParams = targetId.extend({
  /** A file's url as `debugger.sources` lists it (an original .ts works: it is mapped). */
  url: z.string().min(1),
  /** 1-based; a line with no code moves to the next breakable line. */
  line,
  column: z.number().int().min(1).optional(),
  logMessage: logMessage.optional(),
  ...breakpointFields
})
export type LineBreakpointParams = z.output<typeof lineBreakpointParams>

const functionBreakpointParams = targetId.extend({
  /** Evaluated in the target's global scope: `handleRequest`, `Cart.prototype.add`. */
  functionName: z.string().min(1).max(1000),
  ...breakpointFields
})
export type FunctionBreakpointParams = z.output<typeof functionBreakpointParams>

/** Fields to change; null clears condition / logMessage / hitCondition. */
const breakpointPatch = targetId.extend({
  breakpointId: z.string().min(1),
  enabled: z.boolean().optional(),
  condition: expression.nullable().optional(),
  logMessage: logMessage.nullable().optional(),
  hitCondition: hitCondition.nullable().optional()
})
export type BreakpointPatch = z.output<typeof breakpointPatch>

const pauseOptionsPatch = targetId.extend({
  exceptions: z.enum(['none', 'uncaught', 'all']).optional(),
  debuggerStatements: z.boolean().optional()
}) satisfies z.ZodType<{ targetId: string } & Partial<PauseOptions>>

export const debuggerRequests = defineRequests({
  /** Everything a view needs when it opens on a target. */
  'debugger.state': { params: targetId, result: result<DebuggerState>() },
  /**
   * The target's files, original ones for source-mapped scripts (maps still loading are waited
   * for, briefly); `search` filters by name. A recorded target: the files whose text it kept.
   */
  'debugger.sources': { params: targetId.extend({ search: z.string().max(1000).optional() }), result: result<DebugSource[]>() },
  /** A file's text: by url (original or script), or by scriptId for scripts without a url (eval). A recorded target: by url. */
  'debugger.source': {
    params: targetId
      .extend({ url: z.string().min(1).optional(), scriptId: z.string().min(1).optional() })
      .refine((p) => (p.url === undefined) !== (p.scriptId === undefined), { message: 'give either url or scriptId' }),
    result: result<SourceText>()
  },
  /** The lines of a file where a breakpoint can bind (for the gutter), within a range of lines. */
  'debugger.breakableLines': {
    params: targetId.extend({ url: z.string().min(1), startLine: line.optional(), endLine: line.optional() }),
    result: result<number[]>()
  },
  /** The breakpoints of the target's process. */
  'debugger.breakpoints': { params: targetId, result: result<Breakpoint[]>() },
  'debugger.setBreakpoint': { params: lineBreakpointParams, result: result<Breakpoint>() },
  'debugger.setFunctionBreakpoint': { params: functionBreakpointParams, result: result<Breakpoint>() },
  'debugger.updateBreakpoint': { params: breakpointPatch, result: result<Breakpoint>() },
  'debugger.removeBreakpoint': { params: targetId.extend({ breakpointId: z.string().min(1) }), result: result<void>() },
  'debugger.removeAllBreakpoints': { params: targetId, result: result<void>() },
  /** Pause on exceptions (none / uncaught / all) and on `debugger;` statements. */
  'debugger.setPauseOptions': { params: pauseOptionsPatch, result: result<PauseOptions>() },
  'debugger.pause': { params: targetId, result: result<void>() },
  'debugger.resume': { params: targetId, result: result<void>() },
  'debugger.step': { params: targetId.extend({ action: z.enum(['over', 'into', 'out']) }), result: result<void>() },
  /** The paused state now (null while running). */
  'debugger.paused': { params: targetId, result: result<PausedState | null>() },
  /**
   * Properties of a scope or an object (lazy: one level), a window of rows for big arrays.
   * Getters come unevaluated (`getter: true`).
   */
  'debugger.properties': {
    params: targetId.extend({
      objectId: z.string().min(1),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(10_000).optional()
    }),
    result: result<{ total: number; rows: DebugVariable[] }>()
  },
  /** Runs one getter of an object on demand. */
  'debugger.invokeGetter': { params: targetId.extend({ objectId: z.string().min(1), name: z.string().min(1) }), result: result<EvaluateResult>() },
  /**
   * Evaluates in a paused frame (callFrameId) or, without one, in the target's global scope.
   * `sideEffectFree` refuses anything with side effects (hover). Past `timeoutMs` (default 5000)
   * the evaluation is stopped and the request fails with TIMEOUT.
   */
  'debugger.evaluate': {
    params: targetId.extend({
      expression,
      callFrameId: z.string().min(1).optional(),
      sideEffectFree: z.boolean().optional(),
      timeoutMs: z.number().int().min(1).max(600_000).optional()
    }),
    result: result<EvaluateResult>()
  },
  /**
   * A recorded target (an opened session): where it stopped and what its logpoints printed, its
   * process's breakpoints with their hits in the recording, and the files whose text it kept.
   */
  'debugger.history': { params: targetId, result: result<DebuggerHistory>() }
})

export const debuggerEvents = defineEvents({
  /**
   * Files the target loaded since the last batch (batched: hundreds arrive at start). `removed`:
   * urls listed before that are gone from the list (a compiled script whose source map arrived:
   * its original files are in `added`). `reset`: the list starts over (reconnect).
   */
  'debugger.sources': payload<{ targetId: string; added: DebugSource[]; removed: string[]; reset: boolean }>(),
  /** A process's whole breakpoint list, whenever any of them changed (at most ten times a second). */
  'debugger.breakpoints': payload<{ rootId: string; breakpoints: Breakpoint[] }>(),
  'debugger.paused': payload<PausedState>(),
  /** Also sent when the target went away while paused. */
  'debugger.resumed': payload<{ targetId: string; pauseId: number }>(),
  'debugger.options': payload<{ targetId: string; options: PauseOptions }>()
})

export type DebuggerRequests = RequestTypes<typeof debuggerRequests>
export type DebuggerEvents = EventTypes<typeof debuggerEvents>
