import { join } from 'node:path';
import { main } from '../../bin/break-glass';
import { DomainError } from '../../lib/domain-error';
import { openPolicies } from '../../lib/seal/opening';
import { policyText } from '../../lib/policies/policy-json';
import { assertKeyPolicyWritable } from '../../lib/break-glass/safety';
import { baseline, currentAws, fakeAws, OPENING, NOW, RESTORER } from './fixture';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PROJECT_ROOT } from '../support/config';
import { tempFolder } from '../support/temp';

test('a key policy without the account administration statement is never written', () => {
  const opened = openPolicies(baseline, OPENING).key;
  expect(() => assertKeyPolicyWritable(opened, baseline.key, policyText(opened))).not.toThrow();
  const withoutAdmin = { ...opened, Statement: opened.Statement.slice(1) };
  expect(() => assertKeyPolicyWritable(withoutAdmin, baseline.key, policyText(withoutAdmin))).toThrow(
    /without the unchanged EnableInAccountPermissions statement/,
  );
  const narrowed = {
    ...opened,
    Statement: [{ ...opened.Statement[0], Action: 'kms:Describe*' }, ...opened.Statement.slice(1)],
  };
  expect(() => assertKeyPolicyWritable(narrowed, baseline.key, policyText(narrowed))).toThrow(DomainError);
  expect(() => assertKeyPolicyWritable(narrowed, baseline.key, policyText(narrowed))).toThrow(
    expect.objectContaining({ reason: 'key-policy-unsafe' }),
  );
});

test('a key policy over 32,768 bytes is refused', () => {
  const opened = openPolicies(baseline, OPENING).key;
  const text = policyText(opened);
  expect(() => assertKeyPolicyWritable(opened, baseline.key, text.padEnd(32_768))).not.toThrow();
  expect(() => assertKeyPolicyWritable(opened, baseline.key, text.padEnd(32_769))).toThrow(
    /32769 bytes, over KMS's limit of 32768 bytes/,
  );
});

test('the default audit log and backups go to .break-glass/ in the current folder', async () => {
  // GIVEN: an operator folder with its configuration
  const cwd = tempFolder('break-glass-default-');
  writeFileSync(
    join(cwd, 'backup-account.json'),
    readFileSync(join(PROJECT_ROOT, 'backup-account.example.json')),
  );
  fakeAws();
  // WHEN
  const code = await main(
    ['open', '--principal', RESTORER, '--reason', OPENING.reason, '--duration', '2h', '--yes'],
    {
      cwd,
      out: () => undefined,
      err: () => undefined,
      now: () => NOW,
      aws: () => currentAws(),
      sleep: async () => undefined,
    },
  );
  // THEN
  expect(code).toBe(0);
  expect(currentAws().callsOf('putKeyPolicy')).toHaveLength(1);
  expect(existsSync(join(cwd, '.break-glass', 'audit.jsonl'))).toBe(true);
  expect(existsSync(join(cwd, '.break-glass', 'backups', '2030-03-01T10-00-00Z-open.json'))).toBe(true);
});
