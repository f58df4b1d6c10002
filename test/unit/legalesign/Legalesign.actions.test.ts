import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Legalesign } from '../../../nodes/Legalesign/Legalesign.node';
import { DOCUMENT_ID, SIGNER_ID } from '../../fixtures/legalesign';
import { type ActionRun, type FakeResponse, runActionNode } from '../../support/contexts';

const node = new Legalesign();
const apiSecret = `sec-${Date.now().toString(36)}`;
const credentials = {
	legalesignApi: {
		username: 'api-user',
		secret: apiSecret,
		baseUrl: 'https://legalesign.test/api/v1/',
	},
};
const TEMPLATE_ID = '1b7d3c44-5f20-4a1e-9c1d-000000000001';
const json = (body: unknown, statusCode = 200, headers: IDataObject = {}): FakeResponse => ({
	statusCode,
	headers: { 'content-type': 'application/json', ...headers },
	body,
});

async function run(
	parameters: IDataObject | IDataObject[],
	responses: ActionRun['responses'],
	extra: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runActionNode(node, { parameters, responses, credentials, ...extra });
}

const page = (objects: IDataObject[], total: number) =>
	json({ meta: { total_count: total }, objects });

describe('Legalesign action node: webhooks', () => {
	it('Get Many: GET /notifications/ (a bare array), names the notify type, honours Limit', async () => {
		const listing = [
			{
				url: 'https://a.example/x',
				notify_when: 10,
				event_filter: '',
				group_id: null,
				active: true,
			},
			{ url: 'https://b.example/y', notify_when: 1, event_filter: '', group_id: 2, active: true },
			{ url: 'https://c.example/z', notify_when: 7, event_filter: '', group_id: 2, active: false },
		];
		const all = await run({ resource: 'webhook', operation: 'getAll', returnAll: true }, [
			json(listing),
		]);
		expect(all.requests).toEqual([
			{
				credential: 'legalesignApi',
				method: 'GET',
				baseURL: 'https://legalesign.test/api/v1',
				url: '/notifications/',
				qs: undefined,
				body: undefined,
			},
		]);
		expect(all.output.map((i) => i.json.notify)).toEqual(['realtime', 'all', null]);
		expect(all.output[1]).toEqual({
			json: { ...listing[1], notify: 'all' },
			pairedItem: { item: 0 },
		});
		const limited = await run(
			{ resource: 'webhook', operation: 'getAll', returnAll: false, limit: 1 },
			[json(listing)],
		);
		expect(limited.output).toHaveLength(1);
	});

	it('Create: POST /subscribe/ with filter and group for realtime, and returns the Location', async () => {
		const { requests, output } = await run(
			{
				resource: 'webhook',
				operation: 'create',
				url: ' https://hooks.example.com/legalesign ',
				notify: 'realtime',
				eventFilter: 'recipient.*',
				groupFilter: 'sales',
			},
			[json('', 201, { location: 'https://legalesign.test/api/v1/unsubscribe/9/' })],
		);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: '/subscribe/',
			body: {
				url: 'https://hooks.example.com/legalesign',
				notify: 'realtime',
				eventFilter: 'recipient.*',
				group: 'sales',
			},
		});
		expect(output[0].json).toEqual({
			url: 'https://hooks.example.com/legalesign',
			notify: 'realtime',
			eventFilter: 'recipient.*',
			group: 'sales',
			location: 'https://legalesign.test/api/v1/unsubscribe/9/',
		});
		const legacy = await run(
			{
				resource: 'webhook',
				operation: 'create',
				url: 'https://h.example/x',
				notify: 'all',
				eventFilter: 'recipient.*',
			},
			[json('', 201)],
		);
		expect(legacy.requests[0].body).toEqual({ url: 'https://h.example/x', notify: 'all' });
	});

	it('Create is never repeated on 429; Delete (idempotent) is', async () => {
		const throttled = json('', 429, { 'retry-after': '0' });
		await expect(
			run(
				{
					resource: 'webhook',
					operation: 'create',
					url: 'https://h.example/x',
					notify: 'realtime',
					eventFilter: '',
					groupFilter: '',
				},
				[throttled, json('', 201)],
			),
		).rejects.toThrow('Legalesign: too many requests');
		const registered = [
			{ url: 'https://h.example/x?token=1', notify_when: 10, event_filter: 'document.*' },
			{ url: 'https://h.example/other', notify_when: 10, event_filter: '' },
		];
		const removed = await run(
			{
				resource: 'webhook',
				operation: 'delete',
				webhookUrl: { __rl: true, mode: 'list', value: 'https://h.example/x' },
				eventFilter: 'document.*',
				groupFilter: '',
			},
			[json(registered), throttled, json({})],
		);
		expect(removed.requests.map((r) => [r.method, r.url])).toEqual([
			['GET', '/notifications/'],
			['POST', '/unsubscribe/'],
			['POST', '/unsubscribe/'],
		]);
		expect(removed.requests[2].body).toEqual({
			url: 'https://h.example/x?token=1',
			eventFilter: 'document.*',
		});
		expect(removed.output[0].json).toEqual({
			url: 'https://h.example/x',
			eventFilter: 'document.*',
			unsubscribed: true,
			removed: [
				{ ...registered[0], url: 'https://h.example/x?token=[redacted]', notify: 'realtime' },
			],
		});
	});

	it('Delete removes every registration of the URL (query ignored), or only those of a filter', async () => {
		const registered = [
			{ url: 'https://h.example/x?token=a', notify_when: 10, event_filter: '' },
			{ url: 'https://h.example/x?token=b', notify_when: 10, event_filter: 'recipient.*' },
			{ url: 'https://h.example/other?token=c', notify_when: 10, event_filter: '' },
		];
		const every = await run(
			{
				resource: 'webhook',
				operation: 'delete',
				webhookUrl: { __rl: true, mode: 'url', value: 'https://h.example/x?token=old' },
				groupFilter: 'sales',
			},
			[json(registered), json({}), json({})],
		);
		expect(every.requests.slice(1).map((r) => r.body)).toEqual([
			{ url: 'https://h.example/x?token=a', group: 'sales' },
			{ url: 'https://h.example/x?token=b', eventFilter: 'recipient.*', group: 'sales' },
		]);
		const filtered = await run(
			{
				resource: 'webhook',
				operation: 'delete',
				webhookUrl: 'https://h.example/x',
				eventFilter: 'recipient.*',
			},
			[json(registered), json({})],
		);
		expect(filtered.requests.slice(1).map((r) => r.body)).toEqual([
			{ url: 'https://h.example/x?token=b', eventFilter: 'recipient.*' },
		]);
		const none = await run(
			{ resource: 'webhook', operation: 'delete', webhookUrl: 'https://h.example/missing' },
			[json(registered)],
		);
		expect(none.requests).toHaveLength(1);
		expect(none.output[0].json).toEqual({
			url: 'https://h.example/missing',
			unsubscribed: false,
			removed: [],
		});
	});
});

