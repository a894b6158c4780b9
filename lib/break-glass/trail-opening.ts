import type { Opening } from '../seal/opening';
import type { DeployedStack } from '../aws';
import type { AccountRecord, StoredEntry } from './trail';

/**
 * What the trail in the account says about the latest opening: who opened it, when, why and until
 * when; and whether a stack update ended it (CloudFormation writes the deployed policies back, so a
 * deployment during an opening seals the SSN data without a close).
 */
export interface TrailOpening {
  readonly sequence: number;
  readonly key: string;
  readonly time: string;
  readonly by: string;
  readonly principal: string | null;
  readonly reason: string | null;
  readonly expiry: string | null;
}

export interface StackEnding {
  /** The stack's last update time: when CloudFormation rewrote the SSN policies. */
  readonly at: string;
  readonly openingSequence: number;
  /** Whether the trail already records it. */
  readonly recorded: boolean;
}

const ENDS = new Set(['applied', 'unchanged', 'ended-by-stack-update']);

/** The latest applied opening that no later close (or recorded stack update) ended. */
export function openingInTrail(entries: readonly StoredEntry[]): TrailOpening | undefined {
  let opening: TrailOpening | undefined;
  for (const { key, entry } of entries) {
    if (entry.phase === 'before') continue;
    const r = entry.record;
    if (entry.event === 'open' && (r.outcome === 'applied' || r.outcome === 'unchanged')) {
      opening = {
        sequence: entry.sequence,
        key,
        time: String(r.time ?? entry.time),
        by: String((r.caller as { arn?: string } | undefined)?.arn ?? 'unknown'),
        principal: typeof r.principal === 'string' ? r.principal : null,
        reason: typeof r.reason === 'string' ? r.reason : null,
        expiry: typeof r.expiry === 'string' ? r.expiry : null,
      };
    } else if ((entry.event === 'close' || entry.event === 'stack-update') && ENDS.has(String(r.outcome))) {
      opening = undefined;
    }
  }
  return opening;
}

/**
 * A stack update after the trail's opening, while the live policies are sealed: the deployment
 * ended it. Undefined when there is no open opening in the trail or the stack has not changed since.
 */
export function stackEnding(
  opening: TrailOpening | undefined,
  stack: DeployedStack,
  sealed: boolean,
): StackEnding | undefined {
  if (!opening || !sealed || !stack.lastUpdated) return undefined;
  if (Date.parse(stack.lastUpdated) <= Date.parse(opening.time)) return undefined;
  return { at: stack.lastUpdated, openingSequence: opening.sequence, recorded: false };
}

/** Records in the trail that a stack update ended the opening (once; at the next command that writes). */
export async function recordStackEnding(
  account: AccountRecord,
  ending: StackEnding | undefined,
  facts: { readonly account: string; readonly region: string; readonly vaultName: string },
): Promise<void> {
  if (!ending) return;
  await account.append('stack-update', 'note', {
    time: ending.at,
    command: 'stack-update',
    outcome: 'ended-by-stack-update',
    ...facts,
    stackId: account.stack.stackId,
    stackStatus: account.stack.status,
    openingSequence: ending.openingSequence,
  });
}

/**
 * Records that an opening found in the policies had passed its expiry (access had ended by itself)
 * before the command that removes its statements: the trail then says when access ended.
 */
export async function recordExpiry(
  account: AccountRecord,
  opening: Opening,
  facts: {
    readonly account: string;
    readonly region: string;
    readonly vaultName: string;
    readonly command: string;
  },
): Promise<void> {
  await account.append('expiry', 'note', {
    time: opening.expiry,
    outcome: 'expired',
    ...facts,
    principal: opening.principalArn,
    expiry: opening.expiry,
    reason: opening.reason,
  });
}
