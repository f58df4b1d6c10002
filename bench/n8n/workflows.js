'use strict';
/**
 * Every workflow and credential of the real-n8n benchmark, in one place. The knobs the benchmark
 * exposes (trigger typeVersion, extra trigger parameters) are applied here only.
 */

const { NULL_TRIGGER_TYPE } = require('./null-trigger');

/**
 * @typedef {import('./types').Target} Target
 * @typedef {import('./types').TargetKey} TargetKey
 * @typedef {import('../../test/e2e/support').WorkflowImport} WorkflowImport
 * @typedef {import('../../test/e2e/support').WorkflowNodeImport} WorkflowNodeImport
 * @typedef {import('../../test/e2e/support').CredentialImport} CredentialImport
 * @typedef {{ triggerVersion: number, triggerParams: Record<string, Record<string, unknown>> }} Knobs
 */

/**
 * Benchmark targets, in the order the tables print them. `key` names them on the command line.
 * @type {Target[]}
 */
const TARGETS = [
	{
		key: 'webhook',
		label: 'Webhook (bare)',
		workflowId: 'benchBareWebhook',
		path: 'bench-bare-webhook',
	},
	{
		key: 'crypto-if',
		label: 'Webhook → Crypto → IF',
		workflowId: 'benchCryptoIf0001',
		path: 'bench-crypto-if',
	},
	{
		key: 'null-trigger',
		label: 'Community trigger floor (does nothing)',
		workflowId: 'benchNullTrigger1',
		webhookId: 'bench-null-trigger',
	},
	{
		key: 'leegality',
		label: 'Leegality Trigger',
		workflowId: 'benchLeegality001',
		webhookId: 'bench-leegality',
	},
	{
		key: 'legalesign',
		label: 'Legalesign Trigger',
		workflowId: 'benchLegalesign01',
		webhookId: 'bench-legalesign',
	},
	{
		key: 'lexgosign',
		label: 'LexgoSign Trigger',
		workflowId: 'benchLexgoSign001',
		webhookId: 'bench-lexgosign',
	},
];

/**
 * Our triggers: the rows that get a ratio to the floor (`null-trigger`).
 * @type {TargetKey[]}
 */
const OUR_TRIGGERS = ['leegality', 'legalesign', 'lexgosign'];
/** @type {TargetKey} */
const FLOOR = 'null-trigger';

/** @type {Record<string, { id: string, name: string }>} */
const CREDENTIALS = {
	leegality: { id: 'benchLeegalityCred', name: 'Leegality (bench)' },
	legalesign: { id: 'benchLegalesignCred', name: 'Legalesign (bench)' },
	lexgosign: { id: 'benchLexgoSignCred', name: 'LexgoSign (bench)' },
	crypto: { id: 'benchCryptoCred0001', name: 'Crypto HMAC (bench)' },
};

/** The node the Crypto → IF chain names its verdict after (true branch = MAC matched). */
const CHECK_NODE = 'MAC Matches?';

/**
 * Default parameters of our triggers in the benchmark; `--trigger-params` merges over them.
 * @type {Record<string, Record<string, unknown>>}
 */
const TRIGGER_DEFAULTS = {
	leegality: { events: ['signer.signed'], options: {} },
	legalesign: { webhookType: 'realtime', events: ['recipient.completed'], options: {} },
	lexgosign: { registration: 'automatic', events: ['envelope.success'], options: {} },
	[FLOOR]: { options: {} },
};

/** @type {Record<string, { type: string, credential: string | null }>} */
const TRIGGER_TYPES = {
	leegality: { type: 'n8n-nodes-esign.leegalityTrigger', credential: 'leegalityApi' },
	legalesign: { type: 'n8n-nodes-esign.legalesignTrigger', credential: 'legalesignApi' },
	lexgosign: { type: 'n8n-nodes-esign.lexgoSignTrigger', credential: 'lexgoSignApi' },
	[FLOOR]: { type: NULL_TRIGGER_TYPE, credential: null },
};

/**
 * Credentials pointing at the emulator (`emu` from startEmulator) plus the Crypto node's secret.
 * @param {import('../../emulator').Emulator} emu
 * @param {{ leegalitySalt: string, legalesignHmac: boolean }} secrets
 * @returns {CredentialImport[]}
 */
