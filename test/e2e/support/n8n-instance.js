'use strict';
// One real n8n process (the pinned version installed by scripts/install-n8n.sh) with its own user
// folder, ports, SQLite database and log file. Shared types: types.d.ts.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const {
	run,
	track,
	waitFor,
	groupAlive,
	terminateGroup,
	tail,
	sleep,
	liveGroups,
	listProcesses,
} = require('./proc');
const { makeTempDir, removeTempDir, keepTempDirs, note } = require('./tmp');
const { freePorts, portInUse, httpRequest } = require('./net');
const { npmEnv } = require('./pack');

const SUPERVISOR = path.join(__dirname, 'supervisor.js');
const SQLITE_QUERY = path.join(__dirname, 'sqlite-query.js');
/** Printed by `n8n start` after the HTTP server is up AND published workflows are activated. */
const READY_MARKER = 'Editor is now accessible via';
/** Terminal execution statuses in n8n 2.x (`new`, `running`, `waiting` are not). */
const FINAL_STATUSES = ['success', 'error', 'crashed', 'canceled'];
/**
 * @typedef {import('./index').N8nInstanceOptions} N8nInstanceOptions
 * @typedef {import('./index').ActivationState} ActivationState
 * @typedef {import('./index').Execution} Execution
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, error?: string }} ExitInfo
 */

const LOAD_PROBLEM =
	/Unrecognized node type|Failed to load package|Skipping package|Error loading|Cannot find module|is not a constructor/;

/** Env vars of the host that must not leak into the n8n child. */
function baseEnv() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		// NODE_ENV=test (set by jest) puts n8n into its own test mode: silent logger, no exit
		// after CLI commands, different DB handling. Never pass it on.
		if (
			/^(N8N_|DB_|EXECUTIONS_|QUEUE_|JEST_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|GENERIC_TIMEZONE$)/.test(
				key,
			)
		)
			delete env[key];
	}
	return env;
}

class N8nInstance {
	/** @param {N8nInstanceOptions} options */
	constructor(options) {
		if (!options || !options.install)
			throw new Error('N8nInstance: `install` (from ensureN8nInstalled()) is required');
		if (!options.port || !options.brokerPort)
			throw new Error(
				'N8nInstance: `port` and `brokerPort` are required (see N8nInstance.create())',
			);
		if (options.port === options.brokerPort)
			throw new Error('N8nInstance: port and brokerPort must differ');
		if (!options.userFolder) throw new Error('N8nInstance: `userFolder` is required');
		this.install = options.install;
		this.tarballs = /** @type {string[]} */ ([]).concat(
			options.tarballs || [],
			options.tarball ? [options.tarball] : [],
		);
		this.port = options.port;
		this.brokerPort = options.brokerPort;
		this.userFolder = options.userFolder;
		this.encryptionKey = options.encryptionKey || crypto.randomBytes(24).toString('hex');
		this.extraEnv = options.env || {};
		this.logLevel = options.logLevel || process.env.E2E_N8N_LOG_LEVEL || 'info';
		this.startTimeoutMs = options.startTimeoutMs || 180000;
		this.stopGraceMs = options.stopGraceMs || 20000;
		this.ownsUserFolder = Boolean(options.ownsUserFolder);
		/** n8n subcommand start() runs: `start` (main), or `webhook` / `worker` in queue mode. */
		this.command = options.command || 'start';
		/** Log line that means the process is ready (the command's own, see queue.js). */
		this.readyMarker = options.readyMarker || READY_MARKER;
		/** @type {import('node:child_process').ChildProcess | null} */
		this.child = null;
		this.pgid = 0;
		/** @type {ExitInfo | null} how the current/last run ended (null while running) */
		this.exitInfo = null;
		this.logOffset = 0;
		this.starts = 0;
		/** @type {import('./index').N8nTimings} */
		this.timings = { starts: [], stops: [], cli: [] };
		/** @type {import('./index').OwnerAccount | undefined} set up by session() */
		this.ownerAccount = undefined;
		fs.mkdirSync(this.n8nFolder, { recursive: true });
	}

