import { checkKeyEvents, MAX_EVENTS } from '../../lib/doctor/checks/kms-events';
import {
  ACCOUNT,
  aws,
  context,
  GENERAL,
  healthyWorld,
  hoursAgo,
  install,
  KEY_ARN,
  NOW,
  serviceError,
  SLR_ARN,
  SLR_IDENTITY,
  SOURCE_ACCOUNT,
  trailEvent,
  worded,
} from './fixture';

/** The check's result, with the words the report prints for it. */
const run = async () => worded(await checkKeyEvents(aws(), context(), GENERAL, KEY_ARN.general));

const SOURCE_BACKUP_ROLE = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${SOURCE_ACCOUNT}:assumed-role/AWSServiceRoleForBackup/AWSBackup-AWSServiceRoleForBackup`,
  accountId: SOURCE_ACCOUNT,
  invokedBy: 'backup.amazonaws.com',
};

test("PASS: the first copy used this account's AWS Backup service-linked role; the line says so", async () => {
  // GIVEN
  install(healthyWorld());
  // WHEN
  const result = await run();
  // THEN
  expect(result).toMatchObject({
    id: 'kms-events:general',
    status: 'PASS',
    title: 'KMS events on alias/compactconnect-backup-key (last 7 days)',
    summary: '2 events by 1 principal, none refused',
    details: [
      `${SLR_ARN} via backup.amazonaws.com (this account's AWS Backup service-linked role): CreateGrant ×1, GenerateDataKey ×1`,
    ],
  });
  expect(result.finding).toMatchObject({
    kind: 'events',
    eventCount: 2,
    truncated: false,
    concern: undefined,
  });
  expect(result.facts?.users[0]).toMatchObject({ path: 'backup-service-linked-role', accountId: ACCOUNT });
  expect(aws().callsOf('keyEvents')).toEqual([[KEY_ARN.general, hoursAgo(7 * 24), NOW]]);
});

test('PASS: a source account through AWS Backup and an AWS service principal are told apart', async () => {
  const world = healthyWorld();
  world.events.set(KEY_ARN.general, [
    trailEvent({ eventName: 'Decrypt', userIdentity: SOURCE_BACKUP_ROLE }),
    trailEvent({
      eventName: 'Decrypt',
      userIdentity: { type: 'AWSService', invokedBy: 'backup.amazonaws.com' },
    }),
  ]);
  install(world);
  const result = await run();
  expect(result.status).toBe('PASS');
  expect(result.details).toEqual([
    `${SOURCE_BACKUP_ROLE.arn} via backup.amazonaws.com (a source account): Decrypt ×1`,
    'backup.amazonaws.com via backup.amazonaws.com (an AWS service principal): Decrypt ×1',
  ]);
});

test('FAIL: KMS refused the AWS Backup service-linked role: copies fail', async () => {
  const world = healthyWorld();
  world.events.set(KEY_ARN.general, [
    trailEvent({ eventName: 'GenerateDataKey', userIdentity: SLR_IDENTITY, errorCode: 'AccessDenied' }),
    trailEvent({ eventName: 'DescribeKey', userIdentity: SLR_IDENTITY }),
  ]);
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.finding).toMatchObject({
    concern: 'copy-path-refused',
    users: [{ path: 'backup-service-linked-role', denied: { GenerateDataKey: 1 } }],
  });
  expect(result.summary).toBe(
    '2 events by 1 principal; KMS REFUSED a copy path: copies into this vault fail (see README, After the first deployment)',
  );
  expect(result.details[0]).toMatch(/DescribeKey ×1, GenerateDataKey ×1; ACCESS DENIED: GenerateDataKey ×1$/);
});

test('FAIL: KMS refused a source account', async () => {
  const world = healthyWorld();
  world.events.set(KEY_ARN.general, [
    trailEvent({
      eventName: 'CreateGrant',
      userIdentity: { type: 'AWSAccount', accountId: SOURCE_ACCOUNT },
      errorCode: 'AccessDenied',
    }),
  ]);
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.details).toEqual([
    `AWSAccount of account ${SOURCE_ACCOUNT} (a source account): CreateGrant ×1; ACCESS DENIED: CreateGrant ×1`,
  ]);
});

