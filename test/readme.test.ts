import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../lib/config';
import { describeSynthesis } from '../lib/summary';
import { PROJECT_ROOT } from './support/config';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

/** The fenced block that follows the first line containing `marker`. */
function blockAfter(marker: string): string {
  const start = readme.indexOf(marker);
  expect(start).toBeGreaterThanOrEqual(0);
  const open = readme.indexOf('```', start);
  const body = readme.indexOf('\n', open) + 1;
  return readme.slice(body, readme.indexOf('```', body));
}

test("the README's named-environments example is examples/cdk.context.environments.json", () => {
  const file = readFileSync(join(PROJECT_ROOT, 'examples', 'cdk.context.environments.json'), 'utf8');
  expect(JSON.parse(blockAfter('is a complete example:'))).toEqual(JSON.parse(file));
});

test("the README's synthesis summary is what the app prints for that example's prod environment", () => {
  const loaded = loadConfig({
    directory: PROJECT_ROOT,
    file: join('examples', 'cdk.context.environments.json'),
    context: { environment: 'prod' },
  });
  const summary = describeSynthesis({
    config: loaded.config,
    environment: loaded.environment,
    today: new Date('2026-11-27T12:00:00Z'),
  });
  expect(blockAfter('### What synthesis tells you')).toBe(`${summary}\n`);
});
