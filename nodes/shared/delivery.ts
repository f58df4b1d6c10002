import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isObject } from './readers';

/** Larger bodies are refused with 413 before any parsing (n8n's own limit is 16 MB by default). */
export const MAX_DELIVERY_BYTES = 5 * 1024 * 1024;

/**
 * Deeper JSON is refused with 400: provider bodies nest a handful of levels, and n8n serializes
 * execution data recursively (JSON.stringify overflows the stack at a few thousand levels).
 */
export const MAX_JSON_DEPTH = 64;

/** One incoming webhook request, reduced to what providers verify and parse. */
export interface Delivery {
	/** The exact bytes received (after n8n's transparent gzip/deflate decoding). */
	rawBody: Buffer;
	/** Media type without parameters, lower case; null when the header is absent. */
	mediaType: string | null;
	/** Header lookup, case-insensitive; the first value when a header repeats. */
	header(name: string): string | undefined;
	query: IDataObject;
	/** n8n's own parse of `rawBody` (see `n8nParsedJson`), adopted by `jsonBody`. */
	parsedByN8n?: IDataObject;
	/** The body parsed by `jsonBody` / `formBody`, kept so each delivery is parsed once. */
	parsedJson?: IDataObject;
	parsedForm?: Record<string, string>;
}

/** A delivery the pipeline refuses, with the HTTP status to answer. */
export class DeliveryRejection extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 409 | 413 | 415 | 422 | 424,
		readonly reason: string,
	) {
		super(reason);
		this.name = 'DeliveryRejection';
	}
}

type RawBodyRequest = {
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
	headers?: Record<string, string | string[] | undefined>;
	query?: unknown;
	/** Set by n8n: its parse of the body, and the media type and charset it parsed it by. */
	body?: unknown;
	contentType?: string;
	encoding?: string;
};

/** Whether n8n has yet to read the body (it reads it itself for most content types). */
function rawBodyPending(request: RawBodyRequest, mediaType: string | null): boolean {
	// n8n hands multipart bodies to formidable, which consumes the stream: reading it again would
	// wait forever. No provider here sends multipart, so such a delivery is refused as-is (415).
	const multipart = mediaType?.startsWith('multipart/') === true;
	return request.rawBody === undefined && !multipart && typeof request.readRawBody === 'function';
}

