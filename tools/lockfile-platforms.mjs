#!/usr/bin/env node
// The npm registry mirror this project is developed against serves only Linux builds of turbo's
// platform packages, so `npm install` leaves @turbo/darwin-* and @turbo/windows-* out of
// package-lock.json and `npm ci` then refuses the lock file. This adds the missing entries
// (optional, for other OSes: npm skips them on Linux without fetching). Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const turbo = lock.packages['node_modules/turbo'];
let added = 0;
for (const dep of Object.keys(turbo?.optionalDependencies ?? {})) {
  const key = `node_modules/${dep}`;
  if (lock.packages[key]) continue;
  const [, platform] = /@turbo\/(.+)/.exec(dep) ?? [];
  const [os, cpu] = platform.split('-');
  lock.packages[key] = { version: turbo.version, cpu: [cpu === '64' ? 'x64' : cpu], dev: true, license: 'MIT', optional: true, os: [os === 'windows' ? 'win32' : os] };
  added++;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile-platforms: added ${added} entr${added === 1 ? 'y' : 'ies'}`);
