import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    // One worker per core (Vitest's default keeps one core for itself, which on two cores means one worker).
    maxWorkers: '100%',
    // Test files share their worker's loaded modules (aws-cdk-lib, the policy engine, the AWS SDK,
    // the configuration schema) instead of loading them again for each file: that loading was about
    // half of the suite's time. Vitest still restores mocks and resets `vi.setConfig` after every
    // file; what the shared modules keep between files is caches of pure functions, the example's
    // template (frozen, test/support/synthesis.ts), and aws-sdk-client-mock's stubs, which every
    // test that uses them resets first.
    isolate: false,
    // A synthesis with CloudFormation validation, or a real CDK CLI run, takes seconds on a busy machine.
    testTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: [
      'test/support/checkout-guard.ts',
      'test/support/collator-cache.ts',
      'test/support/matchers.ts',
      'test/support/cleanup.ts',
    ],
    // Dots while running, then failures in full and the counts: nothing to scroll past when all pass.
    reporters: ['dot', './test/support/summary-reporter.ts'],
  },
});
