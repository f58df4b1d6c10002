import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { Leegality } from '../../../nodes/Leegality/Leegality.node';
import { type FakeResponse, runActionNode } from '../../support/contexts';

const node = new Leegality();
const credentials = {
	leegalityApi: { environment: 'custom', baseUrl: 'https://leegality.test/api/', authToken: 't' },
};
const ok = (data: unknown): FakeResponse => ({
	statusCode: 200,
	headers: { 'content-type': 'application/json' },
	body: { status: 1, messages: [], data },
});

function listContext(handler: (qs: IDataObject) => FakeResponse) {
	const http = jest.fn(async (_type: string, options: IHttpRequestOptions) =>
		handler(options.qs ?? {}),
	);
	const ctx = {
		getCredentials: async () => credentials.leegalityApi,
		getNode: () => ({ id: 'n', name: 'Leegality', type: 'x', typeVersion: 1, position: [0, 0] }),
		helpers: { httpRequestWithAuthentication: http },
	} as unknown as ILoadOptionsFunctions;
	return { ctx, queries: () => http.mock.calls.map(([, o]) => o.qs) };
}

/** 100 documents as Leegality lists them: pages of `max`, from `offset`, with the total. */
const documents = Array.from({ length: 100 }, (_, i) => ({
	name: i % 10 === 3 ? `Contract ${i}` : `NDA ${i}`,
	documentId: `DOC${String(i).padStart(3, '0')}`,
	irn: i === 42 ? 'IRN-42' : null,
	status: 'SENT',
}));
const listAnswer = (qs: IDataObject) => {
	if (qs.q) {
		const q = String(qs.q).toLowerCase();
		const exact = documents.filter((d) =>
			[d.name, d.documentId, d.irn].some((v) => v?.toLowerCase() === q),
		);
		return ok({ total: exact.length, documents: exact });
	}
	const offset = Number(qs.offset);
	return ok({ total: 100, documents: documents.slice(offset, offset + Number(qs.max)) });
};

describe('Leegality document list (resource locator "From List")', () => {
	const { searchDocuments } = node.methods.listSearch;

	it('lists documents page by page with their IRN and status, continuing where the token says', async () => {
		const { ctx, queries } = listContext(listAnswer);
		const first = await searchDocuments.call(ctx);
		expect(first.results).toHaveLength(40);
		expect(first.results[0]).toEqual({ name: 'NDA 0 (sent)', value: 'DOC000' });
		expect(first.results.some((r) => r.value === 'DOC042')).toBe(false);
		expect(first.paginationToken).toBe('40');
		expect(queries()).toEqual([{ max: 40, offset: 0 }]);

		const rest = await searchDocuments.call(ctx, undefined, first.paginationToken);
		expect(rest.results.find((r) => r.value === 'DOC042')).toEqual({
			name: 'NDA 42 (IRN-42, sent)',
			value: 'DOC042',
		});
	});

	it('filters by part of the name, ID or IRN over several pages, exact hits from Leegality first', async () => {
		const { ctx, queries } = listContext(listAnswer);
		const found = await searchDocuments.call(ctx, 'contract');
		expect(found.results.map((r) => r.value)).toEqual(
			documents.filter((d) => d.name.startsWith('Contract')).map((d) => d.documentId),
		);
		expect(found.paginationToken).toBeUndefined();
		expect(queries()).toEqual([
			{ max: 40, q: 'contract', offset: 0 },
			{ max: 40, offset: 0 },
			{ max: 40, offset: 40 },
			{ max: 40, offset: 80 },
		]);

		const byIrn = listContext(listAnswer);
		const irn = await searchDocuments.call(byIrn.ctx, 'IRN-42');
		expect(irn.results).toEqual([{ name: 'NDA 42 (IRN-42, sent)', value: 'DOC042' }]);
	});

	it('stops after five requests and hands back a token to go on', async () => {
		const many = Array.from({ length: 1000 }, (_, i) => ({
			name: `Doc ${i}`,
			documentId: `D${i}`,
		}));
		const { ctx, queries } = listContext((qs) =>
			ok({
				total: 1000,
				documents: many.slice(Number(qs.offset), Number(qs.offset) + Number(qs.max)),
			}),
		);
		const found = await searchDocuments.call(ctx, undefined, '200');
		expect(found.results).toHaveLength(40);
		expect(found.paginationToken).toBe('240');
		const none = await searchDocuments.call(ctx, 'nothing like this', 'x');
		expect(none.results).toEqual([]);
		expect(none.paginationToken).toBe('200');
		expect(queries()).toHaveLength(1 + 5);
	});
});

