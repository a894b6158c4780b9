import type { BackupAccountConfig } from '../lib/config';
import { configWith } from './support/config';
import { synthesize } from './support/synthesis';

/**
 * What identifies each stateful resource to CloudFormation: its logical ID and type, and the
 * properties whose change requires replacement (CloudFormation resource reference, "Update
 * requires: Replacement"): a vault's name and key, a key's spec, usage and multi-Region flag,
 * an alias's name, a bucket's name and Object Lock.
 */
const REPLACING_PROPERTIES: Record<string, string[]> = {
  'AWS::Backup::BackupVault': ['BackupVaultName', 'EncryptionKeyArn'],
  'AWS::KMS::Key': ['KeySpec', 'KeyUsage', 'MultiRegion'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::S3::Bucket': ['BucketName', 'ObjectLockEnabled'],
};

function identities(config?: BackupAccountConfig): Record<string, Record<string, unknown>> {
  const resources = synthesize(config).template.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }
  >;
  return Object.fromEntries(
    Object.entries(resources)
      .filter(([, r]) => r.Type in REPLACING_PROPERTIES)
      .map(([id, r]) => [
        id,
        {
          type: r.Type,
          deletionPolicy: r.DeletionPolicy,
          ...Object.fromEntries(REPLACING_PROPERTIES[r.Type].map((p) => [p, r.Properties[p]])),
        },
      ]),
  );
}

// The example configuration's identities, from the one synthesis of it this file makes.
const baseline = () => identities();

test.each([
  ['adding a source account', { source_account_ids: ['000011112222', '000011113333'] }],
  ['replacing the source account', { source_account_ids: ['000011119999'] }],
  ['adding a source region', { source_regions: ['us-east-1', 'us-east-2'] }],
  ['replacing the source region', { source_regions: ['eu-west-1'] }],
  ['changing the organization', { organization_id: 'o-otherorgid12' }],
  ['changing tags', { tags: { Project: 'CompactConnect', CostCentre: 'backups' } }],
  ['removing all tags', { tags: {} }],
  ['changing the minimum retention', { vault_lock_min_retention_days: 120 }],
  ['adding a maximum retention', { vault_lock_max_retention_days: 3650 }],
  ['changing the changeable-for days', { vault_lock_changeable_for_days: 30 }],
  ['adding alert e-mails', { alert_emails: ['alerts@example.com', 'oncall@example.com'] }],
  ['changing the freshness window', { freshness_alert_hours: 48 }],
  ['changing the evidence retention', { evidence_retention_days: 3650 }],
  ['turning the audit framework on', { audit_framework: true }],
])('%s replaces and deletes no vault, key or alias', (_change, overrides) => {
  expect(identities(configWith(overrides))).toEqual(baseline());
});

test('the identities cover both vaults, both keys and both aliases, the evidence buckets and key, all retained, and the alert key', () => {
  const ids = baseline();
  expect(
    Object.values(ids)
      .map((r) => `${r.type} ${r.deletionPolicy}`)
      .sort(),
  ).toEqual([
    'AWS::Backup::BackupVault Retain',
    'AWS::Backup::BackupVault Retain',
    'AWS::KMS::Alias Retain',
    'AWS::KMS::Alias Retain',
    'AWS::KMS::Alias Retain',
    // The alert key encrypts only messages in transit and the freshness check's logs: not retained.
    'AWS::KMS::Key Delete',
    'AWS::KMS::Key Retain',
    'AWS::KMS::Key Retain',
    'AWS::KMS::Key Retain',
    // The evidence bucket and the bucket of its access logs.
    'AWS::S3::Bucket Retain',
    'AWS::S3::Bucket Retain',
  ]);
});

test('renaming a vault does replace it: the README tells operators what to do', () => {
  const renamed = identities(configWith({ ssn_backup_vault_name: 'RenamedVault-SSN' }));
  expect(renamed).not.toEqual(baseline());
  expect(Object.values(renamed).map((r) => r.BackupVaultName)).toContain('RenamedVault-SSN');
});
