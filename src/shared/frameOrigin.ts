// Where a stack frame's code lives: the program's own files, a dependency under node_modules, or
// Node itself (node:internals, builtins). Shared so that grouping (main) and the stack view
// (renderer) can never disagree about what counts as "in-app".

export type FrameOrigin = 'app' | 'dependency' | 'node'

export function frameOrigin(url: string): FrameOrigin {
  if (url.startsWith('node:') || url.startsWith('internal/') || (!url.includes('/') && !url.includes('\\') && url !== '')) return 'node'
  if (/[\\/]node_modules[\\/]/.test(url)) return 'dependency'
  return 'app'
}
