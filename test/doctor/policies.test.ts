import { checkGeneralPolicies, checkSsnPolicies } from '../../lib/doctor/checks/policies';
import { baselinePolicies } from '../../lib/seal/baseline';
import { openPolicies } from '../../lib/seal/opening';
import { policyText } from '../../lib/policies/policy-json';
import {
  aws,
  config,
  context,
  GENERAL,
  healthyWorld,
  install,
  KEY_ARN,
  KEY_ID,
  serviceError,
  SSN,
  worded,
} from './fixture';

const grant = {
  principalArn: `arn:aws:iam::${config.backupAccountId}:role/SsnRestore`,
  expiry: '2030-03-01T12:00:00Z',
  reason: 'INC-1234 restore the licensee table',
};

function openedWorld() {
  const world = healthyWorld();
  const opened = openPolicies(baselinePolicies(config), grant);
  world.vaults.get(SSN.vaultName)!.policy = policyText(opened.vault);
  world.keys.get(KEY_ID.ssn)!.policy = policyText(opened.key);
  return world;
}

/** The SSN check's result, with the words the report prints for it. */
const ssn = async (ctx = context()) => worded(await checkSsnPolicies(aws(), ctx, SSN, KEY_ARN.ssn));
const general = async () => worded(await checkGeneralPolicies(aws(), context(), GENERAL, KEY_ARN.general));

test('PASS: the SSN policies are the baseline (SEALED, as break-glass status says)', async () => {
  // GIVEN
  install(healthyWorld());
  // WHEN
  const result = await ssn();
  // THEN
  expect(result).toMatchObject({
    id: 'policies:ssn',
    status: 'PASS',
    finding: { kind: 'seal', seal: { kind: 'sealed' } },
    summary: 'SEALED: the vault and key policies are the baseline',
    facts: { state: 'SEALED' },
  });
});

test('WARN: an opening of the break-glass tool is reported with its principal, expiry and reason', async () => {
  install(openedWorld());
  expect(await ssn()).toMatchObject({
    status: 'WARN',
    finding: { kind: 'seal', seal: { kind: 'open', opening: grant } },
    summary:
      'OPEN for arn:aws:iam::000011114444:role/SsnRestore until 2030-03-01T12:00:00Z (reason: INC-1234 restore the licensee table); run break-glass close when the restore is done',
    facts: { state: 'OPEN', principalArn: grant.principalArn, expiry: grant.expiry },
  });
});

test('WARN: an expired opening asks for close', async () => {
  install(openedWorld());
  const result = await ssn(context({ now: new Date('2030-03-01T13:00:00Z') }));
  expect(result.status).toBe('WARN');
  expect(result.finding).toMatchObject({ seal: { kind: 'expired', opening: grant } });
  expect(result.summary).toMatch(
    /^EXPIRED: the opening for .* ended at 2030-03-01T12:00:00Z; its statements remain: run break-glass close$/,
  );
});

test('FAIL: a hand-edited SSN key policy is DRIFTED, with which policy', async () => {
  const world = healthyWorld();
  const key = JSON.parse(world.keys.get(KEY_ID.ssn)!.policy);
  key.Statement.pop();
  world.keys.get(KEY_ID.ssn)!.policy = JSON.stringify(key);
  install(world);
  const result = await ssn();
  expect(result.status).toBe('FAIL');
  expect(result.finding).toMatchObject({
    seal: { kind: 'drifted', policies: { vault: { kind: 'sealed' }, key: { kind: 'drifted' } } },
  });
  expect(result.details).toEqual([
    'SSN vault access policy: sealed (same as the baseline)',
    'SSN key policy: DRIFTED: the key policy differs from the baseline',
  ]);
});

test('FAIL: an SSN vault without an access policy is DRIFTED', async () => {
  const world = healthyWorld();
  world.vaults.get(SSN.vaultName)!.policy = undefined;
  install(world);
  const result = await ssn();
  expect(result.status).toBe('FAIL');
  expect(result.details[0]).toBe('SSN vault access policy: DRIFTED: the vault has no access policy');
});

test('FAIL: a policy that cannot be read, or no key to read it from', async () => {
  const world = install(healthyWorld());
  expect(worded(await checkSsnPolicies(aws(), context(), SSN, undefined))).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'no-key' },
    summary: `no key of ${SSN.vaultName} to read the policy of`,
  });
  world.failures.getKeyPolicy.push(serviceError('AccessDeniedException', 'no GetKeyPolicy'));
  expect(await ssn()).toMatchObject({
    status: 'FAIL',
    summary: 'cannot be read: AccessDeniedException: no GetKeyPolicy',
  });
});

test("PASS / FAIL: the general policies are the stack's, or drifted", async () => {
  install(healthyWorld());
  expect(await general()).toMatchObject({
    id: 'policies:general',
    status: 'PASS',
    finding: { kind: 'policies', drifted: [] },
    summary: "the vault and key policies are the stack's",
  });
  const world = healthyWorld();
  const vault = JSON.parse(world.vaults.get(GENERAL.vaultName)!.policy!);
  vault.Statement[0].Principal = { AWS: '*' };
  world.vaults.get(GENERAL.vaultName)!.policy = JSON.stringify(vault);
  install(world);
  const result = await general();
  expect(result).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'policies', drifted: [{ name: 'vault', state: { kind: 'drifted' } }] },
    summary: "DRIFTED: the vault policy differ from the stack's; redeploy the stack to restore them",
    details: ['the vault policy differs from the baseline'],
  });
});
