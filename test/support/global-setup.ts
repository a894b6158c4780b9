// Runs once before the test workers start; what it puts in process.env they and the processes they
// start inherit. What it returns runs once after every test (global-teardown.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silenceSdkNodeWarning } from '../../lib/cli/aws-options';
import globalTeardown, { RUN_TMPDIR } from './global-teardown';

export default function globalSetup(): () => void {
  // The AWS SDK's eight-line Node.js version warning, once per worker, says nothing about the tests.
  silenceSdkNodeWarning();
  // A temporary folder of the run's own, so that global-teardown can tell what tests left behind.
  const folder = mkdtempSync(join(tmpdir(), 'backup-account-tests-'));
  process.env[RUN_TMPDIR] = folder;
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = folder;
  return globalTeardown;
}
