import { checkKey } from '../../lib/doctor/checks/key';
import { aws, context, healthyWorld, install, KEY_ARN, KEY_ID, serviceError, SSN, worded } from './fixture';

/** The check's result, with the words the report prints for it. */
const run = async () => worded(await checkKey(aws(), context(), SSN, KEY_ARN.ssn));

test('PASS: enabled, rotating, not pending deletion, and the alias points at the vault key', async () => {
  // GIVEN
  install(healthyWorld());
  // WHEN
  const result = await run();
  // THEN
  expect(result).toMatchObject({
    id: 'key:ssn',
    status: 'PASS',
    title: 'SSN key alias/compactconnect-ssn-backup-key',
    summary: `key ${KEY_ID.ssn}: enabled, rotation on (every 365 days), its alias points at it`,
  });
  expect(result.finding).toEqual({ kind: 'key', keyId: KEY_ID.ssn, rotationPeriodDays: 365, problems: [] });
  expect(result.facts).toMatchObject({ enabled: true, rotationEnabled: true, aliasTarget: KEY_ID.ssn });
  expect(aws().callsOf('keyState')).toEqual([[KEY_ARN.ssn]]);
  expect(aws().callsOf('keyRotation')).toEqual([[KEY_ARN.ssn]]);
  expect(aws().callsOf('aliasTarget')).toEqual([[SSN.aliasName]]);
});

test('FAIL: a key pending deletion says when, and how to cancel it', async () => {
  const world = healthyWorld();
  const key = world.keys.get(KEY_ID.ssn)!;
  key.state = 'PendingDeletion';
  key.deletionDate = new Date('2030-03-20T00:00:00Z');
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.finding).toMatchObject({
    problems: [{ kind: 'pending-deletion', deletionDate: new Date('2030-03-20T00:00:00Z') }],
  });
  expect(result.summary).toBe(
    `key ${KEY_ID.ssn}: PENDING DELETION on 2030-03-20: cancel it now (aws kms cancel-key-deletion --key-id ${KEY_ID.ssn}), or every copy it encrypts becomes unreadable`,
  );
});

test('FAIL: a disabled key with rotation off names both problems', async () => {
  const world = healthyWorld();
  const key = world.keys.get(KEY_ID.ssn)!;
  key.state = 'Disabled';
  key.rotation = { enabled: false, periodDays: undefined };
  install(world);
  const result = await run();
  expect(result.finding).toMatchObject({
    problems: [{ kind: 'not-enabled', keyState: 'Disabled' }, { kind: 'rotation-off' }],
  });
  expect(result.summary).toBe(
    `key ${KEY_ID.ssn}: Disabled: copies cannot be encrypted or read; automatic rotation is off`,
  );
});

test('FAIL: the alias points at another key, or does not exist', async () => {
  const world = healthyWorld();
  world.aliases.set(SSN.aliasName, KEY_ID.general);
  install(world);
  const elsewhere = await run();
  expect(elsewhere.finding).toMatchObject({
    problems: [{ kind: 'alias-elsewhere', aliasTarget: KEY_ID.general }],
  });
  expect(elsewhere.summary).toBe(
    `key ${KEY_ID.ssn}: alias alias/compactconnect-ssn-backup-key points at key ${KEY_ID.general}, not at the vault's key`,
  );
  world.aliases.delete(SSN.aliasName);
  install(world);
  const missing = await run();
  expect(missing.finding).toMatchObject({ problems: [{ kind: 'no-alias' }] });
  expect(missing.summary).toBe(`key ${KEY_ID.ssn}: alias alias/compactconnect-ssn-backup-key does not exist`);
});

test('FAIL: no key known, or the key cannot be read', async () => {
  const world = install(healthyWorld());
  expect(worded(await checkKey(aws(), context(), SSN, undefined))).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'no-key' },
    summary: 'no key to check: neither the vault nor the stack named one',
  });
  world.failures.keyRotation.push(serviceError('AccessDeniedException', 'not allowed'));
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'unreadable', keyArn: KEY_ARN.ssn, failure: { name: 'AccessDeniedException' } },
    summary: `${KEY_ARN.ssn} cannot be read: AccessDeniedException: not allowed`,
  });
});
