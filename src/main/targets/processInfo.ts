// What the operating system says about local processes: is it Node, what is its command line,
// which TCP ports does it listen on. Linux reads /proc; macOS asks ps and lsof; Windows asks ps-list and netstat.
import { readdir, readFile, readlink } from 'node:fs/promises'
import path from 'node:path'
import { execa } from 'execa'
import { createLogger } from '../log'

const log = createLogger('targets')

export interface ProcessDescription {
  pid: number
  /** The executable's path, when the OS lets us read it. */
  exe: string | null
  /** The kernel's short name (Linux comm); Node 24 names its main thread MainThread. */
  comm: string | null
  argv: string[]
}

export interface ListeningSocket {
  host: string
  port: number
}

const nodeBinaryName = /^(node|nodejs|node\d+(\.\d+)*)(\.exe)?$/i

/** Node processes are recognised by their executable, not by comm (Node 24 renames its main thread). */
export function isNodeDescription(description: ProcessDescription): boolean {
  const names = [description.exe, description.argv[0]].filter((v): v is string => !!v).map((p) => path.basename(p))
  if (names.some((name) => nodeBinaryName.test(name))) return true
  return (description.comm === 'node' || description.comm === 'MainThread') && names.some((name) => /node/i.test(name))
}

export function commandLine(description: ProcessDescription): string {
  return description.argv.map((arg) => (/[\s"']/.test(arg) ? JSON.stringify(arg) : arg)).join(' ')
}

export async function tryDescribeProcess(pid: number): Promise<ProcessDescription | null> {
  if (process.platform === 'linux') return tryDescribeLinux(pid)
  const all = await listProcesses()
  return all.find((p) => p.pid === pid) ?? null
}

async function tryDescribeLinux(pid: number): Promise<ProcessDescription | null> {
  const dir = `/proc/${pid}`
  let cmdline: string
  try {
    cmdline = await readFile(`${dir}/cmdline`, 'utf8')
  } catch (error) {
    log.debug(`no process ${pid}`, error)
    return null // gone, or never existed
  }
  const argv = cmdline.split('\0').filter((arg, i, all) => arg !== '' || i < all.length - 1)
  const exe = await readlink(`${dir}/exe`).catch(log.dropped('no executable for the process', null))
  const comm = await readFile(`${dir}/comm`, 'utf8').then((s) => s.trim()).catch(log.dropped('no command name for the process', null))
  return { pid, exe: exe?.replace(/ \(deleted\)$/, '') ?? null, comm, argv }
}

export async function listProcesses(): Promise<ProcessDescription[]> {
  if (process.platform === 'linux') {
    const entries = await readdir('/proc')
    const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number)
    const described = await Promise.all(pids.map((pid) => tryDescribeLinux(pid)))
    return described.filter((d): d is ProcessDescription => d !== null && d.argv.length > 0)
  }
  if (process.platform === 'darwin') {
    const { stdout } = await execa('ps', ['-axww', '-o', 'pid=,comm=,args='])
    return stdout.split('\n').flatMap((line) => {
      const match = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line)
      if (!match) return []
      return [{ pid: Number(match[1]), exe: match[2], comm: path.basename(match[2]), argv: match[3].split(/\s+/) }]
    })
  }
  const { default: psList } = await import('ps-list')
  const list = await psList()
  return list.map((p) => ({ pid: p.pid, exe: p.name, comm: p.name, argv: (p.cmd ?? p.name).split(/\s+/) }))
}

/** TCP ports the process listens on; an empty list when the OS does not tell us. */
/**
 * The TCP ports a process listens on; null when this cannot be known (another user's process,
 * a missing tool), which is not the same as knowing it listens on none.
 */
export async function listListeningSockets(pid: number): Promise<ListeningSocket[] | null> {
  if (process.platform === 'linux') return listListeningLinux(pid)
  if (process.platform === 'darwin') {
    const result = await execa('lsof', ['-Pan', '-p', String(pid), '-iTCP', '-sTCP:LISTEN', '-F', 'n'], { reject: false })
    // lsof exits 1 both for "no such sockets" and for failures; only output on stderr is a failure.
    if (result.exitCode !== 0 && result.stderr.trim() !== '') return null
    return result.stdout.split('\n').flatMap((line) => {
      const match = /^n(.*):(\d+)$/.exec(line)
      return match ? [{ host: connectableHost(match[1].replace(/^\[|\]$/g, '')), port: Number(match[2]) }] : []
    })
  }
  const result = await execa('netstat', ['-ano', '-p', 'TCP'], { reject: false })
  if (result.exitCode !== 0) return null
  return result.stdout.split('\n').flatMap((line) => {
    const cols = line.trim().split(/\s+/)
    if (cols[3] !== 'LISTENING' || Number(cols[4]) !== pid) return []
    const match = /^(.*):(\d+)$/.exec(cols[1] ?? '')
    return match ? [{ host: connectableHost(match[1].replace(/^\[|\]$/g, '')), port: Number(match[2]) }] : []
  })
}

async function listListeningLinux(pid: number): Promise<ListeningSocket[] | null> {
  let fds: string[]
  try {
    fds = await readdir(`/proc/${pid}/fd`)
  } catch (error) {
    // Another user's process (EACCES) cannot be looked into; a vanished one (ENOENT) has none.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    return null
  }
  const inodes = new Set<string>()
  await Promise.all(
    fds.map(async (fd) => {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(log.dropped('a descriptor of the process closed meanwhile', ''))
      const match = /^socket:\[(\d+)\]$/.exec(link)
      if (match) inodes.add(match[1])
    })
  )
  if (inodes.size === 0) return []
  const sockets: ListeningSocket[] = []
  for (const file of ['tcp', 'tcp6']) {
    const table = await readFile(`/proc/${pid}/net/${file}`, 'utf8').catch(log.dropped('no socket table for the process', ''))
    for (const line of table.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      // cols: sl local_address rem_address st ... inode (index 9); state 0A is LISTEN.
      if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9])) continue
      const [hexHost, hexPort] = cols[1].split(':')
      sockets.push({ host: connectableHost(decodeProcNetHost(hexHost)), port: parseInt(hexPort, 16) })
    }
  }
  return sockets
}

