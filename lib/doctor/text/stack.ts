import { STACK_NAME } from '../../stack-facts';
import type { StackCheck, StackPhase, StackProblem } from '../checks/stack';
import type { CheckText } from './check-text';
import { counted, failureText } from './words';

/** Why a stack that is not in a finished state is not a PASS. */
const PHASE_TEXT: Record<Exclude<StackPhase, 'done'>, string> = {
  'in-progress': 'an operation is in progress: run doctor again when it has finished',
  'rolled-back': 'the last update failed and was rolled back: the stack runs its previous template',
  failed: 'the last operation failed: see the stack events in the CloudFormation console',
};

export function stackText({ finding }: StackCheck): CheckText {
  const title = `Stack ${STACK_NAME}`;
  const line = (summary: string, details: readonly string[] = []) => ({ title, summary, details });
  switch (finding.kind) {
    case 'unreadable':
      return line(`cannot be read: ${failureText(finding.failure)}`);
    case 'not-deployed':
      return line(`not deployed in account ${finding.account}, region ${finding.region}`);
    case 'deployed': {
      const { stackStatus, phase, problems } = finding;
      if (problems.length > 0)
        return line(
          `${stackStatus}; ${counted(problems.length, 'output')} differ from the configuration`,
          problems.map(problemText),
        );
      const matched = `${finding.outputs} outputs match the configuration`;
      return line(
        phase === 'done' ? `${stackStatus}; ${matched}` : `${stackStatus}: ${PHASE_TEXT[phase]}; ${matched}`,
      );
    }
  }
}

function problemText(p: StackProblem): string {
  switch (p.kind) {
    case 'other-account':
      return `the stack is in account ${p.account}, the configuration's backup_account_id is ${p.expected}`;
    case 'other-region':
      return `the stack is in region ${p.region}, expected ${p.expected}`;
    case 'output-missing':
      return p.expected === undefined
        ? `${p.output}: missing`
        : `${p.output}: missing (expected ${p.expected})`;
    case 'output-differs':
      return `${p.output}: ${p.value}, expected ${p.expected}`;
    case 'key-elsewhere':
      return `${p.output}: ${p.value}, expected a key of this account and region (${p.prefix}…)`;
    case 'key-id-mismatch':
      return `${p.output}: ${p.value} is not the key of ${p.keyArnOutput} (${p.keyArn})`;
  }
}