function benchCredentials(emu, secrets) {
	return [
		{
			...CREDENTIALS.leegality,
			type: 'leegalityApi',
			data: {
				environment: 'custom',
				baseUrl: emu.leegality.baseUrl,
				authToken: emu.leegality.authToken,
				privateSaltSecret: secrets.leegalitySalt,
			},
		},
		{
			...CREDENTIALS.legalesign,
			type: 'legalesignApi',
			data: {
				username: emu.legalesign.username,
				secret: emu.legalesign.secret,
				baseUrl: emu.legalesign.baseUrl,
				...(secrets.legalesignHmac ? { webhookHmacSecret: emu.legalesign.hmacSecret } : {}),
			},
		},
		{
			...CREDENTIALS.lexgosign,
			type: 'lexgoSignApi',
			data: { apiKey: emu.lexgosign.apiKey, baseUrl: emu.lexgosign.baseUrl },
		},
		{
			...CREDENTIALS.crypto,
			type: 'crypto',
			data: { hmacSecret: secrets.leegalitySalt },
		},
	];
}

/**
 * n8n's own Webhook node (latest version, static parameters, answers when received).
 * @param {Target} target
 * @param {string} [name]
 * @returns {WorkflowNodeImport}
 */
function webhookNode(target, name = 'Webhook') {
	return {
		id: `${target.workflowId}-webhook`,
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: `${target.path}-id`,
		parameters: { httpMethod: 'POST', path: target.path, options: {} },
	};
}

/**
 * The no-code Leegality check: HMAC-SHA1 of body.documentId with the salt, compared to body.mac.
 * @param {Target} target
 * @returns {Pick<WorkflowImport, 'nodes' | 'connections'>}
 */
function cryptoIfNodes(target) {
	return {
		nodes: [
			webhookNode(target),
			{
				id: `${target.workflowId}-crypto`,
				name: 'Expected MAC',
				type: 'n8n-nodes-base.crypto',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					action: 'hmac',
					type: 'SHA1',
					value: '={{ $json.body.documentId }}',
					dataPropertyName: 'expectedMac',
					encoding: 'hex',
				},
				credentials: { crypto: CREDENTIALS.crypto },
			},
			{
				id: `${target.workflowId}-if`,
				name: CHECK_NODE,
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [440, 0],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: 'bench-mac-equals',
								leftValue: '={{ $json.expectedMac }}',
								rightValue: '={{ $json.body.mac }}',
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Expected MAC', type: 'main', index: 0 }]] },
			'Expected MAC': { main: [[{ node: CHECK_NODE, type: 'main', index: 0 }]] },
		},
	};
}

/**
 * One trigger alone (ours, or the floor: same typeVersion, no credential).
 * @param {Target} target one of TARGETS (a trigger)
 * @param {Knobs} knobs
 * @returns {Pick<WorkflowImport, 'nodes' | 'connections'>}
 */
function triggerNodes(target, knobs) {
	const { type, credential } = TRIGGER_TYPES[target.key];
	return {
		nodes: [
			{
				id: `${target.workflowId}-trigger`,
				name: target.label,
				type,
				typeVersion: knobs.triggerVersion,
				position: [0, 0],
				webhookId: target.webhookId,
				parameters: { ...TRIGGER_DEFAULTS[target.key], ...(knobs.triggerParams[target.key] || {}) },
				...(credential ? { credentials: { [credential]: CREDENTIALS[target.key] } } : {}),
			},
		],
		connections: {},
	};
}

/**
 * The benchmark's workflows.
 * @param {Target[]} targets
 * @param {Knobs} knobs
 * @returns {WorkflowImport[]}
 */
function benchWorkflows(targets, knobs) {
	return targets.map((target) => {
		const body =
			target.key === 'webhook'
				? { nodes: [webhookNode(target)], connections: {} }
				: target.key === 'crypto-if'
					? cryptoIfNodes(target)
					: triggerNodes(target, knobs);
		return {
			id: target.workflowId,
			name: `Bench: ${target.label}`,
			...body,
			settings: { executionOrder: 'v1' },
		};
	});
}

module.exports = {
	TARGETS,
	OUR_TRIGGERS,
	FLOOR,
	TRIGGER_DEFAULTS,
	CHECK_NODE,
	benchCredentials,
	benchWorkflows,
};