	/**
	 * Creates an instance with free ports and a fresh temp user folder (removed by dispose()).
	 * @param {Omit<N8nInstanceOptions, 'port' | 'brokerPort' | 'userFolder'> & Partial<N8nInstanceOptions>} options
	 */
	static async create(options) {
		const [port, brokerPort] = await freePorts(2);
		const ownsUserFolder = !options.userFolder;
		const userFolder = options.userFolder || makeTempDir('n8n');
		return new N8nInstance({ port, brokerPort, ...options, userFolder, ownsUserFolder });
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Major version of the installed n8n: 1 (activation by `update:workflow`, no publication outbox) or 2+. */
	get n8nMajor() {
		return Number.parseInt(String(this.install.n8nVersion), 10);
	}

	/** n8n's data dir: <userFolder>/.n8n */
	get n8nFolder() {
		return path.join(this.userFolder, '.n8n');
	}

	get dbPath() {
		return path.join(this.n8nFolder, 'database.sqlite');
	}

	get logFile() {
		return path.join(this.userFolder, 'n8n.log');
	}

	get running() {
		return Boolean(this.child) && this.exitInfo === null;
	}

	get pid() {
		return this.child ? this.child.pid : undefined;
	}

	/** Process group of the current/last run (supervisor, n8n, task runner). */
	get processGroup() {
		return this.pgid || undefined;
	}

	/** Live processes of this instance's process group (empty once stopped). */
	processes() {
		return this.pgid ? listProcesses({ pgid: this.pgid }) : [];
	}

	/**
	 * Production webhook URL: WEBHOOK_URL + webhook/<webhookId>/<path>.
	 * @param {string} webhookId
	 * @param {string} [webhookPath]
	 */
	webhookUrl(webhookId, webhookPath = '') {
		const suffix = String(webhookPath).replace(/^\/+/, '');
		return `${this.baseUrl}/webhook/${webhookId}${suffix ? `/${suffix}` : ''}`;
	}

	/**
	 * Production URL of a node whose webhook path is a full path: the built-in Webhook node
	 * (n8n-nodes-base.webhook) registers WEBHOOK_URL + webhook/<path parameter>, no webhookId.
	 * @param {string} fullPath
	 */
	webhookPathUrl(fullPath) {
		return `${this.baseUrl}/webhook/${String(fullPath).replace(/^\/+/, '')}`;
	}

	/**
	 * Test webhook URL (only live while "Listen for test event" runs in the editor).
	 * @param {string} webhookId
	 * @param {string} [webhookPath]
	 */
	testWebhookUrl(webhookId, webhookPath = '') {
		return this.webhookUrl(webhookId, webhookPath).replace('/webhook/', '/webhook-test/');
	}

	/**
	 * The environment n8n (server and CLI) runs with.
	 * @returns {Record<string, string | undefined>}
	 */
	env() {
		const nodeBin = path.dirname(this.install.node24);
		return {
			...baseEnv(),
			PATH: `${nodeBin}${path.delimiter}${process.env.PATH || ''}`,
			HOME: process.env.HOME || this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			DB_TYPE: 'sqlite',
			DB_SQLITE_POOL_SIZE: '3',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: String(Math.max(5, Math.floor(this.stopGraceMs / 1000) - 5)),
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_PRUNE: 'false',
			// n8n 2.41 re-checks published workflows every 10 s by default; a new version published
			// with the CLI while n8n was stopped is only activated by that check after a restart.
			N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: '2',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			N8N_LOG_LEVEL: this.logLevel,
			N8N_LOG_OUTPUT: 'console',
			...this.extraEnv,
		};
	}

	/**
	 * Runs an n8n CLI command (`import:workflow`, `publish:workflow`, ...) against this user folder.
	 * Output is appended to <userFolder>/cli.log.
	 * @param {string[]} args
	 * @param {{ timeoutMs?: number }} [options]
	 * @returns {Promise<import('./index').CliResult>}
	 */
	async cli(args, options = {}) {
		const result = await run(this.install.node24, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(),
			timeoutMs: options.timeoutMs || 120000,
			logFile: path.join(this.userFolder, 'cli.log'),
			label: `n8n ${args.join(' ')}`,
		});
		this.timings.cli.push({ command: args[0], ms: result.ms });
		return result;
	}

