import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { Legalesign } from '../../../nodes/Legalesign/Legalesign.node';
import { LegalesignTrigger } from '../../../nodes/Legalesign/LegalesignTrigger.node';
import type { FakeResponse } from '../../support/contexts';

function loadOptionsContext(
	handler: (o: IHttpRequestOptions) => FakeResponse,
	current: IDataObject = {},
) {
	const http = jest.fn(async (_type: string, options: IHttpRequestOptions) => handler(options));
	const ctx = {
		getCredentials: async () => ({
			username: 'u',
			secret: 's',
			baseUrl: 'https://legalesign.test/api/v1',
		}),
		getCurrentNodeParameter: (name: string) => current[name],
		getNode: () => ({
			id: 'n',
			name: 'Legalesign',
			type: 'x',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		helpers: { httpRequestWithAuthentication: http },
	} as unknown as ILoadOptionsFunctions;
	return { ctx, http };
}

const page = (objects: IDataObject[], total: number): FakeResponse => ({
	statusCode: 200,
	headers: {},
	body: { meta: { total_count: total }, objects },
});

describe('Legalesign dropdowns and lists', () => {
	const methods = new Legalesign().methods.loadOptions;
	const { listSearch } = new Legalesign().methods;

	it('lists every group by name with its slug as value, over several pages', async () => {
		const groups = Array.from({ length: 130 }, (_, i) => ({
			name: `Team ${String(i).padStart(3, '0')}`,
			slug: `team-${i}`,
		}));
		const { ctx, http } = loadOptionsContext((o) =>
			page(
				groups.slice(Number(o.qs?.offset), Number(o.qs?.offset) + Number(o.qs?.limit)),
				groups.length,
			),
		);
		const options = await methods.getGroupsOrAll.call(ctx);
		expect(options).toHaveLength(131);
		expect(options[0]).toEqual({ name: 'All Groups', value: '' });
		expect(options[1]).toEqual({ name: 'Team 000', value: 'team-0' });
		expect(http.mock.calls.map(([, o]) => [o.url, o.qs])).toEqual([
			['/group/', { limit: 100, offset: 0 }],
			['/group/', { limit: 100, offset: 100 }],
		]);
		const trigger = await new LegalesignTrigger().methods.loadOptions.getGroupsOrAll.call(ctx);
		expect(trigger).toEqual(options);
		const found = await listSearch.searchGroups.call(ctx, 'team 12');
		expect(found.results.map((r) => r.value)).toEqual(
			Array.from({ length: 10 }, (_, i) => `team-${120 + i}`),
		);
	});

	it('lists the sendable template PDFs of the chosen group to send, every one to get', async () => {
		const templates = page(
			[
				{ uuid: 't1', title: 'NDA', valid: true },
				{ uuid: 't2', title: 'Draft', valid: false },
			],
			2,
		);
		const send = loadOptionsContext(() => templates, {
			operation: 'createAndSend',
			group: { __rl: true, mode: 'list', value: 'sales' },
		});
		expect(await listSearch.searchTemplatePdfs.call(send.ctx)).toEqual({
			results: [{ name: 'NDA', value: 't1' }],
		});
		expect(send.http.mock.calls[0][1]).toMatchObject({
			url: '/templatepdf/',
			qs: { group: 'sales', limit: 100, offset: 0 },
		});
		const get = loadOptionsContext(() => templates, { operation: 'get' });
		expect((await listSearch.searchTemplatePdfs.call(get.ctx, 'dra')).results).toEqual([
			{ name: 'Draft', value: 't2' },
		]);
		expect(get.http.mock.calls[0][1].qs).toEqual({ limit: 100, offset: 0 });
	});

	it('searches documents group by group, naming the group, and continues where the token says', async () => {
		const groups = [
			{ name: 'Main', slug: 'main' },
			{ name: 'Sales', slug: 'sales' },
		];
		const documents: Record<string, IDataObject[]> = {
			main: Array.from({ length: 150 }, (_, i) => ({ uuid: `m${i}`, name: `Main doc ${i}` })),
			sales: [{ uuid: 's0', name: 'Sales NDA' }],
		};
		const { ctx, http } = loadOptionsContext((o) => {
			if (o.url === '/group/') return page(groups, 2);
			const all = documents[String(o.qs?.group)];
			const offset = Number(o.qs?.offset);
			return page(all.slice(offset, offset + Number(o.qs?.limit)), all.length);
		});
		const first = await listSearch.searchDocuments.call(ctx);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Main doc 0 (Main)', value: 'm0' });
		expect(first.paginationToken).toBe('0:100');
		const second = await listSearch.searchDocuments.call(ctx, undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(
			Array.from({ length: 50 }, (_, i) => `m${100 + i}`),
		);
		expect(second.paginationToken).toBe('1:0');
		const third = await listSearch.searchDocuments.call(ctx, undefined, second.paginationToken);
		expect(third).toEqual({ results: [{ name: 'Sales NDA (Sales)', value: 's0' }] });
		const nda = await listSearch.searchDocuments.call(ctx, 'nda');
		expect(nda.results).toEqual([{ name: 'Sales NDA (Sales)', value: 's0' }]);
		const documentQueries = http.mock.calls
			.map(([, o]) => o)
			.filter((o) => o.url === '/document/')
			.map((o) => o.qs);
		expect(documentQueries[0]).toEqual({
			group: 'main',
			archived: 'all',
			nosigners: 1,
			limit: 100,
			offset: 0,
		});
	});

	it('names wildcard filters "[All]" and keeps Legalesign\'s values', () => {
		const filter = new Legalesign().description.properties.find((p) => p.name === 'eventFilter')!;
		const options = filter.options as Array<{ name: string; value: string }>;
		expect(options.some((o) => o.name.includes('*'))).toBe(false);
		expect(options.map((o) => o.value).sort()).toEqual(
			[
				'',
				'document.*',
				'document.created',
				'document.finalPdfCreated',
				'document.rejected',
				'recipient.*',
				'recipient.bounced',
				'recipient.completed',
				'recipient.emailOpened',
				'recipient.rejected',
				'recipient.visiting',
			].sort(),
		);
	});
});
