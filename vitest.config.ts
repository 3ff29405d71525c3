import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Work after an acknowledgement (cards, DMs, Home) is awaited by polling; on a loaded 2-core CI
    // machine one second can be too short, and a slow pass is not a failure of what is tested.
    expect: { poll: { timeout: 5_000 } },
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
