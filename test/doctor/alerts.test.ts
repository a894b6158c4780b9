import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { checkAlertSubscriptions } from '../../lib/doctor/checks/alerts';
import { configWith } from '../support/config';
import { clients, context, healthyWorld, install, serviceError, snsMock, TOPIC_ARN } from './fixture';

const run = (ctx = context()) => checkAlertSubscriptions(clients(), ctx);

test('PASS: every alert_emails address is subscribed and confirmed', async () => {
  // GIVEN
  install(healthyWorld());
  // WHEN
  const result = await run();
  // THEN
  expect(result).toMatchObject({
    id: 'alerts',
    status: 'PASS',
    title: 'Alert topic compactconnect-backup-alerts',
    summary: '1 confirmed, 0 pending confirmation',
    details: ['confirmed: email backup-alerts@example.com'],
  });
  expect(snsMock).toHaveReceivedCommandWith(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC_ARN });
});

test('WARN: a subscription pending confirmation is named', async () => {
  const world = healthyWorld();
  world.subscriptions.push({
    Protocol: 'email',
    Endpoint: 'oncall@example.com',
    SubscriptionArn: 'PendingConfirmation',
  });
  install(world);
  const result = await run();
  expect(result.status).toBe('WARN');
  expect(result.summary).toBe('1 confirmed, 1 pending confirmation');
  expect(result.details).toContain(
    'PENDING CONFIRMATION: email oncall@example.com (the address must follow the link in the e-mail SNS sent)',
  );
});

test('WARN: alerts that reach nobody', async () => {
  const world = healthyWorld();
  world.subscriptions = [];
  install(world);
  const result = await run(context({ config: configWith() }));
  expect(result).toMatchObject({
    status: 'WARN',
    summary: '0 confirmed, 0 pending confirmation: alerts reach nobody',
  });
});

test('FAIL: an alert_emails address that is not subscribed (case ignored for the others)', async () => {
  const world = healthyWorld();
  world.subscriptions = [
    { Protocol: 'email', Endpoint: 'Backup-Alerts@Example.com', SubscriptionArn: `${TOPIC_ARN}:1` },
  ];
  install(world);
  const ctx = context({
    config: configWith({ alert_emails: ['backup-alerts@example.com', 'security@example.com'] }),
  });
  const result = await run(ctx);
  expect(result.status).toBe('FAIL');
  expect(result.summary).toBe('1 confirmed, 0 pending confirmation; 1 of alert_emails not subscribed');
  expect(result.details).toContain(
    'NOT SUBSCRIBED: security@example.com is in alert_emails but not subscribed: redeploy the stack',
  );
});

test('subscriptions on every page are read', async () => {
  install(healthyWorld());
  snsMock
    .on(ListSubscriptionsByTopicCommand)
    .resolvesOnce({
      Subscriptions: [
        { Protocol: 'https', Endpoint: 'https://hooks.example.com/a', SubscriptionArn: `${TOPIC_ARN}:2` },
      ],
      NextToken: 't2',
    })
    .resolvesOnce({
      Subscriptions: [
        { Protocol: 'email', Endpoint: 'backup-alerts@example.com', SubscriptionArn: `${TOPIC_ARN}:1` },
      ],
    });
  const result = await run();
  expect(result).toMatchObject({ status: 'PASS', summary: '2 confirmed, 0 pending confirmation' });
});

test('FAIL: the topic does not exist, or cannot be read', async () => {
  install(healthyWorld());
  snsMock
    .on(ListSubscriptionsByTopicCommand)
    .rejects(serviceError('NotFoundException', 'Topic does not exist'));
  expect(await run()).toMatchObject({ status: 'FAIL', summary: `${TOPIC_ARN} does not exist` });
  snsMock
    .on(ListSubscriptionsByTopicCommand)
    .rejects(serviceError('AuthorizationErrorException', 'not authorized'));
  expect(await run()).toMatchObject({
    status: 'FAIL',
    summary: 'cannot be read: AuthorizationErrorException: not authorized',
  });
});
