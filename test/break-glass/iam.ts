/**
 * Evaluates break-glass requests with the IAM engine through the shared harness (lib/analysis/iam.ts):
 * its simulation, with the caller's role, the clock and the identity policy set per request.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyJson } from '../../lib/policies/policy-json';
import type { BackupAccountConfig } from '../../lib/config';
import type { ApplyingStatements } from '../../lib/analysis/mutants';
import {
  applyingStatements,
  type AccessRequest,
  type Caller,
  type CallerKind,
  type Decision,
  decidingSids,
  simulationFor,
} from '../../lib/analysis/iam';

export interface Who {
  /** The harness's kind of caller: its account, role and identity policy. */
  readonly kind: CallerKind;
  /** Another role of the caller's account than the harness's default one. */
  readonly roleArn?: string;
  /**
   * The caller's identity policy: its kind's own (`*:*` for administrators and source-account
   * roles, the AWS-managed policy for AWS Backup's service-linked role), or none at all.
   */
  readonly identity: 'own' | 'none';
  /** The service that calls KMS on the caller's behalf (`kms:ViaService`). @default - a direct call */
  readonly via?: string;
}

export interface Outcome {
  readonly decision: Decision;
  /** The Sids of the vault or key policy that decided: the DENYs that fired, or the ALLOWs that granted. */
  readonly sids: readonly string[];
  readonly ignoredContextKeys: readonly string[];
}

/** The harness's request for a caller, an action and a time. */
function requestOf(who: Who, action: string, time: string): AccessRequest {
  const caller: Caller = {
    kind: who.kind,
    roleArn: who.roleArn,
    via: who.via,
    withoutIdentityPolicy: who.identity === 'none',
    time,
  };
  return { caller, action };
}

export async function decide(...request: Parameters<typeof simulate>): Promise<Outcome> {
  return (await simulate(...request)).outcome;
}

/** `decide`, with the statements of the policy that apply to the request. */
export async function decideAnalysed(
  ...request: Parameters<typeof simulate>
): Promise<{ outcome: Outcome; applying: ApplyingStatements }> {
  const { outcome, analysis } = await simulate(...request);
  return { outcome, applying: applyingStatements(analysis) };
}

async function simulate(
  config: BackupAccountConfig,
  policyName: 'ssnVault' | 'ssnKey',
  policy: PolicyJson,
  who: Who,
  action: string,
  time: string,
) {
  const result = await runSimulation(
    simulationFor(config, policyName, policy, requestOf(who, action, time)),
    {
      simulationMode: 'Strict',
    },
  );
  if (result.resultType !== 'single') {
    throw new Error(`the engine did not evaluate ${action}: ${JSON.stringify(result)}`);
  }
  const { analysis, ignoredContextKeys = [] } = result.result;
  const decision = result.overallResult as Decision;
  const sids = decidingSids(analysis, decision, policy).sort();
  const outcome: Outcome = { decision, sids, ignoredContextKeys };
  return { outcome, analysis };
}
