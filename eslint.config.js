import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import noOnlyTests from 'eslint-plugin-no-only-tests'
import globals from 'globals'

/** Section 2 of STYLE.md as lint: imports go client -> shared and server -> shared, never back. */
const restrict = (patterns) => ['error', { patterns }]

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tsbuild/**',
      'test-results/**',
      'playwright-report/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'no-only-tests': noOnlyTests },
    rules: {
      'no-only-tests/no-only-tests': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // Tests read JSON responses field by field; typing every body adds nothing.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['react', 'react-*', '@tiptap/*'],
          message: 'shared/ is pure: no React or editor code.',
        },
        {
          group: ['node:*', 'fs', 'path', 'crypto', 'ws', 'express', 'better-sqlite3'],
          message: 'shared/ runs in browsers too: no Node built-ins, sockets or SQL.',
        },
        {
          group: ['**/server/**', '**/client/**'],
          message: 'shared/ imports nothing from server/ or client/.',
        },
      ]),
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        {
          group: ['**/server/**'],
          message: 'client/ talks to the server over HTTP and websockets only.',
        },
        {
          group: ['node:*', 'better-sqlite3', 'express', 'ws'],
          message: 'client/ runs in the browser.',
        },
      ]),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/client/**', 'react', 'react-dom', '@tiptap/*'],
          message: 'server/ never imports client code.',
        },
      ]),
    },
  },
)
