#!/usr/bin/env node
'use strict';
// `npm start`: builds the package, installs it into a local n8n (pinned version, cached outside
// the checkout), starts the provider emulator and n8n on 127.0.0.1 with the example workflows and
// emulator-backed credentials, and prints how to fire sample events. Ctrl+C stops everything.
// State (n8n database, owner login, emulator secrets) lives in .dev/ (git-ignored).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { startEmulator } = require('../emulator');
const { N8nInstance, ensureN8nInstalled, packPackage } = require('../test/e2e/support');
const { PROVIDERS } = require('./dev-providers');

const ROOT = path.join(__dirname, '..');
const DEV = path.join(ROOT, '.dev');
const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const BROKER_PORT = Number(process.env.N8N_RUNNERS_BROKER_PORT || N8N_PORT + 1);
const EMULATOR_PORT = Number(process.env.EMULATOR_PORT || 4010);
/** Provider retries run 1000× faster here: Leegality's "1 hour later" takes 3.6 s. */
const EMULATOR_TIME_SCALE = Number(process.env.EMULATOR_TIME_SCALE || 0.001);

const step = (/** @type {string} */ message) => process.stdout.write(`\n▶ ${message}\n`);

/** Secrets of this dev setup, generated once and kept in .dev/secrets.json. */
function devSecrets() {
	const file = path.join(DEV, 'secrets.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	const random = (/** @type {number} */ bytes) => crypto.randomBytes(bytes).toString('hex');
	const secrets = {
		encryptionKey: random(24),
		owner: { email: 'dev@n8n-nodes-esign.local', password: `Dev-${random(6)}A1`, firstName: 'Dev', lastName: 'User' },
		leegality: { authToken: random(20), privateSalt: random(16) },
		lexgosign: { apiKey: random(24) },
		legalesign: { username: random(8), secret: random(20), hmacSecret: random(16) },
	};
	fs.mkdirSync(DEV, { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
	return secrets;
}

/** @returns {import('../test/e2e/support').WorkflowImport[]} */
function examples() {
	const dir = path.join(ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}

async function main() {
	step('Building the package (npm run build)');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('npm run build failed');

	step('Installing n8n (first run downloads and builds it: about 5–10 minutes; cached afterwards)');
	const install = await ensureN8nInstalled();

	const secrets = devSecrets();
	step(`Starting the provider emulator on http://127.0.0.1:${EMULATOR_PORT}`);
	const emulatorOptions = Object.assign({}, ...PROVIDERS.map((p) => p.emulatorOptions(secrets)));
	const emu = await startEmulator({ port: EMULATOR_PORT, timeScale: EMULATOR_TIME_SCALE, ...emulatorOptions });

	step('Packing the package and installing it into the local n8n (.dev/n8n)');
	fs.mkdirSync(path.join(DEV, 'pack'), { recursive: true });
	const tarball = await packPackage({ destDir: path.join(DEV, 'pack') });
	const n8n = new N8nInstance({
		install,
		tarball,
		port: N8N_PORT,
		brokerPort: BROKER_PORT,
		userFolder: path.join(DEV, 'n8n'),
		encryptionKey: secrets.encryptionKey,
		logLevel: 'info',
	});
	await n8n.installPackage();

	step('Importing the emulator credentials and the example workflows');
	await n8n.importCredentials(PROVIDERS.map((provider) => provider.credential(emu)));
	const workflows = examples();
	await n8n.importWorkflows(workflows);
	for (const workflow of workflows) await n8n.publish(workflow.id);

	step(`Starting n8n on ${n8n.baseUrl}`);
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('\nStopping n8n and the emulator ...\n');
		await n8n.stop().catch(() => undefined);
		await emu.close().catch(() => undefined);
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	await n8n.start();
	await n8n.session(secrets.owner);

	const webhookOf = (/** @type {string} */ workflowId) => {
		const trigger = workflows.find((w) => w.id === workflowId)?.nodes.find((node) => node.webhookId);
		return trigger?.webhookId ? n8n.webhookUrl(trigger.webhookId, 'webhook') : undefined;
	};
	const lines = [
		'',
		`n8n is running: ${n8n.baseUrl}`,
		`  log in as ${secrets.owner.email} / ${secrets.owner.password}`,
		`  n8n log: ${n8n.logFile}`,
		`Emulator: ${emu.url}   (credentials in n8n already point at it)`,
		'',
		'Example workflows (published):',
		...workflows.map((w) => `  ${w.name}\n    ${n8n.baseUrl}/workflow/${w.id}   webhook: ${webhookOf(w.id) ?? '-'}`),
		'',
		...PROVIDERS.flatMap((provider) => [...provider.demo(emu, webhookOf), '']),
		'Executions appear under each workflow\'s "Executions" tab. Ctrl+C stops n8n and the emulator.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
	process.stderr.write(`\nnpm start failed: ${error.message}\n`);
	process.exit(1);
});
