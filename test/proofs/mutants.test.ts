// The mutation tests skip the requests a mutant cannot change (`mayChange`): those whose action,
// resource or principal the mutated statement does not match, or where a condition entry the mutant
// leaves alone failed, as the engine analysed them on the unmutated policy. These tests pin what
// that rests on.
import { builtPolicies, evaluateAnalysed } from '../../lib/analysis/iam';
import {
  type ApplyingStatements,
  type ConditionOutcome,
  type Mutant,
  mayChange,
  mutantsOf,
} from '../../lib/analysis/mutants';
import { SID } from '../../lib/policies';
import { configWith } from '../support/config';

const config = configWith();
const policies = builtPolicies(config);
const indexOf = (sid: string) => policies.ssnKey.Statement.findIndex((s) => s.Sid === sid) + 1;

test('each mutant names the statement it changes, from 1, and what it changes there', () => {
  const mutants = mutantsOf(policies.ssnKey);
  const deny = mutants.filter((m) => m.description.endsWith(` ${SID.denySsnKeyDecryptOperations}`));
  expect(deny.length).toBeGreaterThan(3);
  expect(new Set(deny.map((m) => m.statementIndex))).toEqual(
    new Set([indexOf(SID.denySsnKeyDecryptOperations)]),
  );
  const described = (kind: string) =>
    mutants.filter((m) => m.change.kind === kind).map((m) => m.description.split(' ').slice(0, 2).join(' '));
  expect(new Set(described('principal'))).toEqual(new Set(['widen principal']));
  expect(new Set(described('statement'))).toEqual(new Set(['remove statement']));
  expect(new Set(described('condition'))).toEqual(new Set(['remove condition']));
  expect(new Set(described('value'))).toEqual(new Set(['remove value']));
  expect(new Set(described('action'))).toEqual(new Set(['remove action']));
  const condition = mutants.find((m) => m.change.kind === 'condition');
  expect(condition?.change).toEqual({
    kind: 'condition',
    operator: expect.any(String),
    key: expect.any(String),
  });
  expect(condition?.description).toContain(
    condition?.change.kind === 'condition' ? `${condition.change.operator} ${condition.change.key}` : '?',
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
  // The service-linked role's condition entry is reported, and fails for an administrator.
  expect(applying.conditions.get(linkedRole)).toContainEqual(
    expect.objectContaining({ key: 'aws:PrincipalArn', holds: false }),
  );
});

describe('a mutant may change a request only where its change can change whether the statement applies', () => {
  const at = 3;
  const mutant = (change: Mutant['change']): Mutant => ({
    description: change.kind,
    policy: policies.ssnKey,
    statementIndex: at,
    change,
  });
  const entry = (operator: string, key: string, holds: boolean) => ({ operator, key, holds });
  const applying = (
    matching: number[],
    anyPrincipal: number[],
    conditions: ConditionOutcome[] = [],
  ): ApplyingStatements => ({
    matching: new Set(matching),
    anyPrincipal: new Set(anyPrincipal),
    conditions: new Map([[at, conditions]]),
  });
  const viaService = entry('StringEquals', 'kms:ViaService', true);
  const account = entry('StringEquals', 'aws:PrincipalAccount', false);
  const removeAccount = { kind: 'condition', operator: 'StringEquals', key: 'aws:PrincipalAccount' } as const;

  test.each([['statement'], ['action']] as const)('a removed %s: where the statement applied', (kind) => {
    expect(mayChange(mutant({ kind }), applying([at], [at], [viaService]))).toBe(true);
    expect(mayChange(mutant({ kind }), applying([], [at], [viaService]))).toBe(false);
    expect(mayChange(mutant({ kind }), applying([at], [at], [viaService, account]))).toBe(false);
  });

  test('a removed condition entry: where it alone failed', () => {
    expect(mayChange(mutant(removeAccount), applying([at], [at], [viaService, account]))).toBe(true);
    expect(mayChange(mutant(removeAccount), applying([at], [at], [viaService]))).toBe(true);
    expect(mayChange(mutant(removeAccount), applying([at], [at], [{ ...account, holds: true }]))).toBe(false);
    expect(
      mayChange(mutant(removeAccount), applying([at], [at], [{ ...viaService, holds: false }, account])),
    ).toBe(false);
    expect(mayChange(mutant(removeAccount), applying([], [at], [account]))).toBe(false);
  });

  test('a removed condition value: where no other entry failed, whether its own held or not', () => {
    const value = { ...removeAccount, kind: 'value' } as const;
    expect(mayChange(mutant(value), applying([at], [at], [viaService, account]))).toBe(true);
    expect(mayChange(mutant(value), applying([at], [at], [viaService, { ...account, holds: true }]))).toBe(
      true,
    );
    expect(mayChange(mutant(value), applying([at], [at], [{ ...viaService, holds: false }]))).toBe(false);
  });

  test('a widened principal: wherever action and resource match and no entry failed', () => {
    const widen = mutant({ kind: 'principal' });
    expect(mayChange(widen, applying([], [at], [viaService]))).toBe(true);
    expect(mayChange(widen, applying([at], [at]))).toBe(true);
    expect(mayChange(widen, applying([], []))).toBe(false);
    expect(mayChange(widen, applying([], [at], [account]))).toBe(false);
  });
});
