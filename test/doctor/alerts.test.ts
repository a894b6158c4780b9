import { checkAlertSubscriptions } from '../../lib/doctor/checks/alerts';
import { configWith } from '../support/config';
import { aws, context, healthyWorld, install, serviceError, TOPIC_ARN, worded } from './fixture';

/** The check's result, with the words the report prints for it. */
const run = async (ctx = context()) => worded(await checkAlertSubscriptions(aws(), ctx));

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
  expect(result.finding).toEqual({
    kind: 'subscriptions',
    confirmed: [{ protocol: 'email', endpoint: 'backup-alerts@example.com', confirmed: true }],
    pending: [],
    missing: [],
  });
  expect(aws().callsOf('topicSubscriptions')).toEqual([[TOPIC_ARN]]);
});

test('WARN: a subscription pending confirmation is named', async () => {
  const world = healthyWorld();
  world.subscriptions.get(TOPIC_ARN)?.push({
    protocol: 'email',
    endpoint: 'oncall@example.com',
    confirmed: false,
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
  world.subscriptions.set(TOPIC_ARN, []);
  install(world);
  const result = await run(context({ config: configWith() }));
  expect(result).toMatchObject({
    status: 'WARN',
    summary: '0 confirmed, 0 pending confirmation: alerts reach nobody',
  });
});

test('FAIL: an alert_emails address that is not subscribed (case ignored for the others)', async () => {
  const world = healthyWorld();
  world.subscriptions.set(TOPIC_ARN, [
    { protocol: 'email', endpoint: 'Backup-Alerts@Example.com', confirmed: true },
  ]);
  install(world);
  const ctx = context({
    config: configWith({ alert_emails: ['backup-alerts@example.com', 'security@example.com'] }),
  });
  const result = await run(ctx);
  expect(result.status).toBe('FAIL');
  expect(result.finding).toMatchObject({ kind: 'subscriptions', missing: ['security@example.com'] });
  expect(result.summary).toBe('1 confirmed, 0 pending confirmation; 1 of alert_emails not subscribed');
  expect(result.details).toContain(
    'NOT SUBSCRIBED: security@example.com is in alert_emails but not subscribed: redeploy the stack',
  );
});

test('every subscription counts, whatever its protocol', async () => {
  const world = install(healthyWorld());
  world.subscriptions
    .get(TOPIC_ARN)
    ?.unshift({ protocol: 'https', endpoint: 'https://hooks.example.com/a', confirmed: true });
  const result = await run();
  expect(result).toMatchObject({ status: 'PASS', summary: '2 confirmed, 0 pending confirmation' });
});

test('FAIL: the topic does not exist, or cannot be read', async () => {
  const world = install(healthyWorld());
  world.subscriptions.delete(TOPIC_ARN);
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'no-topic' },
    summary: `${TOPIC_ARN} does not exist`,
  });
  world.failures.topicSubscriptions.push(serviceError('AuthorizationErrorException', 'not authorized'));
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: {
      kind: 'unreadable',
      failure: { name: 'AuthorizationErrorException', message: 'not authorized' },
    },
    summary: 'cannot be read: AuthorizationErrorException: not authorized',
  });
});
