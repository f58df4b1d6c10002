'use strict';
/**
 * What the real-n8n benchmark measures with: CPU time of n8n and its children (from /proc), n8n's
 * Prometheus counters, and a fixed-concurrency HTTP load generator.
 */
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { httpRequest } = require('../../test/e2e/support');

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * The fields of /proc/<pid>/stat the benchmark reads; undefined once the process is gone.
 * @param {number} pid
 * @returns {{ ppid: number, utime: number, stime: number, cutime: number, cstime: number } | undefined}
 */
function readStat(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// fields[0] is field 3 (state): utime = field 14, stime 15, cutime 16, cstime 17
		return {
			ppid: Number(fields[1]),
			utime: Number(fields[11]),
			stime: Number(fields[12]),
			cutime: Number(fields[13]),
			cstime: Number(fields[14]),
		};
	} catch {
		return undefined;
	}
}

/**
 * Every live process whose ancestry reaches `rootPid` (the root included).
 * @param {number | undefined} rootPid
 * @returns {number[]}
 */
function processTree(rootPid) {
	/** @type {Map<number, number>} */
	const parents = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readStat(Number(entry));
		if (stat) parents.set(Number(entry), stat.ppid);
	}
	const inTree = (/** @type {number} */ pid) => {
		for (let current = pid, hops = 0; current > 1 && hops < 64; hops++) {
			if (current === rootPid) return true;
			// No known parent (it exited): 0 ends the walk.
			current = parents.get(current) ?? 0;
		}
		return false;
	};
	return [...parents.keys()].filter(inTree);
}

/**
 * CPU milliseconds used so far by n8n (the child of the harness's supervisor) and every process
 * below it (the task runner), including children that already exited and were reaped.
 * @param {number | undefined} supervisorPid N8nInstance.processGroup (undefined when n8n never ran: 0 ms)
 */
function n8nCpuMs(supervisorPid) {
	let ticks = 0;
	for (const pid of processTree(supervisorPid)) {
		if (pid === supervisorPid) continue;
		const stat = readStat(pid);
		if (stat) ticks += stat.utime + stat.stime + stat.cutime + stat.cstime;
	}
	return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Counters of n8n's /metrics (N8N_METRICS=true), by metric name (labels summed).
 * @param {string} baseUrl
 * @returns {Promise<Record<string, number>>}
 */
async function scrapeMetrics(baseUrl) {
	const response = await httpRequest(`${baseUrl}/metrics`, { timeoutMs: 10000 });
	if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
	/** @type {Record<string, number>} */
	const values = {};
	for (const line of response.text.split('\n')) {
		const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
		if (!match) continue;
		values[match[1]] = (values[match[1]] || 0) + Number(match[3]);
	}
	return values;
}

/**
 * Sends every request, at most `concurrency` at a time.
 * @param {Array<{ url: string, body: string, headers: Record<string, string> }>} requests
 * @param {number} concurrency
 * @returns {Promise<Array<{ status: number, ms: number, text: string }>>}
 */
async function sendAll(requests, concurrency) {
	/** @type {Array<{ status: number, ms: number, text: string }>} */
	const results = new Array(requests.length);
	let next = 0;
	const worker = async () => {
		while (next < requests.length) {
			const index = next++;
			const request = requests[index];
			const started = performance.now();
			try {
				const response = await httpRequest(request.url, {
					method: 'POST',
					body: request.body,
					headers: request.headers,
					timeoutMs: 120000,
				});
				results[index] = {
					status: response.status,
					ms: performance.now() - started,
					text: response.text,
				};
			} catch (error) {
				results[index] = { status: 0, ms: performance.now() - started, text: error.message };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
	return results;
}

/**
 * The q-quantile (0..1) of numbers, nearest rank.
 * @param {number[]} values
 * @param {number} q
 */
function quantile(values, q) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

module.exports = { n8nCpuMs, scrapeMetrics, sendAll, quantile, TICKS_PER_SECOND };
