// aws-cdk-lib's testhelpers/jest-autoclean, for the test files that synthesize: an App without an
// outdir synthesizes into a temporary folder, which CDK removes when asked after the file's tests.
// CDK's own helper loads its cloud-assembly module after every file to ask, a fraction of a second
// each for the many files that never load aws-cdk-lib; this one asks only where it is loaded.
import { dirname, join } from 'node:path';

const cloudAssemblyApi = require.resolve('@aws-cdk/cloud-assembly-api', {
  paths: [dirname(require.resolve('aws-cdk-lib'))],
});
const LOADED_WHEN_SYNTHESIZED = [cloudAssemblyApi, join(dirname(cloudAssemblyApi), 'cloud-assembly.js')];

afterAll(async () => {
  if (process.env.CDK_NO_CLEAN_TESTS) return;
  if (!LOADED_WHEN_SYNTHESIZED.some((path) => path in require.cache)) return;
  const { CloudAssembly } = await import('aws-cdk-lib/cx-api');
  CloudAssembly.cleanupTemporaryDirectories();
});
