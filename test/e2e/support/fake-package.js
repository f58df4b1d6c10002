'use strict';
// A throwaway n8n community package, generated at test time, proving that a packed tarball
// installed into <userFolder>/.n8n/nodes registers as `<package>.<nodeName>` and that its
// credential type (kept under its own name) imports and decrypts. It mimics what our trigger
// nodes do: read a secret from a credential, reject with 401 + noWebhookResponse, else emit the
// body; plus a tiny action node. The JS requires 'n8n-workflow' to prove peer resolution
// through n8n's NODE_PATH.

const fs = require('node:fs');
const path = require('node:path');
const { makeTempDir } = require('./tmp');
const { packPackage } = require('./pack');

const FAKE_PACKAGE_NAME = 'n8n-nodes-e2efake';

const TRIGGER_JS = `'use strict';
const { NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');

class E2eFakeTrigger {
	constructor() {
		this.description = {
			displayName: 'E2E Fake Trigger',
			name: 'e2eFakeTrigger',
			icon: 'fa:bolt',
			group: ['trigger'],
			version: 1,
			subtitle: 'fake',
			description: 'Throwaway trigger for the e2e harness',
			defaults: { name: 'E2E Fake Trigger' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'e2eFakeApi', required: true }],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'fake' }],
			properties: [
				{ displayName: 'Label', name: 'label', type: 'string', default: 'fake' },
			],
		};
		this.webhookMethods = {
			default: {
				async checkExists() {
					const data = this.getWorkflowStaticData('node');
					const exists = data.registered === true;
					this.logger.info('[e2eFakeTrigger] checkExists() -> ' + exists + ' mode=' + this.getMode());
					return exists;
				},
				async create() {
					const data = this.getWorkflowStaticData('node');
					data.registered = true;
					data.registeredUrl = this.getNodeWebhookUrl('default');
					this.logger.info('[e2eFakeTrigger] create() ' + data.registeredUrl + ' mode=' + this.getMode());
					return true;
				},
				async delete() {
					const data = this.getWorkflowStaticData('node');
					delete data.registered;
					delete data.registeredUrl;
					this.logger.info('[e2eFakeTrigger] delete() mode=' + this.getMode());
					return true;
				},
			},
		};
	}

	async webhook() {
		const req = this.getRequestObject();
		const credentials = await this.getCredentials('e2eFakeApi');
		const expected = String(credentials.sharedSecret || '');
		const given = String(req.header('x-e2e-secret') || '');
		if (!expected || expected !== given) {
			this.getResponseObject().status(401).send('Unauthorized').end();
			return { noWebhookResponse: true };
		}
		if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
		const raw = req.rawBody ? req.rawBody.toString('utf8') : null;
		if (typeof NodeOperationError !== 'function') throw new Error('n8n-workflow did not resolve');
		return {
			workflowData: [
				this.helpers.returnJsonArray({
					marker: 'e2e-fake',
					label: this.getNodeParameter('label'),
					body: this.getBodyData(),
					rawBody: raw,
				}),
			],
		};
	}
}

module.exports = { E2eFakeTrigger };
`;

const ACTION_JS = `'use strict';
const { NodeConnectionTypes } = require('n8n-workflow');

class E2eFakeAction {
	constructor() {
		this.description = {
			displayName: 'E2E Fake Action',
			name: 'e2eFakeAction',
			icon: 'fa:check',
			group: ['transform'],
			version: 1,
			subtitle: 'fake',
			description: 'Throwaway action for the e2e harness',
			defaults: { name: 'E2E Fake Action' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			usableAsTool: false,
			properties: [{ displayName: 'Stamp', name: 'stamp', type: 'string', default: 'stamped' }],
		};
	}

	async execute() {
		const items = this.getInputData();
		return [
			items.map((item, i) => ({
				json: { ...item.json, stamp: this.getNodeParameter('stamp', i) },
				pairedItem: { item: i },
			})),
		];
	}
}

module.exports = { E2eFakeAction };
`;

const CREDENTIAL_JS = `'use strict';

class E2eFakeApi {
	constructor() {
		this.name = 'e2eFakeApi';
		this.displayName = 'E2E Fake API';
		this.documentationUrl = 'https://example.com/docs';
		this.properties = [
			{ displayName: 'Shared Secret', name: 'sharedSecret', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}
}

module.exports = { E2eFakeApi };
`;

/**
 * Writes a community package made of generated files into a temp dir and packs it: package.json
 * (community keyword, an `n8n` block listing the node and credential files, `n8n-workflow` as a
 * peer) plus the files given. Returns the tarball's path.
 * @param {{ name: string, description: string, nodes: Record<string, string>, credentials?: Record<string, string> }} spec
 *   `nodes` / `credentials`: package-relative path (`dist/nodes/X/X.node.js`) → its JavaScript
 * @returns {Promise<string>}
 */
async function packGeneratedPackage(spec) {
	const dir = makeTempDir('genpkg');
	const write = (/** @type {string} */ rel, /** @type {string} */ content) => {
		const file = path.join(dir, rel);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, content);
	};
	const credentials = spec.credentials || {};
	write(
		'package.json',
		JSON.stringify(
			{
				name: spec.name,
				version: '0.0.1',
				description: spec.description,
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				main: 'index.js',
				files: ['dist', 'index.js'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: Object.keys(credentials),
					nodes: Object.keys(spec.nodes),
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	write('index.js', 'module.exports = {};\n');
	for (const [rel, content] of Object.entries({ ...spec.nodes, ...credentials }))
		write(rel, content);
	return await packPackage({ packageDir: dir, destDir: dir });
}

/**
 * Writes the fake package into a temp dir, packs it and returns the tarball path and the names
 * n8n should register.
 * @param {{ name?: string }} [options]
 * @returns {Promise<import('./types').FakeCommunityPackage>}
 */
async function createFakeCommunityPackage(options = {}) {
	const name = options.name || FAKE_PACKAGE_NAME;
	const tarball = await packGeneratedPackage({
		name,
		description: 'Throwaway community package generated by the e2e harness',
		nodes: {
			'dist/nodes/E2eFake/E2eFakeTrigger.node.js': TRIGGER_JS,
			'dist/nodes/E2eFake/E2eFakeAction.node.js': ACTION_JS,
		},
		credentials: { 'dist/credentials/E2eFakeApi.credentials.js': CREDENTIAL_JS },
	});
	return {
		tarball,
		packageName: name,
		triggerType: `${name}.e2eFakeTrigger`,
		actionType: `${name}.e2eFakeAction`,
		credentialType: 'e2eFakeApi',
	};
}

module.exports = { createFakeCommunityPackage, packGeneratedPackage, FAKE_PACKAGE_NAME };
