import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { assertPoliciesWithinBudgets, type PlannedDestination, planDestinations } from './plan';
import type { BackupAccountConfig, RestoreTestingSettings } from './config/types';
import { Alerting } from './constructs/alerting';
import { BackupEncryptionKey } from './constructs/backup-encryption-key';
import { DestinationVault } from './constructs/destination-vault';
import { AuditFramework, EvidenceStore } from './constructs/evidence';
import { RestoreTesting } from './constructs/restore-testing';
import {
  DESTINATION_OUTPUTS,
  type DestinationKind,
  type DestinationOutput,
  outputName,
} from './policies/destinations';
import { policyDocument } from './policies/documents';
import {
  evidenceBucketArn,
  evidenceBucketName,
  evidenceBucketPolicyStatements,
  evidenceKeyPolicyStatements,
} from './policies/evidence-statements';
import { RESTORE_TESTING_PLAN_NAME, STACK_OUTPUTS } from './stack-facts';

export { STACK_NAME } from './stack-facts';

export interface BackupAccountStackProps extends Omit<StackProps, 'env' | 'tags'> {
  /** The validated configuration; the stack reads nothing else. */
  readonly config: BackupAccountConfig;
}

export interface DeployedDestination {
  readonly key: BackupEncryptionKey;
  readonly vault: DestinationVault;
}

/**
 * The backup destination account of one CompactConnect environment:
 * - a general backup vault and its customer-managed key;
 * - an SSN backup vault and its own key, both under break-glass DENY statements;
 * - alerting: an encrypted topic, rules on changes to the vaults and keys, a freshness check;
 * - an evidence bucket under Object Lock, and optionally AWS Backup Audit Manager's framework
 *   and reports delivered into it;
 * - outputs with the ARNs the environment account needs.
 * Keys, aliases and vaults are retained when the stack is deleted; termination protection is on.
 */
export class BackupAccountStack extends Stack {
  readonly destinations: Readonly<Record<DestinationKind, DeployedDestination>>;
  /** The alert topic, the audit rules and the freshness check. */
  readonly alerting: Alerting;
  /** Restore testing of the general vault, when `restore_testing_schedule` is configured. */
  readonly restoreTesting?: RestoreTesting;
  /** The evidence bucket: the break-glass record, drill reports, Audit Manager's reports. */
  readonly evidence: EvidenceStore;
  /** AWS Backup Audit Manager's framework and reports, when `audit_framework` is true. */
  readonly auditFramework?: AuditFramework;

  constructor(scope: Construct, id: string, props: BackupAccountStackProps) {
    const { config, ...stackProps } = props;
    const planned = planDestinations(config);
    assertPoliciesWithinBudgets(planned, config);
    super(scope, id, {
      description: 'CompactConnect backup destination account: cross-account backup vaults and KMS keys',
      terminationProtection: true,
      ...stackProps,
      env: { account: config.backupAccountId, region: config.backupRegion },
    });
    // Tags rendered on each resource (not only on the stack), so the template shows them.
    for (const [name, value] of Object.entries(config.tags)) Tags.of(this).add(name, value);
    // Keys first: the alerting watches them. Then the alerting, whose topic the vaults notify.
    const keys = planned.map((p) => this.addKey(p));
    const alerting = new Alerting(this, 'Alerting', {
      destinations: planned.map((p, i) => ({
        destination: p.destination,
        key: keys[i],
        vaultName: p.destination.vaultName(config),
      })),
      emails: config.alerts.emails,
      freshnessHours: config.alerts.freshnessHours,
    });
    const [general, ssn] = planned.map((p, i) => this.addDestination(p, keys[i], config, alerting));
    this.destinations = { general, ssn };
    this.alerting = alerting;
    // The evidence store first: restore testing records its results there.
    this.evidence = this.addEvidence(config);
    if (config.restoreTesting) this.restoreTesting = this.addRestoreTesting(config, config.restoreTesting);
    alerting.watchEvidence(evidenceBucketName(config), this.evidence.key);
    if (config.evidence.auditFramework) {
      this.auditFramework = new AuditFramework(this, 'AuditFramework', {
        config,
        bucketName: this.evidence.bucket.bucketName,
      });
      // Audit Manager checks that it may deliver when the report plan is created.
      this.auditFramework.node.addDependency(this.evidence);
    }
  }