	/**
	 * Installs packed community packages the way n8n installs them: into
	 * <userFolder>/.n8n/nodes (package.json {"name":"installed-nodes","private":true}) with
	 * `npm install <tgz...> --ignore-scripts --legacy-peer-deps` (n8n-workflow is NOT installed
	 * there; n8n's NODE_PATH provides its own copy). Takes effect at the next start.
	 * @param {string[] | string} [tarballs] defaults to the tarball(s) given to the constructor
	 */
	async installPackage(tarballs) {
		const list = /** @type {string[]} */ ([]).concat(tarballs || this.tarballs);
		if (!list.length) throw new Error('installPackage: no tarball given');
		for (const tgz of list)
			if (!fs.existsSync(tgz)) throw new Error(`installPackage: ${tgz} does not exist`);
		const nodesDir = path.join(this.n8nFolder, 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		const manifest = path.join(nodesDir, 'package.json');
		if (!fs.existsSync(manifest)) {
			fs.writeFileSync(
				manifest,
				`${JSON.stringify({ name: 'installed-nodes', private: true }, null, 2)}\n`,
			);
		}
		const started = Date.now();
		await run(
			'npm',
			[
				'install',
				...list,
				'--ignore-scripts',
				'--legacy-peer-deps',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{
				cwd: nodesDir,
				env: npmEnv(),
				timeoutMs: 180000,
				logFile: path.join(this.userFolder, 'npm-install.log'),
				label: `npm install (into ${nodesDir})`,
			},
		);
		if (fs.existsSync(path.join(nodesDir, 'node_modules', 'n8n-workflow'))) {
			throw new Error(
				`installPackage: n8n-workflow was installed into ${nodesDir}; the package must keep it a peer dependency`,
			);
		}
		const ms = Date.now() - started;
		this.timings.installPackage = ms;
		return { nodesDir, ms };
	}

	/**
	 * Writes a JSON file for a CLI import into <userFolder>/import/.
	 * @param {string} kind
	 * @param {unknown} content
	 */
	writeImportFile(kind, content) {
		const dir = path.join(this.userFolder, 'import');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(
			dir,
			`${kind}-${Date.now()}-${crypto.randomBytes(3).toString('hex')}.json`,
		);
		fs.writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	/**
	 * `n8n import:credentials`: plain `data` is encrypted with this instance's key on import.
	 * @param {import('./index').CredentialImport[]} credentials
	 */
	async importCredentials(credentials) {
		const list = credentials.map((credential) => {
			if (!credential.id || !credential.name || !credential.type) {
				throw new Error(
					`importCredentials: id, name and type are required (${JSON.stringify(credential.name)})`,
				);
			}
			const now = new Date().toISOString();
			return {
				createdAt: now,
				updatedAt: now,
				isManaged: false,
				...credential,
				data: credential.data || {},
			};
		});
		const file = this.writeImportFile('credentials', list);
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			if (!keepTempDirs()) fs.rmSync(file, { force: true });
		}
		const ids = list.map((c) => c.id);
		/** @type {Array<{ id: string, type: string }>} */
		const rows = await this.query(
			`SELECT id, type FROM credentials_entity WHERE id IN (${ids.map(() => '?').join(',')})`,
			ids,
		);
		const missing = ids.filter((id) => !rows.some((row) => row.id === id));
		if (missing.length)
			throw new Error(
				`importCredentials: not in the database after import: ${missing.join(', ')}\n${this.cliLogTail()}`,
			);
	}

	/**
	 * `n8n import:workflow` (imported workflows are unpublished). Missing node ids/positions are
	 * filled in; give every webhook node a fixed `webhookId` so its URL is predictable.
	 * @param {import('./index').WorkflowImport[]} workflows
	 */
	async importWorkflows(workflows) {
		const list = workflows.map((workflow) => {
			if (!workflow.id)
				throw new Error(`importWorkflows: workflow "${workflow.name}" needs an explicit id`);
			return {
				active: false,
				settings: { executionOrder: 'v1' },
				connections: {},
				...workflow,
				nodes: (workflow.nodes || []).map((node, index) => ({
					id: crypto.randomUUID(),
					position: [index * 220, 0],
					parameters: {},
					...node,
				})),
			};
		});
		const file = this.writeImportFile('workflows', list);
		await this.cli(['import:workflow', `--input=${file}`]);
		const ids = list.map((w) => w.id);
		/** @type {Array<{ id: string }>} */
		const rows = await this.query(
			`SELECT id FROM workflow_entity WHERE id IN (${ids.map(() => '?').join(',')})`,
			ids,
		);
		const missing = ids.filter((id) => !rows.some((row) => row.id === id));
		if (missing.length)
			throw new Error(
				`importWorkflows: not in the database after import: ${missing.join(', ')}\n${this.cliLogTail()}`,
			);
	}

	/**
	 * `n8n publish:workflow --id=<id>` (n8n 2.x). Edits the DB only: takes effect at the next
	 * start/restart. Verified through workflow_entity.activeVersionId.
	 * @param {string} workflowId
	 */
	async publish(workflowId) {
		const result = await this.cli(['publish:workflow', `--id=${workflowId}`]);
		/** @type {Array<{ id: string, versionId: string, activeVersionId: string | null, active: number }>} */
		const [row] = await this.query(
			'SELECT id, versionId, activeVersionId, active FROM workflow_entity WHERE id = ?',
			[workflowId],
		);
		if (!row || !row.activeVersionId) {
			throw new Error(
				`publish(${workflowId}): workflow is not published after the CLI ran\n${tail(result.stdout + result.stderr, 20)}`,
			);
		}
		return { ms: result.ms, versionId: row.activeVersionId };
	}

	/**
	 * Makes a workflow active at the next start on any line: `publish:workflow` on n8n 2.x,
	 * `update:workflow --active=true` on 1.x (which has no publishing). Verified in the DB.
	 * @param {string} workflowId
	 * @returns {Promise<{ ms: number }>}
	 */
	async activate(workflowId) {
		if (this.n8nMajor >= 2) return this.publish(workflowId);
		const result = await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
		/** @type {Array<{ active: number }>} */
		const [row] = await this.query('SELECT active FROM workflow_entity WHERE id = ?', [workflowId]);
		if (!row || row.active !== 1) {
			throw new Error(
				`activate(${workflowId}): workflow is not active after the CLI ran\n${tail(result.stdout + result.stderr, 20)}`,
			);
		}
		return { ms: result.ms };
	}

	/**
	 * Names n8n-workflow exports at run time, as resolved from this n8n's own package.
	 * @returns {Promise<string[]>}
	 */
	async n8nWorkflowExports() {
		const script = `const n8n = require.resolve('n8n/package.json', { paths: [${JSON.stringify(this.install.n8nDir)}] });
process.stdout.write(JSON.stringify(Object.keys(require(require.resolve('n8n-workflow', { paths: [require('path').dirname(n8n)] })))));`;
		const result = await run(this.install.node24, ['-e', script], {
			cwd: this.install.n8nDir,
			timeoutMs: 60000,
			label: 'n8n-workflow exports',
		});
		return JSON.parse(result.stdout);
	}

	/** `n8n unpublish:workflow --id=<id>`; takes effect at the next start. */
	async unpublish(/** @type {string} */ workflowId) {
		const result = await this.cli(['unpublish:workflow', `--id=${workflowId}`]);
		return { ms: result.ms };
	}

	/** The end of <userFolder>/cli.log, for error messages. */
	cliLogTail(lines = 30) {
		const file = path.join(this.userFolder, 'cli.log');
		return fs.existsSync(file)
			? `--- cli.log (tail) ---\n${tail(fs.readFileSync(file, 'utf8'), lines)}`
			: '';
	}

	/**
	 * Starts `n8n start` (under a watchdog that kills it if this process dies) and waits until
	 * GET /healthz/readiness is 200 AND the log says "Editor is now accessible via" (/healthz
	 * alone answers 200 while the DB migrations are still running), then until every published
	 * workflow's activation has settled (n8n 2.41 activates through a publication outbox, after
	 * that log line). Activation failures do not throw here: see the returned `activation`, or
	 * call waitForActivation() to assert.
	 * @param {{ timeoutMs?: number, waitForActivation?: boolean }} [options]
	 * @returns {Promise<import('./index').StartResult>}
	 */
	async start(options = {}) {
		if (this.running) throw new Error('start(): n8n is already running');
		const timeoutMs = options.timeoutMs || this.startTimeoutMs;
		for (const port of [this.port, this.brokerPort]) {
			if (await portInUse(port)) throw new Error(`start(): port ${port} is already in use`);
		}
		fs.mkdirSync(this.n8nFolder, { recursive: true });
		const header = `\n===== n8n start #${this.starts + 1} at ${new Date().toISOString()} =====\n`;
		fs.appendFileSync(this.logFile, header);
		this.logOffset = fs.statSync(this.logFile).size;
		const fd = fs.openSync(this.logFile, 'a');
		const started = Date.now();
		let child;
		try {
			child = spawn(
				process.execPath,
				[
					SUPERVISOR,
					String(process.pid),
					String(this.stopGraceMs),
					this.install.node24,
					this.install.n8nBin,
					this.command,
				],
				{ cwd: this.userFolder, env: this.env(), detached: true, stdio: ['ignore', fd, fd] },
			);
		} finally {
			fs.closeSync(fd);
		}
		this.child = child;
		this.pgid = child.pid || 0;
		this.exitInfo = null;
		this.starts += 1;
		track(child);
		child.once('exit', (code, signal) => {
			this.exitInfo = { code, signal };
		});
		child.once('error', (error) => {
			this.exitInfo = { code: null, signal: null, error: error.message };
		});
		try {
			await waitFor(
				async () => {
					if (this.exitInfo) {
						throw Object.assign(
							new Error(`n8n exited during start (${JSON.stringify(this.exitInfo)})`),
							{ fatal: true },
						);
					}
					if (!this.logsSinceStart().includes(this.readyMarker)) return false;
					const res = await httpRequest(`${this.baseUrl}/healthz/readiness`, { timeoutMs: 2000 });
					return res.status === 200;
				},
				{ timeoutMs, intervalMs: 250, description: `n8n on port ${this.port} to become ready` },
			);
		} catch (error) {
			const logTail = tail(this.logsSinceStart(), 60);
			await this.stop().catch(() => undefined);
			throw new Error(
				`n8n did not start: ${error.message}\n--- last 60 log lines (${this.logFile}) ---\n${logTail}`,
			);
		}
		const readyMs = Date.now() - started;
		/** @type {ActivationState[]} */
		let activation = [];
		// n8n 1.x activates active workflows before its ready log line (and has no outbox to watch).
		if (options.waitForActivation !== false && this.n8nMajor >= 2) {
			try {
				activation = await this.waitForActivation({
					allowFailures: true,
					timeoutMs: Math.max(10000, timeoutMs - readyMs),
				});
			} catch (error) {
				const logTail = tail(this.logsSinceStart(), 60);
				await this.stop().catch(() => undefined);
				throw new Error(
					`n8n started but did not finish activating workflows: ${error.message}\n--- last 60 log lines ---\n${logTail}`,
				);
			}
		}
		const ms = Date.now() - started;
		this.timings.starts.push(ms);
		this.timings.ready = [...(this.timings.ready || []), readyMs];
		return { ms, readyMs, activation };
	}

	/**
	 * SIGTERM (graceful n8n shutdown), SIGKILL to the whole process group after the grace period;
	 * resolves when no process of the group is left and the ports are free.
	 * @param {{ graceMs?: number }} [options]
	 * @returns {Promise<{ ms: number, forced: boolean }>}
	 */
	async stop(options = {}) {
		if (!this.child) return { ms: 0, forced: false };
		const started = Date.now();
		const pgid = this.pgid;
		const { forced } = await terminateGroup(pgid, options.graceMs || this.stopGraceMs, {
			leaderOnly: true,
		});
		if (groupAlive(pgid)) throw new Error(`stop(): processes of group ${pgid} are still alive`);
		liveGroups.delete(pgid);
		await waitFor(async () => !(await portInUse(this.port)), {
			timeoutMs: 10000,
			description: `port ${this.port} to be released`,
		});
		this.child = null;
		if (!this.exitInfo) this.exitInfo = { code: null, signal: 'SIGKILL' };
		const ms = Date.now() - started;
		this.timings.stops.push(ms);
		return { ms, forced };
	}

	/**
	 * stop() then start().
	 * @param {{ timeoutMs?: number }} [options]
	 */
	async restart(options = {}) {
		const started = Date.now();
		const stopped = await this.stop();
		const startedInfo = await this.start(options);
		const ms = Date.now() - started;
		this.timings.restarts = [...(this.timings.restarts || []), ms];
		return { ms, stopMs: stopped.ms, startMs: startedInfo.ms };
	}

	/**
	 * Whole log file (all starts), or since the current/last start.
	 * @param {{ sinceStart?: boolean }} [options]
	 */
	logs(options = {}) {
		if (!fs.existsSync(this.logFile)) return '';
		const text = fs.readFileSync(this.logFile, 'utf8');
		return options.sinceStart ? text.slice(this.logOffset) : text;
	}

	logsSinceStart() {
		return this.logs({ sinceStart: true });
	}

	/**
	 * Log lines (all starts) that mean a package or node did not load, e.g. "Unrecognized node
	 * type", "Failed to load package", "Skipping package", "Cannot find module".
	 */
	loadProblems() {
		return this.logs()
			.split('\n')
			.filter((line) => LOAD_PROBLEM.test(line));
	}

	/**
	 * Runs read-only SQL against n8n's SQLite DB (via Node 24's node:sqlite in a child process).
	 * @template [T=Record<string, unknown>]
	 * @param {string} sql
	 * @param {unknown[]} [params]
	 * @returns {Promise<T[]>}
	 */
	async query(sql, params = []) {
		return this.sqlite({ op: 'query', sql, params });
	}

	/**
	 * One request to sqlite-query.js (see there); resolves with its `result`.
	 * @param {import('./types').SqliteRequest} request
	 * @returns {Promise<any>} rows as the helper printed them (JSON)
	 */
	async sqlite(request) {
		if (!fs.existsSync(this.dbPath))
			throw new Error(`no database yet at ${this.dbPath} (n8n never ran here)`);
		const payload = {
			db: this.dbPath,
			flatted: path.join(this.install.n8nDir, 'node_modules', 'flatted'),
			...request,
		};
		const result = await run(
			this.install.node24,
			['--no-warnings', SQLITE_QUERY, JSON.stringify(payload)],
			{
				timeoutMs: 30000,
				label: `sqlite ${request.op}`,
			},
		);
		let parsed;
		try {
			parsed = JSON.parse(result.stdout);
		} catch {
			throw new Error(`sqlite helper printed no JSON:\n${tail(result.stdout + result.stderr, 20)}`);
		}
		if (!parsed.ok) throw new Error(`sqlite ${request.op} failed: ${parsed.error}`);
		return parsed.result;
	}

	/**
	 * Executions from execution_entity + execution_data (flatted), oldest first.
	 * @param {{ workflowId?: string, includeData?: boolean }} [options]
	 * @returns {Promise<Execution[]>}
	 */
	async executions(options = {}) {
		return this.sqlite({
			op: 'executions',
			workflowId: options.workflowId,
			includeData: options.includeData,
		});
	}

	/**
	 * Polls until at least `count` executions of the workflow are final (success/error/crashed/
	 * canceled), then keeps watching for `settleMs` so unexpected extra executions are caught.
	 * Returns all executions of the workflow.
	 * @param {{ workflowId: string, count: number, timeoutMs?: number, settleMs?: number }} options
	 */
	async waitForExecutions(options) {
		const { workflowId, count, timeoutMs = 30000, settleMs = 1500 } = options;
		const isFinal = (/** @type {Execution} */ e) =>
			FINAL_STATUSES.includes(e.status) && e.stoppedAt;
		/** @type {Execution[]} */
		let last = [];
		if (count > 0) {
			await waitFor(
				async () => {
					last = await this.executions({ workflowId, includeData: false });
					return last.filter(isFinal).length >= count;
				},
				{
					timeoutMs,
					intervalMs: 200,
					description: `${count} finished execution(s) of workflow ${workflowId}`,
					onTimeout: () =>
						`seen: ${JSON.stringify(last.map((e) => ({ id: e.id, status: e.status, mode: e.mode })))}\n--- n8n log (tail) ---\n${tail(this.logsSinceStart(), 40)}`,
				},
			);
		}
		if (settleMs > 0) await sleep(settleMs);
		const all = await this.executions({ workflowId });
		// An execution that started during the settle period must be final too before we return.
		if (all.some((e) => !isFinal(e))) {
			await waitFor(
				async () => (await this.executions({ workflowId, includeData: false })).every(isFinal),
				{
					timeoutMs,
					intervalMs: 200,
					description: `all executions of workflow ${workflowId} to finish`,
				},
			);
			return this.executions({ workflowId });
		}
		return all;
	}

	/**
	 * Activation state of published workflows, from n8n 2.41's publication outbox
	 * (workflow_publication_outbox) and per-trigger status (workflow_publication_trigger_status).
	 * state: 'active' | 'failed' | 'partial' | 'activating' (queued or running) | 'pending' (not
	 * picked up yet).
	 * @param {string[]} [workflowIds] defaults to every published workflow
	 * @returns {Promise<ActivationState[]>}
	 */
	async activationStates(workflowIds) {
		/**
		 * @type {[
		 *   Array<{ id: string, activeVersionId: string }>,
		 *   Array<{ id: number, workflowId: string, publishedVersionId: string, status: string, errorMessage: string | null, reason: string | null }>,
		 *   ActivationState['triggers'],
		 * ]}
		 */
		const [published, outbox, triggers] = await this.sqlite({
			op: 'queries',
			queries: [
				{
					sql: 'SELECT id, activeVersionId FROM workflow_entity WHERE activeVersionId IS NOT NULL AND isArchived = 0',
				},
				{
					sql: 'SELECT id, workflowId, publishedVersionId, status, errorMessage, reason FROM workflow_publication_outbox ORDER BY id',
				},
				{
					sql: 'SELECT workflowId, nodeId, versionId, status, errorMessage FROM workflow_publication_trigger_status',
				},
			],
		});
		const wanted = workflowIds ? new Set(workflowIds) : null;
		/** @type {ActivationState[]} */
		const states = [];
		for (const id of wanted ? [...wanted] : published.map((w) => w.id)) {
			const wf = published.find((w) => w.id === id);
			if (!wf) {
				states.push({
					workflowId: id,
					activeVersionId: null,
					state: 'unpublished',
					errors: [],
					triggers: [],
				});
				continue;
			}
			const version = wf.activeVersionId;
			const rows = outbox.filter((o) => o.workflowId === id);
			const forVersion = rows.filter((o) => o.publishedVersionId === version);
			const latest = forVersion[forVersion.length - 1];
			const trig = triggers.filter((t) => t.workflowId === id && t.versionId === version);
			const errors = [
				...(latest && latest.errorMessage ? [latest.errorMessage] : []),
				...trig
					.filter((t) => t.status === 'failed' && t.errorMessage)
					.map((t) => /** @type {string} */ (t.errorMessage)),
			];
			/** @type {ActivationState['state']} */
			let state = 'pending';
			if (rows.some((o) => o.status === 'pending' || o.status === 'in_progress'))
				state = 'activating';
			else if (latest && latest.status === 'completed') state = 'active';
			else if (latest && latest.status === 'partial_success') state = 'partial';
			else if (latest && latest.status === 'failed') state = 'failed';
			else if (trig.length && trig.every((t) => t.status === 'activated')) state = 'active';
			else if (trig.some((t) => t.status === 'failed'))
				state = trig.some((t) => t.status === 'activated') ? 'partial' : 'failed';
			states.push({
				workflowId: id,
				activeVersionId: version,
				state,
				errors: [...new Set(errors)],
				triggers: trig,
			});
		}
		return states;
	}

	/**
	 * Waits until n8n has finished activating the given (default: all) published workflows —
	 * in n8n 2.41 this happens asynchronously AFTER the "Editor is now accessible" log line.
	 * Throws if one is not active at the end (state failed/partial, with n8n's error message),
	 * unless `allowFailures`.
	 * @param {{ workflowIds?: string[], timeoutMs?: number, allowFailures?: boolean }} [options]
	 * @returns {Promise<ActivationState[]>}
	 */
	async waitForActivation(options = {}) {
		const { workflowIds, timeoutMs = 60000, allowFailures = false } = options;
		/** @type {ActivationState[]} */
		let states = [];
		const settled = (/** @type {ActivationState} */ s) =>
			['active', 'failed', 'partial', 'unpublished'].includes(s.state);
		await waitFor(
			async () => {
				states = await this.activationStates(workflowIds);
				return states.every(settled);
			},
			{
				timeoutMs,
				intervalMs: 200,
				description: 'workflow activation',
				onTimeout: () =>
					`states: ${JSON.stringify(states.map((s) => ({ id: s.workflowId, state: s.state })))}\n--- n8n log (tail) ---\n${tail(this.logsSinceStart(), 40)}`,
			},
		);
		const bad = states.filter((s) => s.state !== 'active');
		if (bad.length && !allowFailures) {
			throw new Error(
				`workflow(s) not active: ${bad.map((s) => `${s.workflowId} (${s.state}${s.errors.length ? `: ${s.errors.join('; ')}` : ''})`).join(', ')}\n--- n8n log (tail) ---\n${tail(this.logsSinceStart(), 40)}`,
			);
		}
		return states;
	}

	/**
	 * Rows of webhook_entity: the production webhooks n8n has registered (published workflows).
	 * @returns {Promise<import('./index').RegisteredWebhook[]>}
	 */
	async registeredWebhooks() {
		return this.query(
			'SELECT workflowId, webhookPath, method, node, webhookId FROM webhook_entity ORDER BY workflowId, node',
		);
	}

	/**
	 * workflow_entity row (+ parsed staticData) of one workflow.
	 * @param {string} workflowId
	 * @returns {Promise<import('./index').WorkflowRow | undefined>}
	 */
	async workflow(workflowId) {
		/** @type {Array<Record<string, any>>} */
		const [row] = await this.query(
			'SELECT id, name, active, versionId, activeVersionId, staticData, triggerCount FROM workflow_entity WHERE id = ?',
			[workflowId],
		);
		if (!row) return undefined;
		return {
			.../** @type {import('./index').WorkflowRow} */ (row),
			active: row.active === 1,
			staticData: row.staticData ? JSON.parse(row.staticData) : null,
		};
	}

	/**
	 * Node/credential types n8n loaded at its last start, read from the type files it writes to
	 * <userFolder>/.cache/n8n/public/types (what the editor fetches as /types/nodes.json).
	 * @returns {{ nodes: string[], credentials: string[] }}
	 */
	loadedTypes() {
		const dir = path.join(this.userFolder, '.cache', 'n8n', 'public', 'types');
		/** @type {(file: string) => Array<{ name: string }>} */
		const read = (file) => {
			const full = path.join(dir, file);
			return fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) : [];
		};
		const nodes = [...new Set(read('nodes.json').map((n) => n.name))];
		const credentials = [...new Set(read('credentials.json').map((c) => c.name))];
		return { nodes, credentials };
	}

	/**
	 * Internal REST call (`/rest/...`) with an optional session cookie; the JSON `data` envelope
	 * is returned as `data`.
	 * @param {string} method
	 * @param {string} restPath e.g. '/rest/login'
	 * @param {{ cookie?: string, body?: unknown, headers?: Record<string, string> }} [options]
	 * @returns {Promise<import('./index').RestResponse>}
	 */
	async rest(method, restPath, options = {}) {
		/** @type {Record<string, string>} */
		const headers = { ...(options.headers || {}) };
		if (options.cookie) headers.cookie = options.cookie;
		const res = await httpRequest(`${this.baseUrl}${restPath}`, {
			method,
			headers,
			body: options.body,
		});
		let data;
		try {
			const parsed = JSON.parse(res.text);
			data = parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
		} catch {
			data = undefined;
		}
		const cookie = res.setCookies
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('n8n-auth='));
		return { status: res.status, data, text: res.text, cookie };
	}

