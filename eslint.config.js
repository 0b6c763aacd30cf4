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
        patterns: [...react, ...intoShells('electron', 'server', 'cli'), intoLayer('renderer', 'main must not import the renderer'), intoLayer('preload', 'main must not import the preload')]
      }]
    }
  },
  {
    files: ['src/main/server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [...react, ...intoShells('electron', 'cli'), intoLayer('renderer', 'the server must not import renderer code'), intoLayer('preload', 'the server must not import the preload')]
      }]
    }
  },
  {
    files: ['src/main/cli/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [...react, ...intoShells('electron'), intoLayer('renderer', 'the CLI must not import renderer code'), intoLayer('preload', 'the CLI must not import the preload')]
      }]
    }
  },
  {
    files: ['src/main/electron/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...react, intoLayer('renderer', 'the shell must not import renderer code'), intoLayer('preload', 'the shell must not import the preload')]
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
