// The README's deployment walk-through works as written. The samples of the app's output and the
// example files in the guides are generated (`npm run docs`) and checked by test/figures.test.ts.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../lib/config';
import { PROJECT_ROOT } from './support/config';
import { tempFolder } from './support/temp';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
/** The README and the configuration guide it leads to, where each marker below occurs once. */
const documents = [readme, readFileSync(join(PROJECT_ROOT, 'docs', 'configuration.md'), 'utf8')].join('\n');

/** The fenced block that follows the first line containing `marker`. */
function blockAfter(marker: string): string {
  const start = documents.indexOf(marker);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(documents.indexOf(marker, start + 1)).toBe(-1);
  const open = documents.indexOf('```', start);
  const body = documents.indexOf('\n', open) + 1;
  return documents.slice(body, documents.indexOf('```', body));
}

/** The README's section that starts with `heading`, up to the next `## ` heading. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + heading.length + 2);
  return readme.slice(start, end);
}

describe('in a fresh folder', () => {
  let directory: string;
  beforeEach(() => {
    directory = tempFolder('readme-');
  });

  describe('the deployment walk-through works as written for both layouts', () => {
    const walkThrough = section('## Deployment');
    /** `ENV_ARGS` for each layout, as step 2 sets it. */
    const envArgs = [...walkThrough.matchAll(/^\s*ENV_ARGS="([^"]*)"\s+# (.+)$/gm)].map((m) => ({
      value: m[1],
      layout: m[2],
    }));
    /** Every command of the walk-through that names the environment. */
    const commands = walkThrough
      .split('\n')
      .flatMap(
        (line) =>
          line.match(/(npx cdk|npm run break-glass|npm run doctor|npm run drill)[^`#]*\$ENV_ARGS[^`#]*/g) ??
          [],
      )
      .map((command) => command.trim());
    const BACKUP = '123456789012';
    const SOURCE = '210987654321';
    const ORGANIZATION = 'o-a1b2c3d4e5';

    /** The `-c key=value` pairs of a command line, as the CDK CLI and the tool read them. */
    function contextOf(command: string): Record<string, string> {
      const words = command.split(/\s+/);
      const pairs = words.flatMap((word, i) => (word === '-c' ? [words[i + 1]] : []));
      return Object.fromEntries(pairs.map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]));
    }

    /** Follows step 2 for one layout: the `cp` it names, then the edits it names. */
    function describeEnvironment(bullet: string): void {
      const copy = /`cp (\S+) backup-account\.json`/.exec(bullet);
      expect(copy).not.toBeNull();
      copyFileSync(join(PROJECT_ROOT, copy![1]), join(directory, 'backup-account.json'));
      const values = JSON.parse(readFileSync(join(directory, 'backup-account.json'), 'utf8'));
      const named = [...bullet.matchAll(/`(\w+)`/g)].map((m) => m[1]);
      if (values.environments === undefined) {
        expect(named).toEqual(['backup_account_id', 'source_account_ids', 'organization_id']);
        Object.assign(values, { backup_account_id: BACKUP, source_account_ids: [SOURCE] });
      } else {
        expect(named).toEqual(['organization_id', 'test', 'prod', 'environments']);
        const entry = JSON.parse(
          `{${blockAfter('and add an entry')
            .replace('BACKUP_ACCOUNT_ID', BACKUP)
            .replace('ENVIRONMENT_ACCOUNT_ID', SOURCE)}}`,
        );
        values.environments = entry; // test and prod removed, staging added
      }
      values.organization_id = ORGANIZATION;
      writeFileSync(join(directory, 'backup-account.json'), JSON.stringify(values, null, 2));
    }

    test('the walk-through names the environment in every command, for two layouts', () => {
      expect(envArgs).toEqual([
        { value: '', layout: 'one backup account in the file' },
        { value: '-c environment=staging', layout: 'several environments in the file' },
      ]);
      expect(commands).toEqual([
        'npx cdk synth $ENV_ARGS',
        'npx cdk bootstrap aws://BACKUP_ACCOUNT_ID/us-west-2 --cloudformation-execution-policies arn:aws:iam::BACKUP_ACCOUNT_ID:policy/BackupAccountDeployment $ENV_ARGS',
        'npx cdk diff BackupAccountStack $ENV_ARGS',
        'npx cdk deploy BackupAccountStack $ENV_ARGS',
        'npm run break-glass -- $ENV_ARGS integration',
        'npm run doctor -- $ENV_ARGS',
        'npm run break-glass -- $ENV_ARGS status',
        'npm run drill -- $ENV_ARGS --source-profile env-staging --dry-run',
      ]);
    });

    test.each([
      ['one backup account in the file', '**One backup account in the file:**', undefined],
      ['several environments in the file', '**Several environments in the file:**', 'staging'],
    ])('%s', (layout, marker, environment) => {
      const start = walkThrough.indexOf(marker);
      expect(start).toBeGreaterThanOrEqual(0);
      const ends = ['\n   - ', '\n   The organization ID']
        .map((end) => walkThrough.indexOf(end, start))
        .filter((at) => at > 0);
      describeEnvironment(walkThrough.slice(start, Math.min(...ends)));
      const args = envArgs.find((e) => e.layout === layout)?.value;
      expect(args).toBeDefined();
      for (const command of commands) {
        const loaded = loadConfig({ directory, context: contextOf(command.replace('$ENV_ARGS', args!)) });
        expect({ command, environment: loaded.environment, account: loaded.config.backupAccountId }).toEqual({
          command,
          environment,
          account: BACKUP,
        });
        expect(loaded.placeholders).toEqual([]);
        expect(loaded.config.sourceAccountIds).toEqual([SOURCE]);
      }
    });
  });
});
