// Turns CDP remote objects into what a console prints: one line per value, Node's util.inspect style.
import type { Protocol } from 'devtools-protocol'
import type { RemoteValue, StackFrame } from '../../shared/consoleTypes'

type RemoteObject = Protocol.Runtime.RemoteObject
type ObjectPreview = Protocol.Runtime.ObjectPreview
type PropertyPreview = Protocol.Runtime.PropertyPreview

const maxTextLength = 10_000

export function toRemoteValue(object: RemoteObject): RemoteValue {
  // An error prints its first line; its stack travels as the event's frames.
  const text = object.subtype === 'error' ? firstLineOf(formatRemoteObject(object, true)) : formatRemoteObject(object, true)
  const value: RemoteValue = { type: object.type, text }
  if (object.subtype) value.subtype = object.subtype
  if (object.className) value.className = object.className
  if (object.objectId && object.type === 'object' && object.subtype !== 'null') value.objectId = object.objectId
  if (object.objectId && object.type === 'function') value.objectId = object.objectId
  return value
}

/** One value as text; `top` prints strings bare, as console.log does for its arguments. */
export function formatRemoteObject(object: RemoteObject, top: boolean): string {
  return clip(formatUnclipped(object, top))
}

function formatUnclipped(object: RemoteObject, top: boolean): string {
  switch (object.type) {
    case 'string':
      return top ? String(object.value) : quote(String(object.value))
    case 'number':
    case 'boolean':
      return object.unserializableValue ?? String(object.value)
    case 'bigint':
      return object.unserializableValue ?? `${object.description}n`
    case 'undefined':
      return 'undefined'
    case 'symbol':
      return object.description ?? 'Symbol()'
    case 'function':
      return formatFunction(object.description ?? '', object.className)
    case 'object':
      return formatObject(object)
    default:
      return object.description ?? String(object.value)
  }
}

function formatObject(object: RemoteObject): string {
  if (object.subtype === 'null') return 'null'
  if (object.subtype === 'error') return object.description ?? 'Error'
  if (object.subtype === 'date') return isoDate(object.description ?? '')
  if (object.subtype === 'regexp') return object.description ?? ''
  if (object.preview) return formatPreview(object.preview, object.className)
  return object.description ?? object.className ?? 'Object'
}

function formatPreview(preview: ObjectPreview, className?: string): string {
  const more = preview.overflow ? ', ...' : ''
  if (preview.subtype === 'array' || preview.subtype === 'typedarray') {
    const items = preview.properties.filter((p) => /^\d+$/.test(p.name)).map(formatPropertyValue)
    const extra = preview.properties.filter((p) => !/^\d+$/.test(p.name) && p.name !== 'length').map((p) => `${p.name}: ${formatPropertyValue(p)}`)
    const head = preview.subtype === 'typedarray' || (className && className !== 'Array') ? `${preview.description ?? className} ` : ''
    const body = [...items, ...extra].join(', ')
    return body || more ? `${head}[ ${body}${more} ]` : `${head}[]`
  }
  if (preview.subtype === 'map' || preview.subtype === 'set' || preview.subtype === 'weakmap' || preview.subtype === 'weakset') {
    const entries = (preview.entries ?? []).map((e) => (e.key ? `${formatNested(e.key)} => ${formatNested(e.value)}` : formatNested(e.value)))
    const body = entries.join(', ')
    return body || more ? `${preview.description} { ${body}${more} }` : `${preview.description} {}`
  }
  if (preview.subtype === 'promise') {
    const state = preview.properties.find((p) => p.name === '[[PromiseState]]')?.value
    const result = preview.properties.find((p) => p.name === '[[PromiseResult]]')
    if (state === 'pending') return 'Promise { <pending> }'
    return `Promise { ${state === 'rejected' ? '<rejected> ' : ''}${result ? formatPropertyValue(result) : ''} }`
  }
  const props = preview.properties.filter((p) => !p.name.startsWith('[[')).map((p) => `${propertyKey(p.name)}: ${formatPropertyValue(p)}`)
  const prefix = className && className !== 'Object' ? `${className} ` : ''
  const body = props.join(', ')
  return body || more ? `${prefix}{ ${body}${more} }` : `${prefix}{}`
}

