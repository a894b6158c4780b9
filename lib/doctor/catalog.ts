/**
 * What the health check checks, one entry per kind of line it prints, and what each reads: `doctor
 * --help` lists them, and a test holds the list to the checks `runDoctor` makes.
 */
export interface CheckKind {
  /** The stem of the check's `id`: `vault` for `vault:general` and `vault:ssn`. */
  readonly id: string;
  readonly name: string;
  /** What PASSes, in short. */
  readonly passes: string;
  /** The services it reads. */
  readonly reads: string;
}

export const CHECK_KINDS: readonly CheckKind[] = [
  {
    id: 'account',
    name: 'Credentials',
    passes: "they are the configuration's backup_account_id (if not, this one FAIL and nothing else is read)",
    reads: 'STS',
  },
  {
    id: 'stack',
    name: 'Stack and outputs',
    passes:
      'the stack is deployed, its last operation completed, its outputs name the configured vaults and keys',
    reads: 'CloudFormation',
  },
  {
    id: 'vault',
    name: 'Each vault',
    passes:
      "Vault Lock on, in the configured mode and bounds; its key the stack's; a recovery point within freshness_alert_hours",
    reads: 'AWS Backup',
  },
  {
    id: 'key',
    name: 'Each key',
    passes: "enabled, automatic rotation on, not pending deletion, its alias on the vault's key",
    reads: 'KMS',
  },
  {
    id: 'policies',
    name: 'SSN and general policies',
    passes:
      "the SSN vault and key policies SEALED (compared as break-glass status compares them); the general ones the stack's",
    reads: 'AWS Backup, KMS',
  },
  {
    id: 'alerts',
    name: 'Alert subscriptions',
    passes: 'every alert_emails address subscribed to the alert topic, each subscription confirmed',
    reads: 'SNS',
  },
  {
    id: 'cloudtrail',
    name: 'CloudTrail trail and selectors',
    passes:
      'a trail that applies to the region is logging, and its selectors keep the write management events of AWS Backup and KMS',
    reads: 'CloudTrail',
  },
  {
    id: 'evidence',
    name: 'Evidence bucket',
    passes:
      'Object Lock in compliance mode, versioning, public access blocked, the deployed bucket policy, the break-glass record chained without a gap',
    reads: 'S3',
  },
  {
    id: 'kms-events',
    name: 'KMS events, each key',
    passes: 'who used the key in the last --days days; no copy path refused',
    reads: "CloudTrail's event history",
  },
  {
    id: 'restore-test',
    name: 'Restore tests',
    passes: "the last test of the stack's restore testing plan restored and validated (SKIP when it is off)",
    reads: 'AWS Backup',
  },
  {
    id: 'restore-plans',
    name: 'Restore testing plans',
    passes: 'no restore testing plan of the account can select the SSN vault',
    reads: 'AWS Backup',
  },
  {
    id: 'restored',
    name: 'Restored SSN data',
    passes: 'no table restored from the SSN vault in the last 30 days, nor a copy of one, remains',
    reads: 'AWS Backup, DynamoDB',
  },
];

/** The list as `--help` prints it: one line per kind of check, with what it reads. */
export function checkKindsHelp(): string {
  return CHECK_KINDS.map((k) => `  ${k.name}: ${k.passes} (${k.reads})`).join('\n');
}