function mediaTypeOf(request: RawBodyRequest): string | null {
	const contentType = headerOf(request.headers ?? {}, 'content-type');
	if (!contentType) return null;
	const end = contentType.indexOf(';');
	return (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
}

function headerOf(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

const UTF8_CHARSETS = new Set(['utf-8', 'utf8']);

/** Whether an object has at least one own key (without listing them all). */
function hasKeys(value: IDataObject): boolean {
	for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
	return false;
}

/**
 * n8n's parse of the body, when it is the one `jsonBody` would make: before `webhook()` runs,
 * n8n parses a body it read whose Content-Type it parsed (`req.contentType`, `req.encoding`) as
 * `application/json` into `req.body` (decoded with the charset, BOM stripped, JSON.parse), and its
 * own triggers use that. Adopting it spares parsing every body twice (~10 ms at 5 MB). Only
 * UTF-8, as `jsonBody` decodes; never n8n's `{}` placeholder for a body it did not parse.
 */
function n8nParsedJson(request: RawBodyRequest): IDataObject | undefined {
	if (request.contentType !== 'application/json') return undefined;
	if (!UTF8_CHARSETS.has(request.encoding ?? 'utf-8')) return undefined;
	const body = request.body;
	return isObject(body) && hasKeys(body) ? body : undefined;
}

/** `readByN8n`: n8n read the body itself (and so parsed it, see `n8nParsedJson`). */
function toDelivery(
	request: RawBodyRequest,
	mediaType: string | null,
	readByN8n: boolean,
): Delivery {
	const headers = request.headers ?? {};
	const raw = request.rawBody;
	const rawBody = Buffer.isBuffer(raw)
		? raw
		: typeof raw === 'string'
			? Buffer.from(raw, 'utf8')
			: Buffer.alloc(0);
	const delivery: Delivery = {
		rawBody,
		mediaType,
		header: (name) => headerOf(headers, name),
		query: isObject(request.query) ? request.query : {},
	};
	// An empty body is refused before anything reads the parse.
	if (readByN8n) delivery.parsedByN8n = n8nParsedJson(request);
	return delivery;
}

/**
 * Builds the `Delivery`, reading the raw body if n8n has not already (undefined body → empty).
 * A Delivery when the body is already there (the usual case: no promise turn), else a promise.
 */
export function readDelivery(this: IWebhookFunctions): Delivery | Promise<Delivery> {
	const request = this.getRequestObject() as unknown as RawBodyRequest;
	const mediaType = mediaTypeOf(request);
	if (!rawBodyPending(request, mediaType)) return toDelivery(request, mediaType, true);
	return (request.readRawBody as () => Promise<void>)
		.call(request)
		.then(() => toDelivery(request, mediaType, false));
}

function isJsonMediaType(mediaType: string | null): boolean {
	return (
		mediaType === 'application/json' ||
		mediaType === 'text/json' ||
		(mediaType?.startsWith('application/') === true && mediaType.endsWith('+json'))
	);
}

function requireMediaType(delivery: Delivery, accepted: boolean, expected: string): void {
	if (!accepted) {
		// The reason is logged: a sender-chosen header is quoted only in part.
		const received = (delivery.mediaType ?? '(none)').slice(0, 100);
		throw new DeliveryRejection(415, `Unsupported content type ${received}; expected ${expected}`);
	}
	if (delivery.rawBody.length === 0) throw new DeliveryRejection(400, 'Empty body');
}

/**
 * Whether JSON text (or its UTF-8 bytes) nests deeper than `maxDepth`. One pass over the
 * characters, skipping string contents; no recursion, so hostile nesting costs linear time and
 * constant stack.
 */
export function jsonNestsDeeperThan(json: string | Buffer, maxDepth: number): boolean {
	// Fewer openers than the limit cannot nest deeper: most bodies stop here, at native speed.
	if (countOpeners(json, maxDepth + 1) <= maxDepth) return false;
	const source = typeof json === 'string' ? json : json.toString('utf8');
	let depth = 0;
	let inString = false;
	for (let i = 0; i < source.length; i++) {
		const c = source.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) {
			inString = true;
		} else if (c === 0x7b || c === 0x5b) {
			if (++depth > maxDepth) return true;
		} else if (c === 0x7d || c === 0x5d) {
			depth--;
		}
	}
	return false;
}

/** How many `{` and `[` the text holds, counting no further than `limit`. */
function countOpeners(source: string | Buffer, limit: number): number {
	let count = 0;
	for (const opener of ['{', '[']) {
		for (
			let at = source.indexOf(opener);
			at !== -1 && count < limit;
			at = source.indexOf(opener, at + 1)
		) {
			count++;
		}
	}
	return count;
}

/** Refuses (400) JSON nested deeper than MAX_JSON_DEPTH, before anything walks it. */
function refuseDeepJson(json: string | Buffer, what: string): void {
	if (jsonNestsDeeperThan(json, MAX_JSON_DEPTH)) {
		throw new DeliveryRejection(400, `${what} nests deeper than ${MAX_JSON_DEPTH} levels`);
	}
}

/** Parses JSON text; any failure is a 400 naming `what`. Depth is checked before parsing. */
export function parseJsonText(source: string, what: string): unknown {
	const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
	refuseDeepJson(text, what);
	const parsed = tryParseJson(text);
	if (!parsed.ok) throw new DeliveryRejection(400, `Malformed JSON in ${what}`);
	return parsed.value;
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

/**
 * The JSON object body: n8n's parse of the raw bytes when it made one, else parsed from them;
 * once per delivery either way.
 */
export function jsonBody(delivery: Delivery): IDataObject {
	if (delivery.parsedJson) return delivery.parsedJson;
	requireMediaType(delivery, isJsonMediaType(delivery.mediaType), 'application/json');
	let value: unknown = delivery.parsedByN8n;
	if (value === undefined) value = parseJsonText(delivery.rawBody.toString('utf8'), 'the body');
	else refuseDeepJson(delivery.rawBody, 'the body');
	if (!isObject(value)) throw new DeliveryRejection(400, 'The JSON body is not an object');
	delivery.parsedJson = value;
	return value;
}

/**
 * Fields of an `application/x-www-form-urlencoded` body, decoded from the raw bytes (the first
 * value of a repeated name). Values are the exact decoded strings a provider may have signed.
 */
export function formBody(delivery: Delivery): Record<string, string> {
	if (delivery.parsedForm) return delivery.parsedForm;
	const expected = 'application/x-www-form-urlencoded';
	requireMediaType(delivery, delivery.mediaType === expected, expected);
	const fields: Record<string, string> = Object.create(null) as Record<string, string>;
	for (const [name, value] of new URLSearchParams(delivery.rawBody.toString('utf8'))) {
		if (!(name in fields)) fields[name] = value;
	}
	delivery.parsedForm = fields;
	return fields;
}
