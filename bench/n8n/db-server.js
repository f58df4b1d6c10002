'use strict';
// Read-only queries on n8n's SQLite database for the real-n8n benchmark, as a long-lived child
// (spawning one process per poll would eat the CPU the benchmark measures). Runs under the Node 24
// that runs n8n (node:sqlite). One JSON request per stdin line, one JSON answer per stdout line:
//   { op: 'progress', workflowId, afterId }  -> { finished, total, lastStoppedMs }
//   { op: 'maxId', workflowId }              -> { maxId }
//   { op: 'executions', workflowIds, markerPattern, checkNode }
//        -> { [workflowId]: [{ id, status, mode, stopped, markers, verdict }] }
// `verdict` is the IF node's branch ('true' | 'false') where `checkNode` ran, else null.
// Exits when stdin closes.
//   node24 --no-warnings db-server.js <db path> <path to flatted>

const { DatabaseSync } = require('node:sqlite');
const readline = require('node:readline');

/**
 * The protocol (types.d.ts) and what it reads.
 * @typedef {import('./types').DbRequest} DbRequest
 * @typedef {import('./types').ExecutionRecord} ExecutionRecord
 * @typedef {import('./types').ExecutionRun} ExecutionRun
 * @typedef {import('./types').Verdict} Verdict
 * @typedef {Record<string, import('node:sqlite').SQLOutputValue>} Row
 */

const [dbPath, flattedPath] = process.argv.slice(2);
/** n8n's own copy of flatted (execution data is stored flatted). @type {{ parse(text: string): unknown }} */
const flatted = require(flattedPath);
const db = new DatabaseSync(dbPath, { readOnly: true, timeout: 10000 });
const FINAL = "('success', 'error', 'crashed', 'canceled')";

/** n8n stores "YYYY-MM-DD HH:MM:SS.SSS" in UTC. @param {Row[string] | undefined} value */
const toMs = (value) => (value ? Date.parse(`${String(value).replace(' ', 'T')}Z`) : null);

const progress = db.prepare(
	`SELECT SUM(CASE WHEN status IN ${FINAL} AND stoppedAt IS NOT NULL THEN 1 ELSE 0 END) AS finished,
	        COUNT(*) AS total, MAX(stoppedAt) AS lastStopped
	   FROM execution_entity WHERE workflowId = ? AND id > ?`,
);
const maxId = db.prepare('SELECT MAX(id) AS maxId FROM execution_entity WHERE workflowId = ?');
const executions = db.prepare(
	`SELECT e.id, e.status, e.mode, e.stoppedAt, d.data AS data
	   FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
	  WHERE e.workflowId = ? AND e.deletedAt IS NULL ORDER BY e.id`,
);

/**
 * @param {ExecutionRun} run
 * @param {string} checkNode
 * @returns {Verdict}
 */
function verdictOf(run, checkNode) {
	const runs = run?.resultData?.runData?.[checkNode];
	if (!runs || runs.length === 0) return null;
	const [trueItems = [], falseItems = []] = runs[0]?.data?.main ?? [];
	if (trueItems.length > 0 && falseItems.length === 0) return 'true';
	if (falseItems.length > 0 && trueItems.length === 0) return 'false';
	return 'mixed';
}

/** @param {DbRequest} request */
function answer(request) {
	if (request.op === 'progress') {
		// An aggregate query always yields one row.
		const row = /** @type {Row} */ (progress.get(request.workflowId, request.afterId));
		return {
			finished: Number(row.finished || 0),
			total: Number(row.total || 0),
			lastStoppedMs: toMs(row.lastStopped),
		};
	}
	if (request.op === 'maxId')
		return { maxId: Number(/** @type {Row} */ (maxId.get(request.workflowId)).maxId || 0) };
	if (request.op === 'executions') {
		const pattern = new RegExp(request.markerPattern, 'g');
		/** @type {Record<string, ExecutionRecord[]>} */
		const result = {};
		for (const workflowId of request.workflowIds) {
			result[workflowId] = executions.all(workflowId).map((row) => {
				const data = typeof row.data === 'string' ? row.data : '';
				/** @type {Verdict} */
				let verdict = null;
				if (request.checkNode && data) {
					try {
						verdict = verdictOf(
							/** @type {ExecutionRun} */ (flatted.parse(data)),
							request.checkNode,
						);
					} catch {
						verdict = 'unreadable';
					}
				}
				return {
					id: Number(row.id),
					status: /** @type {string} */ (row.status),
					mode: /** @type {string} */ (row.mode),
					stopped: row.stoppedAt !== null,
					markers: [...new Set(data.match(pattern) || [])],
					verdict,
				};
			});
		}
		return result;
	}
	throw new Error(`unknown op ${/** @type {{ op: unknown }} */ (request).op}`);
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
	let reply;
	try {
		reply = { ok: true, result: answer(/** @type {DbRequest} */ (JSON.parse(line))) };
	} catch (error) {
		reply = { ok: false, error: String(error?.message ?? error) };
	}
	process.stdout.write(`${JSON.stringify(reply)}\n`);
});
process.stdin.on('end', () => {
	db.close();
	process.exit(0);
});