	/**
	 * First-run owner setup (POST /rest/owner/setup, no auth; only works once per instance).
	 * Returns the session cookie ("n8n-auth=...") issued with the response.
	 * @param {import('./index').OwnerAccount} owner
	 */
	async setupOwner(owner) {
		const res = await this.rest('POST', '/rest/owner/setup', { body: owner });
		if (res.status !== 200 || !res.cookie)
			throw new Error(`owner setup failed: ${res.status} ${res.text.slice(0, 300)}`);
		return { cookie: res.cookie, user: res.data };
	}

	/**
	 * POST /rest/login → session cookie.
	 * @param {string} email
	 * @param {string} password
	 */
	async login(email, password) {
		const res = await this.rest('POST', '/rest/login', {
			body: { emailOrLdapLoginId: email, password },
		});
		if (res.status !== 200 || !res.cookie)
			throw new Error(`login failed: ${res.status} ${res.text.slice(0, 300)}`);
		return { cookie: res.cookie, user: res.data };
	}

	/**
	 * Creates a public-API key for the logged-in user (POST /rest/api-keys with every scope the
	 * role may grant). Use it as header `X-N8N-API-KEY` on /api/v1/...
	 * @param {string} cookie
	 * @returns {Promise<string>}
	 */
	async createApiKey(cookie, label = 'e2e') {
		const scopes = await this.rest('GET', '/rest/api-keys/scopes', { cookie });
		if (scopes.status !== 200)
			throw new Error(`api key scopes: ${scopes.status} ${scopes.text.slice(0, 300)}`);
		const res = await this.rest('POST', '/rest/api-keys', {
			cookie,
			body: { label, scopes: scopes.data, expiresAt: null },
		});
		const created = /** @type {{ rawApiKey?: string } | undefined} */ (res.data);
		if (res.status !== 200 || !created || !created.rawApiKey)
			throw new Error(`api key creation failed: ${res.status} ${res.text.slice(0, 300)}`);
		return created.rawApiKey;
	}

