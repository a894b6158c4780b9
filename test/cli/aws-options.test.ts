import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { definedProfiles, nodeVersionNotice, silenceSdkNodeWarning } from '../../lib/cli';
import { tempFolder } from '../support/temp';

test('the defined profiles are read from the AWS config and credentials files, sessions excluded', async () => {
  // GIVEN the files that AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name
  const dir = tempFolder('aws-files-');
  writeFileSync(
    join(dir, 'config'),
    '[default]\nregion = us-west-2\n[profile backup-prod]\nsso_session = corp\n[sso-session corp]\nsso_region = us-east-1\n',
  );
  writeFileSync(join(dir, 'credentials'), '[legacy]\naws_access_key_id = AKIAEXAMPLE\n');
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  try {
    // THEN
    expect(await definedProfiles()).toEqual(['backup-prod', 'default', 'legacy']);
  } finally {
    for (const [name, value] of [
      ['AWS_CONFIG_FILE', saved.config],
      ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

test("the SDK's eight-line Node.js warning becomes one line of the tool's own, below Node.js 22 only", () => {
  expect(nodeVersionNotice('v20.19.2')).toBe(
    'Note: Node.js v20.19.2 works, but AWS SDK releases after early January 2027 need Node.js 22 or later.',
  );
  expect(nodeVersionNotice('v22.1.0')).toBeUndefined();
  const env: NodeJS.ProcessEnv = {};
  silenceSdkNodeWarning(env);
  expect(env).toEqual({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
});
