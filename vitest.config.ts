// Tests run against the embedded database by default, or against the PostgreSQL server in
// DATABASE_URL (each test file then gets a fresh database of its own).
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and .mjs copies. Node (and so type-graphql and Apollo) loads
    // the CommonJS one; without this alias Vite would hand our sources the other, and
    // graphql refuses to mix the two.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
