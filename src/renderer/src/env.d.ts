/// <reference types="vite/client" />
import type { FilePathBridge } from '../../shared/api'

declare global {
  interface Window {
    /**
     * Set by the Electron preload beside `window.spyglass`; absent in a plain browser. The path of
     * a file dropped on the window, which the page passes to `sessions.open`.
     */
    spyglassFiles?: FilePathBridge<File>
  }
}
