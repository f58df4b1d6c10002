'use strict';
/**
 * Settings of `npm run bench:n8n`: `--name=value` flags (after `--`), else BENCH_N8N_<NAME>
 * environment variables, else the defaults below.
 */
const { TARGETS } = require('./workflows');

/**
 * @typedef {import('./types').Settings} Settings
 * @typedef {import('./types').HelpRequest} HelpRequest
 */

/** @type {Record<string, import('./types').Mode>} */
const MODES = {
	default: { label: "n8n's defaults", env: {} },
	lazy: {
		label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	},
};

/** @type {Record<string, { default: string, help: string }>} */
const DEFINITIONS = {
	deliveries: { default: '200', help: 'valid deliveries per workflow and mode (measured)' },
	concurrency: { default: '20', help: 'deliveries in flight at once' },
	warmup: { default: '20', help: 'valid deliveries per workflow before measuring (each mode)' },
	rounds: { default: '4', help: 'rounds; each sends deliveries/rounds to every workflow, rotated' },
	forged: { default: '60', help: 'forged deliveries per workflow and mode (measured)' },
	modes: { default: 'default,lazy', help: `comma list of ${Object.keys(MODES).join(', ')}` },
	workflows: {
		default: TARGETS.map((t) => t.key).join(','),
		help: 'comma list of workflows (webhook is always included: it is the reference; without null-trigger there is no ×floor)',
	},
	'trigger-version': {
		default: '1.1',
		help: 'typeVersion of our triggers and the floor in the workflows (1.1 = the nodes default; 1 = saved old workflows)',
	},
	'trigger-params': {
		default: '{}',
		help: 'JSON merged over the trigger parameters, e.g. {"leegality":{"options":{}}}',
	},
	'legalesign-hmac': {
		default: 'true',
		help: 'Legalesign credential has a Webhook HMAC Secret (deliveries carry X-Hmac-Sha256)',
	},
	'file-kb': {
		default: '0',
		help: 'Leegality-shaped bodies (webhook, floor, crypto-if, leegality) become v2.3 bodies embedding a base64 PDF of this many KiB',
	},
	trace: { default: 'true', help: 'record where each isolate acquisition comes from' },
	'package-dir': {
		default: '',
		help: 'pack and install this built package instead of the repo (experiments)',
	},
};

/**
 * @param {string[]} argv
 * @returns {Record<string, string>}
 */
function readFlags(argv) {
	/** @type {Record<string, string>} */
	const flags = {};
	for (let i = 0; i < argv.length; i++) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!match) throw new Error(`unexpected argument ${argv[i]} (flags look like --name=value)`);
		if (match[2] !== undefined) flags[match[1]] = match[2];
		else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--'))
			flags[match[1]] = argv[++i];
		else flags[match[1]] = 'true';
	}
	return flags;
}

const envName = (/** @type {string} */ name) =>
	`BENCH_N8N_${name.toUpperCase().replace(/-/g, '_')}`;

/**
 * @param {string} name
 * @param {string} value
 */
function positiveInt(name, value) {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0) throw new Error(`--${name} must be an integer ≥ 0`);
	return number;
}

function usage() {
	const lines = Object.entries(DEFINITIONS).map(
		([name, d]) => `  --${name.padEnd(16)} ${d.help} (default ${d.default}; env ${envName(name)})`,
	);
	return `npm run bench:n8n -- [flags]\n${lines.join('\n')}`;
}

/**
 * `--trigger-params`: JSON, an object of parameter objects by target key.
 * @param {string} text
 * @returns {Record<string, Record<string, unknown>>}
 */
function parseTriggerParams(text) {
	/** @type {unknown} */
	const parsed = JSON.parse(text);
	/**
	 * @param {unknown} value
	 * @returns {value is Record<string, unknown>}
	 */
	const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
	if (!isObject(parsed) || !Object.values(parsed).every(isObject))
		throw new Error('--trigger-params must be a JSON object of objects, e.g. {"leegality":{}}');
	return /** @type {Record<string, Record<string, unknown>>} */ (parsed);
}

/**
 * @param {string[]} argv
 * @returns {Settings | HelpRequest}
 */
function readSettings(argv) {
	const flags = readFlags(argv);
	if (flags.help) return { help: usage() };
	for (const name of Object.keys(flags))
		if (!DEFINITIONS[name]) throw new Error(`unknown flag --${name}\n${usage()}`);
	const raw = (/** @type {string} */ name) =>
		flags[name] ?? process.env[envName(name)] ?? DEFINITIONS[name].default;
	const modes = raw('modes')
		.split(',')
		.map((m) => m.trim())
		.filter(Boolean);
	for (const mode of modes) if (!MODES[mode]) throw new Error(`unknown mode ${mode}`);
	if (modes.length === 0) throw new Error('--modes names no mode');
	const keys = new Set(
		raw('workflows')
			.split(',')
			.map((k) => k.trim())
			.filter(Boolean),
	);
	for (const key of keys)
		if (!TARGETS.some((t) => t.key === key)) throw new Error(`unknown workflow ${key}`);
	keys.add('webhook');
	const targets = TARGETS.filter((t) => keys.has(t.key));
	const triggerVersion = Number(raw('trigger-version'));
	if (!(triggerVersion >= 1)) throw new Error('--trigger-version must be a number ≥ 1');
	// perRound and forgedPerRound follow from these.
	const settings = /** @type {Settings} */ ({
		deliveries: positiveInt('deliveries', raw('deliveries')),
		concurrency: Math.max(1, positiveInt('concurrency', raw('concurrency'))),
		warmup: positiveInt('warmup', raw('warmup')),
		rounds: Math.max(1, positiveInt('rounds', raw('rounds'))),
		forged: positiveInt('forged', raw('forged')),
		modes,
		targets,
		triggerVersion,
		triggerParams: parseTriggerParams(raw('trigger-params')),
		legalesignHmac: raw('legalesign-hmac') !== 'false',
		fileKb: positiveInt('file-kb', raw('file-kb')),
		trace: raw('trace') !== 'false',
		packageDir: raw('package-dir') || undefined,
	});
	settings.perRound = Math.ceil(settings.deliveries / settings.rounds);
	settings.forgedPerRound = Math.ceil(settings.forged / settings.rounds);
	return settings;
}

/** @param {Settings} s */
function describeSettings(s) {
	return [
		`deliveries ${s.perRound * s.rounds} valid + ${s.forgedPerRound * s.rounds} forged per workflow and mode`,
		`(${s.rounds} rounds of ${s.perRound} + ${s.forgedPerRound}, workflows rotated each round),`,
		`concurrency ${s.concurrency}, warm-up ${s.warmup}, trigger typeVersion ${s.triggerVersion},`,
		`trigger params ${JSON.stringify(s.triggerParams)}, Legalesign HMAC ${s.legalesignHmac ? 'on' : 'off'},`,
		s.fileKb ? `Leegality-shaped bodies v2.3 with a ${s.fileKb} KiB PDF,` : '',
		`modes ${s.modes.join(', ')}, isolate trace ${s.trace ? 'on' : 'off'}`,
		s.packageDir ? `, package ${s.packageDir}` : '',
	].join(' ');
}

module.exports = { MODES, readSettings, describeSettings, usage };
