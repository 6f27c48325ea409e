#!/usr/bin/env node
// Runs publint --strict and attw --pack on the package in the current directory. A missing
// build is a failure, never a skip: a package whose exports point at nothing must not pass.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const cwd = process.cwd();
const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));

function targets(node, out = []) {
  if (typeof node === 'string') out.push(node);
  else if (node && typeof node === 'object') for (const v of Object.values(node)) targets(v, out);
  return out;
}
const missing = targets(pkg.exports).filter((t) => !t.includes('*') && !existsSync(join(cwd, t)));
if (missing.length > 0) {
  console.error(`${pkg.name}: exports point at files that do not exist (run \`pnpm build\` first): ${missing.join(', ')}`);
  process.exit(1);
}

function run(cmd, args) {
  console.log(`${pkg.name}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${pkg.name}: ${cmd} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}
run('publint', ['--strict']);
run('attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped']);