	/**
	 * A logged-in REST session (cookie). On the first call the instance owner is set up with
	 * POST /rest/owner/setup (the shell owner created by the migrations, who also owns every
	 * CLI-imported workflow, gets this email and password); later calls log in with POST /rest/login.
	 * @param {Partial<import('./index').OwnerAccount>} [account]
	 * @returns {Promise<{ cookie: string, email: string, password: string }>}
	 */
	async session(account = {}) {
		/** @type {import('./index').OwnerAccount} */
		const owner = {
			email: 'e2e-owner@example.com',
			password: `E2e-${crypto.randomBytes(6).toString('hex')}A1`,
			firstName: 'E2E',
			lastName: 'Owner',
			...(this.ownerAccount || {}),
			...account,
		};
		if (!this.ownerAccount) {
			const settings =
				/** @type {{ userManagement?: { showSetupOnFirstLoad?: boolean } } | undefined} */ (
					(await this.rest('GET', '/rest/settings')).data
				);
			const needsSetup =
				settings && settings.userManagement && settings.userManagement.showSetupOnFirstLoad;
			if (needsSetup) {
				const { cookie } = await this.setupOwner(owner);
				this.ownerAccount = owner;
				return { cookie, email: owner.email, password: owner.password };
			}
			if (!account.password)
				throw new Error('session(): the owner is already set up; pass its email and password');
			this.ownerAccount = owner;
		}
		const { cookie } = await this.login(owner.email, owner.password);
		return { cookie, email: owner.email, password: owner.password };
	}

