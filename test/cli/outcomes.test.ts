import type { AwsFailure } from '../../lib/aws-errors';
import type { CleanupOutcome } from '../../lib/break-glass/commands/cleanup';
import type { OpenOutcome } from '../../lib/break-glass/commands/open';
import type { WriteFailure } from '../../lib/break-glass/transaction';
import {
  AWS_EXIT,
  cleanupExit,
  describeError,
  exitOfCause,
  openExit,
  OUTCOME_EXIT,
  REASON_EXIT,
  writeFailureExit,
} from '../../lib/cli';
import { DomainError, type DomainReason } from '../../lib/domain-error';
import { documentedExitCodes } from '../support/exit-codes';

/**
 * Each outcome kind, refusal reason and AWS failure with the code docs/break-glass.md gives it, and
 * the words of that row that say why: the mapping in lib/cli/outcomes.ts must agree with both.
 */
const DOCUMENTED = {
  ok: [0, /^success/],
  unexpected: [1, /^unexpected error/],
  usage: [2, /^invalid arguments/],
  refused: [3, /^refused by a safety check/],
  noCredentials: [4, /^no usable AWS credentials/],
  accessDenied: [5, /^access denied by AWS/],
  throttled: [6, /^throttled by AWS/],
  notFound: [7, /^not found/],
  rolledBack: [8, /rolled back/],
  inconsistent: [9, /inconsistent/],
  open: [10, /^status: OPEN/],
  expired: [11, /^status: EXPIRED/],
  drifted: [12, /^status: DRIFTED/],
  network: [13, /^cannot reach AWS/],
  restoredDataRemains: [14, /^status, close, cleanup: data restored/],
  recordBroken: [17, /^audit: the break-glass record/],
} as const satisfies Record<string, readonly [number, RegExp]>;
type Documented = keyof typeof DOCUMENTED;

function code(name: Documented): number {
  return DOCUMENTED[name][0];
}

test('each code used here is in the documented table with the meaning named here', () => {
  const rows = new Map(documentedExitCodes().map((r) => [r.code, r.meaning]));
  for (const [exit, pattern] of Object.values(DOCUMENTED)) expect(rows.get(exit)).toMatch(pattern);
});

const OUTCOMES: Record<keyof typeof OUTCOME_EXIT, Record<string, Documented>> = {
  status: {
    sealed: 'ok',
    'sealed-restored-data-remains': 'restoredDataRemains',
    open: 'open',
    expired: 'expired',
    drifted: 'drifted',
  },
  open: { planned: 'ok', opened: 'ok', unchanged: 'ok' },
  close: { sealed: 'ok', 'restored-data-remains': 'restoredDataRemains' },
  cleanup: { planned: 'ok', deleted: 'ok', 'restored-data-remains': 'restoredDataRemains' },
  audit: { intact: 'ok', broken: 'recordBroken' },
  app: { synthesized: 'ok', 'configuration-error': 'usage' },
};

test.each(
  Object.entries(OUTCOMES).flatMap(([command, kinds]) =>
    Object.entries(kinds).map(([kind, name]) => [command, kind, name] as const),
  ),
)('%s: the outcome %s exits with the documented code for %s', (command, kind, name) => {
  expect((OUTCOME_EXIT as Record<string, Record<string, number>>)[command][kind]).toBe(code(name));
});

test('the table has no outcome kind that this test does not name', () => {
  for (const [command, kinds] of Object.entries(OUTCOME_EXIT))
    expect(Object.keys(kinds).sort()).toEqual(Object.keys(OUTCOMES[command as keyof typeof OUTCOMES]).sort());
});

const AWS: Record<AwsFailure, Documented> = {
  credentials: 'noCredentials',
  'access-denied': 'accessDenied',
  throttled: 'throttled',
  'not-found': 'notFound',
  network: 'network',
  'malformed-policy': 'refused',
  unexpected: 'unexpected',
};

