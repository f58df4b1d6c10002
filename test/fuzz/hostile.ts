import fc from 'fast-check';

import type { Headers } from '../support/triggers';

/**
 * What a hostile sender controls, as fast-check arbitraries: JSON text (built as text, so it can
 * hold `__proto__` keys, duplicate keys and any nesting), huge strings, raw bytes, content types,
 * headers and query strings.
 */

const MIB = 1024 * 1024;

/** Keys the parsers read, keys that reach prototypes, and anything else. */
export const hostileKey = fc.oneof(
	fc.constantFrom(
		'__proto__',
		'constructor',
		'prototype',
		'toString',
		'hasOwnProperty',
		'valueOf',
		'id',
		'documentId',
		'mac',
		'event_type',
		'event',
		'object',
		'data',
		'request',
		'verification',
		'records',
		'uuid',
		'resource_uri',
		'value',
		'status',
		'recipients',
		'invitationUrl',
		'action',
		'expired',
		'created',
		'timestamp',
	),
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'binary', maxLength: 6 }),
);

/** Up to 2 MiB of one character: oversized ids, names and URLs. */
export const hugeString = fc
	.tuple(fc.integer({ min: 10, max: 21 }), fc.constantFrom('x', 'é', '\u0000', '"', '\\'))
	.map(([power, char]) => char.repeat(2 ** power));

const scalarText = fc.oneof(
	fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s)),
	fc.string({ unit: 'binary', maxLength: 20 }).map((s) => JSON.stringify(s)),
	fc.constantFrom(
		'true',
		'false',
		'null',
		'0',
		'-0',
		'1e308',
		'-1e-308',
		'123456789012345678901234567890',
	),
	fc.double().map((n) => (Number.isFinite(n) ? String(n) : '0')),
	fc.constantFrom('"Signed"', '"Approved"', '"Rejected"', '"Completed"', '"SUCCESS"', '"signer"'),
);

/** JSON text whose shape, keys and types a sender chose (a few levels, arrays for objects…). */
export const hostileJsonText: fc.Arbitrary<string> = fc.letrec<{
	value: string;
	object: string;
	array: string;
}>((tie) => ({
	value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, scalarText, tie('object'), tie('array')),
	object: fc
		.array(fc.tuple(hostileKey, tie('value')), { maxLength: 6 })
		.map(
			(entries) =>
				`{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`,
		),
	array: fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
})).value;

/** Nesting around the JSON limit (64) and far beyond it, of objects or arrays. */
export const deepJsonText = fc
	.tuple(
		fc.oneof(fc.integer({ min: 55, max: 75 }), fc.constantFrom(1000, 5000, 100_000)),
		fc.boolean(),
	)
	.map(([levels, objects]) =>
		objects
			? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
			: '['.repeat(levels) + '1' + ']'.repeat(levels),
	);

/** A value for one field of a genuine payload. */
export const hostileValueText = fc.oneof(
	{ weight: 5, arbitrary: hostileJsonText },
	{ weight: 2, arbitrary: deepJsonText },
	{ weight: 1, arbitrary: hugeString.map((s) => JSON.stringify(s)) },
);

/**
 * JSON text of `sample` with one field overridden by a hostile value (a later duplicate key wins
 * in JSON.parse, so known fields get wrong types, arrays for objects, huge or deep values).
 */
export function withHostileField(sample: unknown): fc.Arbitrary<string> {
	const base = JSON.stringify(sample);
	return fc.tuple(hostileKey, hostileValueText).map(([key, value]) => {
		if (base.startsWith('{') && base !== '{}') {
			return `${base.slice(0, -1)},${JSON.stringify(key)}:${value}}`;
		}
		if (base.startsWith('[') && base !== '[]') return `${base.slice(0, -1)},${value}]`;
		return value;
	});
}