describe('Legalesign action node: documents', () => {
	it('Get: GET /document/{id}/, also from a resource URI', async () => {
		const { requests, output } = await run(
			{
				resource: 'document',
				operation: 'get',
				documentId: ` /api/v1/document/${DOCUMENT_ID}/ `,
				simplify: false,
			},
			[json({ uuid: DOCUMENT_ID, status: 30 })],
		);
		expect(requests[0]).toMatchObject({ method: 'GET', url: `/document/${DOCUMENT_ID}/` });
		expect(output).toEqual([{ json: { uuid: DOCUMENT_ID, status: 30 }, pairedItem: { item: 0 } }]);
	});

	it('Get Many: group and filters in the query, pages of 100 over meta/objects', async () => {
		const docs = (from: number, n: number) =>
			Array.from({ length: n }, (_, i) => ({ uuid: `d${from + i}` }));
		const { requests, output } = await run(
			{
				resource: 'document',
				operation: 'getAll',
				group: 'main-team',
				returnAll: true,
				filters: {
					status: 30,
					archived: 'all',
					modifiedAfter: '2026-03-01T10:15:00.000Z',
					createdAfter: '2026-02-01T00:00:00Z',
					email: ' asha@example.com ',
					noSigners: true,
				},
			},
			[page(docs(0, 100), 130), page(docs(100, 30), 130)],
		);
		const qs = {
			group: 'main-team',
			status: 30,
			archived: 'all',
			modified_gt: '2026-03-01T10:15:00',
			created_gt: '2026-02-01T00:00:00',
			email: 'asha@example.com',
			nosigners: 1,
		};
		expect(requests.map((r) => [r.url, r.qs])).toEqual([
			['/document/', { ...qs, limit: 100, offset: 0 }],
			['/document/', { ...qs, limit: 100, offset: 100 }],
		]);
		expect(output).toHaveLength(130);
		expect(output[129]).toEqual({ json: { uuid: 'd129' }, pairedItem: { item: 0 } });
	});

	it('Get Many: Limit asks for no more than needed; an empty list outputs nothing', async () => {
		const limited = await run(
			{
				resource: 'document',
				operation: 'getAll',
				group: 'sales',
				returnAll: false,
				limit: 5,
				filters: {},
			},
			[page([{ a: 1 }, { a: 2 }], 2)],
		);
		expect(limited.requests[0].qs).toEqual({ group: 'sales', limit: 5, offset: 0 });
		expect(limited.output).toHaveLength(2);
		const empty = await run(
			{ resource: 'document', operation: 'getAll', group: 'sales', returnAll: true, filters: {} },
			[page([], 0)],
		);
		expect(empty.output).toEqual([]);
	});

	const createParameters = (extra: IDataObject = {}): IDataObject => ({
		resource: 'document',
		operation: 'createAndSend',
		group: 'main-team',
		templatePdf: TEMPLATE_ID,
		name: ' NDA 2026 ',
		signers: {
			signer: [
				{
					firstname: 'Asha',
					lastname: 'Rao',
					email: 'asha@example.com',
					sms: '',
					subject: 'Please sign',
				},
				{
					firstname: 'Ravi',
					lastname: 'Kumar',
					email: 'ravi@example.com',
					expires: '2026-09-01T12:00:00Z',
				},
			],
		},
		sendEmails: false,
		additionalFields: {},
		...extra,
	});

	it('Create and Send: POST /document/ with resource URIs, signers in order and options', async () => {
		const { requests, output } = await run(
			createParameters({
				additionalFields: {
					returnSignerLinks: true,
					signersInOrder: true,
					tag: ' ORDER-1042 ',
					signatureType: 4,
					ccEmails: 'legal@example.com',
					pdfText: '{"Contract value": "1000 EUR"}',
					extraBody: '{"reminders": "default"}',
				},
			}),
			[
				json(
					{
						signer_1: 'https://app1.legalesign.com/esign/a',
						signer_2: 'https://app1.legalesign.com/esign/b',
					},
					201,
					{
						location: `https://legalesign.test/api/v1/document/${DOCUMENT_ID}/`,
					},
				),
			],
		);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: '/document/',
			body: {
				group: '/api/v1/group/main-team/',
				name: 'NDA 2026',
				templatepdf: `/api/v1/templatepdf/${TEMPLATE_ID}/`,
				signers: [
					{ firstname: 'Asha', lastname: 'Rao', email: 'asha@example.com', subject: 'Please sign' },
					{
						firstname: 'Ravi',
						lastname: 'Kumar',
						email: 'ravi@example.com',
						expires: '2026-09-01T12:00:00',
					},
				],
				do_email: false,
				return_signer_links: true,
				signers_in_order: true,
				tag: 'ORDER-1042',
				signature_type: 4,
				cc_emails: 'legal@example.com',
				pdftext: { 'Contract value': '1000 EUR' },
				reminders: 'default',
			},
		});
		expect(output[0].json).toEqual({
			documentId: DOCUMENT_ID,
			resourceUri: `https://legalesign.test/api/v1/document/${DOCUMENT_ID}/`,
			name: 'NDA 2026',
			group: '/api/v1/group/main-team/',
			emailsSent: false,
			signerLinks: {
				signer_1: 'https://app1.legalesign.com/esign/a',
				signer_2: 'https://app1.legalesign.com/esign/b',
			},
		});
	});

	it('Create and Send: field-keyed 400 bodies become readable messages', async () => {
		await expect(
			run(createParameters(), [
				json(
					{
						document: {
							name: ['This field is required.'],
							signers: { '2': { email: ['Enter a valid email address.'] } },
						},
					},
					400,
				),
			]),
		).rejects.toMatchObject({
			message:
				'Legalesign: document.name: This field is required.; document.signers.2.email: Enter a valid email address.',
			httpCode: '400',
		});
	});

	it('Create and Send: never repeated on 429, and input checked before any request', async () => {
		let calls = 0;
		await expect(
			run(createParameters(), () =>
				++calls === 1 ? json('', 429, { 'retry-after': '0' }) : json('', 201),
			),
		).rejects.toThrow('Legalesign: too many requests');
		expect(calls).toBe(1);
		await expect(
			run(
				createParameters({
					signers: { signer: [{ firstname: 'A', lastname: '', email: 'a@example.com' }] },
				}),
				[],
			),
		).rejects.toThrow('Recipient 1 needs a first name, a last name and an email');
		await expect(run(createParameters({ signers: {} }), [])).rejects.toThrow(
			'Add at least one recipient',
		);
		await expect(
			run(createParameters({ additionalFields: { pdfText: '[1]' } }), []),
		).rejects.toThrow('"Sender Fields" must be a JSON object');
	});

	it('Void: DELETE /document/{id}/, optionally notifying the recipients', async () => {
		const quiet = await run(
			{ resource: 'document', operation: 'void', documentId: DOCUMENT_ID, notifyRecipients: false },
			[{ statusCode: 204, headers: {}, body: '' }],
		);
		expect(quiet.requests[0]).toMatchObject({
			method: 'DELETE',
			url: `/document/${DOCUMENT_ID}/`,
			qs: undefined,
		});
		expect(quiet.output[0].json).toEqual({
			documentId: DOCUMENT_ID,
			voided: true,
			recipientsNotified: false,
		});
		const loud = await run(
			{ resource: 'document', operation: 'void', documentId: DOCUMENT_ID, notifyRecipients: true },
			[{ statusCode: 204, headers: {}, body: '' }],
		);
		expect(loud.requests[0].qs).toEqual({ email: 'true' });
	});

	describe('Download Signed PDF', () => {
		const parameters = {
			resource: 'document',
			operation: 'downloadSignedPdf',
			documentId: DOCUMENT_ID,
			binaryPropertyName: 'signed',
		};
		const pdf = Buffer.from('%PDF-1.7 final');

		it('200: the PDF itself, as binary', async () => {
			const { output, http } = await run(parameters, [
				{ statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: pdf },
			]);
			expect(http.mock.calls[0][1]).toMatchObject({
				url: `/pdf/${DOCUMENT_ID}/`,
				encoding: 'arraybuffer',
				disableFollowRedirect: true,
			});
			expect(output[0].json).toEqual({
				documentId: DOCUMENT_ID,
				fileName: `${DOCUMENT_ID}.pdf`,
				mimeType: 'application/pdf',
				fileSize: pdf.length,
			});
			expect(output[0].binary?.signed).toMatchObject({
				data: pdf.toString('base64'),
				mimeType: 'application/pdf',
			});
		});

		it('302: follows the short-lived link WITHOUT the Legalesign credentials', async () => {
			const link = 'https://storage.example.com/signed.pdf?sig=1';
			const { output, http, unauthenticatedHttp } = await run(parameters, (o) =>
				o.url === link
					? { statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, body: pdf }
					: { statusCode: 302, headers: { location: link }, body: Buffer.alloc(0) },
			);
			expect(http).toHaveBeenCalledTimes(1);
			expect(unauthenticatedHttp).toHaveBeenCalledTimes(1);
			const [options] = unauthenticatedHttp.mock.calls[0];
			expect(options).toMatchObject({ method: 'GET', url: link });
			expect(JSON.stringify(options)).not.toContain(apiSecret);
			expect(output[0].binary?.signed).toMatchObject({
				data: pdf.toString('base64'),
				mimeType: 'application/pdf',
			});
		});

		it('302 with a relative Location resolves against the API host', async () => {
			const { unauthenticatedHttp } = await run(parameters, (o) =>
				o.url?.startsWith('https://')
					? { statusCode: 200, headers: {}, body: pdf }
					: { statusCode: 302, headers: { location: '/files/abc' }, body: Buffer.alloc(0) },
			);
			expect(unauthenticatedHttp.mock.calls[0][0].url).toBe('https://legalesign.test/files/abc');
		});

		it('201: explains that the file is being restored from the archive', async () => {
			await expect(
				run(parameters, [{ statusCode: 201, headers: {}, body: Buffer.alloc(0) }]),
			).rejects.toMatchObject({
				message:
					'Legalesign: the signed PDF is being restored from the archive and is not available yet; try again in about 4 hours',
			});
		});

		it('an expired link is reported, not saved as a PDF', async () => {
			await expect(
				run(parameters, (o) =>
					o.url === `/pdf/${DOCUMENT_ID}/`
						? {
								statusCode: 302,
								headers: { location: 'https://x.example/f' },
								body: Buffer.alloc(0),
							}
						: { statusCode: 403, headers: {}, body: Buffer.from('expired') },
				),
			).rejects.toThrow('the download link was refused');
		});
	});

	it('Download Audit Log: GET /document/{id}/auditlog/ as binary', async () => {
		const pdf = Buffer.from('%PDF-1.4 audit');
		const { requests, output } = await run(
			{
				resource: 'document',
				operation: 'downloadAuditLog',
				documentId: DOCUMENT_ID,
				binaryPropertyName: 'data',
			},
			[{ statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: pdf }],
		);
		expect(requests[0].url).toBe(`/document/${DOCUMENT_ID}/auditlog/`);
		expect(output[0].json.fileName).toBe(`${DOCUMENT_ID}-audit-log.pdf`);
	});

	it('Get Fields: one item per field, with the document id', async () => {
		const { requests, output } = await run(
			{ resource: 'document', operation: 'getFields', documentId: DOCUMENT_ID },
			[
				json([
					{ element_type: 'signature', label: 'Sign here', value: '' },
					{ element_type: 'admin', label: 'Amount', value: '1000' },
				]),
			],
		);
		expect(requests[0].url).toBe(`/document/${DOCUMENT_ID}/fields/`);
		expect(output.map((i) => i.json)).toEqual([
			{ documentId: DOCUMENT_ID, element_type: 'signature', label: 'Sign here', value: '' },
			{ documentId: DOCUMENT_ID, element_type: 'admin', label: 'Amount', value: '1000' },
		]);
	});
});

