import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderControls, REQUIREMENTS } from '../../lib/analysis/controls';
import { configWith, PROJECT_ROOT } from '../support/config';

test('docs/controls.md is current: npm run controls writes it', () => {
  const committed = readFileSync(join(PROJECT_ROOT, 'docs', 'controls.md'), 'utf8');
  expect(committed === renderControls(configWith())).toBe(true);
});

test('every requirement the evidence is kept for has a row, and every test it cites exists', () => {
  expect(REQUIREMENTS.map((r) => r.id)).toEqual([
    'NIST 800-53 CP-9',
    'NIST 800-53 CP-9(1)',
    'NIST 800-53 CP-9(8)',
    'NIST 800-53 CP-10',
    'NIST 800-53 AU-9',
    'HIPAA 164.308(a)(7)(ii)(A)',
    'HIPAA 164.308(a)(7)(ii)(B)',
    'HIPAA 164.308(a)(7)(ii)(D)',
    'HIPAA 164.312(b)',
  ]);
  const missing = REQUIREMENTS.flatMap((r) => r.tests).filter((t) => !existsSync(join(PROJECT_ROOT, t)));
  expect(missing).toEqual([]);
});
