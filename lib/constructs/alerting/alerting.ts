import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Destination } from '../../policies/destinations';
import {
  ALERT_DEAD_LETTER_QUEUE_NAME,
  ALERT_TOPIC_NAME,
  alertKeyPolicy,
  alertTopicPolicy,
} from '../../policies/alert-statements';
import { policyDocumentOf } from '../policy-documents';
import { type AlertDelivery, deliveredRule, topicMessageTarget } from './alert-delivery';
import {
  aliasChangeMessage,
  aliasChangePattern,
  dataOutMessage,
  dataOutPattern,
  keyChangeMessage,
  keyChangePattern,
  keyGrantMessage,
  keyGrantPattern,
  vaultChangeMessage,
  vaultChangePattern,
} from './audit-events';
import { FreshnessCheck } from './freshness-check';
import {
  backupIntoVaultMessage,
  backupIntoVaultPattern,
  restoreTestingChangeMessage,
  restoreTestingChangePattern,
  tableOnwardMessage,
  tableOnwardPattern,
} from './onward-events';
import {
  evidenceBucketChangeMessage,
  evidenceBucketChangePattern,
  evidenceKeyChangeMessage,
} from './evidence-events';

/** One destination the alerting watches: its row of the destination table, its key and its vault's name. */
export interface WatchedDestination {
  readonly destination: Destination;
  /** The key that encrypts the vault: its changes, grants and alias are watched. */
  readonly key: kms.IKey;
  /** The vault's name: its protection changes are watched, and its freshness. */
  readonly vaultName: string;
}

export interface AlertingProps {
  /** The destinations to watch (the general and the SSN one). */
  readonly destinations: readonly WatchedDestination[];
  /**
   * Addresses subscribed to the topic by e-mail; each must confirm the subscription.
   * @default - no subscription
   */
  readonly emails?: readonly string[];
  /** Hours without a new recovery point after which a vault counts as stale. */
  readonly freshnessHours: number;
}

/**
 * The queue declares itself a dead-letter queue, so that AWS Control Tower's CT.SQS.PR.1 ("Require any
 * Amazon SQS queue to have a dead-letter queue configured") exempts it; the control exempts only
 * `allowAll` and `byQueue`, and `byQueue` needs source queues, which EventBridge is not. `allowAll` is
 * also what SQS does without the policy: only queues of this account and Region may name it.
 */
const DEAD_LETTER_REDRIVE_PERMISSION = sqs.RedrivePermission.ALLOW_ALL;

const DEAD_LETTER_DLQ_REASON =
  "This queue is itself the dead-letter queue of the alerting's EventBridge targets; EventBridge sends to it directly, so a redrive queue of its own would only hold what nothing reads.";

/**
 * Alerting for the backup account, complete once constructed: an SNS topic encrypted with its own
 * key, optional e-mail subscriptions, EventBridge rules on the CloudTrail events that change the
 * vaults' and keys' protection (aliases included), take data out, or copy restored data onward
 * (backups, DynamoDB copies, restore testing plans), and the scheduled freshness check.
 * Every rule's target is retried and has a dead-letter queue; an alarm fires when something lands
 * there or a rule fails to deliver.
 *
 * Neither the topic nor its key holds anything durable (messages are delivered and gone; the only log
 * group encrypted with the key is deleted with the stack), so both are deleted with the stack, unlike
 * the backup keys and vaults.
 */
