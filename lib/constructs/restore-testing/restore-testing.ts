import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { longestGapHours } from '../../config/schedule';
import type { RestoreTestingSettings } from '../../config/types';
import { RESTORE_TEST_LOG_GROUP_NAME, restoreTestLogGroupArn } from '../../policies/alert-statements';
import {
  RESTORE_TESTING_PLAN_NAME,
  RESTORE_TEST_RECORD_PREFIX,
  RESTORE_TESTING_SELECTION_NAME,
  restoreRolePolicy,
  restoreTestingPlanArnPattern,
  restoreTestTablesArn,
  restoreValidationPolicy,
} from '../../policies/restore-testing-statements';
import {
  type AlertDelivery,
  deliveredRule,
  deliveryOptions,
  topicMessageTarget,
} from '../alerting/alert-delivery';
import { bundledFunctionCode } from '../alerting/function-code';
import { policyDocumentOf } from '../policy-documents';
import { restoreJobPattern, restoreTestFailedMessage } from './restore-events';

/** AWS Backup's default start window (CloudFormation, RestoreTestingPlan `StartWindowHours`). */
export const START_WINDOW_HOURS = 24;
/** Schedule gaps are measured from a fixed day, so that synthesis does not depend on the date. */
const SCHEDULE_REFERENCE = new Date(Date.UTC(2026, 0, 1));
/** The daily run of the overdue check, in UTC. */
export const OVERDUE_CHECK_HOUR_UTC = 15;

export interface RestoreTestingProps {
  /** The vault whose DynamoDB recovery points are tested: the general vault, never the SSN vault. */
  readonly vault: backup.IBackupVault;
  /** Vaults excluded by name as well, although they are not included: the SSN vault. */
  readonly excludedVaults: readonly backup.IBackupVault[];
  /** The key that encrypts `vault`: the restore role may use it through DynamoDB and AWS Backup. */
  readonly vaultKey: kms.IKey;
  /** Schedule, selection window and validation window. */
  readonly settings: RestoreTestingSettings;
  /** Where alerts and dead letters go. */
  readonly delivery: AlertDelivery;
  /** The key that encrypts the alert topic and the function's log group. */
  readonly alertKey: kms.IKey;
  /**
   * The evidence bucket, where each test's result is recorded (its name and ARN are known before
   * deployment, so the policy names it literally), and its key.
   */
  readonly evidence: { readonly bucketName: string; readonly bucketArn: string; readonly key: kms.IKey };
}

const CONCURRENCY_REASON =
  'At most a few invocations a week (one per restore test and one daily check) need no cap; reserving concurrency fails to deploy where the account quota leaves no room above the unreserved minimum Lambda keeps.';
const VPC_REASON =
  'The function only calls AWS APIs (AWS Backup, DynamoDB, SNS, CloudWatch Logs) over TLS; the backup account has no VPC, and one with interface endpoints would add cost and failure modes to the restore tests.';

/**
 * Restore testing of the general vault, complete once constructed: an AWS Backup restore testing plan
 * and selection (DynamoDB, the latest recovery point within the selection window, the general vault
 * only), the role the restores run as, and a function that validates each restored table and checks
 * daily that restore tests still complete. A failed restore job, a failed validation and overdue tests
 * are alerted on the topic.
 */
