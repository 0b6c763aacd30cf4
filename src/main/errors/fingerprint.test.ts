import { describe, expect, it } from 'vitest'
import { fingerprintOf, frameOrigin, groupingFrames, normalizeMessage, projectRelative } from './fingerprint'
import { parseStackText } from '../console'

// Stacks as Node 20 and Node 24 print them for the same throw (captured from real runs).
const node20Stack = `TypeError: Cannot read properties of undefined (reading 'id')
    at loadUser (/srv/app/src/users.js:14:22)
    at async handler (/srv/app/src/routes/users.js:8:18)
    at async Layer.handle (/srv/app/node_modules/express/lib/router/layer.js:95:5)
    at async next (node:internal/process/task_queues:95:5)`
const node24Stack = `TypeError: Cannot read properties of undefined (reading 'id')
    at loadUser (file:///srv/app/src/users.js:14:31)
    at async handler (file:///srv/app/src/routes/users.js:8:18)
    at async Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95:5)
    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)`

describe('fingerprints', () => {
  it('are the same for the same throw site across Node versions, columns and file URL styles', () => {
    const a = fingerprintOf({ type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')", stack: parseStackText(node20Stack) }, '/srv/app')
    const b = fingerprintOf({ type: 'TypeError', message: "Cannot read properties of undefined (reading 'name')", stack: parseStackText(node24Stack) }, '/srv/app')
    expect(a.basis).toBe('TypeError | loadUser@src/users.js > async handler@src/routes/users.js')
    expect(b.basis).toBe(a.basis)
    expect(b.id).toBe(a.id)
  })

  it('differ between call sites and between error types', () => {
    const stack = parseStackText(node20Stack)!
    const other = stack.map((f, i) => (i === 0 ? { ...f, functionName: 'saveUser' } : f))
    const base = fingerprintOf({ type: 'TypeError', message: 'x', stack }, '/srv/app').id
    expect(fingerprintOf({ type: 'TypeError', message: 'x', stack: other }, '/srv/app').id).not.toBe(base)
    expect(fingerprintOf({ type: 'RangeError', message: 'x', stack }, '/srv/app').id).not.toBe(base)
  })

  it('fall back to dependency frames, then to whatever frames there are, then to the message', () => {
    const onlyDeps = parseStackText(`Error: x
    at Socket.onError (/srv/app/node_modules/pg/lib/client.js:10:5)
    at emit (node:events:519:28)`)!
    expect(groupingFrames(onlyDeps).map((f) => f.functionName)).toEqual(['Socket.onError'])
    const onlyNode = parseStackText(`Error: connect ECONNREFUSED 127.0.0.1:5432
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)`)!
    expect(groupingFrames(onlyNode)).toHaveLength(1)
    const noStack = (port: number) => fingerprintOf({ type: 'Error', message: `connect ECONNREFUSED 127.0.0.1:${port}` }, null)
    expect(noStack(5432).basis).toBe('Error | connect ECONNREFUSED <ip>')
    expect(noStack(6379).id).toBe(noStack(5432).id)
  })

  it('tell anonymous callbacks in one file apart by their normalised message', () => {
    const stack = [{ functionName: '', url: 'file:///srv/app/index.js', line: 3, column: 1 }]
    const a = fingerprintOf({ type: 'Error', message: 'order 17 failed', stack }, '/srv/app')
    const b = fingerprintOf({ type: 'Error', message: 'order 99 failed', stack }, '/srv/app')
    const c = fingerprintOf({ type: 'Error', message: 'cache miss', stack }, '/srv/app')
    expect(a.id).toBe(b.id)
    expect(a.id).not.toBe(c.id)
  })
})

describe('normalizeMessage', () => {
  it.each([
    ['user 42 not found', 'user <n> not found'],
    ['request 3f2a1c9e-0b7d-4c1e-9a55-2f6b8e1d0c34 failed', 'request <uuid> failed'],
    ['commit 9fceb02d0ae598e95dc970b74767f19372d61af8 missing', 'commit <hash> missing'],
    ["ENOENT: no such file or directory, open '/home/ann/app/config/local.json'", "ENOENT: no such file or directory, open '<path>'"],
    ['connect ECONNREFUSED ::1:5432', 'connect ECONNREFUSED <ip>'],
    ['listen EADDRINUSE: address already in use 0.0.0.0:3000', 'listen EADDRINUSE: address already in use <ip>'],
    ['GET https://api.example.com/v1/users/17?x=1 returned 503', 'GET <url> returned <n>'],
    ['pointer 0x7ffe3a2b', 'pointer <hex>'],
    ['C:\\Users\\ann\\app\\data.json is locked', '<path> is locked']
  ])('%s', (input, expected) => {
    expect(normalizeMessage(input)).toBe(expected)
  })

  it('keeps words, codes and quoted names that are not volatile', () => {
    expect(normalizeMessage("Cannot read properties of undefined (reading 'id')")).toBe("Cannot read properties of undefined (reading 'id')")
    expect(normalizeMessage('ERR_HTTP_HEADERS_SENT while sending')).toBe('ERR_HTTP_HEADERS_SENT while sending')
  })
})

describe('frame origins and paths', () => {
  it('sorts frames into app, dependency and node', () => {
    expect(frameOrigin('node:internal/timers')).toBe('node')
    expect(frameOrigin('node:events')).toBe('node')
    expect(frameOrigin('internal/process/task_queues.js')).toBe('node')
    expect(frameOrigin('file:///srv/app/node_modules/express/index.js')).toBe('dependency')
    expect(frameOrigin('C:\\app\\node_modules\\pg\\client.js')).toBe('dependency')
    expect(frameOrigin('file:///srv/app/src/index.js')).toBe('app')
    expect(frameOrigin('/srv/app/src/index.ts')).toBe('app')
  })

  it('makes files project-relative, dependencies relative to node_modules', () => {
    expect(projectRelative('file:///srv/app/src/a.js', '/srv/app')).toBe('src/a.js')
    expect(projectRelative('/srv/app/src/a.js', '/srv/app/')).toBe('src/a.js')
    expect(projectRelative('/usr/lib/node_modules/npm/lib/cli.js', '/srv/app')).toBe('node_modules/npm/lib/cli.js')
    expect(projectRelative('file:///srv/app/src/a%20b.js?v=3', '/srv/app')).toBe('src/a b.js')
  })
})
