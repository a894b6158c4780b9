import type { DoctorAws } from './aws';
import { otherAccount } from './checks/account';
import { checkAlertSubscriptions } from './checks/alerts';
import { checkEvidence } from './checks/evidence';
import { checkKey } from './checks/key';
import { checkKeyEvents } from './checks/kms-events';
import { checkGeneralPolicies, checkSsnPolicies } from './checks/policies';
import { checkRestorePlans } from './checks/restore-plans';
import { checkRestoreTest } from './checks/restore-test';
import { checkRestored } from './checks/restored';
import { checkStack } from './checks/stack';
import { checkTrail } from './checks/trail';
import { checkVault } from './checks/vault';
import { expectedDestinations } from './expected';
import type { DoctorCheck } from './checks';
import type { CheckStatus, DoctorContext, DoctorReport } from './types';

export interface DoctorOptions {
  /**
   * The restore testing plan the configuration deploys.
   * @default - restore testing is off: reported as SKIP
   */
  readonly restoreTestingPlanName?: string;
}

/**
 * Runs every check against the deployed backup account and returns the report; reads only.
 * Credentials of another account than `backup_account_id` give one FAIL and no other check, since
 * every other answer would be about the wrong account. Missing credentials throw (the command line
 * prints its message); any other AWS refusal fails only the check that met it.
 */
export async function runDoctor(
  aws: DoctorAws,
  ctx: DoctorContext,
  options: DoctorOptions = {},
): Promise<DoctorReport> {
  const caller = await aws.callerIdentity();
  const account = caller.account;
  const wrong = otherAccount(caller, ctx);
  if (wrong) return report(ctx, account, [wrong]);
  const destinations = expectedDestinations(ctx.config, ctx.region);
  const stack = await checkStack(aws, ctx, destinations);
  const perDestination = await Promise.all(
    destinations.map(async (d) => {
      const stackKey = stack.facts?.keyArns[d.kind];
      const vault = await checkVault(aws, ctx, d, stackKey);
      // The vault's own key is the one that matters; the stack's output stands in if the vault is unreadable.
      const keyArn = vault.facts?.encryptionKeyArn ?? stackKey;
      const key = await checkKey(aws, ctx, d, keyArn);
      const policies = await (d.destination.breakGlass ? checkSsnPolicies : checkGeneralPolicies)(
        aws,
        ctx,
        d,
        keyArn,
      );
      return { d, keyArn, checks: [vault, key, policies] };
    }),
  );
  const [alerts, trail, evidence] = await Promise.all([
    checkAlertSubscriptions(aws, ctx),
    checkTrail(aws, ctx),
    checkEvidence(aws, ctx, stack.facts?.outputs.EvidenceBucketName),
  ]);
  // One key after the other: CloudTrail allows two LookupEvents calls a second per account and region.
  const keyEvents: DoctorCheck[] = [];
  for (const { d, keyArn } of perDestination) keyEvents.push(await checkKeyEvents(aws, ctx, d, keyArn));
  const restoreTest = await checkRestoreTest(aws, ctx, options.restoreTestingPlanName);
  const ssn = perDestination.find((p) => p.d.destination.breakGlass);
  const ssnChecks = ssn
    ? [await checkRestorePlans(aws, ctx, ssn.d), await checkRestored(aws, ctx, ssn.d, ssn.keyArn)]
    : [];
  return report(ctx, account, [
    stack,
    ...perDestination.flatMap((p) => p.checks),
    alerts,
    trail,
    evidence,
    ...keyEvents,
    restoreTest,
    ...ssnChecks,
  ]);
}

function report(ctx: DoctorContext, account: string, checks: readonly DoctorCheck[]): DoctorReport {
  const counts: Record<CheckStatus, number> = { PASS: 0, WARN: 0, FAIL: 0, SKIP: 0 };
  for (const c of checks) counts[c.status] += 1;
  return {
    ok: counts.FAIL === 0,
    account,
    region: ctx.region,
    checkedAt: ctx.now.toISOString(),
    counts,
    checks,
  };
}