  private addEvidence(config: BackupAccountConfig): EvidenceStore {
    const evidence = new EvidenceStore(this, 'Evidence', {
      bucketName: evidenceBucketName(config),
      retentionDays: config.evidence.retentionDays,
      bucketPolicy: policyDocument(evidenceBucketPolicyStatements(config)),
      keyPolicy: policyDocument(evidenceKeyPolicyStatements(config)),
    });
    new CfnOutput(this, STACK_OUTPUTS.evidenceBucketName, {
      value: evidence.bucket.bucketName,
      description: 'Name of the evidence bucket (Object Lock, compliance mode)',
    });
    new CfnOutput(this, STACK_OUTPUTS.evidenceBucketArn, {
      value: evidence.bucket.bucketArn,
      description: 'ARN of the evidence bucket',
    });
    return evidence;
  }

  /** The general vault only: the SSN vault is never selected, and is excluded by name as well. */
  private addRestoreTesting(config: BackupAccountConfig, settings: RestoreTestingSettings): RestoreTesting {
    const { general, ssn } = this.destinations;
    const restoreTesting = new RestoreTesting(this, 'RestoreTesting', {
      vault: general.vault,
      excludedVaults: [ssn.vault],
      vaultKey: general.key,
      settings,
      delivery: this.alerting.delivery,
      alertKey: this.alerting.key,
      evidence: {
        bucketName: evidenceBucketName(config),
        bucketArn: evidenceBucketArn(config),
        key: this.evidence.key,
      },
    });
    new CfnOutput(this, STACK_OUTPUTS.restoreTestingPlanName, {
      value: RESTORE_TESTING_PLAN_NAME,
      description: 'Name of the restore testing plan of the general vault',
    });
    new CfnOutput(this, STACK_OUTPUTS.restoreTestingPlanArn, {
      value: restoreTesting.plan.attrRestoreTestingPlanArn,
      description: 'ARN of the restore testing plan of the general vault',
    });
    return restoreTesting;
  }

  private addKey(planned: PlannedDestination): BackupEncryptionKey {
    const d = planned.destination;
    return new BackupEncryptionKey(this, d.keyConstructId, {
      description: d.keyDescription,
      aliasName: d.aliasName,
      policy: planned.keyPolicy,
    });
  }

  private addDestination(
    planned: PlannedDestination,
    key: BackupEncryptionKey,
    config: BackupAccountConfig,
    alerting: Alerting,
  ): DeployedDestination {
    const d = planned.destination;
    const vault = new DestinationVault(this, d.vaultConstructId, {
      backupVaultName: d.vaultName(config),
      encryptionKey: key,
      accessPolicy: planned.vaultPolicy,
      lock: config.vaultLock,
      notificationTopic: alerting.notificationTopic,
    });
    // The vault's notifications are set when it is created: the topic must accept AWS Backup by then.
    vault.node.addDependency(alerting.topicPolicy);
    const outputs: Record<DestinationOutput, [string, string]> = {
      BackupVaultName: [vault.backupVaultName, `Name of ${d.vaultNoun}`],
      BackupVaultArn: [vault.backupVaultArn, `ARN of ${d.vaultNoun}`],
      BackupEncryptionKeyId: [key.keyId, `ID of ${d.keyNoun}`],
      BackupEncryptionKeyArn: [key.keyArn, `ARN of ${d.keyNoun}`],
    };
    for (const name of DESTINATION_OUTPUTS) {
      const [value, description] = outputs[name];
      new CfnOutput(this, outputName(d, name), { value, description });
    }
    return { key, vault };
  }
}
