import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { checkKey } from '../../lib/doctor/checks/key';
import {
  clients,
  context,
  healthyWorld,
  install,
  KEY_ARN,
  KEY_ID,
  kmsMock,
  serviceError,
  SSN,
} from './fixture';

const run = () => checkKey(clients(), context(), SSN, KEY_ARN.ssn);

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
  expect(result.facts).toMatchObject({ enabled: true, rotationEnabled: true, aliasTarget: KEY_ID.ssn });
  expect(kmsMock).toHaveReceivedCommandWith(DescribeKeyCommand, { KeyId: KEY_ARN.ssn });
  expect(kmsMock).toHaveReceivedCommandWith(GetKeyRotationStatusCommand, { KeyId: KEY_ARN.ssn });
});

test('FAIL: a key pending deletion says when, and how to cancel it', async () => {
  const world = healthyWorld();
  world.keys[KEY_ARN.ssn].meta = {
    ...world.keys[KEY_ARN.ssn].meta,
    Enabled: false,
    KeyState: 'PendingDeletion',
    DeletionDate: new Date('2030-03-20T00:00:00Z'),
  };
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toBe(
    `key ${KEY_ID.ssn}: PENDING DELETION on 2030-03-20: cancel it now (aws kms cancel-key-deletion --key-id ${KEY_ID.ssn}), or every copy it encrypts becomes unreadable`,
  );
});

test('FAIL: a disabled key with rotation off names both problems', async () => {
  const world = healthyWorld();
  world.keys[KEY_ARN.ssn] = {
    meta: { ...world.keys[KEY_ARN.ssn].meta, Enabled: false, KeyState: 'Disabled' },
    rotation: false,
  };
  install(world);
  expect((await run()).summary).toBe(
    `key ${KEY_ID.ssn}: Disabled: copies cannot be encrypted or read; automatic rotation is off`,
  );
});

test('FAIL: the alias points at another key, or does not exist', async () => {
  const world = healthyWorld();
  world.aliases = world.aliases.map((a) =>
    a.AliasName === SSN.aliasName ? { ...a, TargetKeyId: KEY_ID.general } : a,
  );
  install(world);
  expect((await run()).summary).toBe(
    `key ${KEY_ID.ssn}: alias alias/compactconnect-ssn-backup-key points at key ${KEY_ID.general}, not at the vault's key`,
  );
  world.aliases = world.aliases.filter((a) => a.AliasName !== SSN.aliasName);
  install(world);
  expect((await run()).summary).toBe(
    `key ${KEY_ID.ssn}: alias alias/compactconnect-ssn-backup-key does not exist`,
  );
});

test('the alias is found on a later page of ListAliases', async () => {
  install(healthyWorld());
  kmsMock
    .on(ListAliasesCommand)
    .resolvesOnce({
      Aliases: [{ AliasName: 'alias/aws/backup', TargetKeyId: 'x' }],
      Truncated: true,
      NextMarker: 'm2',
    })
    .resolvesOnce({ Aliases: [{ AliasName: SSN.aliasName, TargetKeyId: KEY_ID.ssn }], Truncated: false });
  expect((await run()).status).toBe('PASS');
  expect(kmsMock).toHaveReceivedCommandWith(ListAliasesCommand, { Marker: 'm2' });
});

test('FAIL: no key known, or the key cannot be read', async () => {
  install(healthyWorld());
  expect(await checkKey(clients(), context(), SSN, undefined)).toMatchObject({
    status: 'FAIL',
    summary: 'no key to check: neither the vault nor the stack named one',
  });
  kmsMock.on(GetKeyRotationStatusCommand).rejects(serviceError('AccessDeniedException', 'not allowed'));
  expect(await run()).toMatchObject({
    status: 'FAIL',
    summary: `${KEY_ARN.ssn} cannot be read: AccessDeniedException: not allowed`,
  });
});
