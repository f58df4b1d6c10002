import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Leegality } from '../../../nodes/Leegality/Leegality.node';
import { type ActionRun, type FakeResponse, runActionNode } from '../../support/contexts';

const node = new Leegality();
const credentials = {
	leegalityApi: {
		environment: 'custom',
		baseUrl: 'https://leegality.test/api/',
		authToken: 'token',
	},
};
const ok = (data: unknown, messages: unknown[] = []): FakeResponse => ({
	statusCode: 200,
	headers: { 'content-type': 'application/json' },
	body: { status: 1, messages, data },
});

async function run(
	parameters: IDataObject | IDataObject[],
	responses: ActionRun['responses'],
	extra: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runActionNode(node, { parameters, responses, credentials, ...extra });
}

describe('Leegality action node requests', () => {
	it('Get Details: GET /v3.3/document/details with chosen field groups and their parents', async () => {
		const { output, requests } = await run(
			{
				resource: 'document',
				operation: 'getDetails',
				documentId: { __rl: true, mode: 'id', value: ' 01DOC ' },
				simplify: false,
				fieldGroups: ['workflow_name', 'invitations_inviteeConfigs_customURL', 'file'],
			},
			[ok({ document: { id: '01DOC' } })],
		);
		expect(requests).toEqual([
			{
				credential: 'leegalityApi',
				method: 'GET',
				baseURL: 'https://leegality.test/api',
				url: '/v3.3/document/details',
				qs: {
					documentId: '01DOC',
					file: true,
					invitations_inviteeConfigs: true,
					invitations_inviteeConfigs_customURL: true,
					workflow: true,
					workflow_name: true,
				},
				body: undefined,
				headers: undefined,
			},
		]);
		expect(output).toEqual([{ json: { document: { id: '01DOC' } }, pairedItem: { item: 0 } }]);
	});

	it('Get Status: GET /v3.2/sign/request', async () => {
		const { requests, output } = await run(
			{ resource: 'document', operation: 'getStatus', documentId: '01DOC' },
			[ok({ documentId: '01DOC', requests: [] })],
		);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/v3.2/sign/request',
			qs: { documentId: '01DOC' },
		});
		expect(output[0].json).toEqual({ documentId: '01DOC', requests: [] });
	});

	it('Download: GET /v3.1/document/fetchDocument into binary data', async () => {
		const pdf = Buffer.from('%PDF-1.4 audit');
		const { requests, output } = await run(
			{
				resource: 'document',
				operation: 'download',
				documentId: '01DOC',
				downloadType: 'AUDIT_TRAIL',
				binaryPropertyName: 'audit',
			},
			[{ statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: pdf }],
		);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/v3.1/document/fetchDocument',
			qs: { documentId: '01DOC', documentDownloadType: 'AUDIT_TRAIL' },
		});
		expect(output[0].json).toEqual({
			documentId: '01DOC',
			downloadType: 'AUDIT_TRAIL',
			fileName: '01DOC-audit-trail.pdf',
			mimeType: 'application/pdf',
			fileSize: pdf.length,
		});
		expect(output[0].binary?.audit).toMatchObject({
			data: pdf.toString('base64'),
			mimeType: 'application/pdf',
		});
	});

	it('Download: supporting documents carry the invitee URL and index', async () => {
		const { requests } = await run(
			{
				resource: 'document',
				operation: 'download',
				documentId: '01DOC',
				downloadType: 'SUPPORTING_DOCUMENT',
				supportDocumentUrl: 'https://x/sign/u1',
				index: 2,
				binaryPropertyName: 'data',
			},
			[{ statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from('png') }],
		);
		expect(requests[0].qs).toEqual({
			documentId: '01DOC',
			documentDownloadType: 'SUPPORTING_DOCUMENT',
			supportDocumentUrl: 'https://x/sign/u1',
			index: 2,
		});
	});

	it('Get Many: pages of at most 40 with query and status, one item per document', async () => {
		const docs = (from: number, n: number) =>
			Array.from({ length: n }, (_, i) => ({ documentId: `d${from + i}` }));
		const { requests, output } = await run(
			{
				resource: 'document',
				operation: 'getAll',
				query: 'ORDER-1',
				status: 'SENT',
				returnAll: true,
			},
			[ok({ total: 45, documents: docs(0, 40) }), ok({ total: 45, documents: docs(40, 5) })],
		);
		expect(requests.map((r) => r.qs)).toEqual([
			{ max: 40, offset: 0, q: 'ORDER-1', status: 'SENT' },
			{ max: 40, offset: 40, q: 'ORDER-1', status: 'SENT' },
		]);
		expect(output).toHaveLength(45);
		expect(output[44]).toEqual({ json: { documentId: 'd44' }, pairedItem: { item: 0 } });
	});

	it('Get Many: honours Limit and outputs nothing for an empty list', async () => {
		const limited = await run(
			{ resource: 'document', operation: 'getAll', returnAll: false, limit: 3 },
			[ok({ total: 10, documents: [{ a: 1 }, { a: 2 }, { a: 3 }] })],
		);
		expect(limited.requests[0].qs).toEqual({ max: 3, offset: 0 });
		expect(limited.output).toHaveLength(3);
		const empty = await run({ resource: 'document', operation: 'getAll', returnAll: true }, [
			ok({ total: 0, documents: [] }),
		]);
		expect(empty.output).toEqual([]);
	});

	it('Get Many Completed: dd-MM-yyyy date range and filters', async () => {
		const { requests } = await run(
			{
				resource: 'document',
				operation: 'getAllCompleted',
				returnAll: false,
				limit: 10,
				filters: {
					startDate: '2026-03-01T00:00:00Z',
					endDate: '2026-03-31T10:00:00Z',
					irn: 'ORDER-7',
				},
			},
			[ok({ totalCount: 1, documents: [{ documentId: 'd1' }] })],
		);
		expect(requests[0]).toMatchObject({
			url: '/v3.0/document/completed',
			qs: { max: 10, offset: 0, startDate: '01-03-2026', endDate: '31-03-2026', irn: 'ORDER-7' },
		});
	});

	it('Create: POST /v3.0/sign/request with the PDF as base64 and cleaned invitees', async () => {
		const pdf = Buffer.from('%PDF-1.7 contract');
		const { requests, output } = await run(
			{
				resource: 'document',
				operation: 'create',
				profileId: ' 7WMVrYf ',
				documentSource: 'binary',
				binaryPropertyName: 'data',
				invitees: {
					invitee: [
						{ name: ' Asha Rao ', email: 'asha@example.com', phone: '' },
						{ name: 'Ravi', phone: '9800000000' },
					],
				},
				additionalFields: {
					irn: 'ORDER-1042',
					cc: '[{"name":"Ops","email":"ops@example.com"}]',
					extraBody: '{"stampSeries":"S1"}',
				},
			},
			[ok({ documentId: '01NEW', irn: 'ORDER-1042', invitees: [{ signUrl: 'https://x/sign/1' }] })],
			{
				items: [
					{
						json: {},
						binary: {
							data: {
								data: pdf.toString('base64'),
								mimeType: 'application/pdf',
								fileName: 'contract.pdf',
							},
						},
					},
				],
			},
		);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: '/v3.0/sign/request',
			body: {
				profileId: '7WMVrYf',
				file: { name: 'contract', file: pdf.toString('base64') },
				invitees: [
					{ name: 'Asha Rao', email: 'asha@example.com' },
					{ name: 'Ravi', phone: '9800000000' },
				],
				irn: 'ORDER-1042',
				cc: [{ name: 'Ops', email: 'ops@example.com' }],
				stampSeries: 'S1',
			},
		});
		expect(output[0].json).toEqual({
			documentId: '01NEW',
			irn: 'ORDER-1042',
			invitees: [{ signUrl: 'https://x/sign/1' }],
		});
	});

	it('Create: template fields, warnings on success, and clear input errors', async () => {
		const { requests, output } = await run(
			{
				resource: 'document',
				operation: 'create',
				profileId: 'TPL1',
				documentSource: 'template',
				templateFields: { field: [{ name: 'amount', value: '100' }] },
				invitees: {},
				additionalFields: { name: 'Loan' },
			},
			[
				ok({ documentId: '01T' }, [
					{ code: 'workflow.stamp.warning', message: 'Low stamp balance' },
				]),
			],
		);
		expect(requests[0].body).toEqual({
			profileId: 'TPL1',
			file: { name: 'Loan', fields: { amount: '100' } },
		});
		expect(output[0].json.warnings).toEqual([
			{ code: 'workflow.stamp.warning', message: 'Low stamp balance' },
		]);
		await expect(
			run(
				{
					resource: 'document',
					operation: 'create',
					profileId: 'P',
					documentSource: 'template',
					invitees: { invitee: [{ name: 'No Contact' }] },
					additionalFields: {},
				},
				[],
			),
		).rejects.toThrow('Invitee 1 needs a name and an email or phone');
		await expect(
			run(
				{
					resource: 'document',
					operation: 'create',
					profileId: 'P',
					documentSource: 'template',
					invitees: {},
					additionalFields: { extraBody: '{oops' },
				},
				[],
			),
		).rejects.toThrow('"Extra Body" is not valid JSON');
	});

	it('Resend: splits URLs, reports partial failures and fails when none were resent', async () => {
		const partial = await run(
			{
				resource: 'document',
				operation: 'resend',
				signUrls: 'https://x/sign/a,\nhttps://x/sign/b',
			},
			[
				ok({
					invitations: [
						{ status: 1, signUrl: 'https://x/sign/a' },
						{ status: 0, signUrl: 'https://x/sign/b', message: 'Invitation not active' },
					],
				}),
			],
		);
		expect(partial.requests[0]).toMatchObject({
			method: 'POST',
			url: '/v3.0/sign/request/resend',
			body: { signUrls: ['https://x/sign/a', 'https://x/sign/b'] },
		});
		expect(partial.output[0].json).toMatchObject({ resent: 1, failed: 1 });
		await expect(
			run({ resource: 'document', operation: 'resend', signUrls: 'u1' }, [
				ok({ invitations: [{ status: 0, signUrl: 'u1', message: 'Invitation not active' }] }),
			]),
		).rejects.toThrow('Leegality: u1: Invitation not active');
		await expect(
			run({ resource: 'document', operation: 'resend', signUrls: ' , ' }, []),
		).rejects.toThrow('Give between 1 and 15 signing URLs');
	});

	it('Delete document and Delete invitation: DELETE with the id in the query, no body', async () => {
		const doc = await run({ resource: 'document', operation: 'delete', documentId: '01DOC' }, [
			ok({}, [{ code: 'document.delete.success', message: 'Deleted' }]),
		]);
		expect(doc.requests[0]).toMatchObject({
			method: 'DELETE',
			url: '/v3.0/sign/request',
			qs: { documentId: '01DOC' },
			body: undefined,
		});
		expect(doc.output[0].json).toEqual({
			deleted: true,
			documentId: '01DOC',
			code: 'document.delete.success',
			message: 'Deleted',
		});
		const inv = await run(
			{ resource: 'invitation', operation: 'delete', signUrl: 'https://x/sign/u' },
			[ok({}, [{ code: 'invitation.deleted.success', message: 'ok' }])],
		);
		expect(inv.requests[0]).toMatchObject({
			method: 'DELETE',
			url: '/v3.0/sign/request/invitation',
			qs: { signUrl: 'https://x/sign/u' },
		});
	});
});

