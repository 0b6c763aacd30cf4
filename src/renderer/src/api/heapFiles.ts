// Heap snapshot files in the two shells: the browser workbench uploads a picked or dropped
// .heapsnapshot to `spyglass serve` and downloads snapshots from it; the desktop app only needs
// the path of a dropped file, from the preload.
import type { HeapFileTransfer } from '../heap/heapStore'
import { downloadFrom, uploadTo } from './sessionFiles'

/** `page` is read when a transfer runs, so that creating this outside a browser (tests) is harmless. */
export function createHeapFileTransfer(page: () => Window = () => window): HeapFileTransfer {
  return {
    upload(file) {
      return uploadTo(page(), `/files/upload?name=${encodeURIComponent(file.name)}`, file)
    },
    download(snapshotId, name) {
      return downloadFrom(page(), `/files/download?kind=heapsnapshot&id=${encodeURIComponent(snapshotId)}`, name)
    },
    pathOf(file) {
      return page().spyglassFiles?.pathOf(file) ?? null
    }
  }
}
