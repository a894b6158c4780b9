/**
 * `npm run docs`: writes the computed figures into their `<!-- figures:NAME -->` blocks of the README
 * and its guides (scripts/figures.ts); a test checks that the committed documents are current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillBlocks } from '../lib/analysis/doc-blocks';
import { FIGURE_DOCUMENTS, figureTexts, PROJECT_ROOT } from './figures';

const texts = figureTexts();
for (const path of FIGURE_DOCUMENTS) {
  const file = join(PROJECT_ROOT, path);
  const before = readFileSync(file, 'utf8');
  const after = fillBlocks(before, texts);
  if (after !== before) {
    writeFileSync(file, after);
    console.error(`wrote ${path}`);
  }
}
