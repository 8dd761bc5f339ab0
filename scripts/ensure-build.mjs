/* global URL, console, process */
// Runs before `npm start`: brings dist/ up to date with src/ (tsc build mode, which only checks
// timestamps when nothing changed), so `npm install && npm start` works on a fresh clone and a
// stale build is never started. Where TypeScript is not installed (`npm ci --omit=dev` after
// `npm run build`), an existing dist/ is used as it is.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  if (existsSync(entry)) process.exit(0);
  console.error('dist/ is missing and TypeScript is not installed: run `npm install`, then `npm run build`.');
  process.exit(1);
}

// An output deleted by hand is not something the build's timestamps see: build everything again.
const args = ['-b', 'tsconfig.build.json', ...(existsSync(entry) ? [] : ['--force'])];
const { status, error } = spawnSync(process.execPath, [tsc, ...args], { cwd: root, stdio: 'inherit' });
if (error) throw error;
process.exit(status ?? 1);
