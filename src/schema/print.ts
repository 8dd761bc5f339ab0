import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printGatewaySchema } from './index.js';

/** `schema:print` writes schema.graphql; with `--check` it fails when the file is out of date. */
const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const printed = printGatewaySchema();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (current !== printed) {
    console.error('schema.graphql is out of date: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('schema.graphql is in sync.');
} else {
  writeFileSync(target, printed);
  console.log(`wrote ${target}`);
}
