// The contract is declared once per domain and everything else is derived from it: these checks
// keep the declarations and what is derived from them from drifting apart.
import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { apiEvents, apiRequests, eventNames, isEventName, isRequestName, requestNames, requestParamSchemas, type ApiEvents, type ParsedParams, type RequestParams, type RequestResult } from './api'
import { mergeDeclarations, noParams, optionalParams } from './contract'
import type { HeapSnapshotItem } from './heapApi'
import type { Settings } from './settingsTypes'
import type { AttachRequest } from './targetTypes'

// Every `<domain>Api.ts` beside this file, and what it exports as `<domain>Requests` / `<domain>Events`.
const apiFiles = import.meta.glob<Record<string, unknown>>('./*Api.ts', { eager: true })
const domains = Object.entries(apiFiles).map(([file, exports]) => {
  const domain = /^\.\/(\w+)Api\.ts$/.exec(file)![1]
  return { domain, requests: exports[`${domain}Requests`] as Record<string, unknown> | undefined, events: exports[`${domain}Events`] as Record<string, unknown> | undefined }
})

describe('the contract', () => {
  it('merges every domain API file, each declaring requests and events under its own name', () => {
    expect(domains.map((d) => d.domain).sort()).toEqual(['app', 'console', 'debugger', 'errors', 'heap', 'metrics', 'profiler', 'sessions', 'settings', 'targets'])
    for (const { domain, requests, events } of domains) {
      expect(requests, `${domain}Api.ts exports ${domain}Requests`).toBeTypeOf('object')
      expect(events, `${domain}Api.ts exports ${domain}Events`).toBeTypeOf('object')
      for (const name of [...Object.keys(requests!), ...Object.keys(events!)]) expect(name.startsWith(`${domain}.`), `${name} in ${domain}Api.ts`).toBe(true)
    }
    const declaredRequests = domains.flatMap((d) => Object.keys(d.requests!))
    const declaredEvents = domains.flatMap((d) => Object.keys(d.events!))
    expect([...requestNames].sort()).toEqual([...declaredRequests].sort())
    expect([...eventNames].sort()).toEqual([...declaredEvents].sort())
    expect(new Set(requestNames).size).toBe(requestNames.length)
    expect(new Set(eventNames).size).toBe(eventNames.length)
  })

  it('refuses a name declared by two domains', () => {
    const one = { 'x.same': 1 }
    const other = { 'x.other': 2, 'x.same': 3 }
    expect(() => mergeDeclarations('request', [one, other])).toThrow('the request x.same is declared twice')
    expect(mergeDeclarations('event', [one, { 'x.other': 2 }])).toEqual({ 'x.same': 1, 'x.other': 2 })
  })

  it('gives every request a params schema and a result, and every event a payload', () => {
    for (const name of requestNames) {
      expect(apiRequests[name].params, name).toBeInstanceOf(z.ZodType)
      expect(apiRequests[name].result, name).toBeInstanceOf(z.ZodType)
      expect(requestParamSchemas[name], name).toBe(apiRequests[name].params)
    }
    for (const name of eventNames) expect(apiEvents[name], name).toBeInstanceOf(z.ZodType)
  })

  it('knows exactly its own names', () => {
    for (const name of requestNames) expect(isRequestName(name)).toBe(true)
    for (const name of eventNames) expect(isEventName(name)).toBe(true)
    for (const name of ['fs.readFile', 'toString', '__proto__', 'hasOwnProperty', '', 42, null, undefined]) {
      expect(isRequestName(name)).toBe(false)
      expect(isEventName(name)).toBe(false)
    }
    expect(isRequestName('targets.changed')).toBe(false)
    expect(isEventName('targets.list')).toBe(false)
  })

  it('takes nothing, null or {} for a request without params, and hands undefined on', () => {
    for (const sent of [undefined, null, {}]) expect(noParams.parse(sent)).toBeUndefined()
    for (const sent of [{ x: 1 }, 0, 'x', []]) expect(noParams.safeParse(sent).success).toBe(false)
  })

  it('hands {} on for optional params sent as nothing, and still refuses unknown fields', () => {
    const params = optionalParams(z.object({ path: z.string().min(1).optional() }).strict())
    expect(params.parse(undefined)).toEqual({})
    expect(params.parse(null)).toEqual({})
    expect(params.parse({ path: 'a' })).toEqual({ path: 'a' })
    expect(params.safeParse({ file: 'a' }).success).toBe(false)
    expect(params.safeParse({ path: '' }).success).toBe(false)
  })

  it('derives the types callers and handlers see', () => {
    expectTypeOf<RequestParams<'app.info'>>().toEqualTypeOf<void>()
    expectTypeOf<ParsedParams<'app.info'>>().toEqualTypeOf<undefined>()
    expectTypeOf<RequestParams<'sessions.open'>>().toEqualTypeOf<{ path?: string | undefined }>()
    expectTypeOf<ParsedParams<'sessions.open'>>().toEqualTypeOf<{ path?: string | undefined }>()
    expectTypeOf<ParsedParams<'targets.attach'>>().toExtend<AttachRequest>()
    expectTypeOf<RequestParams<'settings.set'>>().toEqualTypeOf<Partial<Settings>>()
    expectTypeOf<RequestResult<'settings.get'>>().toEqualTypeOf<Settings>()
    expectTypeOf<RequestResult<'heap.list'>>().toEqualTypeOf<HeapSnapshotItem[]>()
    expectTypeOf<RequestResult<'targets.detach'>>().toEqualTypeOf<void>()
    expectTypeOf<ApiEvents['settings.changed']>().toEqualTypeOf<Settings>()
    expectTypeOf<ApiEvents['heap.trendTick']>().toEqualTypeOf<{ targetIds: string[] }>()
  })
})
