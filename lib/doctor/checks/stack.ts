import { STACK_NAME } from '../../stack-facts';
import { DESTINATION_OUTPUTS, type DestinationKind, outputName } from '../../policies/destinations';
import { partitionOf } from '../../policies/partition';
import { readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { CheckResult, DoctorContext } from '../types';

export interface StackFacts {
  readonly stackId: string;
  readonly status: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** Each destination's key ARN as the stack outputs it, when it does. */
  readonly keyArns: Readonly<Partial<Record<DestinationKind, string>>>;
}

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
): Promise<CheckResult<StackFacts>> {
  const base = { id: 'stack', title: `Stack ${STACK_NAME}` };
  let stack;
  try {
    stack = await aws.findStack(STACK_NAME);
  } catch (error) {
    return { ...base, status: 'FAIL', summary: `cannot be read: ${readFailure(error)}`, details: [] };
  }
  if (!stack) {
    return {
      ...base,
      status: 'FAIL',
      summary: `not deployed in account ${ctx.config.backupAccountId}, region ${ctx.region}`,
      details: [],
    };
  }
  const { outputs, status } = stack;
  const problems = [
    ...accountProblems(stack.stackId, ctx),
    ...destinations.flatMap((d) => outputProblems(d, outputs, ctx)),
  ];
  const keyArns = Object.fromEntries(
    destinations.map((d) => [d.kind, outputs[outputName(d.destination, 'BackupEncryptionKeyArn')]]),
  );
  const facts: StackFacts = { stackId: stack.stackId, status, outputs, keyArns };
  if (problems.length > 0) {
    return {
      ...base,
      status: 'FAIL',
      summary: `${status}; ${problems.length} output${problems.length === 1 ? '' : 's'} differ from the configuration`,
      details: problems,
      facts,
    };
  }
  const matched = `${Object.keys(outputs).length} outputs match the configuration`;
  if (DONE.has(status))
    return { ...base, status: 'PASS', summary: `${status}; ${matched}`, details: [], facts };
  const why = status.endsWith('_IN_PROGRESS')
    ? 'an operation is in progress: run doctor again when it has finished'
    : status === 'UPDATE_ROLLBACK_COMPLETE'
      ? 'the last update failed and was rolled back: the stack runs its previous template'
      : 'the last operation failed: see the stack events in the CloudFormation console';
  const failed = !status.endsWith('_IN_PROGRESS') && status !== 'UPDATE_ROLLBACK_COMPLETE';
  return {
    ...base,
    status: failed ? 'FAIL' : 'WARN',
    summary: `${status}: ${why}; ${matched}`,
    details: [],
    facts,
  };
}

function accountProblems(stackId: string, ctx: DoctorContext): string[] {
  const [, , , region, account] = stackId.split(':');
  const problems: string[] = [];
  if (account !== ctx.config.backupAccountId)
    problems.push(
      `the stack is in account ${account}, the configuration's backup_account_id is ${ctx.config.backupAccountId}`,
    );
  if (region !== ctx.region) problems.push(`the stack is in region ${region}, expected ${ctx.region}`);
  return problems;
}

function outputProblems(
  d: ExpectedDestination,
  outputs: Readonly<Record<string, string>>,
  ctx: DoctorContext,
): string[] {
  const [vaultName, vaultArn, keyIdName, keyArnName] = DESTINATION_OUTPUTS.map((o) =>
    outputName(d.destination, o),
  );
  const problems: string[] = [];
  const expect = (name: string, wanted: string) => {
    const got = outputs[name];
    if (got === undefined) problems.push(`${name}: missing (expected ${wanted})`);
    else if (got !== wanted) problems.push(`${name}: ${got}, expected ${wanted}`);
  };
  expect(vaultName, d.vaultName);
  expect(vaultArn, d.vaultArn);
  const keyArn = outputs[keyArnName];
  const keyId = outputs[keyIdName];
  const keyPrefix = `arn:${partitionOf(ctx.region)}:kms:${ctx.region}:${ctx.config.backupAccountId}:key/`;
  if (keyArn === undefined) problems.push(`${keyArnName}: missing`);
  else if (!keyArn.startsWith(keyPrefix))
    problems.push(`${keyArnName}: ${keyArn}, expected a key of this account and region (${keyPrefix}…)`);
  if (keyId === undefined) problems.push(`${keyIdName}: missing`);
  else if (keyArn?.startsWith(keyPrefix) && keyArn !== `${keyPrefix}${keyId}`)
    problems.push(`${keyIdName}: ${keyId} is not the key of ${keyArnName} (${keyArn})`);
  return problems;
}