describe('Legalesign action node: signers, templates, groups', () => {
	it('Signer Get, Send Reminder, Get New Signing Link, Get Rejection Reason', async () => {
		const get = await run({ resource: 'signer', operation: 'get', signerId: SIGNER_ID }, [
			json({ status: 10 }),
		]);
		expect(get.requests[0]).toMatchObject({ method: 'GET', url: `/signer/${SIGNER_ID}/` });

		const remind = await run(
			{
				resource: 'signer',
				operation: 'sendReminder',
				signerId: SIGNER_ID,
				text: ' Please sign today ',
			},
			[json({})],
		);
		expect(remind.requests[0]).toMatchObject({
			method: 'POST',
			url: `/signer/${SIGNER_ID}/send-reminder/`,
			body: { text: 'Please sign today' },
		});
		expect(remind.output[0].json).toEqual({ signerId: SIGNER_ID, reminderSent: true });

		const link = await run(
			{ resource: 'signer', operation: 'getSigningLink', signerId: SIGNER_ID },
			[json('', 201, { location: 'https://app1.legalesign.com/esign/once' })],
		);
		expect(link.requests[0].url).toBe(`/signer/${SIGNER_ID}/new-link/`);
		expect(link.output[0].json).toEqual({
			signerId: SIGNER_ID,
			signingUrl: 'https://app1.legalesign.com/esign/once',
		});

		const rejection = await run(
			{ resource: 'signer', operation: 'getRejectionReason', signerId: SIGNER_ID },
			[json({ status: 60, reason: 'Wrong amount' })],
		);
		expect(rejection.requests[0].url).toBe(`/signer/${SIGNER_ID}/rejection/`);
		expect(rejection.output[0].json).toEqual({
			signerId: SIGNER_ID,
			status: 60,
			reason: 'Wrong amount',
		});
	});

	it('Template PDF Get Many (group, archived) and Get; Group Get Many', async () => {
		const templates = await run(
			{
				resource: 'templatePdf',
				operation: 'getAll',
				groupFilter: 'sales',
				archived: true,
				returnAll: false,
				limit: 2,
			},
			[page([{ uuid: 't1' }, { uuid: 't2' }], 9)],
		);
		expect(templates.requests[0]).toMatchObject({
			url: '/templatepdf/',
			qs: { group: 'sales', archive: 'true', limit: 2, offset: 0 },
		});
		expect(templates.output).toHaveLength(2);
		const one = await run(
			{ resource: 'templatePdf', operation: 'get', templatePdfId: TEMPLATE_ID, simplify: false },
			[json({ uuid: TEMPLATE_ID })],
		);
		expect(one.requests[0].url).toBe(`/templatepdf/${TEMPLATE_ID}/`);
		const groups = await run({ resource: 'group', operation: 'getAll', returnAll: true }, [
			page([{ slug: 'main-team' }, { slug: 'sales' }], 2),
		]);
		expect(groups.requests[0]).toMatchObject({ url: '/group/', qs: { limit: 100, offset: 0 } });
		expect(groups.output.map((i) => i.json.slug)).toEqual(['main-team', 'sales']);
	});
});

