import { Expression, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { type Emulator, type Receiver, startEmulator, startReceiver } from '../../../emulator';
import { LexgoSignApi } from '../../../credentials/LexgoSignApi.credentials';
import { LexgoSign } from '../../../nodes/LexgoSign/LexgoSign.node';
import { LexgoSignTrigger } from '../../../nodes/LexgoSign/LexgoSignTrigger.node';
import { executeContext, hookContext, webhookContext } from '../../support/contexts';
import { fetchHttp } from '../../support/fetchHttp';

/**
 * The action node and the trigger against the running emulator over real HTTP, with the
 * credential applied as n8n applies it (test/support/fetchHttp.ts says what that does not model).
 */
describe('LexgoSign nodes against the emulator (real HTTP)', () => {
	let emu: Emulator;
	let receiver: Receiver;
	let credentialData: IDataObject;
	let failFirstDelivery = false;

	beforeAll(async () => {
		// 1 ms of emulator delay per second: retries after 5/10/20 ms, sending after 2 ms.
		emu = await startEmulator({ port: 0, timeScale: 0.001 });
		receiver = await startReceiver({
			respond: (req) => (failFirstDelivery && req.index === 0 ? 500 : 200),
		});
		credentialData = {
			apiKey: emu.lexgosign.apiKey,
			baseUrl: `${emu.lexgosign.baseUrl}/`,
			webhookSecret: 'Bearer manual-secret',
		};
	});
	afterAll(async () => {
		await emu.close();
		await receiver.close();
	});

	const http = (data: IDataObject = credentialData) =>
		fetchHttp({ lexgoSignApi: { type: new LexgoSignApi(), data: data as never } });

	async function action(parameters: IDataObject, items?: INodeExecutionData[]) {
		const { ctx, unauthenticatedHttp } = executeContext({
			parameters,
			items,
			credentials: { lexgoSignApi: credentialData as never },
			http: http(),
		});
		const [output] = await new LexgoSign().execute.call(ctx);
		return { output, unauthenticatedHttp };
	}

	const pdf = (name: string): INodeExecutionData => ({
		json: {},
		binary: {
			data: {
				data: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`).toString('base64'),
				mimeType: 'application/pdf',
				fileName: name,
			},
		},
	});

	it('the credential test request: accepted with the key, refused with "Bearer <key>"', async () => {
		const { request } = new LexgoSignApi().test;
		const send = (data: IDataObject) => {
			const baseURL = Expression.resolveWithoutWorkflow(String(request.baseURL).slice(1), {
				$credentials: data,
			}) as string;
			const options = {
				method: request.method,
				url: request.url ?? '',
				baseURL,
				json: true,
				ignoreHttpStatusErrors: true,
			};
			return http(data)(options, 'lexgoSignApi');
		};
		expect(await send(credentialData)).toMatchObject({
			statusCode: 200,
			body: { enterprise_name: 'Emulator Enterprise', environment: 'sandbox' },
		});
		expect(
			await send({ ...credentialData, apiKey: `Bearer ${emu.lexgosign.apiKey}` }),
		).toMatchObject({
			statusCode: 401,
			body: { error: 'Invalid Api Key (key not found)' },
		});
	});

	it('manages a webhook subscription: create, list, update, get, delete', async () => {
		const created = await action({
			resource: 'webhook',
			operation: 'create',
			url: 'https://n8n.example.com/webhook/manual',
			events: ['envelope.success', 'recipient.signed_all'],
			options: { useWebhookSecret: true },
		});
		const id = String(created.output[0].json.id);
		expect(created.output[0].json).toMatchObject({
			auth_type: 'HEADER',
			events: ['envelope.success', 'recipient.signed_all'],
		});
		expect(emu.lexgosign.webhooks()).toEqual([
			expect.objectContaining({ id, auth: 'Bearer manual-secret' }),
		]);

		const listed = await action({ resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(listed.output.map((i) => i.json.id)).toEqual([id]);
		expect(JSON.stringify(listed.output)).not.toContain('manual-secret');

		await action({
			resource: 'webhook',
			operation: 'update',
			webhookId: id,
			updateFields: { events: ['envelope.voided'] },
		});
		const fetched = await action({ resource: 'webhook', operation: 'get', webhookId: id });
		expect(fetched.output[0].json).toMatchObject({
			subscriptions: 'envelope.voided',
			events: ['envelope.voided'],
		});

		await action({ resource: 'webhook', operation: 'delete', webhookId: id });
		expect(emu.lexgosign.webhooks()).toEqual([]);
		await expect(
			action({ resource: 'webhook', operation: 'delete', webhookId: id }),
		).rejects.toMatchObject({
			message: 'LexgoSign: Webhook not found',
			description: expect.stringMatching(/HTTP 404, request id req_[0-9a-f]{16}/),
		});
	});

	it('creates, sends, completes and downloads an envelope', async () => {
		const created = await action(
			{
				resource: 'envelope',
				operation: 'create',
				simplify: false,
				name: 'Integration NDA',
				documents: { document: [{ binaryPropertyName: 'data' }] },
				recipients: { recipient: [{ name: 'Jane Smith', email: 'jane@company.cl' }] },
				placementMode: 'auto',
			},
			[pdf('nda.pdf')],
		);
		const envelopeId = String(created.output[0].json.id);
		expect(created.output[0].json).toMatchObject({ name: 'Integration NDA', status: 'CREATED' });

		const sent = await action({ resource: 'envelope', operation: 'send', envelopeId });
		expect(sent.output[0].json).toMatchObject({ status: 'SENDING' });
		await emu.lexgosign.idle();
		expect(emu.lexgosign.getEnvelope(envelopeId)?.status).toBe('IN_PROGRESS');

		emu.lexgosign.act({ envelopeId, action: 'sign' });
		await emu.lexgosign.idle();
		const downloaded = await action({
			resource: 'envelope',
			operation: 'downloadDocuments',
			envelopeId,
			binaryPropertyName: 'data',
		});
		expect(downloaded.output).toHaveLength(1);
		expect(downloaded.output[0].json).toMatchObject({
			envelopeStatus: 'SUCCESS',
			fileName: 'nda.pdf',
		});
		const signed = Buffer.from(downloaded.output[0].binary!.data.data, 'base64').toString('latin1');
		expect(signed).toContain('SIGNED nda.pdf');
		expect(signed).toContain('Signed by Jane Smith <jane@company.cl>');

		const evidence = await action({
			resource: 'envelope',
			operation: 'getEvidence',
			envelopeId,
			download: true,
			binaryPropertyName: 'data',
		});
		const sheet = Buffer.from(evidence.output[0].binary!.data.data, 'base64').toString('latin1');
		expect(sheet).toContain(`Evidence sheet of envelope ${envelopeId}`);

		await expect(
			action({ resource: 'envelope', operation: 'void', envelopeId }),
		).rejects.toMatchObject({
			message: 'LexgoSign: Cannot void completed envelope',
			httpCode: '405',
		});
	});

	it('uploads a large PDF into an envelope created with validation errors, then sends it', async () => {
		const created = await action({
			resource: 'envelope',
			operation: 'create',
			simplify: false,
			recipients: { recipient: [{ name: 'Ana', email: 'ana@company.cl' }] },
			placementMode: 'auto',
		});
		const envelopeId = String(created.output[0].json.id);
		expect(created.output[0].json).toMatchObject({ status: 'ERROR', errors: expect.any(Array) });

		const slot = await action({
			resource: 'upload',
			operation: 'create',
			envelopeId,
			fileName: 'big.pdf',
			order: 0,
			customKey: '',
		});
		const upload = slot.output[0].json;
		expect(String(upload.upload_url)).toMatch(/\/lexgosign\/v1\/uploads\/.+\/stream$/);
		const put = await action(
			{
				resource: 'upload',
				operation: 'uploadFile',
				uploadUrl: upload.upload_url,
				binaryPropertyName: 'data',
			},
			[pdf('big.pdf')],
		);
		expect(put.output[0].json).toMatchObject({ status: 'UPLOADED', fileName: 'big.pdf' });
		await expect(
			action(
				{
					resource: 'upload',
					operation: 'uploadFile',
					uploadUrl: upload.upload_url,
					binaryPropertyName: 'data',
				},
				[pdf('big.pdf')],
			),
		).rejects.toMatchObject({ message: 'LexgoSign: Upload URL already used', httpCode: '403' });
		await emu.lexgosign.idle();
		const status = await action({
			resource: 'upload',
			operation: 'get',
			envelopeId,
			uploadId: upload.id,
		});
		expect(status.output[0].json).toMatchObject({ status: 'COMPLETED' });
		const completed = await action({
			resource: 'upload',
			operation: 'getAll',
			envelopeId,
			status: 'completed',
			returnAll: true,
		});
		expect(completed.output.map((i) => i.json.id)).toEqual([upload.id]);

		const fixed = await action({
			resource: 'envelope',
			operation: 'update',
			simplify: false,
			envelopeId,
			placementMode: 'auto',
		});
		expect(fixed.output[0].json).toMatchObject({ status: 'CREATED', errors: [] });
		await action({ resource: 'envelope', operation: 'send', envelopeId });
		await emu.lexgosign.idle();
		expect(emu.lexgosign.getEnvelope(envelopeId)?.status).toBe('IN_PROGRESS');
	});

	it('the trigger registers once, follows event changes, verifies deliveries and cleans up', async () => {
		const trigger = new LexgoSignTrigger();
		const staticData: IDataObject = {};
		const hook = (events: string[]) =>
			hookContext({
				parameters: { registration: 'automatic', events, options: {} },
				credentials: { lexgoSignApi: credentialData as never },
				staticData,
				webhookUrl: `${receiver.url}/webhook`,
				http: http(),
			}).ctx;
		const publish = async (events: string[]) => {
			const ctx = hook(events);
			if (!(await trigger.webhookMethods.default.checkExists.call(ctx))) {
				await trigger.webhookMethods.default.create.call(ctx);
			}
		};
		await publish(['envelope.in_progress', 'unknown']);
		await publish(['envelope.in_progress', 'unknown']);
		await publish(['envelope.in_progress', 'envelope.voided']);
		const registrations = emu.lexgosign.webhooks();
		expect(registrations).toEqual([
			expect.objectContaining({
				url: `${receiver.url}/webhook`,
				subscriptions: 'envelope.in_progress,envelope.voided',
				auth_type: 'HEADER',
				auth: (staticData.subscription as IDataObject).authorization,
			}),
		]);

		// LexgoSign retries a failed delivery with the same id: the workflow runs once.
		failFirstDelivery = true;
		receiver.requests.length = 0;
		const envelope = emu.lexgosign.seedEnvelope({ name: 'Voided', status: 'IN_PROGRESS' });
		emu.lexgosign.act({ envelopeId: envelope.id, action: 'void' });
		const [first, retry] = await receiver.waitFor(2);
		expect(retry.json).toMatchObject({
			id: (first.json as IDataObject).id,
			event_type: 'envelope.voided',
		});
		const receive = (body: string, headers: Record<string, string>) => {
			const context = webhookContext({
				workflowId: 'wf-lexgosign-integration',
				rawBody: body,
				headers,
				parameters: { registration: 'automatic', events: ['envelope.voided'], options: {} },
				staticData,
				credentials: { lexgoSignApi: credentialData as never },
			});
			return trigger.webhook
				.call(context.ctx)
				.then((result) => ({ result, response: context.response }));
		};
		const asHeaders = (raw: IDataObject) =>
			Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)])) as Record<
				string,
				string
			>;
		const once = await receive(first.body, asHeaders(first.headers as IDataObject));
		expect(once.result.workflowData?.[0][0].json).toMatchObject({
			event: 'document.voided',
			documentId: envelope.id,
			documentStatus: 'VOIDED',
			verification: { verified: true },
		});
		const again = await receive(retry.body, asHeaders(retry.headers as IDataObject));
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response.statusCode).toBe(200);
		const forged = await receive(first.body, { 'content-type': 'application/json' });
		expect(forged.response.statusCode).toBe(401);

		await trigger.webhookMethods.default.delete.call(hook(['envelope.voided']));
		expect(emu.lexgosign.webhooks()).toEqual([]);
		expect(staticData).toEqual({});
	});

	it('waits for X-RateLimit-Reset on reads and never retries a create', async () => {
		emu.lexgosign.rateLimit = { limit: 1, windowMs: 1000 };
		try {
			await action({ resource: 'webhook', operation: 'getAll', returnAll: true });
			const read = await action({ resource: 'webhook', operation: 'getAll', returnAll: true });
			expect(read.output).toEqual([]);
			const before = emu.requests.length;
			await expect(
				action({
					resource: 'webhook',
					operation: 'create',
					url: 'https://x.test/h',
					events: ['envelope.success'],
					options: { useWebhookSecret: false },
				}),
			).rejects.toMatchObject({ httpCode: '429' });
			expect(emu.requests.slice(before).map((r) => r.status)).toEqual([429]);
		} finally {
			emu.lexgosign.rateLimit = null;
		}
	}, 10_000);
});
