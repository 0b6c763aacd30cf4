import { describe, expect, it } from 'vitest'
import { inspectorPortFromArgv, isNodeDescription } from './processInfo'

describe('recognising Node processes and their inspector flags', () => {
  it('recognises node by its executable, also when its main thread is named MainThread (Node 24)', () => {
    expect(isNodeDescription({ pid: 1, exe: '/usr/bin/node', comm: 'node', argv: ['node', 'a.js'] })).toBe(true)
    expect(isNodeDescription({ pid: 1, exe: '/opt/node24/bin/node', comm: 'MainThread', argv: ['node', 'a.js'] })).toBe(true)
    expect(isNodeDescription({ pid: 1, exe: null, comm: 'MainThread', argv: ['/usr/local/bin/node', 'server.js'] })).toBe(true)
    expect(isNodeDescription({ pid: 1, exe: '/usr/bin/nodejs', comm: 'nodejs', argv: ['nodejs'] })).toBe(true)
    expect(isNodeDescription({ pid: 1, exe: '/usr/bin/sleep', comm: 'sleep', argv: ['sleep', 'node'] })).toBe(false)
    expect(isNodeDescription({ pid: 1, exe: '/usr/bin/python3', comm: 'MainThread', argv: ['python3'] })).toBe(false)
  })

  it('reads the inspector port a command line asks for', () => {
    expect(inspectorPortFromArgv(['--inspect', 'a.js'])).toEqual({ host: '127.0.0.1', port: 9229 })
    expect(inspectorPortFromArgv(['--inspect=0', 'a.js'])).toEqual({ host: '127.0.0.1', port: 0 })
    expect(inspectorPortFromArgv(['--inspect-brk=0.0.0.0:9300'])).toEqual({ host: '127.0.0.1', port: 9300 })
    expect(inspectorPortFromArgv(['--inspect-port=9333', '--inspect'])).toEqual({ host: '127.0.0.1', port: 9333 })
    expect(inspectorPortFromArgv(['a.js', '--', '--inspect=1'])).toBeNull()
    expect(inspectorPortFromArgv(['a.js'])).toBeNull()
  })
})