	/**
	 * Publishes a workflow on the RUNNING instance (POST /rest/workflows/:id/activate, what the
	 * editor's Publish button does) and waits until n8n has applied it: the request only queues
	 * the publication; checkExists/create run right after, asynchronously. No restart needed.
	 * Throws if the workflow does not end up active (with n8n's error, e.g. from create()).
	 * @param {string} workflowId
	 * @param {{ cookie?: string, timeoutMs?: number, allowFailures?: boolean }} [options]
	 */
	async publishLive(workflowId, options = {}) {
		const cookie = options.cookie || (await this.session()).cookie;
		/** @type {Array<{ versionId: string }>} */
		const [row] = await this.query('SELECT versionId FROM workflow_entity WHERE id = ?', [
			workflowId,
		]);
		if (!row) throw new Error(`publishLive: no workflow ${workflowId}`);
		const started = Date.now();
		const before = await this.lastOutboxId();
		const res = await this.rest('POST', `/rest/workflows/${workflowId}/activate`, {
			cookie,
			body: { versionId: row.versionId },
		});
		if (res.status !== 200)
			throw new Error(`publishLive(${workflowId}): ${res.status} ${res.text.slice(0, 500)}`);
		await this.waitForOutbox(workflowId, before, options.timeoutMs);
		const [state] = await this.waitForActivation({
			workflowIds: [workflowId],
			timeoutMs: options.timeoutMs,
			allowFailures: options.allowFailures,
		});
		return { ms: Date.now() - started, state };
	}

