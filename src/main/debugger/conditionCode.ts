// What runs in the target when a breakpoint is reached: its condition, or a logpoint's console
// call, wrapped so that a condition that throws reports the error (through a Runtime binding,
// never printing into the program's output) and does not pause. The code carries a sourceURL
// with the breakpoint id: the console leaves those frames out, and the debugger knows which
// logpoint printed.
import { Script } from 'node:vm'
import { debuggerEvalUrlPrefix } from '../../shared/debuggerTypes'
import { UserError } from '../../shared/userError'

/** The global function (Runtime.addBinding) through which a throwing condition reports itself. */
export const reportBindingName = '__spyglassDebugger'

export interface ConditionReport {
  id: string
  error: string
}

/** Refuses a condition or log expression that does not even parse (checked here, never run). */
export function checkExpression(expression: string, what: string): void {
  try {
    // Compiled only: a Script is not run until asked.
    new Script(`(\n${expression}\n)`)
  } catch (error) {
    throw new UserError('BAD_REQUEST', `the ${what} is not a valid expression: ${(error as Error).message}`)
  }
}

/** "took {ms} ms for {user.name}" → a format string and the expressions, for console.log. */
export function parseLogMessage(message: string): { format: string; expressions: string[] } {
  const expressions: string[] = []
  let format = ''
  let index = 0
  while (index < message.length) {
    const open = message.indexOf('{', index)
    if (open < 0) {
      format += message.slice(index).replace(/%/g, '%%')
      break
    }
    format += message.slice(index, open).replace(/%/g, '%%')
    // Braces may nest inside the expression ({ {a: 1}.a }).
    let depth = 0
    let close = -1
    for (let i = open; i < message.length; i++) {
      if (message[i] === '{') depth++
      else if (message[i] === '}' && --depth === 0) {
        close = i
        break
      }
    }
    if (close < 0) {
      format += message.slice(open).replace(/%/g, '%%')
      break
    }
    const expression = message.slice(open + 1, close).trim()
    if (expression) {
      expressions.push(expression)
      format += '%s'
    }
    index = close + 1
  }
  return { format, expressions }
}

/** The condition V8 evaluates; undefined for a plain breakpoint. */
export function conditionCode(id: string, condition: string | null, logMessage: string | null): string | undefined {
  if (!condition && !logMessage) return undefined
  let body: string
  if (logMessage) {
    const { format, expressions } = parseLogMessage(logMessage)
    const args = [JSON.stringify(format), ...expressions.map((e) => `(\n${e}\n)`)].join(', ')
    const log = `(console.log(${args}), false)`
    body = condition ? `(\n${condition}\n) ? ${log} : false` : log
  } else {
    body = `!!(\n${condition}\n)`
  }
  const report = `typeof globalThis.${reportBindingName} === 'function' && globalThis.${reportBindingName}(JSON.stringify({ id: ${JSON.stringify(id)}, error: String(e) }))`
  // A try statement's completion value is what V8 tests: the body's, or false after a throw.
  return `try { ${body} } catch (e) { ${report}; false }\n//# sourceURL=${debuggerEvalUrlPrefix}${id}`
}

/** The breakpoint id in a sourceURL this module wrote, or null. */
export function breakpointIdOfEvalUrl(url: string): string | null {
  return url.startsWith(debuggerEvalUrlPrefix) ? url.slice(debuggerEvalUrlPrefix.length) : null
}
