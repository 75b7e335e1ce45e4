import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts'],
    environment: 'node',
    // Stylesheets are read as text (?raw) by the palette's contrast test; vitest blanks them otherwise.
    css: { include: [/styles\.css/] },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
