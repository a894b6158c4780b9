import { STACK_NAME } from '../../stack-facts';
import { DESTINATION_OUTPUTS, type DestinationKind, outputName } from '../../policies/destinations';
import { partitionOf } from '../../policies/partition';
import { unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { Checked, DoctorContext, Unreadable } from '../types';

export interface StackFacts {
  readonly stackId: string;
  readonly status: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** Each destination's key ARN as the stack outputs it, when it does. */
  readonly keyArns: Readonly<Partial<Record<DestinationKind, string>>>;
}

/** Where the stack is, or an output, that is not what the configuration says. */
export type StackProblem =
  | { readonly kind: 'other-account'; readonly account: string; readonly expected: string }
  | { readonly kind: 'other-region'; readonly region: string; readonly expected: string }
  /** `expected`: the value the output must have, when the configuration fixes it. */
  | { readonly kind: 'output-missing'; readonly output: string; readonly expected?: string }
  | {
      readonly kind: 'output-differs';
      readonly output: string;
      readonly value: string;
      readonly expected: string;
    }
  /** A key ARN output outside this account and region (`prefix`: the ARNs of its keys start so). */
  | {
      readonly kind: 'key-elsewhere';
      readonly output: string;
      readonly value: string;
      readonly prefix: string;
    }
  /** A key-ID output that is not the key of the key ARN output. */
  | {
      readonly kind: 'key-id-mismatch';
      readonly output: string;
      readonly value: string;
      readonly keyArnOutput: string;
      readonly keyArn: string;
    };

/** How the stack's last operation ended. */
export type StackPhase = 'done' | 'in-progress' | 'rolled-back' | 'failed';

export type StackFinding =
  | Unreadable
  | { readonly kind: 'not-deployed'; readonly account: string; readonly region: string }
  | {
      readonly kind: 'deployed';
      readonly stackStatus: string;
      readonly phase: StackPhase;
      readonly outputs: number;
      /** None when the stack is where it should be and its outputs are as configured. */
      readonly problems: readonly StackProblem[];
    };

export type StackCheck = Checked<'stack', StackFinding, StackFacts>;

/** Stack states in which the last deployment finished as asked. */
const DONE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE']);

/**
 * The stack is deployed, its last operation finished, and its outputs say what the configuration
 * says: vault names and ARNs, and key ARNs in this account and region whose IDs match the key-ID
 * outputs.
 */
export async function checkStack(
  aws: Pick<DoctorAws, 'findStack'>,
  ctx: DoctorContext,
  destinations: readonly ExpectedDestination[],
): Promise<StackCheck> {
  const base = { check: 'stack', id: 'stack' } as const;
  let stack;
  try {
    stack = await aws.findStack(STACK_NAME);
  } catch (error) {
    return { ...base, status: 'FAIL', finding: unreadable(error) };
  }
  if (!stack) {
    return {
      ...base,
      status: 'FAIL',
      finding: { kind: 'not-deployed', account: ctx.config.backupAccountId, region: ctx.region },
    };
  }
  const { outputs, status: stackStatus } = stack;
  const problems = [
    ...accountProblems(stack.stackId, ctx),
    ...destinations.flatMap((d) => outputProblems(d, outputs, ctx)),
  ];
  const keyArns = Object.fromEntries(
    destinations.map((d) => [d.kind, outputs[outputName(d.destination, 'BackupEncryptionKeyArn')]]),
  );
  const facts: StackFacts = { stackId: stack.stackId, status: stackStatus, outputs, keyArns };
  const phase: StackPhase = DONE.has(stackStatus)
    ? 'done'
    : stackStatus.endsWith('_IN_PROGRESS')
      ? 'in-progress'
      : stackStatus === 'UPDATE_ROLLBACK_COMPLETE'
        ? 'rolled-back'
        : 'failed';
  const status = problems.length > 0 || phase === 'failed' ? 'FAIL' : phase === 'done' ? 'PASS' : 'WARN';
  return {
    ...base,
    status,
    finding: { kind: 'deployed', stackStatus, phase, outputs: Object.keys(outputs).length, problems },
    facts,
  };
}

function accountProblems(stackId: string, ctx: DoctorContext): StackProblem[] {
  const [, , , region, account] = stackId.split(':');
  const problems: StackProblem[] = [];
  if (account !== ctx.config.backupAccountId)
    problems.push({ kind: 'other-account', account, expected: ctx.config.backupAccountId });
  if (region !== ctx.region) problems.push({ kind: 'other-region', region, expected: ctx.region });
  return problems;
}

function outputProblems(
  d: ExpectedDestination,
  outputs: Readonly<Record<string, string>>,
  ctx: DoctorContext,
): StackProblem[] {
  const [vaultName, vaultArn, keyIdName, keyArnName] = DESTINATION_OUTPUTS.map((o) =>
    outputName(d.destination, o),
  );
  const problems: StackProblem[] = [];
  const expect = (output: string, expected: string) => {
    const value = outputs[output];
    if (value === undefined) problems.push({ kind: 'output-missing', output, expected });
    else if (value !== expected) problems.push({ kind: 'output-differs', output, value, expected });
  };
  expect(vaultName, d.vaultName);
  expect(vaultArn, d.vaultArn);
  const keyArn = outputs[keyArnName];
  const keyId = outputs[keyIdName];
  const prefix = `arn:${partitionOf(ctx.region)}:kms:${ctx.region}:${ctx.config.backupAccountId}:key/`;
  if (keyArn === undefined) problems.push({ kind: 'output-missing', output: keyArnName });
  else if (!keyArn.startsWith(prefix))
    problems.push({ kind: 'key-elsewhere', output: keyArnName, value: keyArn, prefix });
  if (keyId === undefined) problems.push({ kind: 'output-missing', output: keyIdName });
  else if (keyArn?.startsWith(prefix) && keyArn !== `${prefix}${keyId}`)
    problems.push({
      kind: 'key-id-mismatch',
      output: keyIdName,
      value: keyId,
      keyArnOutput: keyArnName,
      keyArn,
    });
  return problems;
}
