import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { BackupAccountConfig } from '../../config/types';
import { DESTINATIONS } from '../../destinations';
import { ALERT_TOPIC_NAME, alertKeyPolicy, alertTopicPolicy } from '../../policies/alert-statements';
import type { DestinationKind } from '../../policies/documents';
import type { BackupEncryptionKey } from '../backup-encryption-key';
import type { DestinationVault } from '../destination-vault';
import {
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

export interface AlertingProps {
  /** The configuration: alert e-mails, the freshness window, and the vault names. */
  readonly config: BackupAccountConfig;
}

/** What the alerting watches: each destination's key and vault. */
export type WatchedDestinations = Readonly<
  Record<DestinationKind, { readonly key: BackupEncryptionKey; readonly vault: DestinationVault }>
>;

/**
 * Alerting for the backup account: an SNS topic encrypted with its own key, optional e-mail
 * subscriptions, and, once `watch()` is called, EventBridge rules on the CloudTrail events that change
 * the vaults' and keys' protection or take data out, plus the scheduled freshness check.
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
   * are complete as the builders make them (and already admit AWS Backup). `watch()` makes the vaults
   * wait for the topic policy.
   */
  readonly notificationTopic: sns.ITopic;
  /** The scheduled freshness check, once `watch()` has run. */
  freshness?: FreshnessCheck;
  private readonly config: BackupAccountConfig;
  private watched = false;

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    const context = { region, accountId: account };

    this.key = new kms.Key(this, 'Key', {
      description: 'KMS key for CompactConnect backup alerts (SNS topic and freshness check logs)',
      policy: alertKeyPolicy(context),
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
      policyDocument: alertTopicPolicy(context),
    });
    this.notificationTopic = sns.Topic.fromTopicArn(this, 'TopicReference', this.topic.topicArn);

    this.config = props.config;
    for (const address of props.config.alerts.emails) {
      new sns.Subscription(this, `Email-${address.toLowerCase()}`, {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: address,
      });
    }
  }

  /** Adds the audit rules and the freshness check for the two destinations. Call once. */
  watch(destinations: WatchedDestinations): void {
    if (this.watched) throw new Error('Alerting.watch() may be called only once');
    this.watched = true;
    for (const d of DESTINATIONS) {
      const { key, vault } = destinations[d.kind];
      // The vault's notifications are set when it is created: the topic must accept AWS Backup by then.
      vault.node.addDependency(this.topicPolicy);
      const ssn = d.kind === 'ssn';
      const vaultName = d.vaultName(this.config);
      this.rule(
        `${d.vaultConstructId}Changes`,
        `Changes to ${d.vaultNoun}: policy, lock, notifications, deletion`,
        {
          pattern: vaultChangePattern(vaultName),
          message: vaultChangeMessage(d.vaultNoun, vaultName, ssn),
        },
      );
      this.rule(
        `${d.keyConstructId}Changes`,
        `Changes to ${d.keyNoun}: policy, disabling, deletion, rotation`,
        {
          pattern: keyChangePattern(key.keyArn, key.keyId),
          message: keyChangeMessage(d.keyNoun, d.aliasName, ssn),
        },
      );
      this.rule(`${d.keyConstructId}Grants`, `Grants on ${d.keyNoun} not made by AWS Backup`, {
        pattern: keyGrantPattern(key.keyArn, key.keyId),
        message: keyGrantMessage(d.keyNoun, d.aliasName),
      });
    }
    this.rule('DataLeavingVaults', 'Restores and copies out of the backup vaults', {
      pattern: dataOutPattern(),
      message: dataOutMessage(),
    });
    this.freshness = new FreshnessCheck(this, 'FreshnessCheck', {
      vaults: DESTINATIONS.map((d) => ({ name: d.vaultName(this.config), description: d.vaultNoun })),
      freshnessHours: this.config.alerts.freshnessHours,
      topic: this.notificationTopic,
      alertKey: this.key,
    });
  }

  /** A rule whose one target publishes a plain-text message to the topic (no added grants). */
  private rule(id: string, description: string, spec: { pattern: events.EventPattern; message: string }) {
    const input = events.RuleTargetInput.fromText(spec.message);
    const topicArn = this.topic.topicArn;
    new events.Rule(this, id, {
      description,
      eventPattern: spec.pattern,
      targets: [{ bind: () => ({ arn: topicArn, input }) }],
    });
  }
}
