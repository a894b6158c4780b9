// lib/analysis (the IAM engine, its AGPL data, the managed-policy fixture) is for development: the
// app's bundle (scripts/build.mjs, which the CDK CLI runs before each synthesis) never includes it.
import { build } from 'esbuild';
import { PROJECT_ROOT } from './support/config';

test('the app bundle holds no lib/analysis module and no IAM engine', async () => {
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ['bin/app.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs).toContain('lib/policies/key-statements.ts');
  expect(inputs.filter((i) => i.startsWith('lib/analysis/'))).toEqual([]);
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  expect(
    imports.filter((path) => path.includes('iam-simulate') || path.includes('managed-policies')),
  ).toEqual([]);
});
