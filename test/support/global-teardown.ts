// Runs once after every test: removes the run's temporary folder, and fails the run if a test left
// anything in it (each test removes what it creates; test/support/temp.ts does it for you).
import { readdirSync, rmSync } from 'node:fs';
/** The environment variable that names the run's temporary folder (global-setup.ts makes it). */
export const RUN_TMPDIR = 'BACKUP_ACCOUNT_TEST_TMPDIR';

export default function globalTeardown(): void {
  const folder = process.env[RUN_TMPDIR];
  if (!folder) return;
  const left = readdirSync(folder);
  rmSync(folder, { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(`tests left ${left.length} temporary entries behind: ${left.sort().join(', ')}`);
  }
}
