// @ts-check
'use strict';
// n8n in queue mode for the e2e stage: one PostgreSQL, one Redis, a main process, webhook
// processes behind a round-robin load balancer, and a worker, all the pinned n8n. Each n8n
// process is an N8nInstance whose database reads go to PostgreSQL instead of SQLite.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { N8nInstance } = require('./n8n-instance');
const { ensureQueueDepsInstalled, startPostgres, startRedis } = require('./services');
const { startLoadBalancer } = require('./load-balancer');
const { freePorts } = require('./net');
const { makeTempDir, note } = require('./tmp');
const { listProcesses, waitFor, groupAlive, sleep } = require('./proc');

/** Log line each role prints once it serves requests. */
const READY_MARKERS = {
	main: 'Editor is now accessible via',
	webhook: 'Webhook listener waiting for requests.',
	worker: 'n8n worker is now ready',
};
const BOOLEAN_COLUMNS = /("isArchived"|\bactive|\bfinished) = ([01])\b/g;

/**
 * The harness's SQLite-flavoured SQL for PostgreSQL: `?` → `$n`, camelCase identifiers quoted
 * (n8n's PostgreSQL columns are case-sensitive), 0/1 compared with booleans as booleans.
 * String literals are left alone.
 * @param {string} sql
 */
function toPostgresSql(sql) {
	let index = 0;
	return sql
		.split(/('(?:[^']|'')*')/)
		.map((part, i) =>
			i % 2 === 1
				? part
				: part
						.replace(/\?/g, () => `$${++index}`)
						.replace(/(?<!["\w])([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)\b/g, '"$1"')
						.replace(BOOLEAN_COLUMNS, (_, column, value) => `${column} = ${value === '1'}`),
		)
		.join('');
}

/** @param {unknown} value */
function toIso(value) {
	if (value instanceof Date) return value.toISOString();
	return value == null ? null : String(value);
}

/**
 * Name of the node that ran first (no source): the trigger.
 * @param {Record<string, NodeRun[]> | undefined} runData
 */
function firstNode(runData) {
	const names = Object.keys(runData || {});
	return (
		names.find((name) => {
			const first = runData?.[name] && runData[name][0];
			return first && (!first.source || first.source.length === 0 || first.source.every((s) => !s));
		}) || names[0]
	);
}

/**
 * The queue-mode types (queue-types.d.ts), re-exported so TypeScript imports them from here.
 * @typedef {import('./queue-types').QueueDeps} QueueDeps
 * @typedef {import('./queue-types').Postgres} Postgres
 * @typedef {import('./queue-types').Redis} Redis
 * @typedef {import('./queue-types').BalancerLogEntry} BalancerLogEntry
 * @typedef {import('./queue-types').UpstreamStats} UpstreamStats
 * @typedef {import('./queue-types').LoadBalancer} LoadBalancer
 * @typedef {import('./queue-types').QueueRole} QueueRole
 * @typedef {import('./queue-types').QueueClusterOptions} QueueClusterOptions
 * @typedef {import('./queue-types').QueueCluster} QueueCluster
 * @typedef {import('./types').NodeRun} NodeRun
 * @typedef {import('./types').Execution} Execution
 */

/** One n8n process of a queue-mode cluster; database reads go to the cluster's PostgreSQL. */
class QueueN8n extends N8nInstance {
	/**
	 * `flatted` is n8n's own package (execution data is stored flatted), loaded at run time.
	 * @param {import('./types').N8nInstanceOptions & { role: QueueRole, name: string, postgres: Postgres, flatted: { parse(text: string): any } }} options
	 */
	constructor(options) {
		super(options);
		this.role = options.role;
		this.name = options.name;
		this.postgres = options.postgres;
		this.flatted = options.flatted;
	}

	/**
	 * The harness's SQLite requests, answered by PostgreSQL.
	 * @param {import('./types').SqliteRequest} request
	 * @returns {Promise<any>} rows, as N8nInstance.sqlite()
	 */
	async sqlite(request) {
		if (request.op === 'query')
			return this.postgres.query(toPostgresSql(request.sql), request.params);
		if (request.op === 'queries') {
			const results = [];
			for (const q of request.queries)
				results.push(await this.postgres.query(toPostgresSql(q.sql), q.params || []));
			return results;
		}
		if (request.op === 'executions') return this.pgExecutions(request);
		throw new Error(`unknown op ${/** @type {{ op: string }} */ (request).op}`);
	}

	/**
	 * @param {{ workflowId?: string, includeData?: boolean }} request
	 * @returns {Promise<Execution[]>}
	 */
	async pgExecutions(request) {
		/** @type {string[]} */
		const params = [];
		let where = 'e."deletedAt" IS NULL';
		if (request.workflowId !== undefined && request.workflowId !== null) {
			params.push(String(request.workflowId));
			where += ' AND e."workflowId" = $1';
		}
		/** @type {Array<{ id: number, workflowId: string, finished: boolean, mode: string, status: string, startedAt: unknown, stoppedAt: unknown, createdAt: unknown, retryOf: unknown, data: string | null }>} */
		const rows = await this.postgres.query(
			`SELECT e.id, e."workflowId", e.finished, e.mode, e.status, e."startedAt", e."stoppedAt",
			        e."createdAt", e."retryOf", d.data
			   FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
			  WHERE ${where} ORDER BY e.id`,
			params,
		);
		return rows.map((row) => {
			let runExecution = null;
			let parseError = null;
			if (row.data) {
				try {
					runExecution = this.flatted.parse(row.data);
				} catch (error) {
					parseError = /** @type {Error} */ (error).message;
				}
			}
			const resultData = (runExecution && runExecution.resultData) || {};
			const runData = resultData.runData || {};
			const triggerNode = firstNode(runData) || null;
			const triggerRun = triggerNode ? runData[triggerNode][0] : null;
			return {
				id: String(row.id),
				workflowId: row.workflowId,
				status: row.status,
				mode: row.mode,
				finished: row.finished === true,
				startedAt: toIso(row.startedAt),
				stoppedAt: toIso(row.stoppedAt),
				createdAt: toIso(row.createdAt),
				retryOf: row.retryOf == null ? null : String(row.retryOf),
				triggerNode,
				triggerItems:
					(triggerRun && triggerRun.data && triggerRun.data.main && triggerRun.data.main[0]) || [],
				lastNodeExecuted: resultData.lastNodeExecuted || null,
				error: resultData.error
					? {
							message: resultData.error.message,
							description: resultData.error.description,
							node: resultData.error.node && resultData.error.node.name,
						}
					: null,
				parseError,
				runData: request.includeData === false ? undefined : runData,
			};
		});
	}

	/**
	 * @param {string} workflowId
	 * @returns {Promise<import('./types').WorkflowRow | undefined>}
	 */
	async workflow(workflowId) {
		/** @type {Array<Record<string, any>>} */
		const [row] = await this.postgres.query(
			'SELECT id, name, active, "versionId", "activeVersionId", "staticData", "triggerCount" FROM workflow_entity WHERE id = $1',
			[workflowId],
		);
		if (!row) return undefined;
		const staticData =
			typeof row.staticData === 'string' ? JSON.parse(row.staticData) : row.staticData;
		return {
			.../** @type {import('./types').WorkflowRow} */ (row),
			active: row.active === true,
			staticData: staticData || null,
		};
	}

	/**
	 * Executions of a workflow by status, without their data (cheap enough to poll in a burst).
	 * @param {string} workflowId
	 * @returns {Promise<Record<string, number>>}
	 */
	async executionStatusCounts(workflowId) {
		/** @type {Array<{ status: string, n: number }>} */
		const rows = await this.postgres.query(
			'SELECT status, COUNT(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 AND "deletedAt" IS NULL GROUP BY status',
			[workflowId],
		);
		return Object.fromEntries(rows.map((row) => [row.status, row.n]));
	}

	/**
	 * Environment changes for the next start (e.g. the worker's concurrency).
	 * @param {Record<string, string>} vars
	 */
	setEnv(vars) {
		this.extraEnv = { ...this.extraEnv, ...vars };
	}

	/** The n8n process itself (not its supervisor or task runner). */
	n8nProcess() {
		return this.processes().find(
			(p) => p.command.includes(this.install.n8nBin) && !p.command.includes('supervisor.js'),
		);
	}

	/**
	 * SIGKILLs the n8n process (a crash: no graceful shutdown, in-flight requests cut) and waits
	 * until its process group is gone.
	 */
	async crash() {
		const target = this.n8nProcess();
		if (!target) throw new Error(`${this.name}: no n8n process to kill`);
		process.kill(target.pid, 'SIGKILL');
		const pgid = this.pgid;
		await waitFor(() => !groupAlive(pgid), {
			timeoutMs: 15000,
			intervalMs: 50,
			description: `${this.name} (process group ${pgid}) to be gone after SIGKILL`,
		});
		await this.stop();
	}
}

/**
 * Environment every process of the cluster shares: queue mode, PostgreSQL, Redis, one
 * encryption key and the public webhook URL (the load balancer).
 * @param {{ postgres: Postgres, redisPort: number, webhookUrl: string }} options
 */
function sharedQueueEnv(options) {
	const { postgres } = options;
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(options.redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		// More connections than concurrent requests per process (25 in the burst). Measured with
		// fewer: n8n's default 2 → "timeout exceeded when trying to connect" (executions left in
		// error or never queued); 10 → the health ping queued behind requests past its 5 s, and the
		// process answered 503 "Database is not ready!" until the next ping.
		DB_POSTGRESDB_POOL_SIZE: '30',
		WEBHOOK_URL: `${options.webhookUrl}/`,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/**
 * Starts PostgreSQL, Redis, n8n main (migrations, owner), `webhookProcesses` webhook processes
 * behind a load balancer, and one worker. The package tarball is installed once and shared.
 * @param {QueueClusterOptions} options
 * @returns {Promise<QueueCluster>}
 */
async function startQueueCluster(options) {
	const started = Date.now();
	const deps = await ensureQueueDepsInstalled();
	const nodeModules = path.join(options.install.n8nDir, 'node_modules');
	const pgModule = require(path.join(nodeModules, 'pg'));
	const flatted = require(path.join(nodeModules, 'flatted'));
	/** @type {Array<() => Promise<void>>} */
	const cleanups = [];
	// Filled in as the services and processes start; dispose() cleans up whatever started.
	/** @type {QueueCluster} */
	const cluster = {
		postgres: /** @type {any} */ (undefined),
		redis: /** @type {any} */ (undefined),
		balancer: /** @type {any} */ (undefined),
		main: /** @type {any} */ (undefined),
		webhooks: [],
		worker: /** @type {any} */ (undefined),
		timings: { installMs: deps.installMs },
		/** Every n8n process of the cluster. */
		get processes() {
			return [this.main, ...this.webhooks, this.worker].filter(Boolean);
		},
		/** Production URL through the load balancer (what a provider calls). */
		webhookUrl(webhookId, webhookPath = '') {
			return `${this.balancer.url}/webhook/${webhookId}${webhookPath ? `/${webhookPath}` : ''}`;
		},
		async dispose() {
			for (const cleanup of cleanups.reverse()) {
				try {
					await cleanup();
				} catch (error) {
					note(`queue cluster cleanup: ${/** @type {Error} */ (error).message}`);
				}
			}
			cleanups.length = 0;
		},
	};
	try {
		cluster.postgres = await startPostgres({ deps, pgModule });
		cleanups.push(() => cluster.postgres.stop());
		cluster.redis = await startRedis({ deps });
		cleanups.push(() => cluster.redis.stop());
		cluster.timings.servicesMs = Date.now() - started;

		const count = options.webhookProcesses || 2;
		const ports = await freePorts(2 * (count + 2));
		const take = () => /** @type {number} */ (ports.shift());
		const webhookPorts = Array.from({ length: count }, () => [take(), take()]);
		cluster.balancer = await startLoadBalancer({
			upstreams: webhookPorts.map(([port], i) => ({ name: `webhook-${i + 1}`, port })),
			keyOf: options.keyOf,
		});
		cleanups.push(() => cluster.balancer.close());

		const encryptionKey = crypto.randomBytes(24).toString('hex');
		const shared = {
			...sharedQueueEnv({
				postgres: cluster.postgres,
				redisPort: cluster.redis.port,
				webhookUrl: cluster.balancer.url,
			}),
			...(options.env || {}),
		};
		/**
		 * @param {QueueRole} role
		 * @param {string} name
		 * @param {number[]} portPair
		 * @param {Record<string, string>} env
		 */
		const make = (role, name, [port, brokerPort], env = {}) => {
			const instance = new QueueN8n({
				install: options.install,
				tarball: options.tarball,
				port,
				brokerPort,
				userFolder: makeTempDir(`n8n-${name}`),
				ownsUserFolder: true,
				encryptionKey,
				command: role === 'main' ? 'start' : role,
				readyMarker: READY_MARKERS[role],
				env: { ...shared, ...env },
				role,
				name,
				postgres: cluster.postgres,
				flatted,
			});
			cleanups.push(() => instance.dispose());
			return instance;
		};
		cluster.main = make('main', 'main', [take(), take()], {
			// Production webhooks are the webhook processes' job (the load balancer sends them there).
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		cluster.webhooks = webhookPorts.map((pair, i) => make('webhook', `webhook-${i + 1}`, pair));
		const [workerPort, workerBroker] = [take(), take()];
		cluster.worker = make('worker', 'worker', [workerPort, workerBroker], {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(workerPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			...(options.workerConcurrency
				? { N8N_CONCURRENCY_PRODUCTION_LIMIT: String(options.workerConcurrency) }
				: {}),
		});

		// One install of the package, seen by every process (as a shared volume would be).
		const installStarted = Date.now();
		const { nodesDir } = await cluster.main.installPackage();
		for (const instance of [...cluster.webhooks, cluster.worker]) {
			fs.symlinkSync(nodesDir, path.join(instance.n8nFolder, 'nodes'));
		}
		cluster.timings.packageMs = Date.now() - installStarted;

		const mainStarted = Date.now();
		await cluster.main.start();
		cluster.timings.mainMs = Date.now() - mainStarted;
		const othersStarted = Date.now();
		await Promise.all(
			[...cluster.webhooks, cluster.worker].map((instance) =>
				instance.start({ waitForActivation: false }),
			),
		);
		cluster.timings.othersMs = Date.now() - othersStarted;
		cluster.timings.totalMs = Date.now() - started;
		return cluster;
	} catch (error) {
		await cluster.dispose();
		throw error;
	}
}

/**
 * Runs `task` over `items` with at most `limit` in flight; results in input order.
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<R>} task
 * @returns {Promise<R[]>}
 */
async function mapLimit(items, limit, task) {
	/** @type {R[]} */
	const results = new Array(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
	return results;
}

module.exports = {
	startQueueCluster,
	ensureQueueDepsInstalled,
	QueueN8n,
	toPostgresSql,
	mapLimit,
	sleep,
	listProcesses,
};
