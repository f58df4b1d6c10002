'use strict';
/** Talks to db-server.js (a Node 24 child reading n8n's SQLite database), one request at a time. */
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');

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
		this.waiting = [];
		readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
			const next = this.waiting.shift();
			if (!next) return;
			const reply = JSON.parse(line);
			if (reply.ok) next.resolve(reply.result);
			else next.reject(new Error(`db-server: ${reply.error}`));
		});
		this.child.once('exit', (code) => {
			for (const pending of this.waiting.splice(0))
				pending.reject(new Error(`db-server exited (${code})`));
		});
	}

	request(message) {
		return new Promise((resolve, reject) => {
			this.waiting.push({ resolve, reject });
			this.child.stdin.write(`${JSON.stringify(message)}\n`);
		});
	}

	/** Executions of the workflow with id > afterId: finished count, total, last stoppedAt (ms). */
	progress(workflowId, afterId) {
		return this.request({ op: 'progress', workflowId, afterId });
	}

	async maxId(workflowId) {
		return (await this.request({ op: 'maxId', workflowId })).maxId;
	}

	/** Every execution of the workflows with the delivery markers found in its data. */
	executions(workflowIds, markerPattern, checkNode) {
		return this.request({
			op: 'executions',
			workflowIds,
			markerPattern: markerPattern.source,
			checkNode,
		});
	}

	close() {
		this.child.stdin.end();
	}
}

module.exports = { DbClient };
