import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

/**
 * Helpers of the "From List" mode of resource locators (`listSearch` methods). The providers'
 * list endpoints cannot search by part of a name, so lists are read page by page and filtered
 * here, within a budget of requests per call; the editor asks for more as the user scrolls.
 */

/** Whether any of the texts contains the filter, ignoring case (no filter matches everything). */
export function matchesFilter(filter: string | undefined, ...texts: Array<string | null>): boolean {
	const wanted = filter?.trim().toLowerCase();
	if (!wanted) return true;
	return texts.some((value) => value !== null && value.toLowerCase().includes(wanted));
}

export interface ScanPage<T, Cursor> {
	items: T[];
	/** Where the next page starts; undefined after the last page. */
	next: Cursor | undefined;
}

/**
 * Reads pages from `start` and keeps the matching items until `want` are found or `maxRequests`
 * pages were read; `next` is where a later call continues (undefined when the list is done).
 */
export async function scanPages<T, Cursor>(
	start: Cursor,
	fetchPage: (cursor: Cursor) => Promise<ScanPage<T, Cursor>>,
	keep: (item: T) => boolean,
	budget: { want: number; maxRequests: number },
): Promise<{ matches: T[]; next: Cursor | undefined }> {
	const matches: T[] = [];
	let cursor: Cursor | undefined = start;
	for (let request = 0; request < budget.maxRequests && cursor !== undefined; request++) {
		const page: ScanPage<T, Cursor> = await fetchPage(cursor);
		matches.push(...page.items.filter(keep));
		cursor = page.next;
		if (matches.length >= budget.want) break;
	}
	return { matches, next: cursor };
}

/** Budget of one list call: about two screens of results, at most five API requests. */
export const SEARCH_BUDGET = { want: 20, maxRequests: 5 };

/** A non-negative integer offset from a pagination token (0 for none or garbage). */
export function offsetFromToken(token: string | undefined): number {
	const offset = Number(token);
	return Number.isSafeInteger(offset) && offset > 0 ? offset : 0;
}

/** The list-search answer: results without duplicate values, and the token of the next call. */
export function searchResult(
	results: INodeListSearchItems[],
	next: string | undefined,
): INodeListSearchResult {
	const seen = new Set<unknown>();
	const unique = results.filter((result) => {
		if (result.value === '' || seen.has(result.value)) return false;
		seen.add(result.value);
		return true;
	});
	return next === undefined ? { results: unique } : { results: unique, paginationToken: next };
}
