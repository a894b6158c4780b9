// The IAM permissions the documentation gives the operator tool and the health check are exactly the
// AWS calls their code can make: the SDK commands it imports, and those of each lib/aws method it calls.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './support/config';
import { methodActions, sdkActions } from './support/sdk-actions';

test('every method of the AWS interface is mapped to the commands it sends', () => {
  const methods = methodActions();
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
  // The "Restored SSN data" check follows restored data with break-glass's tracking calls: all of
  // them but DeleteTable, which only `cleanup` calls.
  const tracking = 'lib/aws/tracking.ts';
  expect(doctorSource()).toContain("from '../../aws/tracking'");
  expect(doctorSource()).not.toMatch(/deleteTable/);
  expect(sdkActions([tracking])).toContain('dynamodb:DeleteTable');
  const reads = sdkActions([tracking]).filter((action) => action !== 'dynamodb:DeleteTable');
  // The evidence check reads the break-glass record with break-glass's calls: the listing and the reads.
  expect(doctorSource()).toContain("from '../../aws/evidence'");
  expect(doctorSource()).not.toMatch(/putNewObject|stackTemplate|objectRetention/);
  const recordReads = ['s3:GetObject', 's3:ListBucket'];
  expect(sdkActions(['lib/aws/evidence.ts'])).toEqual(expect.arrayContaining(recordReads));
  const actions = [...new Set([...sdkActions(['lib/doctor']), ...reads, ...recordReads])].sort();
  expect(actions).toContain('cloudtrail:LookupEvents');
  expect(actions.filter((action) => /:(Put|Delete|Create|Update)/.test(action))).toEqual([]);
  expect(documentedActions('docs/doctor.md', 'The role that runs it needs these read actions')).toEqual(
    actions,
  );
});
