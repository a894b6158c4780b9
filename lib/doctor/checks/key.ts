import type { KeyRotation, KeyState } from '../../aws';
import { unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { Checked, DoctorContext, Unreadable } from '../types';

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

/** What can be wrong with a vault's key. */
export type KeyProblem =
  | { readonly kind: 'pending-deletion'; readonly deletionDate?: Date }
  | { readonly kind: 'not-enabled'; readonly keyState?: string }
  | { readonly kind: 'rotation-off' }
  | { readonly kind: 'no-alias' }
  | { readonly kind: 'alias-elsewhere'; readonly aliasTarget: string };

export type KeyFinding =
  | { readonly kind: 'no-key' }
  | (Unreadable & { readonly keyArn: string })
  | {
      readonly kind: 'key';
      readonly keyId: string;
      readonly rotationPeriodDays?: number;
      /** None when the key passes. */
      readonly problems: readonly KeyProblem[];
    };

export type KeyCheck = Checked<'key', KeyFinding, KeyFacts> & { readonly destination: ExpectedDestination };

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
): Promise<KeyCheck> {
  const base = { check: 'key', id: `key:${d.kind}`, destination: d } as const;
  if (keyArn === undefined) return { ...base, status: 'FAIL', finding: { kind: 'no-key' } };
  let meta: KeyState;
  let rotation: KeyRotation;
  let aliasTarget: string | undefined;
  try {
    meta = await aws.keyState(keyArn);
    rotation = await aws.keyRotation(keyArn);
    aliasTarget = await aws.aliasTarget(d.aliasName);
  } catch (error) {
    return { ...base, status: 'FAIL', finding: { ...unreadable(error), keyArn } };
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
  const keyId = meta.keyId ?? keyArn.split('/').pop() ?? keyArn;
  const problems: KeyProblem[] = [];
  if (meta.keyState === 'PendingDeletion')
    problems.push({ kind: 'pending-deletion', deletionDate: meta.deletionDate });
  else if (!meta.enabled) problems.push({ kind: 'not-enabled', keyState: meta.keyState });
  if (!rotation.enabled) problems.push({ kind: 'rotation-off' });
  if (aliasTarget === undefined) problems.push({ kind: 'no-alias' });
  else if (aliasTarget !== keyId) problems.push({ kind: 'alias-elsewhere', aliasTarget });
  return {
    ...base,
    status: problems.length === 0 ? 'PASS' : 'FAIL',
    finding: { kind: 'key', keyId, rotationPeriodDays: rotation.periodDays, problems },
    facts,
  };
}
