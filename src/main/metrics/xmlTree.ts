// A small XML reader for the documents nvidia-smi writes (`-q -x`): elements, attributes, text
// and the five predefined entities. Prologs, doctypes (an inline DTD too), comments and
// processing instructions are skipped. Not a general XML parser: no namespaces, no CDATA
// sections beyond taking their text, no external entities (never fetched: nothing to exploit).

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  /** The element's own text, trimmed (text of children not included). */
  text: string
}

export class XmlSyntaxError extends Error {}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
    return entities[name] ?? whole
  })
}

/** Where a `<!DOCTYPE …>` ends, an inline `[ … ]` subset included. */
function doctypeEnd(xml: string, from: number): number {
  let depth = 0
  for (let i = from; i < xml.length; i++) {
    const c = xml[i]
    if (c === '[') depth++
    else if (c === ']') depth--
    else if (c === '>' && depth <= 0) return i
  }
  return -1
}

const attributePattern = /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g

/** Parses one document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  const stack: Array<{ element: XmlElement; text: string[] }> = []
  let root: XmlElement | null = null
  let i = 0
  while (i < xml.length) {
    const open = xml.indexOf('<', i)
    const textEnd = open === -1 ? xml.length : open
    if (textEnd > i && stack.length > 0) stack[stack.length - 1]!.text.push(xml.slice(i, textEnd))
    if (open === -1) break
    if (xml.startsWith('<!--', open)) {
      const end = xml.indexOf('-->', open + 4)
      if (end === -1) throw new XmlSyntaxError('an unterminated comment')
      i = end + 3
    } else if (xml.startsWith('<?', open)) {
      const end = xml.indexOf('?>', open + 2)
      if (end === -1) throw new XmlSyntaxError('an unterminated processing instruction')
      i = end + 2
    } else if (xml.startsWith('<![CDATA[', open)) {
      const end = xml.indexOf(']]>', open + 9)
      if (end === -1) throw new XmlSyntaxError('an unterminated CDATA section')
      if (stack.length > 0) stack[stack.length - 1]!.text.push(xml.slice(open + 9, end).replace(/&/g, '&amp;'))
      i = end + 3
    } else if (xml.startsWith('<!', open)) {
      const end = doctypeEnd(xml, open + 2)
      if (end === -1) throw new XmlSyntaxError('an unterminated declaration')
      i = end + 1
    } else {
      const end = xml.indexOf('>', open + 1)
      if (end === -1) throw new XmlSyntaxError('an unterminated tag')
      const tag = xml.slice(open + 1, end)
      i = end + 1
      if (tag.startsWith('/')) {
        const name = tag.slice(1).trim()
        const top = stack.pop()
        if (!top || top.element.name !== name) throw new XmlSyntaxError(`</${name}> closes ${top ? `<${top.element.name}>` : 'nothing'}`)
        top.element.text = decode(top.text.join('').trim())
        continue
      }
      const selfClosing = tag.endsWith('/')
      const body = selfClosing ? tag.slice(0, -1) : tag
      const nameMatch = /^[A-Za-z_:][-A-Za-z0-9_:.]*/.exec(body)
      if (!nameMatch) throw new XmlSyntaxError(`a bad tag <${tag.slice(0, 40)}>`)
      const attributes: Record<string, string> = {}
      for (const m of body.slice(nameMatch[0].length).matchAll(attributePattern)) attributes[m[1]!] = decode(m[3] ?? m[4] ?? '')
      const element: XmlElement = { name: nameMatch[0], attributes, children: [], text: '' }
      if (stack.length > 0) stack[stack.length - 1]!.element.children.push(element)
      else if (root) throw new XmlSyntaxError('more than one root element')
      else root = element
      if (!selfClosing) stack.push({ element, text: [] })
    }
  }
  if (stack.length > 0) throw new XmlSyntaxError(`<${stack[stack.length - 1]!.element.name}> is never closed`)
  if (!root) throw new XmlSyntaxError('no element')
  return root
}

/** The first child with that name, following a path of names. */
export function child(element: XmlElement | null | undefined, ...path: string[]): XmlElement | null {
  let current: XmlElement | null | undefined = element
  for (const name of path) {
    current = current?.children.find((c) => c.name === name)
    if (!current) return null
  }
  return current ?? null
}

export function childrenNamed(element: XmlElement | null | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : []
}

/** The text at a path, or null when the path is missing. */
export function textAt(element: XmlElement | null | undefined, ...path: string[]): string | null {
  const found = child(element, ...path)
  return found ? found.text : null
}
