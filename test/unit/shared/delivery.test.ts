import fc from 'fast-check';

import {
	DeliveryRejection,
	formBody,
	jsonBody,
	jsonNestsDeeperThan,
	MAX_JSON_DEPTH,
	parseJsonText,
	readDelivery,
} from '../../../nodes/shared/delivery';
import { webhookContext } from '../../support/contexts';

async function delivery(rawBody: string | Buffer | undefined, contentType?: string) {
	const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
	return await readDelivery.call(webhookContext({ rawBody, headers }).ctx);
}

function rejection(fn: () => unknown): DeliveryRejection {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(DeliveryRejection);
	return caught as DeliveryRejection;
}

describe('readDelivery', () => {
	it('keeps the exact bytes and a lower-case media type without parameters', async () => {
		const raw = Buffer.from('{"a":"ü"}', 'utf8');
		const d = await delivery(raw, 'Application/JSON; charset=utf-8');
		expect(d.rawBody.equals(raw)).toBe(true);
		expect(d.mediaType).toBe('application/json');
		expect(d.header('CONTENT-TYPE')).toBe('Application/JSON; charset=utf-8');
	});

	it('is at hand without a promise when n8n has read the body already', () => {
		const { ctx } = webhookContext({ rawBody: Buffer.from('{}'), headers: {} });
		const reading = readDelivery.call(ctx);
		expect(reading).not.toBeInstanceOf(Promise);
		expect((reading as Awaited<typeof reading>).rawBody.toString()).toBe('{}');
	});

	it('reads the raw body itself when n8n has not (typeVersion > 1 path)', async () => {
		const { ctx } = webhookContext({ headers: {} });
		const request = ctx.getRequestObject() as unknown as {
			rawBody?: Buffer;
			readRawBody: () => Promise<void>;
		};
		request.readRawBody = async () => {
			request.rawBody = Buffer.from('late');
		};
		expect((await readDelivery.call(ctx)).rawBody.toString()).toBe('late');
	});

	it('never tries to re-read a multipart body n8n has already consumed', async () => {
		const { ctx } = webhookContext({
			headers: { 'content-type': 'multipart/form-data; boundary=x' },
		});
		const request = ctx.getRequestObject() as unknown as { readRawBody: () => Promise<void> };
		request.readRawBody = jest.fn(() => new Promise<void>(() => undefined));
		const d = await readDelivery.call(ctx);
		expect(request.readRawBody).not.toHaveBeenCalled();
		expect(d.rawBody.length).toBe(0);
		expect(d.mediaType).toBe('multipart/form-data');
	});

	it('treats a missing body as empty', async () => {
		const d = await delivery(undefined, 'application/json');
		expect(d.rawBody.length).toBe(0);
		expect(d.mediaType).toBe('application/json');
	});
});

describe('jsonBody', () => {
	it('parses objects, including a UTF-8 BOM', async () => {
		expect(jsonBody(await delivery('\ufeff{"x":1}', 'application/json'))).toEqual({ x: 1 });
	});

	it('accepts the JSON media types and parses each delivery once', async () => {
		for (const type of ['text/json', 'application/vnd.api+json']) {
			expect(jsonBody(await delivery('{"x":2}', type))).toEqual({ x: 2 });
		}
		const d = await delivery('{"y":1}', 'application/json');
		expect(jsonBody(d)).toBe(jsonBody(d));
	});

	it('keeps "__proto__" as data, without touching any prototype', async () => {
		const body = jsonBody(
			await delivery('{"__proto__":{"polluted":true},"a":1}', 'application/json'),
		);
		expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys(body)).toEqual(['__proto__', 'a']);
	});

	it.each([
		['empty body', '', 'application/json', 400, 'Empty body'],
		['malformed JSON', '{"x":', 'application/json', 400, 'Malformed JSON in the body'],
		['an array', '[1,2]', 'application/json', 400, 'The JSON body is not an object'],
		['a JSON string', '"x"', 'application/json', 400, 'The JSON body is not an object'],
		[
			'deep nesting',
			'{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
			'application/json',
			400,
			`the body nests deeper than ${MAX_JSON_DEPTH} levels`,
		],
		[
			'text/plain',
			'{"x":1}',
			'text/plain',
			415,
			'Unsupported content type text/plain; expected application/json',
		],
		[
			'no content type',
			'{"x":1}',
			undefined,
			415,
			'Unsupported content type (none); expected application/json',
		],
	])('rejects %s', async (_label, body, type, status, reason) => {
		const parsed = await delivery(body, type);
		const thrown = rejection(() => jsonBody(parsed));
		expect(thrown.status).toBe(status);
		expect(thrown.reason).toBe(reason);
	});
});

