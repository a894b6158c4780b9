// After each test file: what its tests left on disk goes. A setup file, because test files may share
// their worker's modules (vitest.config.mts): a hook in a shared module would run for the first file only.
import { removeTempFolders } from './temp';

afterAll(async () => {
  removeTempFolders();
  // aws-cdk-lib's testhelpers/jest-autoclean: an App without an outdir synthesizes into a temporary
  // folder, which CDK removes when asked.
  if (process.env.CDK_NO_CLEAN_TESTS) return;
  const { CloudAssembly } = await import('aws-cdk-lib/cx-api');
  CloudAssembly.cleanupTemporaryDirectories();
});