test('WARN: an administrator of this account denied (a DENY at work) is shown, not failed', async () => {
  const world = healthyWorld();
  const admin = `arn:aws:iam::${ACCOUNT}:role/Administrator`;
  world.events.set(KEY_ARN.general, [
    ...(world.events.get(KEY_ARN.general) ?? []),
    trailEvent({
      eventName: 'Decrypt',
      userIdentity: {
        type: 'AssumedRole',
        accountId: ACCOUNT,
        sessionContext: { sessionIssuer: { arn: admin } },
      },
      errorCode: 'AccessDeniedException',
    }),
  ]);
  install(world);
  const result = await run();
  expect(result.status).toBe('WARN');
  expect(result.finding).toMatchObject({ concern: 'other-refused' });
  expect(result.summary).toBe(
    '3 events by 2 principals; KMS refused a principal outside the copy paths: check who it was',
  );
  expect(result.details).toContain(
    `${admin} (a principal of this account): Decrypt ×1; ACCESS DENIED: Decrypt ×1`,
  );
});

test('WARN: another account, not a source account, used the key', async () => {
  const world = healthyWorld();
  world.events.set(KEY_ARN.general, [
    trailEvent({ eventName: 'Decrypt', userIdentity: { type: 'AWSAccount', accountId: '000099990000' } }),
  ]);
  install(world);
  const result = await run();
  expect(result).toMatchObject({
    status: 'WARN',
    finding: { concern: 'other-account', users: [{ path: 'other-account', accountId: '000099990000' }] },
    summary: '1 event by 1 principal; another account, not a source account, used the key',
  });
  expect(result.details[0]).toContain('ANOTHER ACCOUNT (not a source account)');
});

test('WARN: no KMS event yet: no copy has used the key', async () => {
  const world = healthyWorld();
  world.events.set(KEY_ARN.general, []);
  install(world);
  expect(await run()).toMatchObject({
    status: 'WARN',
    finding: { kind: 'no-events' },
    details: [],
    summary: 'no KMS event: no copy has used this key yet (run doctor again after the first backup window)',
  });
});

test('says when there were more events than it reads (MAX_EVENTS)', async () => {
  const world = install(healthyWorld());
  world.events.set(
    KEY_ARN.general,
    Array.from({ length: MAX_EVENTS + 1 }, () =>
      trailEvent({ eventName: 'Decrypt', userIdentity: SLR_IDENTITY }),
    ),
  );
  const result = await run();
  expect(result.finding).toMatchObject({ eventCount: MAX_EVENTS, truncated: true });
  expect(result.summary).toBe('1000+ events by 1 principal, none refused');
  expect(result.facts?.truncated).toBe(true);
});

test('FAIL: event history that cannot be read', async () => {
  install(healthyWorld()).failures.keyEvents.push(serviceError('AccessDeniedException', 'no LookupEvents'));
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'unreadable', failure: { name: 'AccessDeniedException', message: 'no LookupEvents' } },
    summary: 'event history cannot be read: AccessDeniedException: no LookupEvents',
  });
});

test('FAIL: the service-linked role refused counts as a copy path even without invokedBy', async () => {
  const world = healthyWorld();
  const identity: Record<string, unknown> = { ...SLR_IDENTITY };
  delete identity.invokedBy;
  world.events.set(KEY_ARN.general, [
    trailEvent({ eventName: 'Decrypt', userIdentity: identity, errorCode: 'AccessDenied' }),
  ]);
  install(world);
  expect((await run()).status).toBe('FAIL');
});

test('FAIL: no key known, and CloudTrail is not asked', async () => {
  install(healthyWorld());
  expect(worded(await checkKeyEvents(aws(), context(), GENERAL, undefined))).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'no-key' },
    summary: 'no key known to look events up for',
  });
  expect(aws().callsOf('keyEvents')).toEqual([]);
});
