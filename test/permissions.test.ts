// The IAM permissions the documentation gives the operator tool and the health check are exactly the
// AWS calls their code can make.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './support/config';
import { sdkActions } from './support/sdk-actions';

/** The actions of the JSON policy that follows `marker` in a document. */
function documentedActions(file: string, marker: string): string[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  const at = text.indexOf(marker);
  expect(at).toBeGreaterThanOrEqual(0);
  const start = text.indexOf('```json\n', at) + '```json\n'.length;
  const policy = JSON.parse(text.slice(start, text.indexOf('\n```', start)));
  return policy.Statement.flatMap((s: { Action: string | string[] }) => s.Action);
}

test("the break-glass operator's policy lists every call of the tool's code, and nothing else", () => {
  const actions = sdkActions(['lib/break-glass', 'lib/integration']);
  expect(actions).toContain('kms:PutKeyPolicy');
  expect(actions).toContain('dynamodb:DeleteTable');
  expect(documentedActions('docs/break-glass.md', "## The operator's IAM permissions")).toEqual(actions);
});

test("the health check's policy lists every call of the doctor's code, and nothing else", () => {
  const actions = sdkActions(['lib/doctor']);
  expect(actions).toContain('cloudtrail:LookupEvents');
  expect(actions.filter((action) => /:(Put|Delete|Create|Update)/.test(action))).toEqual([]);
  expect(documentedActions('docs/doctor.md', 'The role that runs it needs these read actions')).toEqual(
    actions,
  );
});
