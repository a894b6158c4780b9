/**
 * `npm run controls`: writes docs/controls.md from the example configuration (a test checks that
 * the committed file is current).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderControls } from '../lib/analysis/controls';
import { validateConfig } from '../lib/config';

const root = join(__dirname, '..');
const example = JSON.parse(readFileSync(join(root, 'backup-account.example.json'), 'utf8'));
writeFileSync(
  join(root, 'docs', 'controls.md'),
  renderControls(validateConfig(example, 'backup-account.example.json')),
);
console.error('wrote docs/controls.md');
