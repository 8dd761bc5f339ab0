import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance for our code and yoga's: otherwise `instanceof GraphQLError` fails
    // across the ESM and CommonJS copies, and our coded errors would be masked.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Not UTC, and with daylight saving: date handling must never lean on the host's zone.
    env: { TZ: 'America/Sao_Paulo' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
