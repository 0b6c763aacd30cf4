// A streaming, single-pass byte tokenizer for .heapsnapshot files: bytes go in chunk by chunk
// (push), typed arrays come out (end). It never builds one big string (V8 strings stop at ~512 MB
// and snapshots are often bigger) nor one JS value per number: numbers are accumulated digit by
// digit straight into the node and edge columns, and only the strings section becomes JS strings.
// The layout of nodes and edges comes from the meta (heapSnapshotMeta.ts), read first.
// Top-level sections other than snapshot/nodes/edges/strings (trace_tree, samples, locations, …)
// are skipped with a small JSON skipper, so new sections in future V8 versions do not break it.
import { formatBytes } from '../../shared/formatBytes'
import { UserError } from '../../shared/userError'
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, isEscaped, isSpace, OPEN_BRACE, OPEN_BRACKET, QUOTE, unescapeJsonString } from '../jsonStream'
import { nameUnlistedTypes, knownEdgeTypes, knownNodeTypes, readSnapshotMeta, type HeapSnapshotMeta } from './heapSnapshotMeta'

export interface ParsedHeapSnapshot {
  meta: HeapSnapshotMeta
  nodeCount: number
  edgeCount: number
  /** Index into meta.nodeTypes. */
  nodeType: Uint8Array
  /** Index into strings. */
  nodeName: Uint32Array
  nodeId: Uint32Array
  /** Uint32 (4 bytes a node) unless some object is 4 GiB or more. */
  nodeSelfSize: Uint32Array | Float64Array
  /** One entry more than there are nodes, so that the graph can turn it into firstEdge in place. */
  nodeEdgeCount: Uint32Array
  /** Index into meta.edgeTypes. */
  edgeType: Uint8Array
  /** Index into strings, or the element index for element and hidden edges. */
  edgeName: Uint32Array
  /** The target node's ordinal (to_node / node field count). */
  edgeTo: Uint32Array
  strings: string[]
}

export interface HeapParserLimits {
  /** The file's size when known: a meta that announces more than it can hold is refused up front. */
  totalBytes?: number
  /** Refuse snapshots whose typed arrays and analysis would need more than this many bytes. */
  memoryLimitBytes?: number
  /**
   * Which sections to read: everything (default), or the work split between two threads — one
   * reads the edges only (and stops there), the other everything but the edges, which it skips
   * at memchr speed (a numbers array holds no "]" before its end).
   */
  sections?: 'all' | 'edges' | 'all-but-edges'
}

export type HeapEdgeColumns = Pick<ParsedHeapSnapshot, 'edgeType' | 'edgeName' | 'edgeTo'>

/** Bytes the analysis needs per node and per edge (parsed columns, graph, dominators), a bound used before allocating. */
export const analysisBytesPerNode = 96
export const analysisBytesPerEdge = 20

const enum State {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  Numbers,
  Strings,
  Skip,
  SkipNumbers,
  Done
}

const enum Section {
  Other,
  Snapshot,
  Nodes,
  Edges,
  Strings
}

// Byte values.
const maxHeaderBytes = 16 * 1024 * 1024
const decoder = new TextDecoder('utf-8')

export class HeapSnapshotParser {
  private readonly limits: HeapParserLimits
  private readonly sections: NonNullable<HeapParserLimits['sections']>
  private edgesRead = false
  private state = State.Start
  private section = Section.Other
  private bytesDone = 0
  private keyBytes: number[] = []
  private key = ''
  private readonly seen = new Set<string>()
  private meta: HeapSnapshotMeta | null = null
  private captured: Uint8Array[] | null = null
  private capturedBytes = 0
  // The JSON skipper's state (also captures the snapshot header).
  private skipDepth = 0
  private skipInString = false
  private skipEscape = false
  // The number reader's state.
  private value = 0
  private inNumber = false
  private field = 0
  private fieldCount = 1
  private ordinal = 0
  private roles: Uint8Array = new Uint8Array(0)
  // The strings reader's state.
  private inString = false
  private stringParts: Uint8Array[] = []
  private stringEscaped = false
  private slashChunk: Uint8Array | null = null
  private slashAt = -1
  private columns: Omit<ParsedHeapSnapshot, 'meta' | 'strings' | 'nodeCount' | 'edgeCount'> | null = null
  private readonly strings: string[] = []

