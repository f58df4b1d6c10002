import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import {
	matchesFilter,
	offsetFromToken,
	scanPages,
	SEARCH_BUDGET,
	searchResult,
} from '../shared/listSearch';
import { numberAt, objectAt, objectsAt, text } from '../shared/readers';
import { apiRequest } from '../shared/transport';
import { leegalityApi } from './api';

/** Leegality caps `max` at 40 (larger values silently become 20). */
const PAGE_SIZE = 40;

async function documentPage(this: ILoadOptionsFunctions, qs: IDataObject) {
	const { body } = await apiRequest.call(this, leegalityApi, {
		method: 'GET',
		path: '/v3.0/sign/request/list',
		qs: { max: PAGE_SIZE, ...qs },
	});
	const data = objectAt(body, 'data');
	return { documents: objectsAt(data, 'documents'), total: numberAt(data, 'total') };
}

function documentOption(document: IDataObject) {
	const id = text(document, 'documentId') ?? '';
	const details = [text(document, 'irn'), text(document, 'status')?.toLowerCase()].filter(Boolean);
	const name = text(document, 'name') ?? id;
	return { name: details.length > 0 ? `${name} (${details.join(', ')})` : name, value: id };
}

/** "From List" sources of the resource locators. */
export const listSearch = {
	/**
	 * Documents in the order Leegality lists them. Leegality's own search (`q`) matches a
	 * whole name, ID or IRN only, so its exact hits come first and recent documents whose name,
	 * ID or IRN contains the filter follow.
	 */
	async searchDocuments(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const exact =
			filter?.trim() && !paginationToken
				? (await documentPage.call(this, { q: filter.trim(), offset: 0 })).documents
				: [];
		const { matches, next } = await scanPages(
			offsetFromToken(paginationToken),
			async (offset) => {
				const { documents, total } = await documentPage.call(this, { offset });
				const end = offset + documents.length;
				const more = documents.length === PAGE_SIZE && (total === null || end < total);
				return { items: documents, next: more ? end : undefined };
			},
			(document) =>
				matchesFilter(
					filter,
					text(document, 'name'),
					text(document, 'documentId'),
					text(document, 'irn'),
				),
			SEARCH_BUDGET,
		);
		return searchResult(
			[...exact, ...matches].map(documentOption),
			next === undefined ? undefined : String(next),
		);
	},
};
