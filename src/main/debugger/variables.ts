// Variables of a paused target, one level at a time: a scope's or an object's own properties,
// the getters it inherits (a class's, shown on its instances and run only on demand), internal
// slots such as a Map's [[Entries]]; and evaluation with a time limit.
import type { Protocol } from 'devtools-protocol'
import type { DebugVariable, EvaluateResult } from '../../shared/debuggerTypes'
import { UserError } from '../../shared/userError'
import { toDebugValue } from './debugValue'
import { CdpError, type CdpClient } from '../targets'

/** Objects handed out while paused; released on resume with the pause's own handles. */
export const objectGroup = 'spyglass-debugger'

export const defaultEvaluateTimeoutMs = 5000
/** Beyond the target's own time limit: a target that does not answer at all (busy, not paused). */
const answerSlackMs = 2000

/** `scope`: a scope's variables, which inherit nothing worth listing (one request instead of two). */
export async function listProperties(cdp: CdpClient, objectId: string, scope = false): Promise<DebugVariable[]> {
  const [own, inherited] = await Promise.all([
    cdp.send('Runtime.getProperties', { objectId, ownProperties: true, generatePreview: true }),
    scope ? Promise.resolve({ result: [] as Protocol.Runtime.PropertyDescriptor[] }) : cdp.send('Runtime.getProperties', { objectId, ownProperties: false, accessorPropertiesOnly: true, generatePreview: true })
  ]).catch((error: unknown) => {
    if (error instanceof CdpError) throw new UserError('BAD_REQUEST', `that object is no longer available (the target resumed, or it was released): ${error.message}`)
    throw error
  })
  const rows: DebugVariable[] = []
  const names = new Set<string>()
  for (const property of own.result) {
    names.add(property.name)
    const row = toVariable(property, false)
    if (row) rows.push(row)
  }
  for (const property of inherited.result) {
    // Every object inherits __proto__ from Object.prototype: [[Prototype]] shows it already.
    if (names.has(property.name) || property.name === '__proto__' || property.isOwn) continue
    names.add(property.name)
    const row = toVariable(property, true)
    if (row) rows.push(row)
  }
  for (const internal of own.internalProperties ?? []) {
    if (!internal.value) continue
    rows.push({ name: `[[${internal.name.replace(/^\[\[|\]\]$/g, '')}]]`, value: toDebugValue(internal.value), getter: false, internal: true, inherited: false })
  }
  for (const slot of own.privateProperties ?? []) {
    if (slot.value) rows.push({ name: slot.name, value: toDebugValue(slot.value), getter: false, internal: false, inherited: false })
  }
  return rows
}

function toVariable(property: Protocol.Runtime.PropertyDescriptor, inherited: boolean): DebugVariable | null {
  if (property.value) return { name: property.name, value: toDebugValue(property.value), getter: false, internal: property.name === '__proto__', inherited }
  if (property.get && property.get.type === 'function') return { name: property.name, value: { type: 'accessor', text: '(...)' }, getter: true, internal: false, inherited }
  if (property.set) return { name: property.name, value: { type: 'undefined', text: 'undefined' }, getter: false, internal: false, inherited }
  return null
}

/** Runs one getter with the object as `this`, as reading the property in the program would. */
export async function invokeGetter(cdp: CdpClient, objectId: string, name: string): Promise<EvaluateResult> {
  let response
  try {
    response = await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: 'function (name) { return this[name] }',
      arguments: [{ value: name }],
      generatePreview: true,
      objectGroup
    })
  } catch (error) {
    if (error instanceof CdpError) throw new UserError('BAD_REQUEST', `that object is no longer available: ${error.message}`)
    throw error
  }
  return toEvaluateResult(response)
}

export interface EvaluateOptions {
  expression: string
  callFrameId?: string
  sideEffectFree?: boolean
  timeoutMs?: number
  /** What error messages call the expression, when it was wrapped before it was sent. */
  shownAs?: string
}

export async function evaluate(cdp: CdpClient, options: EvaluateOptions): Promise<EvaluateResult> {
  const timeoutMs = options.timeoutMs ?? defaultEvaluateTimeoutMs
  const common = { expression: options.expression, generatePreview: true, objectGroup, throwOnSideEffect: options.sideEffectFree === true, timeout: timeoutMs }
  const request = options.callFrameId
    ? cdp.send('Debugger.evaluateOnCallFrame', { ...common, callFrameId: options.callFrameId })
    : cdp.send('Runtime.evaluate', { ...common, silent: true })
  let timer: NodeJS.Timeout | undefined
  const unanswered = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timedOut(options.shownAs ?? options.expression, timeoutMs)), timeoutMs + answerSlackMs)
  })
  try {
    const response = await Promise.race([request, unanswered])
    // V8 stops an evaluation past `timeout` by terminating it.
    if (response.exceptionDetails && /Execution was terminated/i.test(response.exceptionDetails.exception?.description ?? response.exceptionDetails.text)) {
      throw timedOut(options.shownAs ?? options.expression, timeoutMs)
    }
    return toEvaluateResult(response)
  } catch (error) {
    if (error instanceof CdpError) {
      // Past `timeout` V8 terminates the evaluation; the protocol answers with an error.
      if (/Execution was terminated/i.test(error.message)) throw timedOut(options.shownAs ?? options.expression, timeoutMs)
      if (cdp.closed) throw new UserError('TARGET_EXITED', 'the target went away during the evaluation')
      throw new UserError('BAD_REQUEST', `cannot evaluate there: ${error.message}`)
    }
    throw error
  } finally {
    clearTimeout(timer)
  }
}

function timedOut(expression: string, ms: number): UserError {
  const shown = expression.length > 60 ? `${expression.slice(0, 60)}…` : expression
  return new UserError('TIMEOUT', `evaluating ${JSON.stringify(shown)} took longer than ${ms} ms and was stopped`)
}

function toEvaluateResult(response: { result: Protocol.Runtime.RemoteObject; exceptionDetails?: Protocol.Runtime.ExceptionDetails }): EvaluateResult {
  if (response.exceptionDetails) {
    const thrown = response.exceptionDetails.exception
    return { value: thrown ? toDebugValue(thrown) : { type: 'string', text: response.exceptionDetails.text }, threw: true }
  }
  return { value: toDebugValue(response.result), threw: false }
}