  constructor(limits: HeapParserLimits = {}) {
    this.limits = limits
    this.sections = limits.sections ?? 'all'
  }

  /** Bytes consumed so far (for progress and for "how far it got" in errors). */
  get offset(): number {
    return this.bytesDone
  }

  push(chunk: Uint8Array): void {
    let pos = 0
    const end = chunk.length
    while (pos < end) {
      switch (this.state) {
        case State.Start: {
          const c = chunk[pos]
          if (isSpace(c) || (this.bytesDone + pos < 3 && (c === 0xef || c === 0xbb || c === 0xbf))) pos++
          else if (c === OPEN_BRACE) {
            pos++
            this.state = State.KeyOrEnd
          } else throw this.fail(pos, 'it does not start with "{" (not a heap snapshot)')
          break
        }
        case State.KeyOrEnd: {
          const c = chunk[pos]
          if (isSpace(c) || c === COMMA) pos++
          else if (c === QUOTE) {
            pos++
            this.keyBytes = []
            this.state = State.Key
          } else if (c === CLOSE_BRACE) {
            pos++
            this.state = State.Done
          } else throw this.fail(pos, `unexpected "${String.fromCharCode(c)}" between sections`)
          break
        }
        case State.Key: {
          const close = chunk.indexOf(QUOTE, pos)
          const stop = close < 0 ? end : close
          for (let i = pos; i < stop; i++) this.keyBytes.push(chunk[i])
          if (this.keyBytes.length > 256) throw this.fail(pos, 'a section name is too long (not a heap snapshot)')
          pos = stop
          if (close >= 0) {
            pos++
            this.key = decoder.decode(Uint8Array.from(this.keyBytes))
            this.state = State.Colon
          }
          break
        }
        case State.Colon: {
          const c = chunk[pos]
          if (isSpace(c)) pos++
          else if (c === COLON) {
            pos++
            this.state = State.Value
          } else throw this.fail(pos, `expected ":" after "${this.key}"`)
          break
        }
        case State.Value:
          pos = this.startValue(chunk, pos)
          break
        case State.Numbers:
          pos = this.section === Section.Nodes ? this.readNodes(chunk, pos) : this.readEdges(chunk, pos)
          break
        case State.Strings:
          pos = this.readStrings(chunk, pos)
          break
        case State.Skip:
          pos = this.skip(chunk, pos)
          break
        case State.SkipNumbers: {
          const close = chunk.indexOf(CLOSE_BRACKET, pos)
          if (close < 0) pos = end
          else {
            pos = close + 1
            this.state = State.KeyOrEnd
          }
          break
        }
        case State.Done:
          if (!isSpace(chunk[pos])) throw this.fail(pos, 'unexpected bytes after the end of the snapshot')
          pos++
          break
      }
    }
    this.bytesDone += end
  }

  /** With sections 'edges': whether the edges have all been read (the rest of the file is not needed). */
  get complete(): boolean {
    return this.edgesRead
  }

  /** With sections 'edges': the edge columns, once complete. */
  edgeColumns(): HeapEdgeColumns {
    if (this.state === State.Done && !this.seen.has('edges')) throw this.fail(0, 'not a heap snapshot: it has no "edges" section')
    if (!this.edgesRead || !this.columns) throw this.fail(0, `the file is truncated: it ends ${this.whereItGot()}`)
    const { edgeType, edgeName, edgeTo } = this.columns
    return { edgeType, edgeName, edgeTo }
  }

