// Finds a function by name for a function breakpoint: first as an expression (global scope, or
// the paused frame), whose [[FunctionLocation]] V8 knows exactly; for a module-local function
// that no expression reaches, by its declaration in the program's own scripts. The answer is
// the first place V8 can stop inside the function, in the script as the target runs it.
import type { Protocol } from 'devtools-protocol'
import type { SourceLocation } from '../../shared/debuggerTypes'
import type { CdpClient } from '../targets'
import type { ScriptRegistry } from './scriptRegistry'
import { objectGroup } from './variables'

export async function locateFunction(cdp: CdpClient, scripts: ScriptRegistry, name: string, callFrameId?: string): Promise<SourceLocation | { failure: string }> {
  let location: Protocol.Debugger.Location | null = null
  try {
    const found = callFrameId
      ? await cdp.send('Debugger.evaluateOnCallFrame', { callFrameId, expression: name, silent: true, throwOnSideEffect: true, objectGroup })
      : await cdp.send('Runtime.evaluate', { expression: name, silent: true, throwOnSideEffect: true, objectGroup })
    if (found.result.type === 'function' && found.result.objectId) {
      const properties = await cdp.send('Runtime.getProperties', { objectId: found.result.objectId, ownProperties: true })
      const value = properties.internalProperties?.find((p) => p.name === '[[FunctionLocation]]')?.value?.value as Protocol.Debugger.Location | undefined
      if (value) location = value
    } else if (!found.exceptionDetails) {
      return { failure: `${name} is not a function (it is ${found.result.description ?? found.result.type})` }
    }
  } catch (error) {
    return { failure: `cannot look up ${name}: ${(error as Error).message}` }
  }
  location ??= await searchDeclaration(cdp, scripts, name)
  if (!location) return { failure: `no function named ${name} was found in the target` }
  const script = scripts.get(location.scriptId)
  const inside = await cdp.trySend('Debugger.getPossibleBreakpoints', { start: location, restrictToFunction: true })
  const first = inside?.locations[0]
  if (!script?.url || !first) return { failure: `${name} has no place to break in (a native or bound function?)` }
  return { url: script.url, line: first.lineNumber + 1, column: (first.columnNumber ?? 0) + 1 }
}

/**
 * The declaration of `name` (or of the last part of `a.b.name`) in the program's own scripts:
 * `function name(`, a method `name(…) {`, or `name = (…) =>` / `name: function (`. The position
 * is the opening parenthesis, which is inside the function for V8.
 */
async function searchDeclaration(cdp: CdpClient, scripts: ScriptRegistry, name: string): Promise<Protocol.Debugger.Location | null> {
  const simple = /^[A-Za-z_$][\w$]*$/.test(name) ? name : (/\.([A-Za-z_$][\w$]*)$/.exec(name)?.[1] ?? null)
  if (!simple) return null
  const escaped = simple.replace(/\$/g, '\\$')
  const declaration = new RegExp(
    `(?:function\\s*\\*?\\s*${escaped}\\s*(\\()|(?:^|[\\s;{,])${escaped}\\s*(\\()[^)]*\\)\\s*\\{|\\b${escaped}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b[^(]*(\\()|(\\(|[\\w$]+\\s*=>)))`,
    'm'
  )
  for (const script of scripts.appScripts()) {
    const response = await cdp.trySend('Debugger.getScriptSource', { scriptId: script.scriptId })
    const text = response?.scriptSource
    if (!text) continue
    const match = declaration.exec(text)
    if (!match) continue
    const group = [1, 2, 3, 4].find((i) => match[i] !== undefined)!
    const offset = match.index + match[0].lastIndexOf(match[group])
    const before = text.slice(0, offset)
    return { scriptId: script.scriptId, lineNumber: before.split('\n').length - 1, columnNumber: offset - (before.lastIndexOf('\n') + 1) }
  }
  return null
}
