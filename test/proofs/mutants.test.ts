// The mutation tests skip the requests a mutant cannot change (`mayChange`): those whose action,
// resource or principal the mutated statement does not match, as the engine analysed them on the
// unmutated policy. These tests pin what that rests on.
import { builtPolicies, evaluateAnalysed } from '../../lib/analysis/iam';
import { mayChange, mutantsOf } from '../../lib/analysis/mutants';
import { SID } from '../../lib/policies';
import { configWith } from '../support/config';

const config = configWith();
const policies = builtPolicies(config);
const indexOf = (sid: string) => policies.ssnKey.Statement.findIndex((s) => s.Sid === sid) + 1;

test('each mutant names the statement it changes, from 1, and whether it widens a principal', () => {
  const mutants = mutantsOf(policies.ssnKey);
  const deny = mutants.filter((m) => m.description.endsWith(` ${SID.denySsnKeyDecryptOperations}`));
  expect(deny.length).toBeGreaterThan(3);
  expect(new Set(deny.map((m) => m.statementIndex))).toEqual(
    new Set([indexOf(SID.denySsnKeyDecryptOperations)]),
  );
  expect(mutants.filter((m) => m.widensPrincipal).map((m) => m.description)).toEqual(
    mutants.filter((m) => m.description.startsWith('widen principal')).map((m) => m.description),
  );
});

test('the engine reports which statements apply: action, resource and principal', async () => {
  const { applying } = await evaluateAnalysed(config, 'ssnKey', policies.ssnKey, {
    caller: { kind: 'backupAdmin' },
    action: 'kms:Decrypt',
  });
  const deny = indexOf(SID.denySsnKeyDecryptOperations);
  const linkedRole = indexOf(SID.allowBackupServiceLinkedRole);
  const grants = indexOf(SID.denyGrantsNotForAwsServices);
  expect(applying.matching.has(deny)).toBe(true);
  // Its principal is "*", narrowed by a condition to the service-linked role: it applies, its condition fails.
  expect(applying.matching.has(linkedRole)).toBe(true);
  // Grant operations only: kms:Decrypt is not among its actions.
  expect(applying.anyPrincipal.has(grants)).toBe(false);
});

test('a mutant may change a request only where its statement applies; a widened principal, wherever action and resource match', () => {
  const [removal] = mutantsOf(policies.ssnKey);
  const applying = (matching: number[], anyPrincipal: number[]) => ({
    matching: new Set(matching),
    anyPrincipal: new Set(anyPrincipal),
  });
  const at = removal.statementIndex;
  expect(mayChange(removal, applying([at], [at]))).toBe(true);
  expect(mayChange(removal, applying([], [at]))).toBe(false);
  expect(mayChange({ ...removal, widensPrincipal: true }, applying([], [at]))).toBe(true);
  expect(mayChange({ ...removal, widensPrincipal: true }, applying([], []))).toBe(false);
});
