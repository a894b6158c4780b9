/**
 * `npm run regions`: writes lib/regions/table.ts, the region table the configuration is checked
 * against and the policies take partitions and endpoint suffixes from, out of the installed
 * aws-cdk-lib's region table. Run it after upgrading aws-cdk-lib (a test fails until then when the
 * upgrade brings new regions).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regionTableOfCdk, regionTableSource } from '../lib/regions/from-cdk';

const out = join(__dirname, '..', 'lib', 'regions', 'table.ts');
const table = regionTableOfCdk();
writeFileSync(out, regionTableSource(table));
console.error(`wrote lib/regions/table.ts: ${Object.keys(table).length} regions`);
