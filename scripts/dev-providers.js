'use strict';
// What `npm start` sets up per provider: emulator options with stable secrets, the credential that
// points at the emulator (ids match examples/*.json), and a demo to fire events at the examples.

/**
 * @typedef {object} DevSecrets
 * @property {{ authToken: string, privateSalt: string }} leegality
 * @property {{ apiKey: string }} [lexgosign]
 */

/** @typedef {import('../emulator').Emulator} Emulator */

/**
 * @typedef {object} DevProvider
 * @property {string} name
 * @property {string} credentialType
 * @property {(secrets: DevSecrets) => import('../emulator').EmulatorOptions} emulatorOptions
 * @property {(emu: Emulator) => import('../test/e2e/support').CredentialImport} credential the
 *   credential that points at a running emulator (ids match examples/*.json)
 * @property {(emu: Emulator, webhookOf: (workflowId: string) => string | undefined) => string[]} demo
 *   seeds sample data for the examples and returns how to act on it
 */

/** @type {DevProvider[]} */
const PROVIDERS = [
	{
		name: 'Leegality',
		credentialType: 'leegalityApi',
		emulatorOptions: (secrets) => ({ leegality: secrets.leegality }),
		credential: (emu) => ({
			id: 'leegalityEmulator',
			name: 'Leegality (emulator)',
			type: 'leegalityApi',
			data: {
				environment: 'custom',
				baseUrl: emu.leegality.baseUrl,
				authToken: emu.leegality.authToken,
				privateSaltSecret: emu.leegality.privateSalt,
			},
		}),
		/**
		 * Seeds a document whose invitees report to the example workflows and returns how to act on it.
		 */
		demo(emu, webhookOf) {
			const signedUrl = webhookOf('exLeegalitySigned');
			const issuesUrl = webhookOf('exLeegalityIssues');
			if (!signedUrl || !issuesUrl) return [];
			const doc = emu.leegality.seedDocument({
				name: 'Demo contract (npm start)',
				irn: 'DEMO-1',
				webhookUrl: signedUrl,
				errorWebhookUrl: issuesUrl,
				invitees: [
					{ name: 'Asha Rao', email: 'asha@example.com' },
					{ name: 'Ravi Kumar', email: 'ravi@example.com' },
				],
			});
			const control = `${emu.url}/leegality/_control`;
			return [
				`Leegality demo document ${doc.documentId} (two signers). Open a signing page and click Sign,`,
				`Reject, Fail verification or Expire — the emulator sends the v2.5 webhook to the examples:`,
				...doc.invitees.map((invitee) => `  ${invitee.name}: ${invitee.signUrl}`),
				`Or from a terminal (signed with the emulator's salt, same as the credential):`,
				`  curl -s -X POST ${control}/deliver -H 'content-type: application/json' \\`,
				`       -d '{"event":"signed","to":"${signedUrl}"}'`,
				`  curl -s -X POST ${control}/deliver -H 'content-type: application/json' \\`,
				`       -d '{"event":"signerRejected","to":"${issuesUrl}"}'`,
			];
		},
	},
	{
		name: 'Legalesign',
		credentialType: 'legalesignApi',
		// Random secrets each run are fine: the credential is re-imported from the emulator at start.
		emulatorOptions: () => ({}),
		credential: (emu) => ({
			id: 'legalesignEmulator',
			name: 'Legalesign (emulator)',
			type: 'legalesignApi',
			data: {
				username: emu.legalesign.username,
				secret: emu.legalesign.secret,
				baseUrl: emu.legalesign.baseUrl,
				webhookHmacSecret: emu.legalesign.hmacSecret,
				legacyPublicCertificate: emu.legalesign.certificatePem,
			},
		}),
		/**
		 * The examples registered their URLs at the emulator (POST /subscribe/) on publish.
		 */
		demo(emu, webhookOf) {
			if (!webhookOf('exLegalesignFinalPdf') || !webhookOf('exLegalesignProblems')) return [];
			const signing = emu.legalesign.seedDocument({
				name: 'Demo contract (npm start)',
				signers: [
					{ firstname: 'Emma', lastname: 'Clark', email: 'emma.clark@example.co.uk' },
					{ firstname: 'Oliver', lastname: 'Reid', email: 'oliver.reid@example.co.uk' },
				],
			});
			const problem = emu.legalesign.seedDocument({
				name: 'Demo contract with problems (npm start)',
				signers: [{ firstname: 'Harry', lastname: 'Moss', email: 'harry.moss@example.co.uk' }],
			});
			const act = (/** @type {string} */ documentId, /** @type {string} */ action, extra = '') =>
				`  curl -s -X POST ${emu.url}/legalesign/_control/act -H 'content-type: application/json' -d '{"documentId":"${documentId}","action":"${action}"${extra}}'`;
			return [
				'Legalesign demo documents (the examples registered their URLs at the emulator on publish).',
				'Sign on the signing pages (or with curl); the second signature creates the final PDF and',
				'the download example fetches it:',
				...signing.signers.map((signer) => `  ${signer.firstname} ${signer.lastname}: ${emu.url}/legalesign/sign/${signer.signerId}/`),
				act(signing.documentId, 'sign'),
				act(signing.documentId, 'sign'),
				'A bounce, then a rejection, each take their branch of the problems example:',
				act(problem.documentId, 'bounce'),
				act(problem.documentId, 'reject', ',"reason":"Wrong amount"'),
			];
		},
	},
	{
		name: 'LexgoSign',
		credentialType: 'lexgoSignApi',
		emulatorOptions: (secrets) => ({ lexgosign: { apiKey: secrets.lexgosign?.apiKey } }),
		credential: (emu) => ({
			id: 'lexgoSignEmulator',
			name: 'LexgoSign (emulator)',
			type: 'lexgoSignApi',
			data: { apiKey: emu.lexgosign.apiKey, baseUrl: emu.lexgosign.baseUrl },
		}),
		/**
		 * The examples registered their webhooks at the emulator when n8n published them; acting on
		 * a seeded envelope makes the emulator deliver to them with the registered secret.
		 */
		demo(emu, webhookOf) {
			if (!webhookOf('exLexgoSignSigned') || !webhookOf('exLexgoSignIssues')) return [];
			const signed = emu.lexgosign.seedEnvelope({
				name: 'Demo contract (npm start)',
				status: 'IN_PROGRESS',
				documents: ['contract.pdf', 'annex.pdf'],
				recipients: [{ name: 'Ana Díaz', email: 'ana.diaz@example.cl' }],
			});
			const troubled = emu.lexgosign.seedEnvelope({
				name: 'Demo contract with problems (npm start)',
				status: 'IN_PROGRESS',
				recipients: [{ name: 'Bruno Soto', email: 'bruno.soto@example.cl' }],
			});
			const act = (/** @type {string} */ envelopeId, /** @type {string} */ action) =>
				`  curl -s -X POST ${emu.url}/lexgosign/_control/act -H 'content-type: application/json' -d '{"envelopeId":"${envelopeId}","action":"${action}"}'`;
			return [
				`LexgoSign demo envelopes (the examples registered their webhooks at the emulator on publish):`,
				`Sign the first one: the envelope completes and the download example fetches the PDFs and evidence:`,
				act(signed.id, 'sign'),
				`Each problem on the second one takes its own branch of the problems example:`,
				act(troubled.id, 'emailBounced'),
				act(troubled.id, 'maxAttempts'),
				act(troubled.id, 'reject'),
			];
		},
	},
];

module.exports = { PROVIDERS };