/** JSON text of `sample` with its own id (`documentId`, `id`) replaced by any string. */
export function withOtherId(sample: unknown): fc.Arbitrary<string> {
	const fields = ['documentId', 'id'].filter(
		(key) => typeof sample === 'object' && sample !== null && key in sample,
	);
	if (fields.length === 0) return fc.constant(JSON.stringify(sample));
	return fc
		.tuple(fc.constantFrom(...fields), fc.oneof(fc.string({ maxLength: 40 }), hugeString))
		.map(([key, id]) => JSON.stringify({ ...(sample as object), [key]: id }));
}

/** Where a prototype-pollution payload would show up on every object. */
export const POLLUTION_MARKER = 'fuzzPolluted';

/**
 * JSON text of `value` with `__proto__` and `constructor.prototype` members added to every object:
 * a parser or merge that walks them would write to Object.prototype.
 */
export function withPrototypeKeys(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(withPrototypeKeys).join(',')}]`;
	if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
	const poison = `{"${POLLUTION_MARKER}":true}`;
	const members = [
		`"__proto__":${poison}`,
		`"constructor":{"prototype":${poison}}`,
		...Object.entries(value).map(
			([key, entry]) => `${JSON.stringify(key)}:${withPrototypeKeys(entry)}`,
		),
	];
	return `{${members.join(',')}}`;
}

/** Content types a sender might send, right and wrong. */
export const contentType = fc.oneof(
	fc.constantFrom(
		'application/json',
		'application/json; charset=utf-8',
		'APPLICATION/JSON',
		'text/json',
		'application/vnd.api+json',
		'application/x-www-form-urlencoded',
		'application/x-www-form-urlencoded; charset=UTF-8',
		'multipart/form-data; boundary=----x',
		'text/plain',
		'application/xml',
		'application/octet-stream',
		'',
		';',
		'application/json;;;;',
	),
	fc.string({ maxLength: 30 }),
	hugeString.map((s) => `application/${s.slice(0, 10_000)}`),
);

/** Raw bodies: bytes, text, JSON text, form text, nothing. */
export const rawBody = fc.oneof(
	fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
	fc.string({ maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')),
	hostileJsonText.map((s) => Buffer.from(s, 'utf8')),
	fc
		.array(fc.tuple(hostileKey, fc.string({ maxLength: 20 })), { maxLength: 6 })
		.map((pairs) => Buffer.from(new URLSearchParams(pairs).toString(), 'utf8')),
	fc.constant(Buffer.alloc(0)),
	fc.constantFrom(Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0x1f, 0x8b, 0x08, 0x00])),
);

/** Header values: strings (short, long, odd) or repeated headers. */
export const headerValue: fc.Arbitrary<string | string[]> = fc.oneof(
	fc.string({ maxLength: 64 }),
	fc.string({ unit: 'binary', maxLength: 16 }),
	fc.array(fc.string({ maxLength: 32 }), { minLength: 2, maxLength: 3 }),
	hugeString.map((s) => s.slice(0, 8192)),
);

/** Request headers, including the names the triggers read. */
export const headers: fc.Arbitrary<Headers> = fc.dictionary(
	fc.oneof(
		fc.constantFrom(
			'content-type',
			'authorization',
			'x-hmac-sha256',
			'x-signed',
			'x-leegality-auth',
			'content-length',
			'__proto__',
		),
		fc.string({ minLength: 1, maxLength: 10 }).map((s) => s.toLowerCase()),
	),
	headerValue,
	{ maxKeys: 6 },
);

/** Query strings as Express parses them: strings, repeated names (arrays), nested objects. */
export const query = fc.dictionary(
	fc.oneof(fc.constantFrom('token', '__proto__', 'constructor'), fc.string({ maxLength: 8 })),
	fc.oneof(
		fc.string({ maxLength: 70 }),
		fc.array(fc.string({ maxLength: 70 }), { maxLength: 3 }),
		fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
	),
	{ maxKeys: 4 },
);

export { MIB };