describe('Legalesign action node errors', () => {
	it('explains a refused key (401) with the usual causes, and leaks no secret', async () => {
		const error = await run({ resource: 'signer', operation: 'get', signerId: SIGNER_ID }, [
			{ statusCode: 401, headers: {}, body: '' },
		]).catch((e: Error & { description?: string }) => e);
		expect(error).toMatchObject({
			message: 'Legalesign: the API key was refused',
			httpCode: '401',
		});
		expect((error as { description?: string }).description).toMatch(
			/approved API access.*two-factor/,
		);
		expect(JSON.stringify(error)).not.toContain(apiSecret);
	});

	it('retries a throttled read (429) and then succeeds', async () => {
		const { requests, output } = await run(
			{ resource: 'signer', operation: 'get', signerId: SIGNER_ID },
			[json('', 429, { 'retry-after': '0' }), json({ status: 10 })],
		);
		expect(requests).toHaveLength(2);
		expect(output[0].json).toEqual({ status: 10 });
	});

	it('shows Tastypie error messages but never their traceback', async () => {
		await expect(
			run({ resource: 'document', operation: 'get', documentId: 'x' }, [
				json(
					{
						error_message: 'Sorry, this request could not be processed.',
						traceback: 'File "/srv/app.py"',
					},
					500,
				),
			]),
		).rejects.toThrow(/^Legalesign: Sorry, this request could not be processed\.$/);
		await expect(
			run({ resource: 'document', operation: 'get', documentId: 'x' }, [
				{ statusCode: 404, headers: {}, body: '' },
			]),
		).rejects.toThrow('Legalesign: not found (check the ID)');
	});

	it('continues on fail with one error item per failing input, keeping pairing', async () => {
		const { output } = await run(
			[
				{ resource: 'signer', operation: 'get', signerId: 'bad' },
				{ resource: 'signer', operation: 'get', signerId: 'good' },
			],
			(o) =>
				o.url === '/signer/bad/'
					? json({ error: 'Signer not found.' }, 404)
					: json({ uuid: 'good' }),
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output).toEqual([
			{
				json: {
					error: 'Legalesign: Signer not found.',
					errorDescription: 'Legalesign answered HTTP 404.',
				},
				pairedItem: { item: 0 },
			},
			{ json: { uuid: 'good' }, pairedItem: { item: 1 } },
		]);
	});
});
