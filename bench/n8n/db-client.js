'use strict';
/** Talks to db-server.js (a Node 24 child reading n8n's SQLite database), one request at a time. */
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');

/**
 * @typedef {import('./types').DbRequest} DbRequest
 * @typedef {import('./types').DbReply} DbReply
 * @typedef {import('./types').Progress} Progress
 * @typedef {import('./types').ExecutionRecord} ExecutionRecord
 */

class DbClient {
	/**
	 * @param {{ node24: string, dbPath: string, n8nDir: string }} options
	 */
	constructor({ node24, dbPath, n8nDir }) {
		this.child = spawn(
			node24,
			[
				'--no-warnings',
				path.join(__dirname, 'db-server.js'),
				dbPath,
				path.join(n8nDir, 'node_modules', 'flatted'),
			],
			{ stdio: ['pipe', 'pipe', 'inherit'] },
		);
		/** @type {Array<{ resolve: (result: unknown) => void, reject: (error: Error) => void }>} */
		this.waiting = [];
		readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
			const next = this.waiting.shift();
			if (!next) return;
			const reply = /** @type {DbReply} */ (JSON.parse(line));
			if (reply.ok) next.resolve(reply.result);
			else next.reject(new Error(`db-server: ${reply.error}`));
		});
		this.child.once('exit', (code) => {
			for (const pending of this.waiting.splice(0))
				pending.reject(new Error(`db-server exited (${code})`));
		});
	}

	/**
	 * @param {DbRequest} message
	 * @returns {Promise<unknown>} the answer db-server.js documents for `message.op`
	 */
	request(message) {
		return new Promise((resolve, reject) => {
			this.waiting.push({ resolve, reject });
			this.child.stdin.write(`${JSON.stringify(message)}\n`);
		});
	}

	/**
	 * Executions of the workflow with id > afterId: finished count, total, last stoppedAt (ms).
	 * @param {string} workflowId
	 * @param {number} afterId
	 * @returns {Promise<Progress>}
	 */
	progress(workflowId, afterId) {
		return /** @type {Promise<Progress>} */ (this.request({ op: 'progress', workflowId, afterId }));
	}

	/**
	 * @param {string} workflowId
	 * @returns {Promise<number>} the highest execution id of the workflow (0: none)
	 */
	async maxId(workflowId) {
		return /** @type {{ maxId: number }} */ (await this.request({ op: 'maxId', workflowId })).maxId;
	}

	/**
	 * Every execution of the workflows with the delivery markers found in its data.
	 * @param {string[]} workflowIds
	 * @param {RegExp} markerPattern
	 * @param {string} checkNode
	 * @returns {Promise<Record<string, ExecutionRecord[]>>} by workflow id
	 */
	executions(workflowIds, markerPattern, checkNode) {
		return /** @type {Promise<Record<string, ExecutionRecord[]>>} */ (
			this.request({
				op: 'executions',
				workflowIds,
				markerPattern: markerPattern.source,
				checkNode,
			})
		);
	}

	close() {
		this.child.stdin.end();
	}
}

module.exports = { DbClient };
