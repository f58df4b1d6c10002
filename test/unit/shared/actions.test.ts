import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import {
	collectPages,
	executeOperations,
	type OperationHandlers,
} from '../../../nodes/shared/actions';
import { executeContext } from '../../support/contexts';

describe('executeOperations', () => {
	const handlers: OperationHandlers = {
		async 'thing.get'(itemIndex) {
			const id = this.getNodeParameter('id', itemIndex) as string;
			if (id === 'api-fail') {
				throw new NodeApiError(
					this.getNode(),
					{ message: 'gone' },
					{ message: 'Acme: gone', description: 'HTTP 404' },
				);
			}
			if (id === 'bug') throw new Error('unexpected');
			return [{ json: { id } }, { json: { id, copy: true } }];
		},
	};
	const run = (ctx: IExecuteFunctions) => executeOperations.call(ctx, handlers);
	const items = [{ json: {} }, { json: {} }];

	it('pairs every output item with its input item', async () => {
		const { ctx } = executeContext({
			items,
			parameters: [
				{ resource: 'thing', operation: 'get', id: 'a' },
				{ resource: 'thing', operation: 'get', id: 'b' },
			],
		});
		const [output] = await run(ctx);
		expect(output.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['a', { item: 0 }],
			['a', { item: 0 }],
			['b', { item: 1 }],
			['b', { item: 1 }],
		]);
	});

	it('turns failures into error items when continueOnFail is on, keeping the pairing', async () => {
		const { ctx } = executeContext({
			items,
			continueOnFail: true,
			parameters: [
				{ resource: 'thing', operation: 'get', id: 'api-fail' },
				{ resource: 'thing', operation: 'get', id: 'ok' },
			],
		});
		const [output] = await run(ctx);
		expect(output[0]).toEqual({
			json: { error: 'Acme: gone', errorDescription: 'HTTP 404' },
			pairedItem: { item: 0 },
		});
		expect(output[1].json).toEqual({ id: 'ok' });
	});

	it('throws n8n errors carrying the failing item index', async () => {
		const apiFail = executeContext({
			items,
			parameters: [
				{ resource: 'thing', operation: 'get', id: 'a' },
				{ resource: 'thing', operation: 'get', id: 'api-fail' },
			],
		});
		await expect(run(apiFail.ctx)).rejects.toMatchObject({
			message: 'Acme: gone',
			context: { itemIndex: 1 },
		});
		const bug = executeContext({
			items: [{ json: {} }],
			parameters: { resource: 'thing', operation: 'get', id: 'bug' },
		});
		await expect(run(bug.ctx)).rejects.toBeInstanceOf(NodeOperationError);
		const unknown = executeContext({
			items: [{ json: {} }],
			parameters: { resource: 'thing', operation: 'explode' },
		});
		await expect(run(unknown.ctx)).rejects.toThrow(
			'The operation "explode" on "thing" is not supported',
		);
	});
});

describe('collectPages', () => {
	const source = Array.from({ length: 95 }, (_, i) => i);
	const pages = (withTotal: boolean) =>
		jest.fn(async (offset: number, size: number) => ({
			items: source.slice(offset, offset + size),
			total: withTotal ? source.length : undefined,
		}));

	it('returns everything with Return All, page by page', async () => {
		const fetch = pages(false);
		expect(await collectPages(fetch, { returnAll: true, limit: 0, pageSize: 40 })).toEqual(source);
		expect(fetch.mock.calls).toEqual([
			[0, 40],
			[40, 40],
			[80, 40],
		]);
	});

	it('stops at the limit and asks only for what is needed', async () => {
		const fetch = pages(true);
		expect(await collectPages(fetch, { returnAll: false, limit: 45, pageSize: 40 })).toEqual(
			source.slice(0, 45),
		);
		expect(fetch.mock.calls).toEqual([
			[0, 40],
			[40, 5],
		]);
	});

	it('stops when the reported total is reached or a page is empty', async () => {
		const exact = jest.fn(async (offset: number) => ({
			items: offset < 80 ? source.slice(offset, offset + 40) : [],
			total: 80,
		}));
		expect(await collectPages(exact, { returnAll: true, limit: 0, pageSize: 40 })).toHaveLength(80);
		expect(exact).toHaveBeenCalledTimes(2);
		const empty = jest.fn(async () => ({ items: [] as number[] }));
		expect(await collectPages(empty, { returnAll: true, limit: 0, pageSize: 40 })).toEqual([]);
	});
});
