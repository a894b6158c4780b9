// docs/access-matrix.md is the access matrix of the example configuration, regenerated here and
// compared: when the policies change, the committed report must change with them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../../lib/config';
import { renderAccessMatrix } from '../../lib/analysis/access-matrix';
import { builtAlertPolicies, builtPolicies } from '../../lib/analysis/iam';
import { MANAGED_POLICY_PINS } from '../../lib/analysis/managed-policy-pins';
import { ALERT_SID, SID } from '../../lib/policies';
import { configWith, exampleContext, PROJECT_ROOT } from '../support/config';

// Synthesis and the engine's first load of its IAM data are slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
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

/** The renderer's sources: the renderer, its sections (data) and its prose (template). */
const RENDERER = ['access-matrix.ts', 'access-matrix-sections.ts', 'access-matrix-prose.ts'].map((file) => ({
  file,
  text: readFileSync(join(PROJECT_ROOT, 'lib', 'analysis', file), 'utf8'),
}));

test('the renderer writes no Sid, AWS-managed policy or version as text: each comes from the model', () => {
  const config = configWith();
  const policies = Object.values({ ...builtPolicies(config), ...builtAlertPolicies(config) });
  const sids = new Set([
    ...Object.values(SID),
    ...Object.values(ALERT_SID),
    ...policies.flatMap((policy) => policy.Statement.flatMap((s) => (s.Sid ? [s.Sid] : []))),
  ]);
  expect(sids).toContain('DenySSNKeyUseInBackupAccount');
  const names = [...sids, ...Object.keys(MANAGED_POLICY_PINS)];
  const literals = RENDERER.flatMap(({ file, text }) => [
    ...names.filter((name) => new RegExp(`\\b${name}\\b`).test(text)).map((name) => `${file}: ${name}`),
    ...[...text.matchAll(/\bv\d+\b/g)].map((m) => `${file}: ${m[0]}`),
  ]);
  expect(literals).toEqual([]);
});
