// Profile files in the two shells: the browser workbench uploads a picked or dropped
// .cpuprofile to `spyglass serve` and downloads exports from it (same routes style as session
// files); the desktop app only needs the path of a dropped file, from the preload.
import type { ProfileFileTransfer } from '../profiler/profilerFacts'
import { downloadFrom, uploadTo } from './sessionFiles'

/** `page` is read when a transfer runs, so that creating this outside a browser (tests) is harmless. */
export function createProfileFileTransfer(page: () => Window = () => window): ProfileFileTransfer {
  return {
    upload(file) {
      return uploadTo(page(), `/files/upload?name=${encodeURIComponent(file.name)}`, file)
    },
    download(profileId) {
      return downloadFrom(page(), `/files/download?kind=profile&id=${encodeURIComponent(profileId)}`, `${profileId}.cpuprofile`)
    },
    pathOf(file) {
      return page().spyglassFiles?.pathOf(file) ?? null
    }
  }
}
