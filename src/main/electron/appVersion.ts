// Read at build time from package.json: when Electron runs out/main/electron.js directly,
// app.getVersion() would report Electron's own version.
import { version } from '../../../package.json'

export const appVersion: string = version
