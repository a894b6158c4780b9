// docs/access-matrix.md is the access matrix of the example configuration, regenerated here and
// compared: when the policies change, the committed report must change with them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../../lib/config';
import { renderAccessMatrix } from '../../lib/analysis/access-matrix';
import { exampleContext, PROJECT_ROOT } from '../support/config';

// Synthesis and the engine's first load of its IAM data are slow on a busy machine.
jest.setTimeout(60_000);
const REPORT = join(PROJECT_ROOT, 'docs', 'access-matrix.md');

test('docs/access-matrix.md is the current access matrix of the example configuration', async () => {
  const config = validateConfig(exampleContext(), 'backup-account.example.json');
  const generated = await renderAccessMatrix(config, 'backup-account.example.json');
  const committed = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
  if (committed !== generated) {
    throw new Error(
      'docs/access-matrix.md is missing or stale: run `npm run report -- --config backup-account.example.json` and commit the file',
    );
  }
});

test('the access matrix shows the SSN DENYs, the service paths they spare, the grant control and the backup job DENY', async () => {
  const config = validateConfig(exampleContext(), 'backup-account.example.json');
  const markdown = await renderAccessMatrix(config, 'backup-account.example.json');
  const row = (action: string, section: string) =>
    markdown
      .split('## ')
      .find((s) => s.startsWith(section))
      ?.split('\n')
      .find((l) => l.startsWith(`| \`${action}\` |`));
  expect(row('kms:Decrypt', 'SSN key')).toBe(
    '| `kms:Decrypt` | **Denied** by `DenySSNKeyDecryptOperations` | Allowed by `AllowSSNBackupOperations` | ' +
      'denied (implicit) | denied (implicit) | ' +
      '**Denied** by `DenySSNKeyDecryptOperations, DenySSNKeyUseInBackupAccount` | ' +
      'Allowed by `EnableInAccountPermissions` | **Denied** by `DenySSNKeyUseInBackupAccount` | ' +
      'Allowed by `AllowBackupServiceLinkedRoleKeyUse` | Allowed by `AllowBackupServiceLinkedRoleKeyUse` | ' +
      '**Denied** by `DenySSNKeyUseInBackupAccount` | denied (implicit) |',
  );
  expect(row('kms:CreateGrant', 'General key')).toBe(
    '| `kms:CreateGrant` | **Denied** by `DenyGrantsNotForAWSServices` | Allowed by `AllowAttachmentOfPersistentResources` | ' +
      'denied (implicit) | denied (implicit) | **Denied** by `DenyGrantsNotForAWSServices` | ' +
      'Allowed by `EnableInAccountPermissions` | Allowed by `EnableInAccountPermissions` | ' +
      '**Denied** by `DenyGrantsNotForAWSServices` | Allowed by `AllowBackupServiceLinkedRoleKeyUse` | ' +
      'Allowed by `EnableInAccountPermissions` | denied (implicit) |',
  );
  expect(row('backup:StartBackupJob', 'General vault')).toBe(
    `| \`backup:StartBackupJob\` |${' **Denied** by `DenyBackupJobsIntoVault` |'.repeat(5)}`,
  );
  expect(row('backup:SearchRecoveryPoint', 'SSN vault')).toBe(
    `| \`backup:SearchRecoveryPoint\` |${' **Denied** by `DenySSNRecoveryPointDataAccess` |'.repeat(5)}`,
  );
  expect(row('backup:StartRestoreJob', 'SSN vault')).toContain(
    '| **Denied** by `DenyEmergencyRestoreOperations` | **Denied** by `DenyEmergencyRestoreOperations` |',
  );
});
