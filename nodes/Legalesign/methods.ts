import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	matchesFilter,
	offsetFromToken,
	scanPages,
	SEARCH_BUDGET,
	searchResult,
} from '../shared/listSearch';
import { locatorValue, numberAt, text } from '../shared/readers';
import { idFromUri, withoutUrlToken } from './api';
import { NOTIFY_WHEN } from './events';
import { listAllObjects, listNotifications, listPage } from './requests';

const PAGE_SIZE = 100;

const slugOf = (group: IDataObject) =>
	text(group, 'slug') ?? idFromUri(text(group, 'resource_uri') ?? '');
const uuidOf = (object: IDataObject) =>
	text(object, 'uuid') ?? idFromUri(text(object, 'resource_uri') ?? '');

function groupOptions(groups: IDataObject[]): INodePropertyOptions[] {
	return groups
		.map((group) => ({ name: text(group, 'name') ?? slugOf(group), value: slugOf(group) }))
		.filter((option) => option.value)
		.sort((a, b) => a.name.localeCompare(b.name));
}

async function allGroups(this: ILoadOptionsFunctions): Promise<IDataObject[]> {
	return await listAllObjects.call(this, '/group/');
}

/** The group dropdown of the trigger and of the optional group filters. */
export const loadOptions = {
	async getGroupsOrAll(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return [{ name: 'All Groups', value: '' }, ...groupOptions(await allGroups.call(this))];
	},
};

/** Where a cross-group document scan stands: the group's position and the offset within it. */
interface DocumentCursor {
	group: number;
	offset: number;
}

function documentCursor(token: string | undefined): DocumentCursor {
	const [group, offset] = (token ?? '').split(':').map(offsetFromToken);
	return { group: group ?? 0, offset: offset ?? 0 };
}

const NOTIFY_NAMES = Object.fromEntries(
	Object.entries(NOTIFY_WHEN).map(([name, code]) => [code, name]),
) as Record<number, string>;

function webhookKind(webhook: IDataObject): string {
	const notify = NOTIFY_NAMES[numberAt(webhook, 'notify_when') ?? -1];
	if (notify === 'realtime') return text(webhook, 'event_filter') ?? 'all events';
	return notify ? `legacy: ${notify}` : 'unknown type';
}

/** "From List" sources of the resource locators. */
export const listSearch = {
	async searchGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const options = groupOptions(await allGroups.call(this));
		return searchResult(
			options.filter((option) => matchesFilter(filter, option.name, String(option.value))),
			undefined,
		);
	},

	/**
	 * Documents of every group the API user administers (Legalesign lists one group at a time),
	 * archived ones included, since signed documents are archived by default.
	 */
	async searchDocuments(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const groups = groupOptions(await allGroups.call(this));
		const start = documentCursor(paginationToken);
		if (start.group >= groups.length) return searchResult([], undefined);
		const { matches, next } = await scanPages(
			start,
			async (cursor) => {
				const group = groups[cursor.group];
				const qs = { group: group.value, archived: 'all', nosigners: 1 };
				const page = await listPage.call(this, '/document/', qs, cursor.offset, PAGE_SIZE);
				const offset = cursor.offset + page.items.length;
				const more =
					page.items.length === PAGE_SIZE && (page.total === undefined || offset < page.total);
				const items = page.items.map((document) => ({ document, group: group.name }));
				if (more) return { items, next: { group: cursor.group, offset } };
				const nextGroup = cursor.group + 1;
				return {
					items,
					next: nextGroup < groups.length ? { group: nextGroup, offset: 0 } : undefined,
				};
			},
			({ document }) => matchesFilter(filter, text(document, 'name'), uuidOf(document)),
			SEARCH_BUDGET,
		);
		return searchResult(
			matches.map(({ document, group }) => {
				const name = text(document, 'name') ?? uuidOf(document);
				return { name: groups.length > 1 ? `${name} (${group})` : name, value: uuidOf(document) };
			}),
			next && `${next.group}:${next.offset}`,
		);
	},

	/** Template PDFs of the chosen group (all groups without one); only sendable ones to send. */
	async searchTemplatePdfs(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const group = locatorValue(this.getCurrentNodeParameter('group'));
		const sendableOnly = this.getCurrentNodeParameter('operation') === 'createAndSend';
		const qs: IDataObject = group ? { group: idFromUri(group) } : {};
		const { matches, next } = await scanPages(
			offsetFromToken(paginationToken),
			async (offset) => {
				const page = await listPage.call(this, '/templatepdf/', qs, offset, PAGE_SIZE);
				const end = offset + page.items.length;
				const more =
					page.items.length === PAGE_SIZE && (page.total === undefined || end < page.total);
				return { items: page.items, next: more ? end : undefined };
			},
			(template) =>
				(!sendableOnly || template.valid !== false) &&
				matchesFilter(filter, text(template, 'title'), uuidOf(template)),
			SEARCH_BUDGET,
		);
		return searchResult(
			matches.map((template) => ({
				name: text(template, 'title') ?? uuidOf(template),
				value: uuidOf(template),
			})),
			next === undefined ? undefined : String(next),
		);
	},

	/** The API user's webhooks, by URL without its secret token (Legalesign gives them no ID). */
	async searchWebhooks(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const webhooks = await listNotifications.call(this);
		return searchResult(
			webhooks
				.map((webhook) => ({ url: withoutUrlToken(text(webhook, 'url') ?? ''), webhook }))
				.filter(({ url, webhook }) => url && matchesFilter(filter, url, webhookKind(webhook)))
				.map(({ url, webhook }) => ({ name: `${url} (${webhookKind(webhook)})`, value: url })),
			undefined,
		);
	},
};
