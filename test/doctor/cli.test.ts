import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type CliDeps, main } from '../../bin/break-glass';
import { EXIT } from '../../lib/cli';
import { exampleContext } from '../support/config';
import { clients, cloudtrailMock, healthyWorld, install, NOW, serviceError, stsMock } from './fixture';
import { tempFolder } from '../support/temp';

/** An operator's folder: the example configuration with an alert address, in backup-account.json. */
const cwd = tempFolder('doctor-cli-');
writeFileSync(
  join(cwd, 'backup-account.json'),
  JSON.stringify({ ...exampleContext(), alert_emails: ['backup-alerts@example.com'] }),
);

function deps() {
  const out: string[] = [];
  const err: string[] = [];
  const made: { region: string; profile?: string }[] = [];
  const value: CliDeps = {
    cwd,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    now: () => NOW,
    clients: () => {
      throw new Error('doctor uses doctorClients');
    },
    doctorClients: (options) => {
      made.push(options);
      return clients();
    },
    profiles: async () => ['backup-prod'],
  };
  return { deps: value, out, err, made };
}

test("npm run doctor: the operator tool's doctor command, with the global options after it", async () => {
  // GIVEN
  install(healthyWorld());
  const d = deps();
  // WHEN (npm run doctor -- --profile backup-prod)
  const code = await main(['doctor', '--profile', 'backup-prod'], d.deps);
  // THEN
  expect(code).toBe(EXIT.ok);
  expect(d.made).toEqual([{ region: 'us-west-2', profile: 'backup-prod' }]);
  expect(d.out.at(-1)).toBe('15 checks: 14 PASS, 0 WARN, 0 FAIL, 1 SKIP');
});

test('a FAIL exits 15; --json prints one JSON object', async () => {
  install(healthyWorld());
  cloudtrailMock.on(DescribeTrailsCommand).resolves({ trailList: [] });
  const d = deps();
  expect(await main(['doctor', '--json'], d.deps)).toBe(EXIT.unhealthy);
  expect(d.out).toHaveLength(1);
  expect(JSON.parse(d.out[0])).toMatchObject({ ok: false, counts: { FAIL: 1 } });
});

test('without credentials: exit 4, one clear line, no stack trace', async () => {
  install(healthyWorld());
  stsMock
    .on(GetCallerIdentityCommand)
    .rejects(serviceError('CredentialsProviderError', 'Could not load credentials from any providers'));
  const d = deps();
  expect(await main(['doctor'], d.deps)).toBe(EXIT.noCredentials);
  expect(d.out).toEqual([]);
  expect(d.err).toEqual([
    'break-glass: No usable AWS credentials (CredentialsProviderError: Could not load credentials from any providers). Sign in to the backup account (e.g. aws sso login --profile <name>) and pass --profile, or set AWS_PROFILE.',
  ]);
});

test('--json when the check cannot run: the error as one JSON object on stdout, the line on stderr', async () => {
  install(healthyWorld());
  stsMock
    .on(GetCallerIdentityCommand)
    .rejects(serviceError('CredentialsProviderError', 'Could not load credentials from any providers'));
  const d = deps();
  expect(await main(['doctor', '--json'], d.deps)).toBe(EXIT.noCredentials);
  expect(d.out).toHaveLength(1);
  expect(JSON.parse(d.out[0])).toEqual({
    error: expect.stringMatching(/^No usable AWS credentials \(CredentialsProviderError: /),
    exitCode: EXIT.noCredentials,
  });
  expect(d.err).toHaveLength(1);
  const usage = deps();
  expect(await main(['doctor', '--json', '--days', 'many'], usage.deps)).toBe(EXIT.usage);
  expect(JSON.parse(usage.out.join('\n'))).toEqual({
    error: expect.stringContaining('--days must be a whole number of days from 1 to 90'),
    exitCode: EXIT.usage,
  });
});

test('a mistake in the options is a usage error (exit 2), before any AWS call', async () => {
  const d = deps();
  expect(await main(['doctor', '--days', 'many'], d.deps)).toBe(EXIT.usage);
  expect(d.err.join('\n')).toContain('--days must be a whole number of days from 1 to 90');
  expect(d.made).toEqual([]);
});
