// What each value of a .cpuprofile means to the parser: a role per JSON value (the profile,
// "nodes", a node, its callFrame, "samples"…), the role of each known member of each kind of
// object. Tables, so that the hot loop does a lookup instead of comparing key strings. The
// byte-level helpers it shares with the heap snapshot parser are in ../jsonStream.

// Roles: what a JSON value means here. Containers first, then scalars.
export const R_SKIP = 0
export const R_TOP = 1
export const R_NODES = 2
export const R_NODE = 3
export const R_CALL_FRAME = 4
export const R_CHILDREN = 5
export const R_SAMPLES = 6
export const R_DELTAS = 7
export const R_TIMESTAMPS = 8
export const R_LEGACY_NODE = 9
export const R_LEGACY_CHILDREN = 10
export const V_START_TIME = 11
export const V_END_TIME = 12
export const V_ID = 13
export const V_PARENT = 14
export const V_FUNCTION_NAME = 15
export const V_URL = 16
export const V_LINE = 17
export const V_COLUMN = 18
export const V_SCRIPT_ID = 19
export const V_CHILD = 20
export const V_SAMPLE = 21
export const V_DELTA = 22
export const V_TIMESTAMP = 23
export const ROLE_COUNT = 24

function roleSet(roles: number[]): Uint8Array {
  const set = new Uint8Array(ROLE_COUNT)
  for (const role of roles) set[role] = 1
  return set
}
export const objectRoles = roleSet([R_SKIP, R_TOP, R_NODE, R_CALL_FRAME, R_LEGACY_NODE])
export const arrayRoles = roleSet([R_SKIP, R_NODES, R_CHILDREN, R_SAMPLES, R_DELTAS, R_TIMESTAMPS, R_LEGACY_CHILDREN])
/** Roles whose value may be absent (null) without making the file wrong. */
export const optionalRoles = roleSet([R_SKIP, R_CALL_FRAME, R_CHILDREN, R_LEGACY_CHILDREN, V_START_TIME, V_END_TIME, V_PARENT, V_FUNCTION_NAME, V_URL, V_LINE, V_COLUMN, V_SCRIPT_ID])

export const roleNames: Record<number, string> = {
  [R_TOP]: 'the profile (a JSON object)',
  [R_NODES]: '"nodes" (an array of node objects)',
  [R_NODE]: 'a node (an object)',
  [R_CALL_FRAME]: '"callFrame" (an object)',
  [R_CHILDREN]: '"children" (an array of node ids)',
  [R_SAMPLES]: '"samples" (an array of node ids)',
  [R_DELTAS]: '"timeDeltas" (an array of numbers)',
  [R_TIMESTAMPS]: '"timestamps" (an array of numbers)',
  [R_LEGACY_NODE]: 'a node of "head" (an object)',
  [R_LEGACY_CHILDREN]: '"children" (an array of node objects)',
  [V_START_TIME]: '"startTime" (a number)',
  [V_END_TIME]: '"endTime" (a number)',
  [V_ID]: 'a node "id" (an integer)',
  [V_PARENT]: 'a node "parent" (an integer)',
  [V_FUNCTION_NAME]: '"functionName" (a string)',
  [V_URL]: '"url" (a string)',
  [V_LINE]: '"lineNumber" (a number)',
  [V_COLUMN]: '"columnNumber" (a number)',
  [V_SCRIPT_ID]: '"scriptId" (a string or number)',
  [V_CHILD]: 'a child id (an integer)',
  [V_SAMPLE]: 'a sample (a node id)',
  [V_DELTA]: 'a time delta (a number)',
  [V_TIMESTAMP]: 'a timestamp (a number)'
}

const keys = ['nodes', 'samples', 'timeDeltas', 'timestamps', 'startTime', 'endTime', 'head', 'id', 'callFrame', 'children', 'parent', 'functionName', 'url', 'lineNumber', 'columnNumber', 'scriptId'] as const
type Key = (typeof keys)[number]
export const KEY_COUNT = keys.length + 1 // id 0: any other key
const keyBytes = keys.map((k) => new TextEncoder().encode(k))
/** Known keys by length, so that a key is compared with one or two candidates at most. */
const keysByLength: number[][] = []
keyBytes.forEach((bytes, k) => (keysByLength[bytes.length] ??= []).push(k))

/** keyRoles[containerRole * KEY_COUNT + keyId]: the role of a member of an object. */
export const keyRoles = new Uint8Array(ROLE_COUNT * KEY_COUNT) // R_SKIP by default
function memberRoles(container: number, roles: Partial<Record<Key, number>>): void {
  for (const [key, role] of Object.entries(roles)) keyRoles[container * KEY_COUNT + keys.indexOf(key as Key) + 1] = role
}
memberRoles(R_TOP, { nodes: R_NODES, samples: R_SAMPLES, timeDeltas: R_DELTAS, timestamps: R_TIMESTAMPS, startTime: V_START_TIME, endTime: V_END_TIME, head: R_LEGACY_NODE })
memberRoles(R_NODE, { id: V_ID, callFrame: R_CALL_FRAME, children: R_CHILDREN, parent: V_PARENT })
memberRoles(R_CALL_FRAME, { functionName: V_FUNCTION_NAME, url: V_URL, lineNumber: V_LINE, columnNumber: V_COLUMN, scriptId: V_SCRIPT_ID })
memberRoles(R_LEGACY_NODE, { id: V_ID, callFrame: R_CALL_FRAME, children: R_LEGACY_CHILDREN, functionName: V_FUNCTION_NAME, url: V_URL, lineNumber: V_LINE, columnNumber: V_COLUMN, scriptId: V_SCRIPT_ID })

/** elementRoles[arrayRole]: the role of an element of an array. */
export const elementRoles = new Uint8Array(ROLE_COUNT)
elementRoles[R_NODES] = R_NODE
elementRoles[R_CHILDREN] = V_CHILD
elementRoles[R_SAMPLES] = V_SAMPLE
elementRoles[R_DELTAS] = V_DELTA
elementRoles[R_TIMESTAMPS] = V_TIMESTAMP
elementRoles[R_LEGACY_CHILDREN] = R_LEGACY_NODE

/** Which known key (1…) the raw bytes buf[start, end) spell; 0 for any other. */
export function keyIdOf(buf: Uint8Array, start: number, end: number): number {
  const candidates = keysByLength[end - start]
  if (candidates === undefined) return 0
  const length = end - start
  outer: for (const k of candidates) {
    const bytes = keyBytes[k]
    if (bytes[0] !== buf[start]) continue
    for (let i = 1; i < length; i++) if (bytes[i] !== buf[start + i]) continue outer
    return k + 1
  }
  return 0
}

export function toInt32(value: number): number {
  if (!Number.isFinite(value)) return -1
  return Math.max(-1, Math.min(0x7fffffff, Math.trunc(value)))
}
