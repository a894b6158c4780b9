/**
 * docs/controls.md: for each NIST 800-53 and HIPAA requirement the backup account answers, the
 * mechanism that meets it, the tests that show it, and the evidence that lands in the evidence
 * bucket. Generated (`npm run controls`) and checked current by a test, like the access matrix.
 */
import type { BackupAccountConfig } from '../config/types';
import {
  AUDIT_FRAMEWORK_NAME,
  auditControls,
  CONTROLS_LEFT_OUT,
  REPORT_TEMPLATES,
} from '../constructs/evidence/audit-controls';
import { AUDIT_REPORT_PREFIX } from '../policies/evidence-statements';
import { SID } from '../policies/sids';

export interface RequirementRow {
  readonly id: string;
  readonly title: string;
  readonly mechanism: string;
  /** Test files (paths from the project root) that fail when the mechanism is broken. */
  readonly tests: readonly string[];
  readonly evidence: string;
}

const sid = (name: string) => `\`${name}\``;

const BACKUP: Omit<RequirementRow, 'id' | 'title'> = {
  mechanism: `Each environment account copies its recovery points into this account, in another region: a general vault and an SSN vault, each under its own rotated customer-managed key, accepting copies only from the listed accounts of the organization (${sid(SID.enableBackupVaultAccess)}, ${sid(SID.enableSsnBackupVaultAccess)}); Vault Lock keeps every copy at least \`vault_lock_min_retention_days\`; nobody deletes one by hand (${sid(SID.denyRecoveryPointDeletion)}); a freshness check alerts when copies stop arriving`,
  tests: [
    'test/proofs/copy-in.test.ts',
    'test/proofs/no-manual-deletion.test.ts',
    'test/stack.test.ts',
    'test/alerting/freshness.test.ts',
  ],
  evidence: `copy and backup job reports, and the encryption and minimum-retention controls, under \`${AUDIT_REPORT_PREFIX}/\` (with \`audit_framework\`)`,
};

const TESTING: Omit<RequirementRow, 'id' | 'title'> = {
  mechanism:
    'Restore testing restores the newest general recovery point on a schedule and validates the table (`restore_testing_schedule`); an alert when no test passed within two periods; the drill (`npm run drill`) backs up, copies, restores and compares synthetic data end to end, against `restore_time_target_minutes`',
  tests: [
    'test/restore-testing/restore-testing.test.ts',
    'test/restore-testing/validate.test.ts',
    'test/drill/drill.test.ts',
  ],
  evidence: `each restore test's result under \`restore-tests/\`; restore job reports under \`${AUDIT_REPORT_PREFIX}/\`; the drill's Markdown and JSON reports under \`drills/\` (docs/drill.md)`,
};

const RECOVERY: Omit<RequirementRow, 'id' | 'title'> = {
  mechanism: `General data restores with the account's ordinary permissions; SSN data only through a deliberate, time-boxed, audited edit of the SSN policies (${sid(SID.denyEmergencyRestoreOperations)}, ${sid(SID.denySsnKeyUseInBackupAccount)}; \`npm run break-glass\`), which is closed again and tracks what it restored and every copy of it; every other read of SSN recovery points stays denied (${sid(SID.denySsnRecoveryPointDataAccess)})`,
  tests: [
    'test/proofs/general-admin-access.test.ts',
    'test/proofs/break-glass-path.test.ts',
    'test/break-glass/open.test.ts',
    'test/break-glass/close.test.ts',
  ],
  evidence: `restore job reports and, with restore testing, the restore-time control under \`${AUDIT_REPORT_PREFIX}/\`; the break-glass record under \`break-glass/trail/\``,
};

