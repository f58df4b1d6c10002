import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locatorParameter } from '../../shared/actions';
import { forOperation } from '../../shared/descriptions';
import { apiRequest } from '../../shared/transport';
import { idFromUri, legalesignApi } from '../api';

/** An ID parameter that also accepts a resource URI (`/api/v1/<resource>/<id>/`). */
export function idProperty(
	resource: string,
	operations: string[],
	field: { name: string; displayName: string; placeholder: string },
): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: field.placeholder,
		description: 'The ID, or its resource URI',
		displayOptions: forOperation(resource, operations),
	};
}

/**
 * An ID parameter (a resource locator or a plain string), reduced to the ID when a URL or
 * resource URI was given; empty fails the item (`what` names the object in the message).
 */
export function idParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	what: string,
): string {
	return idFromUri(locatorParameter.call(this, name, itemIndex, what));
}

/** Legalesign wants `YYYY-mm-ddTH:M:S` without a zone; n8n dates are sent as UTC. */
export function toLegalesignTime(value: unknown): string {
	const date = new Date(String(value));
	if (Number.isNaN(date.getTime())) return String(value);
	return date.toISOString().slice(0, 19);
}

/** One authenticated GET whose JSON body is returned. */
export async function getJson(
	this: IExecuteFunctions,
	path: string,
	qs?: IDataObject,
): Promise<unknown> {
	const { body } = await apiRequest.call(this, legalesignApi, { method: 'GET', path, qs });
	return body;
}