export class RestoreTesting extends Construct {
  readonly plan: backup.CfnRestoreTestingPlan;
  readonly selection: backup.CfnRestoreTestingSelection;
  readonly restoreRole: iam.Role;
  readonly function: lambda.Function;
  /** Hours without a completed restore test after which the daily check alerts. */
  readonly maxSilenceHours: number;

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    const context = { region, accountId: account };
    const { schedule, selectionWindowDays, validationWindowHours } = props.settings;

    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: RESTORE_TESTING_PLAN_NAME,
      scheduleExpression: schedule,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [props.vault.backupVaultArn],
        excludeVaults: props.excludedVaults.map((v) => v.backupVaultArn),
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays,
      },
    });

    this.restoreRole = new iam.Role(this, 'RestoreRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description:
        'Restore testing: AWS Backup restores general DynamoDB recovery points into test tables as this role',
    });
    const restorePolicy = new iam.ManagedPolicy(this, 'RestoreRolePolicy', {
      description: 'Restore testing: a DynamoDB restore from the general vault into a test table',
      document: policyDocumentOf(restoreRolePolicy(context, props.vaultKey.keyArn)),
      roles: [this.restoreRole],
    });
    Validations.of(restorePolicy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${restoreTestTablesArn(region, account)}]`,
      reason:
        'AWS Backup names each restore test table awsbackup-restore-test- and a random suffix; the grant is limited to tables with that prefix.',
    });

    this.selection = new backup.CfnRestoreTestingSelection(this, 'Selection', {
      restoreTestingPlanName: RESTORE_TESTING_PLAN_NAME,
      restoreTestingSelectionName: RESTORE_TESTING_SELECTION_NAME,
      protectedResourceType: 'DynamoDB',
      protectedResourceArns: ['*'],
      iamRoleArn: this.restoreRole.roleArn,
      validationWindowHours,
    });
    this.selection.node.addDependency(this.plan);
    this.selection.node.addDependency(restorePolicy);

    this.maxSilenceHours =
      2 * longestGapHours(schedule, SCHEDULE_REFERENCE) + START_WINDOW_HOURS + validationWindowHours;
    this.function = this.validationFunction(props);

    deliveredRule(this, 'ValidateCompletedTests', {
      description: 'Validates each completed restore test of the general vault',
      eventPattern: restoreJobPattern(this.plan.attrRestoreTestingPlanArn, ['COMPLETED']),
      target: new targets.LambdaFunction(this.function, deliveryOptions(props.delivery)),
      delivery: props.delivery,
    });
    deliveredRule(this, 'FailedTests', {
      description: 'A restore test of the general vault failed or was aborted',
      eventPattern: restoreJobPattern(this.plan.attrRestoreTestingPlanArn, ['FAILED', 'ABORTED']),
      target: topicMessageTarget(props.delivery, restoreTestFailedMessage(RESTORE_TESTING_PLAN_NAME)),
      delivery: props.delivery,
    });
    deliveredRule(this, 'OverdueCheck', {
      description: 'Checks daily that restore tests of the general vault still complete',
      schedule: events.Schedule.cron({ minute: '20', hour: String(OVERDUE_CHECK_HOUR_UTC) }),
      target: new targets.LambdaFunction(this.function, deliveryOptions(props.delivery)),
      delivery: props.delivery,
    });
  }

  private validationFunction(props: RestoreTestingProps): lambda.Function {
    const { region, account } = Stack.of(this);
    const role = new iam.Role(this, 'ValidationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Restore testing validation: reads restore jobs and test tables, reports, alerts',
    });
    const policy = new iam.ManagedPolicy(this, 'ValidationPolicy', {
      description: 'Restore testing validation: least privilege',
      document: policyDocumentOf(
        restoreValidationPolicy({ region, accountId: account }, props.alertKey.keyArn, {
          bucketArn: props.evidence.bucketArn,
          keyArn: props.evidence.key.keyArn,
        }),
      ),
      roles: [role],
    });
    Validations.of(policy).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason:
          'DescribeRestoreJob, GetRestoreJobMetadata, ListRestoreJobs and PutRestoreValidationResult take no resource (Service Authorization Reference for AWS Backup), so IAM accepts only "*" for them.',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${restoreTestTablesArn(region, account)}]`,
        reason:
          'AWS Backup names each restore test table awsbackup-restore-test- and a random suffix; the grant (DescribeTable, Scan) is limited to tables with that prefix.',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${restoreTestingPlanArnPattern(region, account)}]`,
        reason:
          'AWS Backup appends an ID of its own to the plan name in the plan ARN; the grant names the plan.',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${props.evidence.bucketArn}/${RESTORE_TEST_RECORD_PREFIX}/*]`,
        reason:
          "Each result is a new object named by its restore job; the grant is PutObject only, under the restore tests' prefix of the evidence bucket.",
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${restoreTestLogGroupArn(region, account)}:log-stream:*]`,
        reason:
          'Lambda names the log streams of its own log group at run time; the grant is limited to CreateLogStream and PutLogEvents in that one log group.',
      },
    );
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: RESTORE_TEST_LOG_GROUP_NAME,
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.alertKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fn = new lambda.Function(this, 'Validation', {
      description:
        'Validates restored test tables of the general vault and checks that restore tests complete',
      runtime: lambda.Runtime.NODEJS_LATEST,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(bundledFunctionCode('restore-test')),
      // Up to six readiness checks 10 s apart, a bounded scan, two AWS Backup calls.
      timeout: Duration.minutes(3),
      memorySize: 256,
      role: role.withoutPolicyUpdates(),
      logGroup,
      deadLetterTopic: props.delivery.topic,
      environment: {
        PLAN_NAME: RESTORE_TESTING_PLAN_NAME,
        PLAN_ARN: this.plan.attrRestoreTestingPlanArn,
        TOPIC_ARN: props.delivery.topic.topicArn,
        MAX_SILENCE_HOURS: String(this.maxSilenceHours),
        EVIDENCE_BUCKET: props.evidence.bucketName,
      },
    });
    fn.node.addDependency(policy);
    Validations.of(fn.node.defaultChild as lambda.CfnFunction).acknowledge(
      { id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency', reason: CONCURRENCY_REASON },
      { id: 'HIPAA.Security::HIPAA.Security-LambdaConcurrency', reason: CONCURRENCY_REASON },
      { id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC', reason: VPC_REASON },
      { id: 'HIPAA.Security::HIPAA.Security-LambdaInsideVPC', reason: VPC_REASON },
    );
    return fn;
  }
}
