import type { CallerIdentity } from '../../aws';
import type { Checked, DoctorContext } from '../types';

export type AccountCheck = Checked<
  'account',
  {
    readonly kind: 'other-account';
    readonly account: string;
    readonly arn: string;
    /** The configuration's backup_account_id. */
    readonly expected: string;
  }
>;

/**
 * Credentials of another account than `backup_account_id`: the run's one FAIL, since every other
 * answer would be about the wrong account. Undefined when they are the backup account's.
 */
export function otherAccount(caller: CallerIdentity, ctx: DoctorContext): AccountCheck | undefined {
  const expected = ctx.config.backupAccountId;
  if (caller.account === expected) return undefined;
  return {
    check: 'account',
    id: 'account',
    status: 'FAIL',
    finding: { kind: 'other-account', account: caller.account, arn: caller.arn, expected },
  };
}
