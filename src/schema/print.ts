import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { buildSchema, printGatewaySchema, printPossibleTypes } from './index.js';

/**
 * `schema:print` writes the files generated from the schema (`schema.graphql`, and Apollo's
 * `possible-types.json`); with `--check` it fails when one is out of date.
 */
const schema = buildSchema();
const generated = [
  { file: 'schema.graphql', text: printGatewaySchema(schema) },
  // Formatted as `prettier --check .` (part of `npm run check`) expects it, so the two agree.
  {
    file: 'possible-types.json',
    text: await prettierFormat('possible-types.json', printPossibleTypes(schema)),
  },
];

async function prettierFormat(file: string, text: string): Promise<string> {
  const path = fileURLToPath(new URL(`../../${file}`, import.meta.url));
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}

function current(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const check = process.argv.includes('--check');
let stale = false;
for (const { file, text } of generated) {
  const path = fileURLToPath(new URL(`../../${file}`, import.meta.url));
  if (!check) {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  } else if (current(path) !== text) {
    console.error(`${file} is out of date: run \`npm run schema:print\` and commit it.`);
    stale = true;
  } else {
    console.log(`${file} is in sync.`);
  }
}
if (stale) process.exit(1);
