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

describe('Legalesign dropdowns', () => {
	const methods = new Legalesign().methods.loadOptions;

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
		const options = await methods.getGroups.call(ctx);
		expect(options).toHaveLength(130);
		expect(options[0]).toEqual({ name: 'Team 000', value: 'team-0' });
		expect(http.mock.calls.map(([, o]) => [o.url, o.qs])).toEqual([
			['/group/', { limit: 100, offset: 0 }],
			['/group/', { limit: 100, offset: 100 }],
		]);
		const withAll = await new LegalesignTrigger().methods.loadOptions.getGroupsOrAll.call(ctx);
		expect(withAll[0]).toEqual({ name: 'All Groups', value: '' });
	});

	it('lists the sendable template PDFs of the chosen group', async () => {
		const { ctx, http } = loadOptionsContext(
			() =>
				page(
					[
						{ uuid: 't1', title: 'NDA', valid: true },
						{ uuid: 't2', title: 'Draft', valid: false },
					],
					2,
				),
			{ group: 'sales' },
		);
		expect(await methods.getTemplatePdfs.call(ctx)).toEqual([{ name: 'NDA', value: 't1' }]);
		expect(http.mock.calls[0][1]).toMatchObject({ url: '/templatepdf/', qs: { group: 'sales' } });
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
