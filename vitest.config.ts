import { defineConfig } from 'vitest/config';

/**
 * The suites that touch the database run on both engines: SQLite (a file per test) and PostgreSQL
 * (a server the PostgreSQL project starts itself, test/setup/postgres.ts). Pure tests (the data
 * guard, the blocks, the config, the sandbox page) and the browser suite run once, in the SQLite
 * project; so do the tests of SQLite's own machinery (group commit, its migrations).
 */
const BOTH_ENGINES = ['test/slack/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/jobs/**/*.test.ts', 'test/domain/digest.test.ts', 'test/cli.test.ts', 'test/cli-import.test.ts'];
const POSTGRES_ONLY = ['test/db/pg/**/*.test.ts', 'test/instances/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Work after an acknowledgement (cards, DMs, Home) is awaited by polling; on a loaded 2-core CI
    // machine one second can be too short, and a slow pass is not a failure of what is tested.
    expect: { poll: { timeout: 5_000 } },
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: POSTGRES_ONLY,
          env: { LIAISON_TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [...BOTH_ENGINES, ...POSTGRES_ONLY],
          env: { LIAISON_TEST_ENGINE: 'pg' },
          globalSetup: ['test/setup/postgres.ts'],
        },
      },
    ],
  },
});
