import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// The layer table of ../shared/ARCHITECTURE.md, enforced: an import may only point down the
// table, never up or sideways into a shell. A wrong import fails `npm run lint` (part of `npm test`),
// and test/layers.test.ts proves that each rule fires.
const nodeBuiltins = [{ group: ['node:*'], message: 'this layer runs outside Node: no node:* imports' }]
const electron = { name: 'electron', message: 'only src/main/electron and src/preload may import electron' }
const react = [{ group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*', 'echarts', 'echarts/*'], message: 'UI libraries belong to src/renderer' }]
const intoShells = (...shells) =>
  shells.map((s) => ({ group: [`**/main/${s}/**`, `**/main/${s}`, `../${s}/**`, `./${s}/**`, `../${s}`, `./${s}`], message: `do not import the ${s} shell from here` }))
const intoLayer = (layer, why) => ({ group: [`**/${layer}/**`, `**/${layer}`], message: why })
// Another domain is reached through its index.ts only (`../sessions`, never `../sessions/sessionSource`),
// so that each folder's public surface is one file and test/folderCycles.test.ts can reason in folders.
const throughIndex = {
  regex: '^(?:\\.\\./)+(?!shared/)[A-Za-z][\\w-]*/.+',
  message: "reach another domain through its index.ts (import '../<domain>', not a file inside it)"
}
// The same rule for the files at the root of src/main (workbench.ts, domain.ts, sessionParts.ts).
const rootThroughIndex = { regex: '^\\./[A-Za-z][\\w-]*/.+', message: "reach a domain through its index.ts (import './<domain>', not a file inside it)" }
const mainTests = ['src/main/**/test/**', 'src/main/**/*.test.ts']

const mainPatterns = [...react, ...intoShells('electron', 'server', 'cli'), intoLayer('renderer', 'main must not import the renderer'), intoLayer('preload', 'main must not import the preload')]

export const layerRules = [
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [...nodeBuiltins, ...react, intoLayer('main', 'shared must not import main'), intoLayer('renderer', 'shared must not import the renderer'), intoLayer('preload', 'shared must not import the preload')]
      }]
    }
  },
  {
    files: ['src/main/**/*.{ts,tsx}'],
    ignores: ['src/main/electron/**', 'src/main/server/**', 'src/main/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [...mainPatterns, throughIndex]
      }]
    }
  },
  {
    files: ['src/main/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [...mainPatterns, rootThroughIndex]
      }]
    }
  },
  {
    // Tests may reach into the folders they test (and share fixtures and harnesses across them).
    files: mainTests,
    ignores: ['src/main/electron/**', 'src/main/server/**', 'src/main/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: mainPatterns
      }]
    }
  },
  {
    files: ['src/main/server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [...react, ...intoShells('electron', 'cli'), intoLayer('renderer', 'the server must not import renderer code'), intoLayer('preload', 'the server must not import the preload'), throughIndex]
      }]
    }
  },
  {
    files: ['src/main/cli/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [...react, ...intoShells('electron'), intoLayer('renderer', 'the CLI must not import renderer code'), intoLayer('preload', 'the CLI must not import the preload'), throughIndex]
      }]
    }
  },
  {
    files: ['src/main/electron/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...react, intoLayer('renderer', 'the shell must not import renderer code'), intoLayer('preload', 'the shell must not import the preload'), throughIndex]
      }]
    }
  },
  {
    files: ['src/preload/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...nodeBuiltins, ...react, intoLayer('main', 'the preload must not import main'), intoLayer('renderer', 'the preload must not import the renderer')]
      }]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [...nodeBuiltins, intoLayer('main', 'the renderer reaches main only through the API contract'), intoLayer('preload', 'the renderer must not import the preload')]
      }]
    }
  }
]

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'coverage/**', 'e2e/screenshots/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  { files: ['src/renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['resources/**/*.{js,cjs,mjs}', '**/fixtures/**/*.{js,cjs,mjs}', 'scripts/**/*.{js,mjs}', 'bin/**/*.mjs', 'bench/**/*.{js,mjs,cjs}'], languageOptions: { globals: { ...globals.node } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  ...layerRules
)