test.each(Object.entries(AWS))('an AWS failure %s exits with the code for %s', (kind, name) => {
  expect(AWS_EXIT[kind as AwsFailure]).toBe(code(name));
  expect(exitOfCause({ aws: kind as AwsFailure })).toBe(code(name));
});

/** Each reason's code; a function when the AWS failure behind it decides. */
const REASONS: Record<DomainReason, Documented | ((aws: AwsFailure) => Documented)> = {
  'principal-invalid': 'usage',
  'reason-invalid': 'usage',
  'duration-invalid': 'usage',
  'since-invalid': 'usage',
  'accept-reason-missing': 'usage',
  'option-invalid': 'usage',
  'wrong-account': 'refused',
  'alias-drift': 'refused',
  'policies-not-openable': 'refused',
  'key-policy-unsafe': 'refused',
  'baseline-not-in-template': 'refused',
  'not-restored-here': 'refused',
  'not-the-restored-table': 'refused',
  'table-changed': 'refused',
  'not-confirmed': 'refused',
  'no-terminal': 'refused',
  'record-taken': 'refused',
  // a record that cannot be written: AWS's reason when it names one, else a refusal to act
  'record-unwritable': (aws) => (aws === 'unexpected' ? 'refused' : AWS[aws]),
  'no-backup-name': 'refused',
  'outcome-unrecorded': 'inconsistent',
  'stack-output-missing': 'notFound',
  'template-unreadable': (aws) => AWS[aws],
};

test.each(Object.entries(REASONS))('the reason %s exits with its documented code', (reason, expected) => {
  expect(Object.keys(REASON_EXIT)).toContain(reason);
  for (const aws of Object.keys(AWS) as AwsFailure[]) {
    const name = typeof expected === 'function' ? expected(aws) : expected;
    expect(exitOfCause({ reason: reason as DomainReason, aws })).toBe(code(name));
    // and a DomainError that escapes a command ends the same way
    expect(describeError(new DomainError(reason as DomainReason, 'why', aws)).exitCode).toBe(code(name));
  }
});

test('the table has no reason that this test does not name', () => {
  expect(Object.keys(REASON_EXIT).sort()).toEqual(Object.keys(REASONS).sort());
});

test('a failed write of the SSN policies: rolled back 8, inconsistent 9, else the cause of the first failed write', () => {
  const failures: [WriteFailure, Documented][] = [
    [{ stage: 'first', policy: 'key', firstWritten: false, cause: 'c', causeKind: 'throttled' }, 'throttled'],
    [
      { stage: 'second', policy: 'key', firstWritten: false, cause: 'c', causeKind: 'access-denied' },
      'accessDenied',
    ],
    [
      { stage: 'second', policy: 'key', firstWritten: true, cause: 'c', causeKind: 'throttled' },
      'inconsistent',
    ],
    [{ stage: 'rollback', policy: 'vault', cause: 'c', rollbackError: 'r' }, 'inconsistent'],
    [{ stage: 'read-back', differs: ['key'] }, 'inconsistent'],
    [{ stage: 'rolled-back', policy: 'vault', cause: 'c' }, 'rolledBack'],
  ];
  for (const [failure, name] of failures) expect(writeFailureExit(failure)).toBe(code(name));
});

test('open and cleanup: refusals exit 3, a failed deletion by its cause', () => {
  const refused: OpenOutcome = { kind: 'refused', reason: 'no-terminal', message: 'm' };
  expect(openExit(refused)).toBe(code('refused'));
  const plan = { since: 's', targets: [], mismatched: [], remaining: [] };
  const failed: CleanupOutcome = {
    kind: 'delete-failed',
    plan,
    deleted: [],
    cause: { aws: 'access-denied' },
    message: 'm',
  };
  expect(cleanupExit(failed)).toBe(code('accessDenied'));
  expect(cleanupExit({ ...failed, cause: { reason: 'record-unwritable', aws: 'unexpected' } })).toBe(
    code('refused'),
  );
  expect(cleanupExit({ kind: 'refused', reason: 'table-changed', message: 'm' })).toBe(code('refused'));
});
