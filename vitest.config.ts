import { defineConfig } from 'vitest/config';

/** Tests run from the repository root (vite.config.ts sets the client's root for builds). */
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
