import type { KeyRotation, KeyState } from '../../aws';
import { readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
import { day, type ExpectedDestination } from '../expected';
import type { CheckResult, DoctorContext } from '../types';

export interface KeyFacts {
  readonly keyArn: string;
  readonly keyState?: string;
  readonly enabled: boolean;
  readonly deletionDate?: Date;
  readonly rotationEnabled: boolean;
  readonly rotationPeriodDays?: number;
  /** The key ID the alias targets; undefined when the alias does not exist. */
  readonly aliasTarget?: string;
}

/**
 * The vault's key: enabled, rotating, not pending deletion, and its alias points at it (an alias
 * moved to another key would make the break-glass tool and operators act on the wrong key).
 * `keyArn` is the key the vault says encrypts it (or the stack's output, if the vault could not be read).
 */
export async function checkKey(
  aws: Pick<DoctorAws, 'keyState' | 'keyRotation' | 'aliasTarget'>,
  _ctx: DoctorContext,
  d: ExpectedDestination,
  keyArn: string | undefined,
): Promise<CheckResult<KeyFacts>> {
  const base = { id: `key:${d.kind}`, title: `${d.heading} key ${d.aliasName}` };
  if (keyArn === undefined)
    return {
      ...base,
      status: 'FAIL',
      summary: 'no key to check: neither the vault nor the stack named one',
      details: [],
    };
  let meta: KeyState;
  let rotation: KeyRotation;
  let aliasTarget: string | undefined;
  try {
    meta = await aws.keyState(keyArn);
    rotation = await aws.keyRotation(keyArn);
    aliasTarget = await aws.aliasTarget(d.aliasName);
  } catch (error) {
    return {
      ...base,
      status: 'FAIL',
      summary: `${keyArn} cannot be read: ${readFailure(error)}`,
      details: [],
    };
  }
  const facts: KeyFacts = {
    keyArn,
    keyState: meta.keyState,
    enabled: meta.enabled,
    deletionDate: meta.deletionDate,
    rotationEnabled: rotation.enabled,
    rotationPeriodDays: rotation.periodDays,
    aliasTarget,
  };
  const keyId = meta.keyId ?? keyArn.split('/').pop();
  const problems: string[] = [];
  if (meta.keyState === 'PendingDeletion')
    problems.push(
      `PENDING DELETION on ${facts.deletionDate ? day(facts.deletionDate) : 'an unknown date'}: cancel it now (aws kms cancel-key-deletion --key-id ${keyId}), or every copy it encrypts becomes unreadable`,
    );
  else if (!facts.enabled)
    problems.push(`${meta.keyState ?? 'not enabled'}: copies cannot be encrypted or read`);
  if (!rotation.enabled) problems.push('automatic rotation is off');
  if (aliasTarget === undefined) problems.push(`alias ${d.aliasName} does not exist`);
  else if (aliasTarget !== keyId)
    problems.push(`alias ${d.aliasName} points at key ${aliasTarget}, not at the vault's key`);
  const state = [
    facts.enabled ? 'enabled' : (meta.keyState ?? 'not enabled'),
    rotation.enabled ? `rotation on (every ${rotation.periodDays ?? 365} days)` : 'rotation OFF',
    'its alias points at it',
  ].join(', ');
  return {
    ...base,
    status: problems.length === 0 ? 'PASS' : 'FAIL',
    summary: problems.length === 0 ? `key ${keyId}: ${state}` : `key ${keyId}: ${problems.join('; ')}`,
    details: [],
    facts,
  };
}
