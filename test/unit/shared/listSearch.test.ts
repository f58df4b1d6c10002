import {
	matchesFilter,
	offsetFromToken,
	scanPages,
	searchResult,
} from '../../../nodes/shared/listSearch';
import { locatorValue } from '../../../nodes/shared/readers';

describe('locatorValue', () => {
	it('reads a resource locator value in either stored form, trimmed', () => {
		expect(locatorValue({ __rl: true, mode: 'list', value: ' a1 ' })).toBe('a1');
		expect(locatorValue({ __rl: true, mode: 'id', value: 42 })).toBe('42');
		expect(locatorValue(' plain ')).toBe('plain');
		for (const empty of [undefined, null, '', { __rl: true, mode: 'list', value: '' }, {}, []])
			expect(locatorValue(empty)).toBe('');
	});
});

describe('list search helpers', () => {
	it('matches part of any text, ignoring case; no filter matches all', () => {
		expect(matchesFilter('cont', 'NDA', 'Contract')).toBe(true);
		expect(matchesFilter('  CONTRACT ', null, 'my contract')).toBe(true);
		expect(matchesFilter('x', 'NDA', null)).toBe(false);
		expect(matchesFilter(undefined, null)).toBe(true);
		expect(matchesFilter('   ', null)).toBe(true);
	});

	it('scans pages until enough matches or the request budget, and says where to go on', async () => {
		const fetched: number[] = [];
		const page = async (cursor: number) => {
			fetched.push(cursor);
			const items = Array.from({ length: 10 }, (_, i) => cursor + i);
			return { items, next: cursor + 10 < 100 ? cursor + 10 : undefined };
		};
		const even = (n: number) => n % 2 === 0;
		expect(await scanPages(0, page, even, { want: 12, maxRequests: 5 })).toEqual({
			matches: [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28],
			next: 30,
		});
		expect(fetched).toEqual([0, 10, 20]);
		const none = await scanPages(50, page, () => false, { want: 1, maxRequests: 2 });
		expect(none).toEqual({ matches: [], next: 70 });
		const end = await scanPages(80, page, () => true, { want: 100, maxRequests: 9 });
		expect(end.next).toBeUndefined();
		expect(end.matches).toHaveLength(20);
	});

	it('reads offsets from tokens defensively and drops duplicate or empty values', () => {
		expect([undefined, '', 'x', '-5', '1.5', '40'].map(offsetFromToken)).toEqual([
			0, 0, 0, 0, 0, 40,
		]);
		expect(
			searchResult(
				[
					{ name: 'A', value: 'a' },
					{ name: 'A again', value: 'a' },
					{ name: 'nothing', value: '' },
				],
				'10',
			),
		).toEqual({ results: [{ name: 'A', value: 'a' }], paginationToken: '10' });
		expect(searchResult([], undefined)).toEqual({ results: [] });
	});
});
