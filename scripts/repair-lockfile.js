#!/usr/bin/env node
'use strict';
// The registry this project installs from serves only the Linux builds of unrs-resolver's
// platform bindings (an optional dependency of the lint toolchain), so `npm install` leaves the
// other platforms out of package-lock.json and `npm ci` then refuses the lockfile as "out of sync".
// This adds an entry with the right os/cpu/libc for each missing optional dependency; npm skips
// them on this platform without downloading anything. Run after every dependency change:
//   npm install && npm run lock:repair
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

/**
 * @param {string} name
 * @returns {{ os?: string[], cpu?: string[], libc?: string[] }}
 */
function platformOf(name) {
	const match = name.match(/binding-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z0-9]+))?$/);
	if (!match) return {};
	const [, os, cpu, abi] = match;
	/** @type {{ os: string[], cpu: string[], libc?: string[] }} */
	const entry = { os: [os], cpu: [cpu] };
	if (abi === 'gnu' || abi === 'gnueabihf') entry.libc = ['glibc'];
	if (abi === 'musl' || abi === 'musleabihf') entry.libc = ['musl'];
	return entry;
}

let added = 0;
for (const [location, pkg] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
		const nested = location ? `${location}/node_modules/${name}` : undefined;
		if (packages[`node_modules/${name}`] || (nested && packages[nested])) continue;
		packages[`node_modules/${name}`] = { version, dev: true, optional: true, license: 'MIT', ...platformOf(name) };
		added++;
	}
}
lock.packages = Object.fromEntries(
	Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`repair-lockfile: added ${added} missing optional platform entr${added === 1 ? 'y' : 'ies'}`);