describe("jsonBody with n8n's parse (req.body)", () => {
	/**
	 * A request as n8n hands it over: raw bytes, the header, and what n8n made of them (`contentType`,
	 * `encoding`, `body`), as given.
	 */
	function n8nDelivery(raw: string, header: string, n8n: Record<string, unknown>) {
		const { ctx } = webhookContext({ rawBody: raw, headers: { 'content-type': header } });
		const request = ctx.getRequestObject() as unknown as Record<string, unknown>;
		for (const name of ['contentType', 'encoding', 'body']) delete request[name];
		Object.assign(request, n8n);
		return readDelivery.call(ctx) as Awaited<ReturnType<typeof readDelivery>>;
	}
	const asJson = { contentType: 'application/json', encoding: 'utf-8' };

	afterEach(() => jest.restoreAllMocks());

	it('adopts the object n8n parsed from the same bytes instead of parsing them again', () => {
		const raw = '{"documentId":"d-1","mac":"ab"}';
		const body = JSON.parse(raw) as object;
		const deliveries = [
			n8nDelivery(raw, 'application/json', { ...asJson, body }),
			n8nDelivery(raw, 'Application/JSON; charset="UTF-8"', { ...asJson, body }),
			n8nDelivery(raw, 'application/json; charset=utf8', { ...asJson, encoding: 'utf8', body }),
			n8nDelivery(raw, 'application/json', { contentType: 'application/json', body }),
		];
		// Spied after the contexts are built: they parse as n8n does, which is not the trigger's work.
		const parse = jest.spyOn(JSON, 'parse');
		for (const d of deliveries) expect(jsonBody(d)).toBe(body);
		expect(parse).not.toHaveBeenCalled();
	});

	it('is what the shared test context gives, as n8n does', () => {
		const { ctx } = webhookContext({
			rawBody: '{"a":1}',
			headers: { 'content-type': 'application/json; charset=UTF-8' },
		});
		const request = ctx.getRequestObject() as unknown as Record<string, unknown>;
		expect(request).toMatchObject({ ...asJson, body: { a: 1 } });
		const d = readDelivery.call(ctx) as Awaited<ReturnType<typeof readDelivery>>;
		expect(jsonBody(d)).toBe(request.body);
	});

	it.each([
		['a JSON media type n8n does not parse', 'text/json', { contentType: 'text/json' }],
		[
			'another charset (n8n decoded other text)',
			'application/json; charset=latin1',
			{ ...asJson, encoding: 'latin1' },
		],
		['a header n8n could not parse (no contentType)', 'application/json', { encoding: 'utf-8' }],
		['not an object', 'application/json', asJson, ['stale']],
		["n8n's {} placeholder for a body it did not parse", 'application/json', asJson, {}],
	])(
		'parses the raw bytes itself for %s',
		(_label, header, n8n, body: unknown = { stale: true }) => {
			expect(jsonBody(n8nDelivery('{"fresh":1}', header, { ...n8n, body }))).toEqual({ fresh: 1 });
		},
	);

	it('parses the raw bytes itself when it had to read them (n8n parsed nothing)', async () => {
		const { ctx } = webhookContext({ headers: { 'content-type': 'application/json' } });
		const request = ctx.getRequestObject() as unknown as {
			rawBody?: Buffer;
			body?: unknown;
			readRawBody: () => Promise<void>;
		};
		request.body = { stale: true };
		request.readRawBody = async () => {
			request.rawBody = Buffer.from('{"fresh":2}');
		};
		expect(jsonBody(await readDelivery.call(ctx))).toEqual({ fresh: 2 });
	});

	it('still refuses a body nested deeper than the limit (checked on the bytes)', () => {
		const deep = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1);
		const thrown = rejection(() =>
			jsonBody(n8nDelivery(deep, 'application/json', { ...asJson, body: JSON.parse(deep) })),
		);
		expect(thrown.reason).toBe(`the body nests deeper than ${MAX_JSON_DEPTH} levels`);
	});

	it('still refuses another media type and an empty body', () => {
		const body = { a: 1 };
		expect(
			rejection(() => jsonBody(n8nDelivery('{}', 'text/plain', { ...asJson, body }))).status,
		).toBe(415);
		expect(
			rejection(() => jsonBody(n8nDelivery('', 'application/json', { ...asJson, body }))).status,
		).toBe(400);
	});
});

describe('jsonNestsDeeperThan', () => {
	it('answers the same for JSON text and its UTF-8 bytes', () => {
		fc.assert(
			fc.property(fc.json({ depthSize: 'large' }), fc.integer({ min: 0, max: 12 }), (text, max) => {
				expect(jsonNestsDeeperThan(Buffer.from(text, 'utf8'), max)).toBe(
					jsonNestsDeeperThan(text, max),
				);
			}),
		);
	});

	it('counts objects and arrays, not brackets inside strings', () => {
		expect(jsonNestsDeeperThan('{"a":[1,{"b":2}]}', 3)).toBe(false);
		expect(jsonNestsDeeperThan('{"a":[1,{"b":2}]}', 2)).toBe(true);
		expect(jsonNestsDeeperThan(`{"s":"${'['.repeat(100)}"}`, 1)).toBe(false);
		expect(jsonNestsDeeperThan(`{"s":"\\"${'['.repeat(100)}"}`, 1)).toBe(false);
		expect(jsonNestsDeeperThan('['.repeat(10), 9)).toBe(true);
	});

	it('handles hostile nesting in linear time without recursion', () => {
		const hostile = '['.repeat(1_000_000);
		expect(jsonNestsDeeperThan(hostile, MAX_JSON_DEPTH)).toBe(true);
		expect(() => parseJsonText(hostile, 'x')).toThrow(DeliveryRejection);
	});
});

describe('formBody', () => {
	it('decodes fields exactly (plus as space, percent escapes, UTF-8) and keeps the first of repeats', async () => {
		const body =
			'data=%5B%7B%22value%22%3A%2240%22%7D%5D&signed=ab%2Bc%3D%3D&name=J+%C3%BC&name=ignored';
		const fields = formBody(await delivery(body, 'application/x-www-form-urlencoded'));
		expect({ ...fields }).toEqual({ data: '[{"value":"40"}]', signed: 'ab+c==', name: 'J ü' });
	});

	it('rejects JSON sent where a form is expected', async () => {
		const parsed = await delivery('{"a":1}', 'application/json');
		expect(rejection(() => formBody(parsed)).status).toBe(415);
	});
});