function formatNested(preview: ObjectPreview): string {
  if (preview.type === 'string') return quote(preview.description ?? '')
  if (preview.type === 'object' && preview.subtype !== 'null' && preview.properties) return formatPreview(preview, preview.description)
  return preview.description ?? ''
}

function formatPropertyValue(property: PropertyPreview): string {
  if (property.valuePreview) return formatPreview(property.valuePreview, property.valuePreview.description)
  const value = property.value ?? ''
  switch (property.type) {
    case 'string':
      return quote(value)
    case 'function':
      return formatFunction(value)
    case 'accessor':
      return '[Getter/Setter]'
    case 'object':
      if (property.subtype === 'null') return 'null'
      if (property.subtype === 'date') return isoDate(value)
      if (property.subtype === 'array') return value === 'Array(0)' ? '[]' : `[${value}]`
      return value === 'Object' ? '{...}' : value
    default:
      return value
  }
}

function formatFunction(description: string, className?: string): string {
  if (/^class\b/.test(description)) {
    const name = /^class\s+([\w$]+)/.exec(description)?.[1]
    return name ? `[class ${name}]` : '[class (anonymous)]'
  }
  const match = /^(async\s+)?function\s*(\*?)\s*([\w$]*)/.exec(description)
  const name = match?.[3] ?? /^([\w$]+)\s*\(/.exec(description)?.[1] ?? ''
  const kind = className === 'AsyncFunction' || match?.[1] ? 'AsyncFunction' : match?.[2] ? 'GeneratorFunction' : 'Function'
  return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name)
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`
}

function clip(text: string): string {
  return text.length > maxTextLength ? `${text.slice(0, maxTextLength)}… (${text.length - maxTextLength} more characters)` : text
}

/** console.log's text for its arguments, with util.format's substitutions in a leading string. */
export function formatConsoleArgs(args: RemoteObject[]): string {
  if (args.length === 0) return ''
  const [first, ...rest] = args
  const parts: string[] = []
  let remaining = rest
  if (first.type === 'string' && typeof first.value === 'string' && first.value.includes('%')) {
    let index = 0
    const formatted = first.value.replace(/%([sdifjoOc%])/g, (whole, spec: string) => {
      if (spec === '%') return '%'
      const arg = rest[index]
      if (!arg) return whole
      index++
      switch (spec) {
        case 's':
          return arg.type === 'string' ? String(arg.value) : formatRemoteObject(arg, false)
        case 'd':
        case 'i': {
          const n = Number(arg.value ?? arg.description)
          return spec === 'i' ? String(Math.trunc(n)) : arg.type === 'bigint' ? `${arg.description}n` : String(n)
        }
        case 'f':
          return String(Number(arg.value ?? arg.description))
        case 'c':
          return ''
        default:
          return formatRemoteObject(arg, false)
      }
    })
    parts.push(clip(formatted))
    remaining = rest.slice(index)
  } else {
    parts.push(formatRemoteObject(first, true))
  }
  for (const arg of remaining) parts.push(arg.subtype === 'error' ? firstLineOf(formatRemoteObject(arg, true)) : formatRemoteObject(arg, true))
  return parts.join(' ')
}

/** Node prints dates as ISO strings; V8 describes them with toString(). */
function isoDate(description: string): string {
  const time = Date.parse(description)
  return Number.isNaN(time) ? description : new Date(time).toISOString()
}

function firstLineOf(text: string): string {
  const end = text.indexOf('\n')
  return end < 0 ? text : text.slice(0, end)
}

export function fromCallFrames(frames: Protocol.Runtime.CallFrame[] | undefined): StackFrame[] | undefined {
  if (!frames || frames.length === 0) return undefined
  return frames.map((f) => ({ functionName: f.functionName, url: f.url, line: f.lineNumber + 1, column: f.columnNumber + 1 }))
}

const stackLine = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/

/** Frames from a V8 stack text ("    at fn (file:1:2)"), for errors that carry no structured trace. */
export function parseStackText(text: string): StackFrame[] | undefined {
  const frames: StackFrame[] = []
  for (const line of text.split('\n')) {
    const match = stackLine.exec(line)
    if (match) frames.push({ functionName: match[1] ?? '', url: match[2], line: Number(match[3]), column: Number(match[4]) })
  }
  return frames.length > 0 ? frames : undefined
}
