import type { IDataObject, ILoadOptionsFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	type Emulator,
	type ReceivedRequest,
	type Receiver,
	startEmulator,
	startReceiver,
} from '../../../emulator';
import { LegalesignApi } from '../../../credentials/LegalesignApi.credentials';
import { Legalesign } from '../../../nodes/Legalesign/Legalesign.node';
import { LegalesignTrigger } from '../../../nodes/Legalesign/LegalesignTrigger.node';
import { executeContext, hookContext, webhookContext } from '../../support/contexts';
import { fetchHttp } from '../../support/fetchHttp';

/**
 * The action node and the trigger against the running emulator over real HTTP, with the
 * credential applied as n8n applies it (test/support/fetchHttp.ts says what that does not model).
 */
describe('Legalesign nodes against the emulator (real HTTP)', () => {
	let emu: Emulator;
	let receiver: Receiver;
	let credentialData: IDataObject;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0, timeScale: 0 });
		receiver = await startReceiver();
		credentialData = {
			username: '',
			secret: `ApiKey ${emu.legalesign.username}:${emu.legalesign.secret}`,
			baseUrl: `${emu.legalesign.baseUrl}/`,
			webhookHmacSecret: emu.legalesign.hmacSecret,
			legacyPublicCertificate: emu.legalesign.certificatePem,
		};
	});
	afterAll(async () => {
		await emu.close();
		await receiver.close();
	});

	const http = () =>
		fetchHttp({ legalesignApi: { type: new LegalesignApi(), data: credentialData as never } });

	async function action(parameters: IDataObject, items?: INodeExecutionData[]) {
		const { ctx, unauthenticatedHttp } = executeContext({
			parameters,
			items,
			credentials: { legalesignApi: credentialData as never },
			http: http(),
		});
		const [output] = await new Legalesign().execute.call(ctx);
		return { output, unauthenticatedHttp };
	}

	it('lists groups and templates, sends a document, reads it, downloads its PDF and audit log', async () => {
		const groups = await action({ resource: 'group', operation: 'getAll', returnAll: true });
		expect(groups.output.map((i) => i.json.slug)).toEqual(['main-team', 'sales']);

		const templates = await action({
			resource: 'templatePdf',
			operation: 'getAll',
			groupFilter: 'main-team',
			archived: false,
			returnAll: true,
		});
		const template = templates.output.find((i) => i.json.signer_count === 1)!.json;

		const created = await action({
			resource: 'document',
			operation: 'createAndSend',
			group: { __rl: true, mode: 'list', value: 'main-team' },
			// "By URL": the template's API URL, as its resource_uri names it.
			templatePdf: {
				__rl: true,
				mode: 'url',
				value: `${emu.legalesign.baseUrl}${template.resource_uri}`,
			},
			name: 'Integration NDA',
			signers: { signer: [{ firstname: 'Asha', lastname: 'Rao', email: 'asha@example.com' }] },
			sendEmails: true,
			additionalFields: { returnSignerLinks: true, tag: 'INT-1' },
		});
		const documentId = String(created.output[0].json.documentId);
		expect(emu.legalesign.getDocument(documentId)).toMatchObject({
			name: 'Integration NDA',
			status: 10,
		});
		expect(created.output[0].json.signerLinks).toEqual({
			signer_1: expect.stringContaining('/legalesign/sign/'),
		});

		emu.legalesign.act({ documentId, action: 'sign' });
		const fetched = await action({
			resource: 'document',
			operation: 'get',
			documentId: { __rl: true, mode: 'id', value: documentId },
			simplify: false,
		});
		expect(fetched.output[0].json).toMatchObject({
			uuid: documentId,
			status: 30,
			download_final: true,
		});
		const simplified = await action({ resource: 'document', operation: 'get', documentId });
		expect(simplified.output[0].json).toEqual({
			documentId,
			name: 'Integration NDA',
			status: 30,
			statusText: 'Signed',
			group: 'main-team',
			signedPdfReady: true,
			archived: expect.any(Boolean),
			created: expect.any(String),
			modified: expect.any(String),
			recipients: [
				{
					recipientId: expect.any(String),
					firstName: 'Asha',
					lastName: 'Rao',
					email: 'asha@example.com',
					role: expect.any(String),
					status: 40,
					statusText: 'Signed',
					order: 0,
				},
			],
		});

		const listed = await action({
			resource: 'document',
			operation: 'getAll',
			group: 'main-team',
			returnAll: true,
			filters: { archived: 'all', status: 30 },
		});
		expect(listed.output.map((i) => i.json.uuid)).toContain(documentId);

		const pdf = await action({
			resource: 'document',
			operation: 'downloadSignedPdf',
			documentId,
			binaryPropertyName: 'data',
		});
		// The emulator's link answers 400 to any request carrying Authorization: this proves none was sent.
		expect(pdf.unauthenticatedHttp).toHaveBeenCalledTimes(1);
		expect(Buffer.from(pdf.output[0].binary!.data.data, 'base64').toString('latin1')).toMatch(
			/^%PDF-1\.4[\s\S]*Signed PDF/,
		);

		const audit = await action({
			resource: 'document',
			operation: 'downloadAuditLog',
			documentId,
			binaryPropertyName: 'data',
		});
		expect(audit.output[0].json.mimeType).toBe('application/pdf');
	});

	it('"From List": groups, documents across groups (archived too), template PDFs of the chosen group, webhooks without their token', async () => {
		const load = (current: IDataObject) => {
			const { ctx } = executeContext({
				parameters: {},
				credentials: { legalesignApi: credentialData as never },
				http: http(),
			});
			return Object.assign(ctx, {
				getCurrentNodeParameter: (name: string) => current[name],
			}) as unknown as ILoadOptionsFunctions;
		};
		const { listSearch } = new Legalesign().methods;

		const groups = await listSearch.searchGroups.call(load({}), 'sal');
		expect(groups.results).toEqual([{ name: expect.any(String), value: 'sales' }]);

		const sales = emu.legalesign.seedDocument({ name: 'Quarterly sales order', group: 'sales' });
		emu.legalesign.act({ documentId: sales.documentId, action: 'sign' }); // signed, so auto-archived
		const found = await listSearch.searchDocuments.call(load({}), 'QUARTERLY');
		expect(found.results).toEqual([
			{ name: expect.stringMatching(/^Quarterly sales order \(.+\)$/), value: sales.documentId },
		]);
		expect(found.paginationToken).toBeUndefined();

		const templates = await listSearch.searchTemplatePdfs.call(
			load({ operation: 'createAndSend', group: { __rl: true, mode: 'list', value: 'sales' } }),
		);
		expect(templates.results).toEqual([
			{ name: 'Sales order', value: '1b7d3c44-5f20-4a1e-9c1d-000000000003' },
		]);

		const hook = `${receiver.url}/listed-hook`;
		emu.legalesign.subscribe({ url: `${hook}?token=l1st-s3cret`, notify: 'realtime' });
		try {
			const webhooks = await listSearch.searchWebhooks.call(load({}), 'listed-hook');
			expect(webhooks.results).toEqual([{ name: `${hook} (all events)`, value: hook }]);
		} finally {
			await action({
				resource: 'webhook',
				operation: 'delete',
				webhookUrl: hook,
				eventFilter: '',
				groupFilter: '',
			});
		}
	});

	it('maps the emulator errors: field-keyed 400, 201 "restoring", 401 for a wrong key', async () => {
		await expect(
			action({
				resource: 'document',
				operation: 'createAndSend',
				group: 'main-team',
				templatePdf: '1b7d3c44-5f20-4a1e-9c1d-000000000003',
				name: 'x',
				signers: { signer: [{ firstname: 'A', lastname: 'B', email: 'a@example.com' }] },
				sendEmails: false,
				additionalFields: {},
			}),
		).rejects.toThrow('Legalesign: document.templatepdf: Template PDF belongs to another group.');

		const doc = emu.legalesign.seedDocument({ pdfMode: 'restoring' });
		await expect(
			action({
				resource: 'document',
				operation: 'downloadSignedPdf',
				documentId: doc.documentId,
				binaryPropertyName: 'data',
			}),
		).rejects.toThrow('being restored from the archive');

		const saved = credentialData.secret;
		credentialData.secret = 'wrong:key';
		try {
			await expect(
				action({ resource: 'group', operation: 'getAll', returnAll: true }),
			).rejects.toThrow('Legalesign: the API key was refused');
		} finally {
			credentialData.secret = saved;
		}
	});

	it('creates, lists and deletes a webhook with the action node', async () => {
		const url = `${receiver.url}/manual-hook`;
		await action({ resource: 'webhook', operation: 'create', url, notify: 'sent' });
		const listed = await action({ resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(listed.output.map((i) => i.json)).toContainEqual(
			expect.objectContaining({ url, notify_when: 3, notify: 'sent' }),
		);
		await action({
			resource: 'webhook',
			operation: 'delete',
			webhookUrl: { __rl: true, mode: 'url', value: url },
			eventFilter: '',
			groupFilter: '',
		});
		expect(emu.legalesign.listSubscriptions().filter((s) => s.url === url)).toEqual([]);
	});

	it('deletes a webhook registered with a secret token by its URL without the token', async () => {
		const url = `${receiver.url}/tokened-hook`;
		const secretUrl = `${url}?token=s3cr3t-t0ken`;
		emu.legalesign.subscribe({ url: secretUrl, notify: 'realtime', eventFilter: 'document.*' });
		const { output } = await action({
			resource: 'webhook',
			operation: 'delete',
			webhookUrl: { __rl: true, mode: 'list', value: url },
			eventFilter: 'document.*',
			groupFilter: '',
		});
		expect(emu.legalesign.listSubscriptions().filter((s) => s.url.startsWith(url))).toEqual([]);
		expect(output.map((item) => item.json)).toEqual([
			{
				url,
				eventFilter: 'document.*',
				unsubscribed: true,
				removed: [expect.objectContaining({ url: `${url}?token=[redacted]` })],
			},
		]);
		expect(JSON.stringify(output)).not.toContain('s3cr3t');
	});

	/** Hands a request the emulator delivered to the receiver to the trigger, as n8n would. */
	async function replay(
		request: ReceivedRequest,
		staticData: IDataObject,
		parameters: IDataObject,
	) {
		const url = new URL(request.path, 'http://receiver.invalid');
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.headers))
			if (typeof value === 'string') headers[name] = value;
		const context = webhookContext({
			rawBody: request.body,
			headers,
			query: Object.fromEntries(url.searchParams),
			staticData,
			parameters: { options: {}, ...parameters },
			credentials: { legalesignApi: credentialData as never },
			http: http(),
		});
		const result = await new LegalesignTrigger().webhook.call(context.ctx);
		return {
			items: (result.workflowData?.[0] ?? []).map((i) => i.json),
			response: context.response,
		};
	}

	it('trigger: registers once, adopts on re-publish, verifies real deliveries, unregisters', async () => {
		const parameters = {
			webhookType: 'realtime',
			events: ['recipient.completed', 'recipient.visiting', 'unknown'],
			group: 'main-team',
		};
		const staticData: IDataObject = {};
		const hook = (data: IDataObject) =>
			hookContext({
				parameters,
				credentials: { legalesignApi: credentialData as never },
				staticData: data,
				webhookUrl: `${receiver.url}/webhook/abc/webhook`,
				http: http(),
			}).ctx;
		const methods = new LegalesignTrigger().webhookMethods.default;
		const mine = () =>
			emu.legalesign
				.listSubscriptions()
				.filter((s) => s.url.startsWith(`${receiver.url}/webhook/abc`));

		await expect(methods.checkExists.call(hook(staticData))).resolves.toBe(false);
		await methods.create.call(hook(staticData));
		expect(mine()).toEqual([
			expect.objectContaining({
				notify: 'realtime',
				eventFilter: 'recipient.*',
				group: 'main-team',
			}),
		]);
		// Publishing again with static data lost: checkExists adopts the registration.
		const republished: IDataObject = {};
		await expect(methods.checkExists.call(hook(republished))).resolves.toBe(true);
		expect((republished.subscription as IDataObject).token).toBe(
			(staticData.subscription as IDataObject).token,
		);
		expect(mine()).toHaveLength(1);

		const doc = emu.legalesign.seedDocument({ name: 'Webhook NDA' });
		const before = receiver.requests.length;
		const [delivery] = emu.legalesign.act({ documentId: doc.documentId, action: 'visit' });
		expect((await delivery.done).delivered).toBe(true);
		const [request] = receiver.requests.slice(before);
		const { items } = await replay(request, staticData, parameters);
		expect(items).toEqual([
			expect.objectContaining({
				event: 'recipient.viewed',
				providerEvent: 'recipient.visiting',
				documentId: doc.documentId,
				verification: {
					method: 'url-token+hmac-sha256',
					verified: true,
					detail: 'url token + X-Hmac-Sha256 (hex)',
				},
			}),
		]);
		const forged = await replay(
			{ ...request, body: request.body.replace('Webhook NDA', 'Forged') },
			staticData,
			parameters,
		);
		expect(forged.response.statusCode).toBe(401);

		await methods.delete.call(hook(staticData));
		expect(mine()).toEqual([]);
		expect(staticData).toEqual({});
	});

	it('trigger (legacy batch): one item per record of a real signed batch, in order', async () => {
		const parameters = {
			webhookType: 'legacy',
			legacyNotify: 'all',
			registration: 'automatic',
			events: [
				'signer.5',
				'signer.10',
				'signer.30',
				'signer.40',
				'document.10',
				'document.20',
				'document.30',
				'document.100',
			],
		};
		const staticData: IDataObject = {};
		const ctx = hookContext({
			parameters,
			credentials: { legalesignApi: credentialData as never },
			staticData,
			webhookUrl: `${receiver.url}/webhook/legacy/webhook`,
			http: http(),
		}).ctx;
		const methods = new LegalesignTrigger().webhookMethods.default;
		await methods.create.call(ctx);
		// Deliver (and wait for) what earlier tests queued, so the next batch is this document's.
		await Promise.all(emu.legalesign.flushBatch().map((h) => h.done));
		const doc = emu.legalesign.seedDocument({ name: 'Batch NDA' });
		emu.legalesign.act({ documentId: doc.documentId, action: 'sign' });
		const before = receiver.requests.length;
		const [batch] = emu.legalesign.flushBatch();
		expect((await batch.done).delivered).toBe(true);
		const { items } = await replay(receiver.requests[before], staticData, parameters);
		expect(items.map((i) => [i.providerEvent, (i.attributes as IDataObject).statusLabel])).toEqual([
			['signer.5', 'Scheduled'],
			['signer.10', 'Sent'],
			['document.10', 'Sent'],
			['signer.30', 'Fields Completed'],
			['signer.40', 'Signed'],
			['document.20', 'Fields Completed'],
			['document.30', 'Signed'],
			['document.100', 'Final PDF Ready'],
		]);
		expect(items[7]).toMatchObject({ documentId: doc.documentId, documentCompleted: true });
		await methods.delete.call(ctx);
		expect(emu.legalesign.listSubscriptions().filter((s) => s.notify === 'all')).toEqual([]);
	});
});
