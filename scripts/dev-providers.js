'use strict';
// What `npm start` sets up per provider: emulator options with stable secrets, the credential that
// points at the emulator (ids match examples/*.json), and a demo to fire events at the examples.

/**
 * @typedef {object} DevSecrets
 * @property {{ authToken: string, privateSalt: string }} leegality
 */

const PROVIDERS = [
	{
		name: 'Leegality',
		credentialType: 'leegalityApi',
		/** @param {DevSecrets} secrets */
		emulatorOptions: (secrets) => ({ leegality: secrets.leegality }),
		/** @param {any} emu */
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
		 * @param {any} emu
		 * @param {(workflowId: string) => string | undefined} webhookOf production URL of an example's trigger
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
];

module.exports = { PROVIDERS };
