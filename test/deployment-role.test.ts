// The scoped execution policy of docs/deployment-role.md covers every resource the stack declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configWith, PROJECT_ROOT } from './support/config';
import { synthesize } from './support/synthesis';

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: string | string[];
}

function documentedPolicy(): { Statement: Statement[] } {
  const text = readFileSync(join(PROJECT_ROOT, 'docs', 'deployment-role.md'), 'utf8');
  const start = text.indexOf('```json\n') + '```json\n'.length;
  return JSON.parse(text.slice(start, text.indexOf('\n```', start)));
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const statement = (sid: string) => documentedPolicy().Statement.find((s) => s.Sid === sid);

test.each([
  ['the example', configWith()],
  [
    'every option on',
    configWith({
      vault_lock_mode: 'governance',
      vault_lock_max_retention_days: 3650,
      alert_emails: ['backup-alerts@example.com'],
      restore_testing_schedule: 'cron(0 5 ? * SUN *)',
      audit_framework: true,
    }),
  ],
])('%s: each resource type is of a service the policy allows', (_name, config) => {
  const resources = synthesize(config).template.toJSON().Resources as Record<string, { Type: string }>;
  const services = new Set(
    Object.values(resources)
      .map((r) => r.Type)
      .filter((type) => type !== 'AWS::CDK::Metadata')
      .map((type) => type.split('::')[1].toLowerCase()),
  );
  expect(services.size).toBeGreaterThan(5);
  const allowed = list(statement('StackServices')!.Action);
  for (const service of services) {
    if (service === 'iam') continue;
    expect({ service, allowed: allowed.includes(`${service}:*`) }).toEqual({ service, allowed: true });
  }
  // IAM only on what CloudFormation names after the stack.
  expect(list(statement('StackRolesOnly')!.Resource)).toEqual(['arn:aws:iam::*:role/BackupAccountStack-*']);
  expect(list(statement('StackPoliciesOnly')!.Resource)).toEqual([
    'arn:aws:iam::*:policy/BackupAccountStack-*',
  ]);
  for (const [id, r] of Object.entries(resources)) {
    if (!r.Type.startsWith('AWS::IAM::')) continue;
    expect({ id, type: r.Type }).toEqual({
      id,
      type: expect.stringMatching(/^AWS::IAM::(Role|ManagedPolicy)$/),
    });
    expect((r as { Properties?: Record<string, unknown> }).Properties?.RoleName).toBeUndefined();
    expect((r as { Properties?: Record<string, unknown> }).Properties?.ManagedPolicyName).toBeUndefined();
  }
});

test('no wildcard action, and no iam:*', () => {
  const actions = documentedPolicy().Statement.flatMap((s) => list(s.Action));
  expect(actions).not.toContain('*');
  expect(actions.filter((action) => action.startsWith('iam:') && action.includes('*'))).toEqual([]);
});