/** The requirements and what answers each. */
export const REQUIREMENTS: readonly RequirementRow[] = [
  { id: 'NIST 800-53 CP-9', title: 'System backup', ...BACKUP },
  { id: 'NIST 800-53 CP-9(1)', title: 'Testing for reliability and integrity', ...TESTING },
  {
    id: 'NIST 800-53 CP-9(8)',
    title: 'Cryptographic protection',
    mechanism: `Customer-managed keys with yearly rotation, retained with the stack; the SSN key's material is sealed, directly for everyone (${sid(SID.denySsnKeyDecryptOperations)}) and through any service for the backup account but AWS Backup (${sid(SID.denySsnKeyUseInBackupAccount)}); grants only for AWS resources (${sid(SID.denyGrantsNotForAwsServices)}, AWS Control Tower CT.KMS.PR.3)`,
    tests: [
      'test/proofs/ssn-break-glass-deny.test.ts',
      'test/proofs/ssn-service-paths.test.ts',
      'test/compliance.test.ts',
    ],
    evidence: `the recovery-points-encrypted control under \`${AUDIT_REPORT_PREFIX}/\` (with \`audit_framework\`)`,
  },
  { id: 'NIST 800-53 CP-10', title: 'System recovery and reconstitution', ...RECOVERY },
  {
    id: 'NIST 800-53 AU-9',
    title: 'Protection of audit information',
    mechanism: `The evidence bucket: S3 Object Lock in compliance mode for \`evidence_retention_days\` (no user, the account's root included, can delete a locked version or shorten its retention), versioned, its own key; nobody deletes or hides an object (${sid(SID.denyEvidenceDeletion)}); TLS only (${sid(SID.denyInsecureTransport)}); its access logged to a second bucket; changes to its protection and its key alerted; the break-glass record in it chained by SHA-256, so a missing or altered record is found (\`break-glass audit\`, \`doctor\`)`,
    tests: [
      'test/evidence/access.test.ts',
      'test/evidence/evidence-store.test.ts',
      'test/alerting/evidence-events.test.ts',
      'test/break-glass/record.test.ts',
      'test/doctor/evidence.test.ts',
    ],
    evidence:
      'the bucket itself, its server access logs, and the break-glass record under `break-glass/trail/`',
  },
  { id: 'HIPAA 164.308(a)(7)(ii)(A)', title: 'Data backup plan', ...BACKUP },
  { id: 'HIPAA 164.308(a)(7)(ii)(B)', title: 'Disaster recovery plan', ...RECOVERY },
  { id: 'HIPAA 164.308(a)(7)(ii)(D)', title: 'Testing and revision procedures', ...TESTING },
  {
    id: 'HIPAA 164.312(b)',
    title: 'Audit controls',
    mechanism:
      "Alerts, from CloudTrail's management events, on every change to the vaults' and keys' protections, on data leaving a vault, and on the onward paths of restored data; `npm run doctor` reads who used each key; the break-glass tool records every opening, closing, acceptance and cleanup in the evidence bucket before it takes effect",
    tests: [
      'test/alerting/alerting.test.ts',
      'test/doctor/kms-events.test.ts',
      'test/break-glass/status.test.ts',
      'test/break-glass/record.test.ts',
    ],
    evidence: `Audit Manager's reports under \`${AUDIT_REPORT_PREFIX}/\`; the drill's reports; the break-glass record under \`break-glass/trail/\``,
  },
];

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** docs/controls.md for a configuration (the committed one is the example's). */
export function renderControls(config: BackupAccountConfig): string {
  const on = {
    ...config,
    restoreTesting: config.restoreTesting ?? {
      schedule: '',
      selectionWindowDays: 7,
      validationWindowHours: 4,
    },
  };
  const lines = [
    '# Controls: what meets each requirement',
    '',
    '<!-- Generated by `npm run controls` from lib/analysis/controls.ts; a test checks it is current. -->',
    '',
    'For each requirement: the mechanism of this account that meets it, the tests that fail when the',
    'mechanism is broken, and the evidence an auditor finds in the evidence bucket',
    '(`EvidenceBucketName` output).',
    '',
    '| Requirement | Mechanism | Shown by | Evidence |',
    '| --- | --- | --- | --- |',
    ...REQUIREMENTS.map(
      (r) =>
        `| ${r.id}: ${r.title} | ${cell(r.mechanism)} | ${r.tests.map((t) => `\`${t}\``).join(', ')} | ${cell(r.evidence)} |`,
    ),
    '',
    '## AWS Backup Audit Manager',
    '',
    `With \`audit_framework: true\` the stack deploys the framework \`${AUDIT_FRAMEWORK_NAME}\` and a report plan`,
    `for each of ${REPORT_TEMPLATES.map((t) => `\`${t}\``).join(', ')}, delivering CSV and JSON`,
    `under \`${AUDIT_REPORT_PREFIX}/<report>/\` in the evidence bucket. Audit Manager evaluates through AWS Config, which must`,
    'record AWS Backup resources in this account and region; that recording is billed, which is why the',
    'option is off by default.',
    '',
    '| Control | What it evaluates here | Parameters |',
    '| --- | --- | --- |',
    ...auditControls(on).map(
      (c) =>
        `| \`${c.name}\` | ${cell(c.evaluates)}${c.name === 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET' ? ' (only with restore testing)' : ''} | ${
          Object.entries(c.parameters ?? {})
            .map(([k, v]) => `\`${k}\` = ${v}`)
            .join(', ') || 'none'
        } |`,
    ),
    '',
    'Left out, because they judge what a destination account does not have:',
    '',
    ...CONTROLS_LEFT_OUT.map((c) => `- \`${c.name}\`: ${c.reason}.`),
    '',
    "**Manual deletion.** AWS Config's rule `backup-recovery-point-manual-deletion-disabled`, behind",
    '`BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED`, expects one DENY of `DeleteRecoveryPoint`,',
    '`UpdateRecoveryPointLifecycle` **and** `PutBackupVaultAccessPolicy`, with an optional list of exempt',
    `principals. The vaults deny the first two to everyone (${sid(SID.denyRecoveryPointDeletion)}) but not`,
    "`PutBackupVaultAccessPolicy`: editing the SSN vault's policy is the break-glass path, and CloudFormation",
    'updates both policies at every deployment; denying it would need the ARNs of every role that may edit, which',
    'this configuration does not name. So the control reports both vaults NON_COMPLIANT, by design. What it',
    'guards against is still excluded: Vault Lock refuses every deletion and lifecycle change of a locked',
    'recovery point, for everyone, and a change to a vault policy raises an alert.',
    '',
  ];
  return lines.join('\n');
}