function decodeProcNetHost(hex: string): string {
  if (hex.length === 8) {
    const bytes = hex.match(/../g)!.map((b) => parseInt(b, 16)).reverse()
    return bytes.join('.')
  }
  // IPv6: four little-endian 32-bit words.
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''))
  const groups = words.join('').match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, ''))
  const text = groups.join(':')
  if (text === '0:0:0:0:0:0:0:0') return '::'
  if (text === '0:0:0:0:0:0:0:1') return '::1'
  if (text.startsWith('0:0:0:0:0:ffff:')) return '127.0.0.1'
  return text
}

/** A listening address we can connect to: wildcard binds are reached over loopback. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '*' || host === '::' || host === '') return '127.0.0.1'
  return host
}

/** The inspector port a Node command line asks for, or null when it names none. */
export function inspectorPortFromArgv(argv: string[]): { host: string; port: number } | null {
  let result: { host: string; port: number } | null = null
  for (const arg of argv) {
    if (arg === '--') break
    const match = /^--inspect(?:-brk|-wait|-port|-brk-node)?(?:=(.+))?$/.exec(arg)
    if (!match) continue
    const value = match[1]
    if (!value) {
      result ??= { host: '127.0.0.1', port: 9229 }
      continue
    }
    const hostPort = /^(?:(.*):)?(\d+)$/.exec(value)
    if (hostPort) result = { host: connectableHost(hostPort[1] ?? '127.0.0.1'), port: Number(hostPort[2]) }
  }
  return result
}