  /** Checks that everything arrived and returns the columns; with sections 'all-but-edges', `edges` are what the other thread read. */
  end(edges?: HeapEdgeColumns): ParsedHeapSnapshot {
    if (this.state !== State.Done) throw this.fail(0, `the file is truncated: it ends ${this.whereItGot()}`)
    const meta = this.meta
    if (!meta || !this.columns) throw this.fail(0, 'not a heap snapshot: it has no "snapshot" meta')
    if (this.sections === 'all-but-edges' && this.seen.has('edges')) {
      if (!edges || edges.edgeTo.length !== meta.edgeCount) throw new Error('the edges read by the other thread are missing')
      this.columns = { ...this.columns, ...edges }
    }
    for (const section of ['nodes', 'edges', 'strings']) if (!this.seen.has(section)) throw this.fail(0, `not a heap snapshot: it has no "${section}" section`)
    if (meta.nodeCount === 0) throw this.fail(0, 'the snapshot has 0 nodes: there is nothing to analyse')
    const { nodeType, nodeName, edgeType, edgeName, edgeTo } = this.columns
    nameUnlistedTypes(meta.nodeTypes, nodeType, knownNodeTypes)
    nameUnlistedTypes(meta.edgeTypes, edgeType, knownEdgeTypes)
    const strings = this.strings
    const stringCount = strings.length
    for (let i = 0; i < meta.nodeCount; i++) {
      if (nodeName[i] >= stringCount) throw this.fail(0, `node ${i} names string ${nodeName[i]}, but there are only ${stringCount} strings`)
    }
    const elementType = meta.edgeTypes.indexOf('element')
    const hiddenType = meta.edgeTypes.indexOf('hidden')
    for (let e = 0; e < meta.edgeCount; e++) {
      const type = edgeType[e]
      if (type !== elementType && type !== hiddenType && edgeName[e] >= stringCount) throw this.fail(0, `edge ${e} names string ${edgeName[e]}, but there are only ${stringCount} strings`)
      if (edgeTo[e] >= meta.nodeCount) throw this.fail(0, `edge ${e} points past the node array (to node ${edgeTo[e]} of ${meta.nodeCount})`)
    }
    return { meta, nodeCount: meta.nodeCount, edgeCount: meta.edgeCount, ...this.columns, strings }
  }

  private startValue(chunk: Uint8Array, pos: number): number {
    const c = chunk[pos]
    if (isSpace(c)) return pos + 1
    const key = this.key
    if (this.seen.has(key)) throw this.fail(pos, `the "${key}" section appears twice`)
    this.seen.add(key)
    this.skipDepth = 0
    this.skipInString = false
    this.skipEscape = false
    if (key === 'snapshot') {
      this.section = Section.Snapshot
      this.captured = []
      this.capturedBytes = 0
      this.state = State.Skip
      return pos
    }
    if (key === 'nodes' || key === 'edges' || key === 'strings') {
      if (!this.meta) throw this.fail(pos, `the "${key}" section comes before the "snapshot" meta`)
      if (c !== OPEN_BRACKET) throw this.fail(pos, `"${key}" is not an array`)
      const skipped = this.sections === 'edges' ? key !== 'edges' : this.sections === 'all-but-edges' && key === 'edges'
      if (skipped) {
        this.section = Section.Other
        this.state = key === 'strings' ? State.Skip : State.SkipNumbers
        return key === 'strings' ? pos : pos + 1
      }
      if (key === 'strings') {
        this.section = Section.Strings
        this.state = State.Strings
        this.inString = false
        this.stringParts = []
      } else {
        const meta = this.meta
        this.section = key === 'nodes' ? Section.Nodes : Section.Edges
        this.state = State.Numbers
        this.value = 0
        this.inNumber = false
        this.field = 0
        this.ordinal = 0
        this.fieldCount = key === 'nodes' ? meta.nodeFields.length : meta.edgeFields.length
        this.roles = key === 'nodes' ? nodeRoles(meta) : edgeRoles(meta)
      }
      return pos + 1
    }
    this.section = Section.Other
    this.state = State.Skip
    return pos
  }

