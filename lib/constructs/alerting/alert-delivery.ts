import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import { addToDeadLetterQueueResourcePolicy, bindBaseTargetConfig } from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * How every EventBridge rule of the stack delivers: retried for as long as EventBridge allows, then
 * kept in the dead-letter queue; a rule whose target fails raises an alarm on the alert topic.
 *
 * Amazon EventBridge User Guide, "Using dead-letter queues to process undelivered events": an event
 * whose delivery failed after its retries (or at once, for errors that retrying cannot fix, such as
 * missing permissions) goes to the target's dead-letter queue with the attributes RULE_ARN,
 * TARGET_ARN, ERROR_CODE and ERROR_MESSAGE; without one it is dropped. The rule's `FailedInvocations`
 * metric counts such failures.
 */
export interface AlertDelivery {
  /** The alert topic. */
  readonly topic: sns.ITopic;
  /** Where EventBridge keeps what it could not deliver. */
  readonly deadLetterQueue: sqs.IQueue;
}

/** EventBridge's maximum retry policy: 185 attempts within 24 hours (RetryPolicy, EventBridge API). */
export const RETRY_ATTEMPTS = 185;
export const MAX_EVENT_AGE = Duration.hours(24);

/** The retry policy and dead-letter queue of every target (also for targets such as a Lambda function). */
export function deliveryOptions(delivery: AlertDelivery) {
  return {
    deadLetterQueue: delivery.deadLetterQueue,
    retryAttempts: RETRY_ATTEMPTS,
    maxEventAge: MAX_EVENT_AGE,
  };
}

/**
 * A target that publishes a plain-text message to the alert topic. It adds no grant to the topic or
 * its key (their policies are complete as the builders make them); it admits its rule to the
 * dead-letter queue's policy, as aws-events-targets does for its own targets.
 */
export function topicMessageTarget(delivery: AlertDelivery, message: string): events.IRuleTarget {
  const input = events.RuleTargetInput.fromText(message);
  return {
    bind: (rule) => {
      addToDeadLetterQueueResourcePolicy(rule, delivery.deadLetterQueue);
      return { arn: delivery.topic.topicArn, input, ...bindBaseTargetConfig(deliveryOptions(delivery)) };
    },
  };
}

export interface DeliveredRuleProps {
  readonly description: string;
  /** @default - none: `schedule` is set */
  readonly eventPattern?: events.EventPattern;
  /** @default - none: `eventPattern` is set */
  readonly schedule?: events.Schedule;
  /** The one target; built with `topicMessageTarget` or with `deliveryOptions`. */
  readonly target: events.IRuleTarget;
  readonly delivery: AlertDelivery;
}

/**
 * A rule with one target, and two alarms on the topic, each on an AWS/Events metric of the rule
 * (by `RuleName`, summed over 5 minutes, above 0):
 * - `<id>FailedInvocations`: the rule failed to deliver (the event went to the dead-letter queue);
 * - `<id>InvocationsFailedToBeSentToDlq`: it could not put the event in the dead-letter queue either
 *   (Amazon EventBridge User Guide, "EventBridge metrics": a permission error, an unavailable queue
 *   or a size limit): the event is lost.
 */
export function deliveredRule(scope: Construct, id: string, props: DeliveredRuleProps): events.Rule {
  const rule = new events.Rule(scope, id, {
    description: props.description,
    eventPattern: props.eventPattern,
    schedule: props.schedule,
    targets: [props.target],
  });
  const alarm = (metricName: string, alarmDescription: string) =>
    new cloudwatch.Alarm(scope, `${id}${metricName}`, {
      alarmDescription,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Events',
        metricName,
        dimensionsMap: { RuleName: rule.ruleName },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new cwActions.SnsAction(props.delivery.topic));
  alarm(
    'FailedInvocations',
    `EventBridge could not deliver an event of the rule "${props.description}": look in the alert dead-letter queue (see the README, "A dropped alert")`,
  );
  alarm(
    'InvocationsFailedToBeSentToDlq',
    `EventBridge could neither deliver an event of the rule "${props.description}" nor keep it in the alert dead-letter queue: the event is lost; look for it in CloudTrail (see the README, "A dropped alert")`,
  );
  return rule;
}
