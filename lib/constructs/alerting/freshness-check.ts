import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type Rule, Schedule } from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { WatchedVault } from '../../functions/freshness/check';
import {
  FRESHNESS_LOG_GROUP_NAME,
  freshnessCheckPolicy,
  freshnessLogGroupArn,
} from '../../policies/alert-statements';
import { policyDocumentOf } from '../policy-documents';
import { type AlertDelivery, deliveredRule, deliveryOptions } from './alert-delivery';
import { bundledFunctionCode } from './function-code';

/** How often the check runs (every hour, at minute 5) and in which UTC hour it repeats stale alerts. */
export const CHECK_INTERVAL_MINUTES = 60;
export const REMINDER_HOUR_UTC = 15;

const CONCURRENCY_REASON =
  'One scheduled invocation an hour needs no cap; reserving concurrency fails to deploy where the account quota leaves no room above the unreserved minimum Lambda keeps (new accounts can start at a quota of 10).';
const VPC_REASON =
  'The function only calls AWS APIs (AWS Backup, SNS, CloudWatch Logs) over TLS and holds no data; the backup account has no VPC, and one with interface endpoints would add cost and failure modes to the alerting.';

export interface FreshnessCheckProps {
  /** The vaults to watch. */
  readonly vaults: readonly WatchedVault[];
  /** Hours without a new recovery point after which a vault is stale. */
  readonly freshnessHours: number;
  /** Where alerts go (the topic is also the function's dead-letter target), and the schedule's dead letters. */
  readonly delivery: AlertDelivery;
  /** The key that encrypts the topic and the function's log group. */
  readonly alertKey: kms.IKey;
}

/**
 * A small scheduled function that lists each vault's recent recovery points
 * (`ListRecoveryPointsByBackupVault` with `ByCreatedAfter`) and publishes an alert when none arrived
 * within the window. Its role may do exactly that; its logs are encrypted with the alert key.
 */
export class FreshnessCheck extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: FreshnessCheckProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    const context = { region, accountId: account };

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Backup freshness check: lists recovery points of the two vaults, publishes alerts',
    });
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Backup freshness check: least privilege',
      document: policyDocumentOf(
        freshnessCheckPolicy(
          context,
          props.vaults.map((v) => v.name),
          props.alertKey.keyArn,
        ),
      ),
      roles: [this.role],
    });
    Validations.of(policy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${freshnessLogGroupArn(region, account)}:log-stream:*]`,
      reason:
        'Lambda names the log streams of its own log group at run time; the grant is limited to CreateLogStream and PutLogEvents in that one log group.',
    });

    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: FRESHNESS_LOG_GROUP_NAME,
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.alertKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.function = new lambda.Function(this, 'Function', {
      description:
        'Alerts when no new recovery point has arrived in a backup vault within the freshness window',
      runtime: lambda.Runtime.NODEJS_LATEST,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(bundledFunctionCode('freshness')),
      timeout: Duration.minutes(1),
      memorySize: 256,
      // The policy above is the whole of the role's permissions: nothing may add to it.
      role: this.role.withoutPolicyUpdates(),
      logGroup,
      deadLetterTopic: props.delivery.topic,
      environment: {
        VAULTS: JSON.stringify(props.vaults),
        FRESHNESS_HOURS: String(props.freshnessHours),
        CHECK_INTERVAL_MINUTES: String(CHECK_INTERVAL_MINUTES),
        REMINDER_HOUR_UTC: String(REMINDER_HOUR_UTC),
        TOPIC_ARN: props.delivery.topic.topicArn,
        ACCOUNT_ID: account,
      },
    });
    this.function.node.addDependency(policy);
    const fn = this.function.node.defaultChild as lambda.CfnFunction;
    Validations.of(fn).acknowledge(
      {
        id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency',
        reason: CONCURRENCY_REASON,
      },
      {
        id: 'HIPAA.Security::HIPAA.Security-LambdaConcurrency',
        reason: CONCURRENCY_REASON,
      },
      {
        id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC',
        reason: VPC_REASON,
      },
      {
        id: 'HIPAA.Security::HIPAA.Security-LambdaInsideVPC',
        reason: VPC_REASON,
      },
    );

    this.schedule = deliveredRule(this, 'Schedule', {
      description: 'Runs the backup freshness check every hour',
      schedule: Schedule.cron({ minute: '5' }),
      target: new targets.LambdaFunction(this.function, deliveryOptions(props.delivery)),
      delivery: props.delivery,
    });
  }
}
