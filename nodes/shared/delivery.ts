import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isObject } from './item';

/** Larger bodies are refused with 413 before any parsing (n8n's own limit is 16 MB by default). */
export const MAX_DELIVERY_BYTES = 5 * 1024 * 1024;

/** One incoming webhook request, reduced to what providers verify and parse. */
export interface Delivery {
	/** The exact bytes received (after n8n's transparent gzip/deflate decoding). */
	rawBody: Buffer;
	/** Media type without parameters, lower case; null when the header is absent. */
	mediaType: string | null;
	/** Header lookup, case-insensitive; the first value when a header repeats. */
	header(name: string): string | undefined;
	query: IDataObject;
}

/** A delivery the pipeline refuses, with the HTTP status to answer. */
export class DeliveryRejection extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 413 | 415,
		readonly reason: string,
	) {
		super(reason);
		this.name = 'DeliveryRejection';
	}
}

type RawBodyRequest = {
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
	headers: Record<string, string | string[] | undefined>;
	query?: unknown;
};

/** Builds the `Delivery`, reading the raw body if n8n has not already. Undefined body → empty. */
export async function readDelivery(ctx: IWebhookFunctions): Promise<Delivery> {
	const request = ctx.getRequestObject() as unknown as RawBodyRequest;
	const headers = request.headers ?? {};
	const header = (name: string): string | undefined => {
		const value = headers[name.toLowerCase()];
		return Array.isArray(value) ? value[0] : value;
	};
	const contentType = header('content-type');
	const mediaType = contentType ? contentType.split(';')[0].trim().toLowerCase() : null;
	// n8n hands multipart bodies to formidable, which consumes the stream: reading it again would
	// wait forever. No provider here sends multipart, so such a delivery is refused as-is (415).
	const multipart = mediaType?.startsWith('multipart/') === true;
	if (request.rawBody === undefined && !multipart && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	const raw = request.rawBody;
	const rawBody = Buffer.isBuffer(raw)
		? raw
		: typeof raw === 'string'
			? Buffer.from(raw, 'utf8')
			: Buffer.alloc(0);
	return {
		rawBody,
		mediaType,
		header,
		query: isObject(request.query) ? request.query : {},
	};
}

function requireMediaType(delivery: Delivery, expected: string): void {
	if (delivery.mediaType !== expected) {
		throw new DeliveryRejection(
			415,
			`Unsupported content type ${delivery.mediaType ?? '(none)'}; expected ${expected}`,
		);
	}
	if (delivery.rawBody.length === 0) throw new DeliveryRejection(400, 'Empty body');
}

/** Parses a JSON object body from the raw bytes; throws `DeliveryRejection` with a clear reason. */
export function parseJsonObject(delivery: Delivery): IDataObject {
	requireMediaType(delivery, 'application/json');
	const value = tryParseJson(stripBom(delivery.rawBody.toString('utf8')));
	if (value === undefined) throw new DeliveryRejection(400, 'Malformed JSON body');
	if (!isObject(value)) throw new DeliveryRejection(400, 'JSON body is not an object');
	return value;
}

/** `JSON.parse` that answers `undefined` instead of throwing. */
export function tryParseJson(source: string): unknown {
	try {
		return JSON.parse(source) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * Parses an `application/x-www-form-urlencoded` body from the raw bytes. Values are the exact
 * decoded strings, which matters where a provider signs a field's text.
 */
export function parseForm(delivery: Delivery): Record<string, string> {
	requireMediaType(delivery, 'application/x-www-form-urlencoded');
	const fields: Record<string, string> = {};
	for (const [name, value] of new URLSearchParams(delivery.rawBody.toString('utf8'))) {
		if (!(name in fields)) fields[name] = value;
	}
	return fields;
}

function stripBom(body: string): string {
	return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
}
