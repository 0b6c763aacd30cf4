// Who owns a frame: your code, an npm package (named from its node_modules path), Node's own
// JavaScript, V8/native code, or one of V8's pseudo-frames. Decided from the function name and
// the script URL alone, so that it works on any imported profile.
import type { ProfileCategory } from '../../shared/profileTypes'

export interface FrameOwner {
  category: ProfileCategory
  /** `name` or `@scope/name` for category 'npm'. */
  packageName: string | null
}

const pseudoFrames: Record<string, ProfileCategory> = {
  '(idle)': 'idle',
  '(program)': 'program',
  '(garbage collector)': 'gc',
  '(root)': 'program'
}

/** Core modules of old Node (before node: URLs): a bare file name such as `module.js` or `bootstrap_node.js`. */
const oldCoreModule = /^[\w.-]+\.js$/

/**
 * `scriptId` tells a frame without URL apart: 0 (or unknown) for V8 builtins, native bindings
 * and V8's own work; a real script id for an anonymous script (eval, an inline script, the
 * DevTools console), which is the user's code.
 */
export function classifyFrame(functionName: string, url: string, scriptId = 0): FrameOwner {
  if (url === '') {
    const pseudo = pseudoFrames[functionName]
    if (pseudo !== undefined) return { category: pseudo, packageName: null }
    return { category: scriptId > 0 ? 'app' : 'v8', packageName: null }
  }
  if (url.startsWith('node:') || url.startsWith('internal/') || oldCoreModule.test(url)) return { category: 'node', packageName: null }
  // Old V8 kept its JS builtins in scripts named "native array.js" and the like; Chrome has extensions::.
  if (url.startsWith('native ') || url.startsWith('extensions::') || url.startsWith('v8/')) return { category: 'v8', packageName: null }
  const packageName = npmPackageOf(url)
  if (packageName !== null) return { category: 'npm', packageName }
  return { category: 'app', packageName: null }
}

/**
 * The package a script belongs to: the folder after the last node_modules in its path (the
 * package that actually runs, for nested dependencies), two folders for a scoped package.
 * Handles file URLs, POSIX and Windows paths, and pnpm's node_modules/.pnpm/<id>/node_modules/<name>.
 */
export function npmPackageOf(url: string): string | null {
  const path = url.includes('\\') ? url.replaceAll('\\', '/') : url
  const marker = '/node_modules/'
  const at = path.lastIndexOf(marker)
  if (at < 0) return null
  const rest = path.slice(at + marker.length).split('/')
  const first = safeDecode(rest[0] ?? '')
  if (first === '' || first.startsWith('.')) return null
  if (first.startsWith('@')) {
    const second = safeDecode(rest[1] ?? '')
    return second === '' ? null : `${first}/${second}`
  }
  return first
}

function safeDecode(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    // A stray % in a folder name: the name as written is still the best answer.
    return segment
  }
}