describe('Leegality action node errors', () => {
	it('treats HTTP 200 with status 0 as a failure carrying the messages', async () => {
		await expect(
			run({ resource: 'document', operation: 'getDetails', documentId: 'nope', fieldGroups: [] }, [
				{
					statusCode: 200,
					headers: {},
					body: {
						status: 0,
						messages: [{ code: 'no.document.found', message: 'No document found' }],
						data: null,
					},
				},
			]),
		).rejects.toMatchObject({
			message: 'Leegality: No document found',
			description: 'Leegality answered HTTP 200, code no.document.found.',
		});
	});

	it('explains refused tokens (401/403 with empty bodies)', async () => {
		await expect(
			run({ resource: 'document', operation: 'getStatus', documentId: 'x' }, [
				{ statusCode: 403, headers: {}, body: '' },
			]),
		).rejects.toMatchObject({
			message: 'Leegality: the Auth Token was refused',
			httpCode: '403',
		});
		await expect(
			run({ resource: 'document', operation: 'getStatus', documentId: 'x' }, [
				{
					statusCode: 401,
					headers: {},
					body: { status: 0, messages: [{ code: null, message: 'Access Denied' }] },
				},
			]),
		).rejects.toThrow('Leegality: Access Denied');
	});

	it('reports non-JSON answers and JSON errors of the binary endpoint', async () => {
		await expect(
			run({ resource: 'document', operation: 'getStatus', documentId: 'x' }, [
				{
					statusCode: 500,
					headers: { 'content-type': 'text/html' },
					body: '<h1>Server Error</h1>',
				},
			]),
		).rejects.toThrow('Leegality: <h1>Server Error</h1>');
		await expect(
			run(
				{
					resource: 'document',
					operation: 'download',
					documentId: 'x',
					downloadType: 'AUDIT_TRAIL',
					binaryPropertyName: 'data',
				},
				[
					{
						statusCode: 200,
						headers: { 'content-type': 'application/json' },
						body: Buffer.from(
							'{"status":0,"messages":[{"code":"no.document.found","message":"Document not completed"}]}',
						),
					},
				],
			),
		).rejects.toThrow('Leegality: Document not completed');
	});

	it('continues on fail with one error item per failing input, keeping pairing', async () => {
		const { output } = await run(
			[
				{ resource: 'document', operation: 'getStatus', documentId: 'bad' },
				{ resource: 'document', operation: 'getStatus', documentId: 'good' },
			],
			(o) =>
				o.qs?.documentId === 'bad'
					? {
							statusCode: 200,
							headers: {},
							body: { status: 0, messages: [{ message: 'Invalid documentId' }] },
						}
					: ok({ documentId: 'good' }),
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output).toEqual([
			{
				json: {
					error: 'Leegality: Invalid documentId',
					errorDescription: 'Leegality answered HTTP 200.',
				},
				pairedItem: { item: 0 },
			},
			{ json: { documentId: 'good' }, pairedItem: { item: 1 } },
		]);
	});
});