	/**
	 * Unpublishes on the running instance (POST /rest/workflows/:id/deactivate) and waits until
	 * n8n has applied it (delete() has run, the production webhook answers 404).
	 * @param {string} workflowId
	 * @param {{ cookie?: string, timeoutMs?: number }} [options]
	 */
	async unpublishLive(workflowId, options = {}) {
		const cookie = options.cookie || (await this.session()).cookie;
		const started = Date.now();
		const before = await this.lastOutboxId();
		const res = await this.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {
			cookie,
			body: {},
		});
		if (res.status !== 200)
			throw new Error(`unpublishLive(${workflowId}): ${res.status} ${res.text.slice(0, 500)}`);
		const rows = await this.waitForOutbox(workflowId, before, options.timeoutMs);
		const failed = rows.filter((r) => r.status === 'failed');
		if (failed.length)
			throw new Error(
				`unpublishLive(${workflowId}) failed: ${failed.map((r) => r.errorMessage).join('; ')}`,
			);
		return { ms: Date.now() - started };
	}

	/** @returns {Promise<number>} the newest workflow_publication_outbox id (0 when empty) */
	async lastOutboxId() {
		/** @type {Array<{ id: number }>} */
		const [row] = await this.query(
			'SELECT COALESCE(MAX(id), 0) AS id FROM workflow_publication_outbox',
		);
		return row.id;
	}

	/**
	 * Waits until the workflow has an outbox record newer than `afterId` and none is still open.
	 * @param {string} workflowId
	 * @param {number} afterId
	 * @returns {Promise<Array<{ id: number, publishedVersionId: string, status: string, errorMessage: string | null, reason: string | null }>>}
	 */
	async waitForOutbox(workflowId, afterId, timeoutMs = 60000) {
		/** @type {Array<{ id: number, publishedVersionId: string, status: string, errorMessage: string | null, reason: string | null }>} */
		let rows = [];
		await waitFor(
			async () => {
				rows = await this.query(
					'SELECT id, publishedVersionId, status, errorMessage, reason FROM workflow_publication_outbox WHERE workflowId = ? AND id > ? ORDER BY id',
					[workflowId, afterId],
				);
				return (
					rows.length > 0 && rows.every((r) => r.status !== 'pending' && r.status !== 'in_progress')
				);
			},
			{
				timeoutMs,
				intervalMs: 100,
				description: `n8n to apply the publication change of workflow ${workflowId}`,
				onTimeout: () =>
					`outbox rows: ${JSON.stringify(rows)}\n--- n8n log (tail) ---\n${tail(this.logsSinceStart(), 30)}`,
			},
		);
		return rows;
	}

	/** Stops n8n and removes the user folder if create() made it (kept with E2E_KEEP=1). */
	async dispose() {
		try {
			await this.stop();
		} finally {
			if (keepTempDirs()) note(`E2E_KEEP=1: n8n user folder and log kept at ${this.userFolder}`);
			else if (this.ownsUserFolder) removeTempDir(this.userFolder);
		}
	}
}

module.exports = { N8nInstance, FINAL_STATUSES, READY_MARKER };
