'use strict';
// Reads n8n's SQLite database and prints JSON. Runs under the Node 24 that runs n8n
// (node:sqlite), never inside the Node 20 jest process. Usage:
//   node24 --no-warnings sqlite-query.js '<json request>'
// Requests:
//   { "db": "...", "op": "query", "sql": "SELECT ...", "params": [...] }  -> rows
//   { "db": "...", "op": "queries", "queries": [{ "sql": "...", "params": [] }] } -> [rows, ...]
//     (one snapshot-consistent-enough read for several tables)
//   { "db": "...", "op": "executions", "flatted": "<path to flatted>", "workflowId"?: "...",
//     "includeData"?: true }                                              -> executions
// Output: { "ok": true, "result": ... } or { "ok": false, "error": "..." } (exit code 0 both ways).

const { DatabaseSync } = require('node:sqlite');

/**
 * @typedef {object} ExecutionsRequest
 * @property {string} flatted path of n8n's `flatted` package (execution data is stored flatted)
 * @property {string | number | null} [workflowId]
 * @property {boolean} [includeData]
 */

/** @param {unknown} value */
function toIso(value) {
	if (typeof value !== 'string' || !value) return value == null ? null : String(value);
	// n8n stores "YYYY-MM-DD HH:MM:SS.SSS" in UTC
	return /^\d{4}-\d{2}-\d{2} /.test(value) ? `${value.replace(' ', 'T')}Z` : value;
}

/** @param {string} dbPath */
function open(dbPath) {
	try {
		return new DatabaseSync(dbPath, { readOnly: true, timeout: 5000 });
	} catch {
		return new DatabaseSync(dbPath, { readOnly: true });
	}
}

/**
 * The node that ran first (the trigger): its first run has no source.
 * @param {Record<string, Array<{ source?: unknown[] }>> | undefined} runData
 */
function firstNode(runData) {
	const names = Object.keys(runData || {});
	const trigger = names.find((name) => {
		const first = runData?.[name] && runData[name][0];
		return first && (!first.source || first.source.length === 0 || first.source.every((s) => !s));
	});
	return trigger || names[0];
}

/**
 * @param {import('node:sqlite').DatabaseSync} db
 * @param {ExecutionsRequest} request
 */
function executions(db, request) {
	const flatted = require(request.flatted);
	const where = ['e.deletedAt IS NULL'];
	/** @type {string[]} */
	const params = [];
	if (request.workflowId !== undefined && request.workflowId !== null) {
		where.push('e.workflowId = ?');
		params.push(String(request.workflowId));
	}
	const rows = db
		.prepare(
			`SELECT e.id, e.workflowId, e.finished, e.mode, e.status, e.startedAt, e.stoppedAt, e.createdAt,
			        e.retryOf, d.data AS data
			   FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
			  WHERE ${where.join(' AND ')}
			  ORDER BY e.id`,
		)
		.all(...params);
	return rows.map((/** @type {Record<string, any>} */ row) => {
		/** @type {any} flatted n8n run data */
		let run = null;
		let parseError = null;
		if (row.data) {
			try {
				run = flatted.parse(row.data);
			} catch (error) {
				parseError = error.message;
			}
		}
		const resultData = (run && run.resultData) || {};
		const runData = resultData.runData || {};
		const triggerNode = firstNode(runData) || null;
		const triggerRun = triggerNode ? runData[triggerNode][0] : null;
		const triggerItems =
			(triggerRun && triggerRun.data && triggerRun.data.main && triggerRun.data.main[0]) || [];
		const error = resultData.error
			? {
					message: resultData.error.message,
					description: resultData.error.description,
					node: resultData.error.node && resultData.error.node.name,
				}
			: null;
		return {
			id: String(row.id),
			workflowId: row.workflowId,
			status: row.status,
			mode: row.mode,
			finished: row.finished === 1 || row.finished === true,
			startedAt: toIso(row.startedAt),
			stoppedAt: toIso(row.stoppedAt),
			createdAt: toIso(row.createdAt),
			retryOf: row.retryOf == null ? null : String(row.retryOf),
			triggerNode,
			triggerItems,
			lastNodeExecuted: resultData.lastNodeExecuted || null,
			error,
			parseError,
			runData: request.includeData === false ? undefined : runData,
		};
	});
}

function main() {
	const request = JSON.parse(process.argv[2]);
	const db = open(request.db);
	try {
		if (request.op === 'query') return db.prepare(request.sql).all(...(request.params || []));
		if (request.op === 'queries')
			return request.queries.map(
				(/** @type {{ sql: string, params?: import('node:sqlite').SQLInputValue[] }} */ q) =>
					db.prepare(q.sql).all(...(q.params || [])),
			);
		if (request.op === 'executions') return executions(db, request);
		throw new Error(`unknown op ${request.op}`);
	} finally {
		db.close();
	}
}

try {
	const result = main();
	process.stdout.write(JSON.stringify({ ok: true, result }));
} catch (error) {
	process.stdout.write(
		JSON.stringify({ ok: false, error: error && error.message ? error.message : String(error) }),
	);
}
