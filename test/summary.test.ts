import { alertWarning, describeSynthesis } from '../lib/summary';
import { configWith } from './support/config';

const today = new Date('2026-11-27T10:00:00Z');

test('the summary names the target, vaults, keys, copy-in, SSN denials and the immutable-lock date', () => {
  expect(describeSynthesis({ config: configWith(), environment: 'prod', today })).toBe(
    [
      'BackupAccountStack for environment "prod": account 000011114444, region us-west-2',
      '  General vault  CompactConnectBackupVault      key alias/compactconnect-backup-key',
      '  SSN vault      CompactConnectBackupVault-SSN  key alias/compactconnect-ssn-backup-key',
      '  Copy-in allowed to: 000011112222 (while in organization o-exampleorgid), from us-east-1',
      '  Denied to every principal:',
      '    both vaults: DeleteRecoveryPoint, UpdateRecoveryPointLifecycle, DisassociateRecoveryPoint, DisassociateRecoveryPointFromParent, StartBackupJob',
      '    SSN vault:   StartRestoreJob, GetRecoveryPointRestoreMetadata, StartCopyJob, CopyFromBackupVault (break-glass)',
      '    SSN vault:   CreateBackupAccessPoint, StartScanJob, GetPITRMalwareScanResults, SearchRecoveryPoint, GetRecoveryPointIndexDetails, UpdateRecoveryPointIndexSettings, CreateRestoreAccessBackupVault, PutBackupVaultSharingPolicy',
      '    SSN key:     Decrypt, ReEncryptFrom, GenerateDataKey, GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext, GenerateDataKeyWithoutPlaintext, CreateGrant, unless through an AWS service',
      "    SSN key:     Decrypt, Encrypt, GenerateDataKey*, ReEncrypt*, CreateGrant, by any path but AWS Backup, to the backup account but AWS Backup's service-linked role (break-glass)",
      '  Vault Lock: compliance mode, copies must be kept at least 90 days.',
      '    If first applied today (2026-11-27), the lock becomes IMMUTABLE on 2027-05-26 (after 180 days):',
      '    from then on nobody, AWS included, can remove or change it, nor delete a vault that holds recovery points.',
      '  Alerts: topic compactconnect-backup-alerts, no e-mail subscription (subscribe to the topic yourself); a vault without a new recovery point for 26 h counts as stale.',
      '  Restore testing: off (set restore_testing_schedule to test the general backups).',
    ].join('\n'),
  );
});

test('the immutable date follows the changeable-for days', () => {
  const summary = describeSynthesis({ config: configWith({ vault_lock_changeable_for_days: 3 }), today });
  expect(summary).toContain('the lock becomes IMMUTABLE on 2026-11-30 (after 3 days)');
  expect(summary.split('\n')[0]).toBe('BackupAccountStack: account 000011114444, region us-west-2');
});

test('governance mode says the lock stays removable, and shows a maximum retention', () => {
  const config = configWith({
    vault_lock_mode: 'governance',
    vault_lock_changeable_for_days: undefined,
    vault_lock_max_retention_days: 365,
  });
  const summary = describeSynthesis({ config, today });
  expect(summary).toContain(
    '  Vault Lock: governance mode, copies must be kept 90 to 365 days; removable by principals allowed to delete the lock.',
  );
  expect(summary).not.toContain('IMMUTABLE');
});

test('the summary names the alert subscriptions and the freshness window', () => {
  const config = configWith({
    alert_emails: ['ops@example.com', 'security@example.com'],
    freshness_alert_hours: 30,
  });
  expect(describeSynthesis({ config, today }).split('\n').at(-2)).toBe(
    '  Alerts: topic compactconnect-backup-alerts, e-mail to ops@example.com, security@example.com; a vault without a new recovery point for 30 h counts as stale.',
  );
});

test('with a schedule, the summary says when restore tests run, on which vault, and that each restores a table', () => {
  const config = configWith({
    restore_testing_schedule: 'cron(0 5 ? * SUN *)',
    restore_testing_selection_days: 3,
    restore_testing_validation_hours: 6,
  });
  expect(describeSynthesis({ config, today }).split('\n').slice(-2)).toEqual([
    '  Restore testing: general vault only, cron(0 5 ? * SUN *) (UTC), latest recovery point of the last 3 days.',
    '    Each run restores a DynamoDB table in this account and keeps it up to 6 h for validation (a cost).',
  ]);
});

test('no alert e-mails: a loud warning, except in an environment named as a test one', () => {
  const quiet = configWith({ alert_emails: [] });
  expect(alertWarning(quiet)?.split('\n')[0]).toBe(
    '  WARNING: NO ALERT E-MAILS. alert_emails is empty, so nobody is told when copies stop arriving, a',
  );
  expect(alertWarning(quiet, 'prod')).toBeDefined();
  expect(alertWarning(quiet, 'protest')).toBeDefined();
  expect(alertWarning(quiet, 'staging')).toBeDefined();
  for (const name of ['test', 'dev', 'sandbox', 'qa', 'test-2', 'backup_dev', 'Test']) {
    expect(alertWarning(quiet, name)).toBeUndefined();
  }
  expect(alertWarning(configWith({ alert_emails: ['ops@example.com'] }), 'prod')).toBeUndefined();
});