  /** Skips one JSON value (capturing its bytes for the snapshot header). */
  private skip(chunk: Uint8Array, start: number): number {
    let pos = start
    const end = chunk.length
    let depth = this.skipDepth
    let inString = this.skipInString
    let escape = this.skipEscape
    let done = -1
    for (; pos < end; pos++) {
      const c = chunk[pos]
      if (inString) {
        if (escape) escape = false
        else if (c === BACKSLASH) escape = true
        else if (c === QUOTE) {
          inString = false
          if (depth === 0) {
            done = pos + 1
            break
          }
        }
      } else if (c === QUOTE) inString = true
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 0) {
          done = pos
          break
        }
        depth--
        if (depth === 0) {
          done = pos + 1
          break
        }
      } else if (c === COMMA && depth === 0) {
        done = pos
        break
      }
    }
    this.skipDepth = depth
    this.skipInString = inString
    this.skipEscape = escape
    const stop = done < 0 ? end : done
    if (this.captured) {
      this.captured.push(chunk.slice(start, stop))
      this.capturedBytes += stop - start
      if (this.capturedBytes > maxHeaderBytes) throw this.fail(stop, 'the "snapshot" meta is larger than 16 MB (not a heap snapshot)')
    }
    if (done >= 0) {
      if (this.captured) this.readHeader(done)
      this.state = State.KeyOrEnd
    }
    return stop
  }

  private readHeader(pos: number): void {
    const bytes = Buffer.concat(this.captured ?? [])
    this.captured = null
    let header: unknown
    try {
      header = JSON.parse(decoder.decode(bytes))
    } catch (error) {
      throw this.fail(pos, `the "snapshot" meta is not valid JSON (${(error as Error).message})`)
    }
    const meta = readSnapshotMeta(header)
    const { nodeCount, edgeCount } = meta
    const { totalBytes, memoryLimitBytes } = this.limits
    // Each number takes at least two bytes ("0,"): a meta announcing more cannot describe this file.
    const minimumBytes = 2 * (nodeCount * meta.nodeFields.length + edgeCount * meta.edgeFields.length)
    if (totalBytes !== undefined && minimumBytes > totalBytes) {
      throw this.fail(pos, `the meta announces ${nodeCount.toLocaleString('en-US')} nodes and ${edgeCount.toLocaleString('en-US')} edges, more than a file of ${totalBytes.toLocaleString('en-US')} bytes can hold`)
    }
    const needed = nodeCount * analysisBytesPerNode + edgeCount * analysisBytesPerEdge
    if (memoryLimitBytes !== undefined && needed > memoryLimitBytes) {
      throw this.fail(pos, `analysing ${nodeCount.toLocaleString('en-US')} nodes and ${edgeCount.toLocaleString('en-US')} edges needs about ${formatBytes(needed)} of memory, more than the ${formatBytes(memoryLimitBytes)} allowed`)
    }
    // Each thread allocates only the columns it fills.
    const nodes = this.sections === 'edges' ? 0 : nodeCount
    const edges = this.sections === 'all-but-edges' ? 0 : edgeCount
    try {
      this.columns = {
        nodeType: new Uint8Array(nodes),
        nodeName: new Uint32Array(nodes),
        nodeId: new Uint32Array(nodes),
        nodeSelfSize: new Uint32Array(nodes),
        nodeEdgeCount: new Uint32Array(nodes + 1),
        edgeType: new Uint8Array(edges),
        edgeName: new Uint32Array(edges),
        edgeTo: new Uint32Array(edges)
      }
    } catch (error) {
      throw this.fail(pos, `there is not enough memory for ${nodeCount.toLocaleString('en-US')} nodes and ${edgeCount.toLocaleString('en-US')} edges (${(error as Error).message})`)
    }
    this.meta = meta
  }

  private readNodes(chunk: Uint8Array, start: number): number {
    const columns = this.columns!
    const { nodeType, nodeName, nodeId, nodeEdgeCount } = columns
    let nodeSelfSize = columns.nodeSelfSize
    const roles = this.roles
    const fieldCount = this.fieldCount
    const capacity = this.meta!.nodeCount
    let value = this.value
    let inNumber = this.inNumber
    let field = this.field
    let ordinal = this.ordinal
    let pos = start
    const end = chunk.length
    let closed = false
    for (; pos < end; pos++) {
      const c = chunk[pos]
      const digit = c - 48
      if (digit >= 0 && digit <= 9) {
        value = value * 10 + digit
        inNumber = true
        continue
      }
      if (inNumber) {
        if (ordinal >= capacity) throw this.fail(pos, `there are more nodes than node_count (${capacity.toLocaleString('en-US')}) says: node_fields do not match the data`)
        switch (roles[field]) {
          case Role.Type:
            if (value > 255) throw this.fail(pos, `node ${ordinal} has type ${value}: node_fields do not match the data`)
            nodeType[ordinal] = value
            break
          case Role.Name:
            nodeName[ordinal] = value
            break
          case Role.Id:
            nodeId[ordinal] = value
            break
          case Role.SelfSize:
            // Sizes of 4 GiB and more (external memory of native objects) need the wider array: switch once.
            if (value > 0xffffffff && nodeSelfSize instanceof Uint32Array) nodeSelfSize = columns.nodeSelfSize = Float64Array.from(nodeSelfSize)
            nodeSelfSize[ordinal] = value
            break
          case Role.EdgeCount:
            nodeEdgeCount[ordinal] = value
            break
        }
        value = 0
        inNumber = false
        if (++field === fieldCount) {
          field = 0
          ordinal++
        }
      }
      if (c === CLOSE_BRACKET) {
        closed = true
        pos++
        break
      }
      if (c !== COMMA && !isSpace(c)) throw this.fail(pos, `unexpected "${String.fromCharCode(c)}" in the nodes`)
    }
    this.value = value
    this.inNumber = inNumber
    this.field = field
    this.ordinal = ordinal
    if (closed) {
      if (field !== 0 || ordinal !== capacity) {
        throw this.fail(pos, `the nodes hold ${(ordinal * fieldCount + field).toLocaleString('en-US')} numbers, not node_count × ${fieldCount} node_fields = ${(capacity * fieldCount).toLocaleString('en-US')}: node_fields or node_count do not match the data`)
      }
      this.state = State.KeyOrEnd
    }
    return pos
  }

  private readEdges(chunk: Uint8Array, start: number): number {
    const columns = this.columns!
    const { edgeType, edgeName, edgeTo } = columns
    const roles = this.roles
    const fieldCount = this.fieldCount
    const meta = this.meta!
    const capacity = meta.edgeCount
    const nodeFieldCount = meta.nodeFields.length
    const nodeValues = meta.nodeCount * nodeFieldCount
    let value = this.value
    let inNumber = this.inNumber
    let field = this.field
    let ordinal = this.ordinal
    let pos = start
    const end = chunk.length
    let closed = false
    for (; pos < end; pos++) {
      const c = chunk[pos]
      const digit = c - 48
      if (digit >= 0 && digit <= 9) {
        value = value * 10 + digit
        inNumber = true
        continue
      }
      if (inNumber) {
        if (ordinal >= capacity) throw this.fail(pos, `there are more edges than edge_count (${capacity.toLocaleString('en-US')}) says: edge_fields do not match the data`)
        switch (roles[field]) {
          case Role.Type:
            if (value > 255) throw this.fail(pos, `edge ${ordinal} has type ${value}: edge_fields do not match the data`)
            edgeType[ordinal] = value
            break
          case Role.Name:
            edgeName[ordinal] = value
            break
          case Role.To:
            if (value >= nodeValues) throw this.fail(pos, `edge ${ordinal} points past the node array (to_node ${value}, the nodes hold ${nodeValues})`)
            if (value % nodeFieldCount !== 0) throw this.fail(pos, `edge ${ordinal} points into the middle of a node (to_node ${value} is not a multiple of ${nodeFieldCount}): node_fields do not match the data`)
            edgeTo[ordinal] = value / nodeFieldCount
            break
        }
        value = 0
        inNumber = false
        if (++field === fieldCount) {
          field = 0
          ordinal++
        }
      }
      if (c === CLOSE_BRACKET) {
        closed = true
        pos++
        break
      }
      if (c !== COMMA && !isSpace(c)) throw this.fail(pos, `unexpected "${String.fromCharCode(c)}" in the edges`)
    }
    this.value = value
    this.inNumber = inNumber
    this.field = field
    this.ordinal = ordinal
    if (closed) {
      if (field !== 0 || ordinal !== capacity) {
        throw this.fail(pos, `the edges hold ${(ordinal * fieldCount + field).toLocaleString('en-US')} numbers, not edge_count × ${fieldCount} edge_fields = ${(capacity * fieldCount).toLocaleString('en-US')}: edge_fields or edge_count do not match the data`)
      }
      this.edgesRead = true
      this.state = State.KeyOrEnd
    }
    return pos
  }

  private readStrings(chunk: Uint8Array, start: number): number {
    let pos = start
    const end = chunk.length
    while (pos < end) {
      if (this.inString) {
        // Find the closing quote with the native search; a quote after an odd run of backslashes is escaped.
        let close = chunk.indexOf(QUOTE, pos)
        while (close >= 0 && isEscaped(chunk, pos, close, this.stringParts)) close = chunk.indexOf(QUOTE, close + 1)
        const stop = close < 0 ? end : close
        if (!this.stringEscaped) {
          // The next backslash of the chunk, searched once per chunk and again only when passed:
          // searching from every string would rescan the rest of the chunk each time.
          if (this.slashChunk !== chunk || (this.slashAt >= 0 && this.slashAt < pos)) {
            this.slashChunk = chunk
            this.slashAt = chunk.indexOf(BACKSLASH, pos)
          }
          if (this.slashAt >= 0 && this.slashAt < stop) this.stringEscaped = true
        }
        if (close < 0) {
          this.stringParts.push(chunk.slice(pos, end))
          return end
        }
        let text: string
        if (this.stringParts.length === 0) text = decoder.decode(chunk.subarray(pos, close))
        else {
          this.stringParts.push(chunk.subarray(pos, close))
          text = decoder.decode(Buffer.concat(this.stringParts))
          this.stringParts = []
        }
        if (this.stringEscaped) text = unescapeJsonString(text, () => this.fail(close, `string ${this.strings.length} has a bad escape`))
        this.strings.push(text)
        this.inString = false
        this.stringEscaped = false
        pos = close + 1
        continue
      }
      const c = chunk[pos]
      if (c === QUOTE) {
        this.inString = true
        pos++
      } else if (c === CLOSE_BRACKET) {
        this.state = State.KeyOrEnd
        return pos + 1
      } else if (c === COMMA || isSpace(c)) pos++
      else throw this.fail(pos, `unexpected "${String.fromCharCode(c)}" in the strings`)
    }
    return pos
  }

  private whereItGot(): string {
    const meta = this.meta
    const parts: string[] = []
    if (!meta) parts.push('before the end of the "snapshot" meta')
    else {
      const nodes = this.section === Section.Nodes && this.state === State.Numbers ? this.ordinal : this.seen.has('nodes') ? meta.nodeCount : 0
      const edges = this.section === Section.Edges && this.state === State.Numbers ? this.ordinal : this.seen.has('edges') ? meta.edgeCount : 0
      if (this.state !== State.KeyOrEnd && this.state !== State.Done) parts.push(`in the "${this.key}" section`)
      parts.push(`after ${nodes.toLocaleString('en-US')} of ${meta.nodeCount.toLocaleString('en-US')} nodes, ${edges.toLocaleString('en-US')} of ${meta.edgeCount.toLocaleString('en-US')} edges and ${this.strings.length.toLocaleString('en-US')} strings`)
    }
    return parts.join(' ')
  }

  private fail(pos: number, reason: string): UserError {
    return new UserError('BAD_REQUEST', `${reason} (at byte ${(this.bytesDone + pos).toLocaleString('en-US')})`)
  }
}

const enum Role {
  Ignore,
  Type,
  Name,
  Id,
  SelfSize,
  EdgeCount,
  To
}

function nodeRoles(meta: HeapSnapshotMeta): Uint8Array {
  const roles = new Uint8Array(meta.nodeFields.length)
  roles[meta.nodeTypeField] = Role.Type
  roles[meta.nodeNameField] = Role.Name
  roles[meta.nodeIdField] = Role.Id
  roles[meta.nodeSelfSizeField] = Role.SelfSize
  roles[meta.nodeEdgeCountField] = Role.EdgeCount
  return roles
}

function edgeRoles(meta: HeapSnapshotMeta): Uint8Array {
  const roles = new Uint8Array(meta.edgeFields.length)
  roles[meta.edgeTypeField] = Role.Type
  roles[meta.edgeNameField] = Role.Name
  roles[meta.edgeToField] = Role.To
  return roles
}