describe('Leegality Get Details: Simplify', () => {
	const details = {
		file: 'https://cdn.test/doc.pdf',
		document: {
			id: '01DOC',
			name: 'NDA',
			irn: 'IRN-1',
			status: 'SENT',
			deleted: false,
			creationDate: '01-06-2026 10:00:00',
			completionDate: null,
		},
		workflow: { id: 'w', name: 'Flow' },
		invitations: [
			{
				name: 'Asha',
				email: 'asha@example.com',
				phone: null,
				inviteeType: 'Signer',
				invitationUrl: 'https://app1.leegality.com/sign/u1',
				invitationStatus: { active: true, signed: true, signDate: '02-06-2026 11:00:00' },
				inviteeConfigs: { retry: 3 },
			},
			{
				name: 'Ravi',
				email: null,
				phone: '9999999999',
				inviteeType: 'Reviewer',
				invitationUrl: 'https://app1.leegality.com/sign/u2',
				invitationStatus: { active: true, signed: false, rejected: 'true' },
			},
			{
				name: 'Meera',
				inviteeType: 'Signer',
				invitationStatus: { active: true },
			},
		],
	};

	it('is on by default: no field groups are asked for and the output is small and flat', async () => {
		const { requests, output } = await runActionNode(node, {
			parameters: {
				resource: 'document',
				operation: 'getDetails',
				documentId: { __rl: true, mode: 'list', value: '01DOC' },
				fieldGroups: ['workflow_name'],
			},
			responses: [ok(details)],
			credentials,
		});
		expect(requests[0].qs).toEqual({ documentId: '01DOC' });
		expect(output[0].json).toEqual({
			documentId: '01DOC',
			name: 'NDA',
			irn: 'IRN-1',
			status: 'SENT',
			createdAt: '01-06-2026 10:00:00',
			completedAt: null,
			invitees: [
				{
					name: 'Asha',
					email: 'asha@example.com',
					phone: null,
					type: 'Signer',
					status: 'signed',
					signedAt: '02-06-2026 11:00:00',
					signingUrl: 'https://app1.leegality.com/sign/u1',
				},
				{
					name: 'Ravi',
					email: null,
					phone: '9999999999',
					type: 'Reviewer',
					status: 'rejected',
					signedAt: null,
					signingUrl: 'https://app1.leegality.com/sign/u2',
				},
				{
					name: 'Meera',
					email: null,
					phone: null,
					type: 'Signer',
					status: 'pending',
					signedAt: null,
					signingUrl: null,
				},
			],
		});
		expect(Object.keys(output[0].json).length).toBeLessThanOrEqual(10);
	});

	it('off returns what Leegality sent', async () => {
		const { output } = await runActionNode(node, {
			parameters: {
				resource: 'document',
				operation: 'getDetails',
				documentId: '01DOC',
				simplify: false,
			},
			responses: [ok(details)],
			credentials,
		});
		expect(output[0].json).toEqual(details);
	});

	it('an empty document fails the item with what to do, before any request', async () => {
		await expect(
			runActionNode(node, {
				parameters: {
					resource: 'document',
					operation: 'getStatus',
					documentId: { __rl: true, mode: 'list', value: '' },
				},
				responses: () => {
					throw new Error('no request expected');
				},
				credentials,
			}),
		).rejects.toMatchObject({
			message: 'No document given',
			description: 'Select a document or enter its ID',
		});
	});
});

describe('Leegality description', () => {
	it('offers the document as a resource locator, "From List" first, wherever an operation needs one', () => {
		const locators = node.description.properties.filter((p) => p.name === 'documentId');
		const operations = locators.flatMap((p) => p.displayOptions?.show?.operation ?? []);
		expect(operations.sort()).toEqual(['delete', 'download', 'getDetails', 'getStatus']);
		for (const locator of locators) {
			expect(locator.type).toBe('resourceLocator');
			expect(locator.default).toEqual({ mode: 'list', value: '' });
			expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
			expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe('searchDocuments');
		}
		expect(Object.keys(node.methods.listSearch)).toEqual(['searchDocuments']);
	});
});
