import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build for every shell: the Electron main entry, the plain-Node CLI (which also hosts
// `spyglass serve`), the sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules)
// and the renderer page that both the Electron window and the browser workbench load.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          electron: resolve('src/main/electron/main.ts'),
          cli: resolve('src/main/cli/index.ts')
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/common-[hash].js' }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but electron: zod (the contract's schemas) and
      // any other dependency are bundled into it.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    },
    plugins: [react()]
  }
})
