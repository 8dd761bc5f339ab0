import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const EVENT_LOOP_TIMING = 'test/security/limits-load.test.ts';

export default defineConfig({
  resolve: {
    // One graphql instance for our code and yoga's: otherwise `instanceof GraphQLError` fails
    // across the ESM and CommonJS copies, and our coded errors would be masked.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    env: {
      // Not UTC, and with daylight saving: date handling must never lean on the host's zone.
      TZ: 'America/Sao_Paulo',
      // Set, so that a file that points TMPDIR elsewhere and back restores a value, not the
      // text "undefined" that the next file in the same worker would inherit.
      TMPDIR: tmpdir(),
    },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Child processes: a worker thread keeps the zone it started with, whatever TZ says.
    pool: 'forks',
    // Most files wait on sockets, timers and child processes rather than the CPU: on a 2-core
    // machine three workers finished the suite in about 45 s where one took 180 s and two 55 s.
    maxWorkers: 3,
    // One module graph per worker instead of one per file: importing the gateway afresh for
    // every file cost about as much as running the tests. Files must leave globals (process.env,
    // timers, listeners) as they found them.
    isolate: false,
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [EVENT_LOOP_TIMING] },
      },
      // Measures how long one operation blocks the event loop, in CPU time of this process: run
      // alone in a fresh process, so no gateway left running by an earlier file adds its work.
      { extends: true, test: { name: 'event-loop', include: [EVENT_LOOP_TIMING], isolate: true } },
    ],
  },
});
