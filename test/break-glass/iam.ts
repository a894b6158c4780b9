/**
 * Evaluates break-glass requests with the IAM engine through the shared harness (test/support/iam.ts):
 * its simulation, with the caller's role ARN, the clock and the identity policy set per request.
 */
import { getDenialReasons, getGrantReasons, runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyJson } from '../../lib/policies/policy-json';
import type { BackupAccountConfig } from '../../lib/config';
import {
  type CallerKind,
  type Decision,
  simulationFor,
  type PolicyJson as HarnessPolicy,
} from '../support/iam';

export interface Who {
  /** The harness's kind of caller, for everything but the role. */
  readonly kind: CallerKind;
  /** Another role of the caller's account than the harness's default one. */
  readonly roleArn?: string;
  /** Whether the caller's own IAM policy allows everything (the harness's worst case), or nothing. */
  readonly identity: 'admin' | 'none';
  /** The service that calls KMS on the caller's behalf (`kms:ViaService`). @default - a direct call */
  readonly via?: string;
}

export interface Outcome {
  readonly decision: Decision;
  /** The Sids of the vault or key policy that decided: the DENYs that fired, or the ALLOWs that granted. */
  readonly sids: readonly string[];
  readonly ignoredContextKeys: readonly string[];
}

export async function decide(
  config: BackupAccountConfig,
  policyName: 'ssnVault' | 'ssnKey',
  policy: PolicyJson,
  who: Who,
  action: string,
  time: string,
): Promise<Outcome> {
  const simulation = simulationFor(config, policyName, policy as unknown as HarnessPolicy, {
    caller: { kind: who.kind, via: who.via },
    action,
  });
  const context: Record<string, string | string[]> = {
    ...simulation.request.contextVariables,
    'aws:CurrentTime': time,
  };
  let principal = simulation.request.principal;
  if (who.roleArn) {
    const [, account, name] = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(who.roleArn) ?? [];
    if (!account) throw new Error(`not a role ARN: ${who.roleArn}`);
    principal = who.roleArn.replace(
      /:iam::(\d{12}):role\/.*$/,
      `:sts::${account}:assumed-role/${name}/session`,
    );
    context['aws:PrincipalArn'] = who.roleArn;
    context['aws:PrincipalAccount'] = account;
    if (action.startsWith('kms:')) context['kms:CallerAccount'] = account;
  }
  const result = await runSimulation(
    {
      ...simulation,
      request: { ...simulation.request, principal, contextVariables: context },
      identityPolicies: who.identity === 'admin' ? simulation.identityPolicies : [],
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType !== 'single') {
    throw new Error(`the engine did not evaluate ${action}: ${JSON.stringify(result)}`);
  }
  const { analysis, ignoredContextKeys = [] } = result.result;
  const decision = result.overallResult as Decision;
  const sidOf = (r: { statementId?: string; statementIndex: number }) =>
    r.statementId ?? `statement #${r.statementIndex}`;
  const sids = (
    decision === 'Allowed'
      ? getGrantReasons(analysis).flatMap((g) => (g.policyType === 'resource' ? [sidOf(g)] : []))
      : getDenialReasons(analysis).flatMap((d) =>
          d.policyType === 'resource' && d.denialType === 'Explicit' ? [sidOf(d)] : [],
        )
  ).sort();
  return { decision, sids, ignoredContextKeys };
}
