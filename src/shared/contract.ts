// How a domain declares its part of the API contract: one entry per request (its params schema
// and its result) and one per event (its payload), in the domain's `<domain>Api.ts`. Everything
// else — the TypeScript types, the name lists, the validation on arrival — is derived from these
// declarations, so that adding a request is one edit.
//
// Params arrive from the wire (IPC, WebSocket) and get real zod schemas: the workbench validates
// them before a handler sees them. Results and event payloads are produced by our own engine, so
// they are declared with `result<T>()` / `payload<T>()`: a type carried by one shared schema that
// is never run (a real schema where one exists, such as settingsSchema, is fine too).
import { z } from 'zod'

export interface RequestSpec {
  params: z.ZodType
  result: z.ZodType
}
export type RequestSpecs = Record<string, RequestSpec>
export type EventSpecs = Record<string, z.ZodType>

/** A domain's requests: name → { params, result }. Doc comments stay next to each entry. */
export function defineRequests<T extends RequestSpecs>(requests: T): T {
  return requests
}

/** A domain's pushed events: name → payload. */
export function defineEvents<T extends EventSpecs>(events: T): T {
  return events
}

// Never parsed: results and payloads are ours, and checking them would cost time on every answer.
const engineValue = z.custom<unknown>()

/** The result type of a request, produced by the engine (typed, not checked at run time). */
export function result<T>(): z.ZodType<T> {
  return engineValue as z.ZodType<T>
}

/** The payload type of an event, produced by the engine (typed, not checked at run time). */
export function payload<T>(): z.ZodType<T> {
  return engineValue as z.ZodType<T>
}

/**
 * Params of a request that takes none: the wire may carry undefined, null or `{}` (JSON has no
 * undefined), the handler gets undefined, and a caller writes `invoke(name, undefined)` (or
 * leaves the argument out), hence the `void` input type.
 */
export const noParams = z
  .union([z.undefined(), z.null(), z.object({}).strict()])
  .transform(() => undefined) as unknown as z.ZodType<undefined, void>

/**
 * Params whose fields are all optional: the wire may carry nothing at all (undefined, or null in
 * JSON) and the handler then gets `{}`; a caller always passes the object (`{}` for nothing).
 */
export function optionalParams<T extends z.ZodObject>(fields: T): z.ZodType<z.output<T>, z.input<T>> {
  return fields.nullish().transform((p) => p ?? {}) as unknown as z.ZodType<z.output<T>, z.input<T>>
}

/**
 * The types of a domain's requests, per name: `input` is what a caller sends, `params` what the
 * handler receives once the schema has parsed it (defaults and transforms applied), `result`
 * what the handler answers.
 */
export type RequestTypes<T extends RequestSpecs> = {
  [N in keyof T]: {
    input: z.input<T[N]['params']>
    params: z.output<T[N]['params']>
    result: z.output<T[N]['result']>
  }
}

/** The payload type of each of a domain's events. */
export type EventTypes<T extends EventSpecs> = { [E in keyof T]: z.output<T[E]> }

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

/**
 * The domains' declarations as one object. A name declared by two domains would make one of
 * them silently unreachable, so it throws (at start-up: api.ts merges when it is loaded).
 */
export function mergeDeclarations<const T extends readonly object[]>(kind: 'request' | 'event', parts: T): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {}
  for (const part of parts) {
    for (const [name, declaration] of Object.entries(part)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`the ${kind} ${name} is declared twice`)
      merged[name] = declaration
    }
  }
  return merged as UnionToIntersection<T[number]>
}