export class Alerting extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;
  readonly topicPolicy: sns.TopicPolicy;
  /**
   * The topic as a reference, for constructs that would otherwise add their own grants to the topic
   * and key policies (the vault's notifications, the function's dead-letter target): both policies
   * are complete as the builders make them (and already admit AWS Backup). A vault that notifies it
   * must depend on `topicPolicy`.
   */
  readonly notificationTopic: sns.ITopic;
  /** Where EventBridge keeps alerts it could not deliver (see the README, "A dropped alert"). */
  readonly deadLetterQueue: sqs.Queue;
  /** The topic and dead-letter queue, for rules of other constructs. */
  readonly delivery: AlertDelivery;
  readonly freshness: FreshnessCheck;

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    const context = { region, accountId: account };

    this.key = new kms.Key(this, 'Key', {
      description: 'KMS key for CompactConnect backup alerts (SNS topic and freshness check logs)',
      policy: policyDocumentOf(alertKeyPolicy(context)),
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(30),
    });
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: ALERT_TOPIC_NAME,
      displayName: 'CompactConnect backup alerts',
      masterKey: this.key,
    });
    this.topicPolicy = new sns.TopicPolicy(this, 'TopicPolicy', {
      topics: [this.topic],
      policyDocument: policyDocumentOf(alertTopicPolicy(context)),
    });
    this.notificationTopic = sns.Topic.fromTopicArn(this, 'TopicReference', this.topic.topicArn);

    for (const address of props.emails ?? []) {
      new sns.Subscription(this, `Email-${address.toLowerCase()}`, {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: address,
      });
    }

    // Encrypted with an SQS-managed key, not the alert key: a disabled alert key is one reason why
    // delivery to the topic fails, and the dead letters must not fail with it.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: ALERT_DEAD_LETTER_QUEUE_NAME,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      redriveAllowPolicy: { redrivePermission: DEAD_LETTER_REDRIVE_PERMISSION },
    });
    Validations.of(this.deadLetterQueue.node.defaultChild as sqs.CfnQueue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: DEAD_LETTER_DLQ_REASON,
    });
    this.delivery = { topic: this.notificationTopic, deadLetterQueue: this.deadLetterQueue };
    new cloudwatch.Alarm(this, 'DeadLetterQueueNotEmpty', {
      alarmDescription:
        'An alert could not be delivered and waits in the alert dead-letter queue (see the README, "A dropped alert")',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new cwActions.SnsAction(this.notificationTopic));

    for (const { destination: d, key, vaultName } of props.destinations) {
      const ssn = d.breakGlass;
      this.alert(
        `${d.vaultConstructId}Changes`,
        `Changes to ${d.vaultNoun}: policy, lock, notifications, deletion`,
        vaultChangePattern(vaultName),
        vaultChangeMessage(d.vaultNoun, vaultName, ssn),
      );
      this.alert(
        `${d.keyConstructId}Changes`,
        `Changes to ${d.keyNoun}: policy, disabling, deletion, rotation`,
        keyChangePattern(key.keyArn, key.keyId),
        keyChangeMessage(d.keyNoun, d.aliasName, ssn),
      );
      this.alert(
        `${d.keyConstructId}Grants`,
        `Grants on ${d.keyNoun} not made by AWS Backup`,
        keyGrantPattern(key.keyArn, key.keyId),
        keyGrantMessage(d.keyNoun, d.aliasName),
      );
      this.alert(
        `${d.keyConstructId}AliasChanges`,
        `Changes to ${d.aliasName}: created, moved to another key, deleted`,
        aliasChangePattern(d.aliasName),
        aliasChangeMessage(d.keyNoun, d.aliasName),
      );
    }
    this.alert(
      'DataLeavingVaults',
      'Restores and copies out of the backup vaults',
      dataOutPattern(),
      dataOutMessage(),
    );
    // The paths by which restored data could be copied onward without an opening.
    this.alert(
      'BackupsIntoVaults',
      'Backups started or planned in the backup account (the vaults take only copies)',
      backupIntoVaultPattern(),
      backupIntoVaultMessage(),
    );
    this.alert(
      'TableDataOnward',
      'DynamoDB table data copied or shared onward: backups, point-in-time recovery, exports, restores, replicas, resource policies',
      tableOnwardPattern(),
      tableOnwardMessage(),
    );
    this.alert(
      'RestoreTestingChanges',
      'Restore testing plans and selections created, updated or deleted',
      restoreTestingChangePattern(),
      restoreTestingChangeMessage(),
    );
    this.freshness = new FreshnessCheck(this, 'FreshnessCheck', {
      vaults: props.destinations.map((w) => ({ name: w.vaultName, description: w.destination.vaultNoun })),
      freshnessHours: props.freshnessHours,
      delivery: this.delivery,
      alertKey: this.key,
    });
  }

  /**
   * Watches the evidence bucket (its protection settings) and its key (policy, disabling, deletion,
   * rotation), as the vaults and their keys are watched.
   */
  watchEvidence(bucketName: string, key: kms.IKey): void {
    this.alert(
      'EvidenceBucketChanges',
      'Changes to the evidence bucket: policy, Object Lock, versioning, public access, encryption, lifecycle, logging, deletion',
      evidenceBucketChangePattern(bucketName),
      evidenceBucketChangeMessage(bucketName),
    );
    this.alert(
      'EvidenceKeyChanges',
      'Changes to the evidence key: policy, disabling, deletion, rotation',
      keyChangePattern(key.keyArn, key.keyId),
      evidenceKeyChangeMessage(),
    );
  }

  /** A rule whose one target publishes a plain-text message to the topic (no added grants). */
  private alert(id: string, description: string, eventPattern: events.EventPattern, message: string) {
    deliveredRule(this, id, {
      description,
      eventPattern,
      target: topicMessageTarget(this.delivery, message),
      delivery: this.delivery,
    });
  }
}
