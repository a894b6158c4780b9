import { ConfigError } from '../lib/config';
import { namedPolicies, planDestinations } from '../lib/plan';
import { KEY_POLICY_BUDGET, policySizeBytes, VAULT_POLICY_BUDGET } from '../lib/policies';
import { configWith } from './support/config';
import { synthesize } from './support/synthesis';

const FIVE_REGIONS = ['us-east-1', 'us-east-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i));

test('the measured size is the size of the policy in the synthesized template', () => {
  const config = configWith();
  const { template } = synthesize(config);
  const deployed = Object.entries(
    template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>,
  )
    // The alert and evidence keys' policies do not grow with the configuration (test/alerting and
    // test/evidence assert them whole).
    .filter(([id]) => !id.startsWith('Alerting') && !id.startsWith('Evidence'))
    .map(([, r]) => r.Properties.KeyPolicy ?? r.Properties.AccessPolicy)
    .filter(Boolean)
    .map((policy) => Buffer.byteLength(JSON.stringify(policy)));
  const measured = namedPolicies(planDestinations(config), config).map((p) => policySizeBytes(p.document));
  expect(measured.sort()).toEqual(deployed.sort());
});

test('the budgets are the KMS quota and the assumed vault limit, less the break-glass reserve', () => {
  expect(KEY_POLICY_BUDGET.limitBytes).toBe(32_768 - 5_120);
  expect(VAULT_POLICY_BUDGET.limitBytes).toBe(16_384 - 4_096);
});

test('335 source accounts in 5 source regions fit every budget', () => {
  expect(() =>
    synthesize(configWith({ source_account_ids: accounts(335), source_regions: FIVE_REGIONS })),
  ).not.toThrow();
});

test('one account more fails before CloudFormation would, naming the policy, its size and the limit', () => {
  const config = configWith({ source_account_ids: accounts(336), source_regions: FIVE_REGIONS });
  expect(() => synthesize(config)).toThrow(ConfigError);
  expect(() => synthesize(config)).toThrow(
    'Invalid configuration (policy size budgets): 1 problem\n' +
      '  - source_account_ids: the CompactConnectBackupVault-SSN vault access policy would be 12308 bytes, over the limit of 12288 bytes ' +
      '(an assumed vault access policy limit of 16384 bytes (AWS Backup documents none), less 4096 kept for break-glass statements); ' +
      'each source account adds about 33 bytes to it: ' +
      'list fewer source accounts or source regions, or give some environments a backup account of their own',
  );
});
