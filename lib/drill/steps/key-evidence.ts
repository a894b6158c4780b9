import { keyUsers } from '../../doctor/checks/kms-events';
import type { DrillRun, StepOutcome } from '../context';

/**
 * Which principals used each vault key since the drill began, and how (CloudTrail's KMS events,
 * grouped as `doctor` groups them). This is the answer to what AWS does not document: the principal
 * that uses the destination key during a DynamoDB copy. CloudTrail delivers events within minutes,
 * so an empty answer is a warning, not a failure.
 */
export async function collectKeyEvidence(run: DrillRun): Promise<StepOutcome> {
  const { aws, config, now } = run.deps;
  const destinations = run.destinations();
  const since = new Date(run.record.createdAt);
  const evidence: Record<string, unknown> = {};
  const notes: string[] = [];
  let refused = false;
  for (const kind of ['general', 'ssn'] as const) {
    const users = keyUsers(
      (await aws.backup.keyEvents(destinations[kind].keyArn, since, now())).events,
      config,
    );
    evidence[kind] = { keyArn: destinations[kind].keyArn, users };
    if (users.length === 0) notes.push(`no KMS event on the ${kind} key yet`);
    else
      notes.push(
        `${kind} key used by ${users.map((u) => `${u.principal}${u.invokedBy ? ` via ${u.invokedBy}` : ''} (${u.path})`).join(', ')}`,
      );
    if (users.some((u) => Object.keys(u.denied).length > 0)) {
      refused = true;
      notes.push(`KMS refused a call on the ${kind} key`);
    }
  }
  const empty = notes.some((n) => n.startsWith('no KMS event'));
  return {
    status: empty || refused ? 'warning' : 'passed',
    summary: `${notes.join('; ')}${empty ? ' (CloudTrail delivers events within minutes: doctor shows them later)' : ''}`,
    evidence,
  };
}
