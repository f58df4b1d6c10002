'use strict';
// Watchdog around one long-running command (n8n start), run as the leader of its own process
// group by N8nInstance. Usage:
//   node supervisor.js <parentPid> <graceMs> <command> [args...]
// - The command runs in this process group (so do its children, e.g. n8n's task runner).
// - SIGTERM/SIGINT to this process (or to the group) lets the command shut down gracefully;
//   after <graceMs> the whole group is SIGKILLed.
// - When the command exits, whatever it left in the group is killed and we exit with its code.
// - If <parentPid> disappears (test runner killed with SIGKILL, CI timeout, crash), the group is
//   terminated the same way, so no n8n is ever left behind.

const { spawn } = require('node:child_process');
const fs = require('node:fs');

const [parentPidArg, graceArg, command, ...args] = process.argv.slice(2);
const parentPid = Number(parentPidArg);
const graceMs = Number(graceArg) || 15000;
if (!command) {
	process.stderr.write('supervisor: no command given\n');
	process.exit(2);
}

const child = spawn(command, args, { stdio: 'inherit', env: process.env });
let shuttingDown = false;

/** @param {NodeJS.Signals} signal */
function killGroup(signal) {
	try {
		process.kill(-process.pid, signal);
	} catch {
		// group already gone
	}
}

/** @param {string} reason */
function shutdown(reason) {
	if (shuttingDown) return;
	shuttingDown = true;
	process.stderr.write(`[supervisor] ${reason}: stopping n8n (grace ${graceMs} ms)\n`);
	try {
		child.kill('SIGTERM');
	} catch {
		// already exited
	}
	setTimeout(() => {
		process.stderr.write('[supervisor] grace period over: SIGKILL to the process group\n');
		killGroup('SIGKILL');
	}, graceMs).unref();
}

// Our own handlers keep the supervisor alive until the command has exited.
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGHUP', () => shutdown('SIGHUP'));

const watchdog = setInterval(() => {
	try {
		process.kill(parentPid, 0);
	} catch (error) {
		if (error.code !== 'EPERM') shutdown(`parent ${parentPid} is gone`);
	}
}, 1000);

child.on('error', (error) => {
	process.stderr.write(`[supervisor] could not start ${command}: ${error.message}\n`);
	clearInterval(watchdog);
	process.exit(127);
});

/** Pids (other than ours) whose process group is ours; Linux /proc based. */
function otherGroupMembers() {
	/** @type {number[]} */
	const members = [];
	/** @type {string[]} */
	let entries = [];
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		return members;
	}
	for (const entry of entries) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// fields[0] = state, [1] = ppid, [2] = pgrp
			if (Number(fields[2]) === process.pid && fields[0] !== 'Z') members.push(Number(entry));
		} catch {
			// process vanished while we looked
		}
	}
	return members;
}

child.on('exit', (code, signal) => {
	clearInterval(watchdog);
	process.stderr.write(
		`[supervisor] n8n exited (${signal ? `signal ${signal}` : `code ${code}`})\n`,
	);
	const exitCode = code === null ? 1 : code;
	// Leftovers (task runners) share our group: SIGTERM them, SIGKILL after 3 s, then leave.
	process.removeAllListeners('SIGTERM');
	process.on('SIGTERM', () => {});
	if (otherGroupMembers().length) killGroup('SIGTERM');
	process.exitCode = exitCode;
	const deadline = Date.now() + 3000;
	setInterval(() => {
		if (otherGroupMembers().length === 0) process.exit(exitCode);
		if (Date.now() > deadline) killGroup('SIGKILL');
	}, 50);
});
