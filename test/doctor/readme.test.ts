import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderText, runDoctor } from '../../lib/doctor';
import { PROJECT_ROOT } from '../support/config';
import { aws, context, healthyWorld, install } from './fixture';

/** The sample output in the health check's guide, docs/doctor.md. */
function readmeSample(): string[] {
  const readme = readFileSync(join(PROJECT_ROOT, 'docs', 'doctor.md'), 'utf8');
  const start = readme.indexOf('```text\nHealth check of account');
  expect(start).toBeGreaterThan(0);
  const body = readme.slice(start + '```text\n'.length);
  return body.slice(0, body.indexOf('\n```')).split('\n');
}

test("each line of the guide's sample output is a line the health check prints, in the same order", async () => {
  install(healthyWorld());
  const printed = renderText(await runDoctor(aws(), context()));
  const sample = readmeSample();
  expect(sample.length).toBeGreaterThan(5);
  const positions = sample.map((line) => printed.indexOf(line));
  expect(sample.filter((_line, i) => positions[i] < 0)).toEqual([]);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
});
