/// <reference types="vite/client" />

interface Window {
  /**
   * Set by the Electron preload beside `window.spyglass`; absent in a plain browser. The path of
   * a file dropped on the window, which the page passes to `sessions.open`.
   */
  spyglassFiles?: import('../../shared/api').FilePathBridge<File>
}
