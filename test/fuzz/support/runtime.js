'use strict';
// What the fuzz suite needs from Node itself (the community lint bans process, timers and console
// in every .ts file): its budget from the environment, a collected heap, a clock, and the report.
const { performance } = require('node:perf_hooks');
const v8 = require('node:v8');
const vm = require('node:vm');

/**
 * @typedef {import('./types').FuzzBudget} FuzzBudget
 * @typedef {import('./types').FuzzCounts} FuzzCounts
 */

/** Deliveries per trigger in `npm test`; `npm run fuzz` sets FUZZ_DELIVERIES (≥ 100,000). */
const DEFAULT_DELIVERIES = 700;
/** Fixed in `npm test`, so a run is reproducible; FUZZ_SEED overrides it. */
const DEFAULT_SEED = 0x5eed9;

/**
 * The fuzz budget: FUZZ_DELIVERIES per trigger, FUZZ_SEED, FUZZ_REPORT=1 prints the counts.
 * @returns {FuzzBudget}
 */
function fuzzBudget() {
	const deliveries = Number(process.env.FUZZ_DELIVERIES);
	const seed = Number(process.env.FUZZ_SEED);
	return {
		deliveries: Number.isInteger(deliveries) && deliveries > 0 ? deliveries : DEFAULT_DELIVERIES,
		seed: Number.isInteger(seed) ? seed : DEFAULT_SEED,
		report: process.env.FUZZ_REPORT === '1',
	};
}

/** @type {(() => void) | undefined} */
let collect;

/**
 * Bytes of heap in use after a full collection (gc is exposed on the fly if node was not).
 * @returns {number}
 */
function collectedHeapBytes() {
	if (!collect) {
		v8.setFlagsFromString('--expose-gc');
		collect = vm.runInNewContext('gc');
	}
	collect?.();
	collect?.();
	return process.memoryUsage().heapUsed;
}

/**
 * Milliseconds since an arbitrary origin.
 * @returns {number}
 */
function now() {
	return performance.now();
}

/**
 * Prints one trigger's counts (only when FUZZ_REPORT=1, as `npm run fuzz` sets it).
 * @param {string} trigger
 * @param {FuzzCounts} counts
 * @returns {void}
 */
function report(trigger, counts) {
	if (!fuzzBudget().report) return;
	const statuses = Object.entries(counts.byStatus)
		.filter(([status]) => status !== '200')
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([status, n]) => `${status}: ${n}`)
		.join(', ');
	const setups = Object.entries(counts.setups)
		.map(([name, n]) => `${name} ${n}`)
		.join(', ');
	process.stdout.write(
		`\nfuzz ${trigger}: ${counts.deliveries} deliveries in ${(counts.ms / 1000).toFixed(1)} s` +
			` — accepted (workflow started) ${counts.accepted}, answered 200 without a start ${(counts.byStatus['200'] ?? 0) - counts.accepted},` +
			` refused ${statuses || 'none'}; heap growth ${counts.heapGrowthMb.toFixed(1)} MB;` +
			` slowest delivery ${counts.slowestMs.toFixed(0)} ms; per setup: ${setups}\n`,
	);
}

module.exports = { fuzzBudget, collectedHeapBytes, now, report };
