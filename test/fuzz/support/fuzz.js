#!/usr/bin/env node
'use strict';
// npm run fuzz — the fuzz suite with the full budget: FUZZ_DELIVERIES deliveries per trigger
// (100,000 unless set), a fresh seed unless FUZZ_SEED is set, and the counts printed per trigger.
// Extra arguments go to jest (e.g. `npm run fuzz -- leegality`).
const { run } = require('jest');

process.env.FUZZ_DELIVERIES ??= '100000';
process.env.FUZZ_SEED ??= String(Math.floor(Math.random() * 0x7fffffff));
process.env.FUZZ_REPORT = '1';
process.stdout.write(
	`fuzz: ${process.env.FUZZ_DELIVERIES} deliveries per trigger, seed ${process.env.FUZZ_SEED} (FUZZ_SEED=… repeats a run)\n`,
);
run(['--testTimeout=14400000', '--roots', '<rootDir>/test/fuzz', ...process.argv.slice(2)]);
