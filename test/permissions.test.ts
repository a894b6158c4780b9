// The IAM permissions the documentation gives the operator tool and the health check are exactly the
// AWS calls their code can make: the SDK commands it imports, and those of each lib/aws method it calls.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './support/config';
import { METHODS } from './support/fake-aws';
import { methodActions, sdkActions } from './support/sdk-actions';

test('every method of the AWS interface is mapped to the commands it sends', () => {
  const methods = methodActions();
  // A method whose body sends no command of its own would make its callers' permissions invisible.
  expect(METHODS.filter((m) => !methods.has(m))).toEqual([]);
  expect([...methods.keys()].filter((m) => !(METHODS as readonly string[]).includes(m))).toEqual([]);
  expect(methods.get('putKeyPolicy')).toEqual(['kms:PutKeyPolicy']);
  expect(methods.get('listExports')).toEqual(['dynamodb:ListExports', 'dynamodb:DescribeExport']);
  expect(methods.get('objectRetention')).toEqual(['s3:GetObject']);
  expect(methods.get('describeTable')).toEqual(['dynamodb:DescribeTable']);
});

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

/** The source of lib/doctor, every file joined. */
function doctorSource(): string {
  const read = (folder: string): string[] =>
    readdirSync(join(PROJECT_ROOT, folder), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? read(join(folder, entry.name))
        : [readFileSync(join(PROJECT_ROOT, folder, entry.name), 'utf8')],
    );
  return read('lib/doctor').join('\n');
}

test("the health check's policy lists every call of the doctor's code, and nothing else", () => {
  const methods = methodActions();
  const actionsOf = (names: readonly string[]) => names.flatMap((name) => methods.get(name) ?? []);
  // The "Restored SSN data" check follows restored data with break-glass's tracking reads: every
  // tracking call but DeleteTable, which only `cleanup` makes (trackRestores takes TrackingReads).
  expect(doctorSource()).toContain('trackRestores(aws,');
  expect(readFileSync(join(PROJECT_ROOT, 'lib/aws/tracking.ts'), 'utf8')).toContain(
    "export type TrackingReads = Omit<TrackingAws, 'deleteTable'>;",
  );
  const tracking = sdkActions(['lib/aws/tracking.ts']);
  expect(tracking).toContain('dynamodb:DeleteTable');
  const reads = tracking.filter((action) => action !== 'dynamodb:DeleteTable');
  // The evidence check reads the break-glass record with readTrail, which may only list and read.
  expect(doctorSource()).toContain('readTrail(aws,');
  expect(readFileSync(join(PROJECT_ROOT, 'lib/break-glass/trail.ts'), 'utf8')).toContain(
    "aws: Pick<EvidenceAws, 'listKeys' | 'getObjectText'>,",
  );
  const recordReads = actionsOf(['listKeys', 'getObjectText']);
  expect(recordReads).toEqual(['s3:ListBucket', 's3:GetObject']);
  const actions = [...new Set([...sdkActions(['lib/doctor']), ...reads, ...recordReads])].sort();
  expect(actions).toContain('cloudtrail:LookupEvents');
  expect(actions.filter((action) => /:(Put|Delete|Create|Update|Start|Tag)/.test(action))).toEqual([]);
  expect(documentedActions('docs/doctor.md', 'The role that runs it needs these read actions')).toEqual(
    actions,
  );
});
