import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { locatorValue } from './readers';

/** One resource/operation of an action node. Returns the output items for input item `itemIndex`. */
export type OperationHandler = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

/** Handlers keyed `"<resource>.<operation>"`. */
export type OperationHandlers = Record<string, OperationHandler>;

/**
 * The item loop every action node shares: routes each input item to its operation, pairs every
 * output item with its input, honours "Continue On Fail" and attaches the item index to errors.
 */
export async function executeOperations(
	this: IExecuteFunctions,
	handlers: OperationHandlers,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = handlers[`${resource}.${operation}`];
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" on "${resource}" is not supported`,
					{
						itemIndex,
					},
				);
			}
			const results = await handler.call(this, itemIndex);
			for (const result of results) returnData.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				const json: IDataObject = { error: (error as Error).message };
				const description = (error as NodeApiError).description;
				if (description) json.errorDescription = description;
				returnData.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			if (error instanceof NodeApiError) {
				// The constructor hands an existing NodeApiError back unchanged, so set the index first.
				error.context.itemIndex = itemIndex;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			if (error instanceof NodeOperationError) error.context.itemIndex = itemIndex;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}

/** Items from plain objects (an array becomes one item per element; empty answers say so). */
export function toItems(data: IDataObject | IDataObject[] | undefined): INodeExecutionData[] {
	if (Array.isArray(data)) return data.map((json) => ({ json }));
	return [{ json: data && Object.keys(data).length > 0 ? data : { success: true } }];
}

/** One item per record of a list operation; no records, no items (not a placeholder). */
export function listItems(records: IDataObject[]): INodeExecutionData[] {
	return records.map((json) => ({ json }));
}

/** An item that carries a downloaded file as binary data. */
export async function binaryItem(
	this: IExecuteFunctions,
	file: { data: Buffer; fileName: string; mimeType: string },
	binaryPropertyName: string,
	json: IDataObject,
): Promise<INodeExecutionData[]> {
	const binary = await this.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
	return [
		{
			json: {
				...json,
				fileName: file.fileName,
				mimeType: file.mimeType,
				fileSize: file.data.length,
			},
			binary: { [binaryPropertyName]: binary },
		},
	];
}

/** The Buffer of an input item's binary property, with a clear error if it is missing. */
export async function inputFile(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
): Promise<{ data: Buffer; fileName: string; mimeType: string }> {
	const meta = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	return { data, fileName: meta.fileName ?? 'document.pdf', mimeType: meta.mimeType };
}

export interface Page<T> {
	items: T[];
	/** Total across all pages, when the API reports it. */
	total?: number;
}

/**
 * Offset pagination: asks for pages of at most `pageSize` until the API runs dry, reports its
 * total, or the limit is reached. An empty page always ends the loop.
 */
export async function collectPages<T>(
	fetchPage: (offset: number, size: number) => Promise<Page<T>>,
	options: { returnAll: boolean; limit: number; pageSize: number },
): Promise<T[]> {
	const wanted = options.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, options.limit);
	const results: T[] = [];
	while (results.length < wanted) {
		const size = Math.min(options.pageSize, wanted - results.length);
		const page = await fetchPage(results.length, size);
		results.push(...page.items.slice(0, wanted - results.length));
		const exhausted =
			page.items.length === 0 ||
			page.items.length < size ||
			(page.total !== undefined && results.length >= page.total);
		if (exhausted) break;
	}
	return results;
}

/** Reads the standard Return All / Limit parameters of item `itemIndex`. */
export function pagingParameters(
	this: IExecuteFunctions,
	itemIndex: number,
): { returnAll: boolean; limit: number } {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', itemIndex, 50) as number);
	return { returnAll, limit };
}

/** The first `limit` records, or all of them with Return All. */
export function limitRecords(
	this: IExecuteFunctions,
	itemIndex: number,
	records: IDataObject[],
): IDataObject[] {
	const { returnAll, limit } = pagingParameters.call(this, itemIndex);
	return returnAll ? records : records.slice(0, limit);
}

/**
 * The value of a required resource locator parameter (either stored form, see `locatorValue`);
 * an empty one fails the item with what to do instead of a provider 404.
 */
export function locatorParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	what: string,
): string {
	const value = locatorValue(this.getNodeParameter(name, itemIndex));
	if (!value) {
		throw new NodeOperationError(this.getNode(), `No ${what} given`, {
			itemIndex,
			description: `Select a ${what} or enter its ID`,
		});
	}
	return value;
}

/** Whether the operation's Simplify switch is on (a workflow without it gets the default, on). */
export function wantsSimplified(this: IExecuteFunctions, itemIndex: number): boolean {
	return this.getNodeParameter('simplify', itemIndex, true) !== false;
}
