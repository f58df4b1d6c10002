import type { IDataObject } from 'n8n-workflow';

import {
	editForm,
	editJson,
	type Headers,
	type Proof,
	type RawDelivery,
	type TriggerSetup,
} from '../support/triggers';

/**
 * Mutations of a genuine delivery, each with what the trigger must do with the result:
 * `accept` (an equivalent delivery: the workflow starts), `refuse` (a real 4xx, nothing starts,
 * no API call) or `any` (either is correct; only the general invariants apply).
 */

export type Expectation = 'accept' | 'refuse' | 'any';

export interface Mutation {
	name: string;
	apply(delivery: RawDelivery, n: number): { delivery: RawDelivery; expect: Expectation };
	/** The mutation leaves the delivery authentic: a confirm step may still ask the provider. */
	authentic?: true;
}

const HEX = '0123456789abcdef';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function readProof(delivery: RawDelivery, proof: Proof): unknown {
	switch (proof.in) {
		case 'header':
			return delivery.headers[proof.name];
		case 'query':
			return delivery.query[proof.name];
		case 'json':
			return (JSON.parse(delivery.body.toString('utf8')) as IDataObject)[proof.name];
		case 'form':
			return new URLSearchParams(delivery.body.toString('utf8')).get(proof.name) ?? undefined;
	}
}

/** The delivery with the proof set to `value` (removed when undefined). */
function writeProof(delivery: RawDelivery, proof: Proof, value: unknown): RawDelivery {
	switch (proof.in) {
		case 'header': {
			const headers: Headers = { ...delivery.headers };
			if (value === undefined) delete headers[proof.name];
			else headers[proof.name] = value as string | string[];
			return { ...delivery, headers };
		}
		case 'query': {
			const query: IDataObject = { ...delivery.query };
			if (value === undefined) delete query[proof.name];
			else query[proof.name] = value as string;
			return { ...delivery, query };
		}
		case 'json':
			return editJson(delivery, (body) => {
				if (value === undefined) delete body[proof.name];
				else body[proof.name] = value as string;
			});
		case 'form':
			return editForm(delivery, (form) => {
				if (value === undefined) form.delete(proof.name);
				else if (Array.isArray(value)) {
					form.delete(proof.name);
					for (const entry of value) form.append(proof.name, String(entry));
				} else form.set(proof.name, String(value));
			});
	}
}

/** A different character at `position` that changes what the trigger compares. */
function flipped(value: string, position: number, proof: Proof): string {
	const char = value[position];
	const alphabet = proof.compare === 'rsa' ? BASE64 : /[0-9a-f]/i.test(char) ? HEX : BASE64;
	const candidates = [...alphabet].filter((c) =>
		proof.compare === 'hmac' ? c.toLowerCase() !== char.toLowerCase() : c !== char,
	);
	return `${value.slice(0, position)}${candidates[position % candidates.length]}${value.slice(position + 1)}`;
}

function hexToBase64(value: string): string | undefined {
	return /^[0-9a-f]+$/i.test(value) && value.length % 2 === 0
		? Buffer.from(value, 'hex').toString('base64')
		: undefined;
}

/** Changes to one proof's value, with their expected outcome given how it is compared. */
function proofMutations(proof: Proof): Mutation[] {
	const on = (
		name: string,
		change: (value: string, n: number) => { value: unknown; expect: Expectation } | undefined,
	): Mutation => ({
		name: `${proof.name}: ${name}`,
		apply(delivery, n) {
			const current = readProof(delivery, proof);
			const value = typeof current === 'string' ? current : '';
			const changed = change(value, n);
			if (!changed) return { delivery, expect: 'accept' };
			return { delivery: writeProof(delivery, proof, changed.value), expect: changed.expect };
		},
	});
	// Positions in the first half only: the last base64 characters may carry only padding bits.
	const position = (value: string, n: number) => n % Math.max(1, Math.floor(value.length / 2));
	return [
		on('removed', () => ({ value: undefined, expect: 'refuse' })),
		on('truncated', (value, n) => {
			const cut = n % value.length;
			// Base64 padding carries no bits: a signature without its "=" decodes to the same bytes.
			const onlyPadding = proof.compare === 'rsa' && /^=*$/.test(value.slice(cut));
			return { value: value.slice(0, cut), expect: onlyPadding ? 'accept' : 'refuse' };
		}),
		on('one character changed', (value, n) => ({
			value: flipped(value, position(value, n), proof),
			expect: 'refuse',
		})),
		on('a character appended', (value) => ({
			value: `${value}A`,
			expect: proof.compare === 'rsa' ? 'any' : 'refuse',
		})),
		on('recased', (value, n) => {
			const recased = n % 2 === 0 ? value.toUpperCase() : value.toLowerCase();
			if (recased === value) return { value, expect: 'accept' };
			const hex = /^[0-9a-f]+$/i.test(value);
			return { value: recased, expect: proof.compare === 'hmac' && hex ? 'accept' : 'refuse' };
		}),
		on('padded with spaces', (value) => ({
			value: ` ${value} `,
			expect: proof.compare === 'exact' ? 'refuse' : 'accept',
		})),
		on('re-encoded', (value) => {
			const base64 = hexToBase64(value);
			if (proof.compare === 'hmac' && base64) return { value: base64, expect: 'accept' };
			if (proof.compare === 'rsa') {
				return { value: Buffer.from(value, 'base64').toString('hex'), expect: 'refuse' };
			}
			return undefined;
		}),
		on('replaced by a value of the same shape', (value) => ({
			value: [...value].map((_c, i) => flipped(value, i, proof)[i]).join(''),
			expect: 'refuse',
		})),
		on('sent twice, the wrong value first', (value) => ({
			value: proof.in === 'json' ? [value, value] : [flipped(value, 0, proof), value],
			expect: 'refuse',
		})),
		on('sent twice, the right value first', (value) => ({
			value: [value, flipped(value, 0, proof)],
			// Headers and form fields: the first value counts. Query arrays and JSON arrays: refused.
			expect: proof.in === 'header' || proof.in === 'form' ? 'accept' : 'refuse',
		})),
		on('joined with a comma (how Node.js folds a repeated header)', (value) => ({
			value: `${value}, ${value}`,
			expect: proof.compare === 'rsa' ? 'any' : 'refuse',
		})),
		...(proof.in === 'json'
			? [
					on('a number', () => ({ value: 12345, expect: 'refuse' })),
					on('an object', (value) => ({ value: { value }, expect: 'refuse' })),
					on('null', () => ({ value: null, expect: 'refuse' })),
				]
			: []),
	];
}

function withContentType(delivery: RawDelivery, value: string | undefined): RawDelivery {
	const headers: Headers = { ...delivery.headers };
	if (value === undefined) delete headers['content-type'];
	else headers['content-type'] = value;
	return { ...delivery, headers };
}

/** Every mutation for one trigger configuration. */
export function mutationsFor(setup: TriggerSetup): Mutation[] {
	const json = setup.format === 'json';
	const bodySigned = setup.proofs.some((p) => p.in === 'header' && p.compare === 'hmac');
	const fixed = (
		name: string,
		expect: Expectation,
		apply: (d: RawDelivery, n: number) => RawDelivery,
	): Mutation => ({ name, apply: (d, n) => ({ delivery: apply(d, n), expect }) });
	const mutations: Mutation[] = [
		...setup.proofs.flatMap(proofMutations),
		fixed('unchanged', 'accept', (d) => d),
		fixed('unsigned content changed', 'accept', (d) => setup.alterUnsigned(d)),
		fixed('extra headers and query parameters', 'accept', (d) => ({
			...d,
			headers: { ...d.headers, 'x-request-id': 'fuzz', 'user-agent': 'x'.repeat(300) },
			query: { ...d.query, ref: 'fuzz' },
		})),
		fixed('content type with parameters and capitals', 'accept', (d) =>
			withContentType(
				d,
				json
					? 'Application/JSON; charset=UTF-8'
					: 'APPLICATION/X-WWW-FORM-URLENCODED; charset=utf-8',
			),
		),
		fixed('no content type', 'refuse', (d) => withContentType(d, undefined)),
		fixed('text/plain', 'refuse', (d) => withContentType(d, 'text/plain')),
		fixed('multipart', 'refuse', (d) => withContentType(d, 'multipart/form-data; boundary=x')),
		fixed(json ? 'labelled as a form' : 'labelled as JSON', 'refuse', (d) =>
			withContentType(d, json ? 'application/x-www-form-urlencoded' : 'application/json'),
		),
		fixed('empty body', 'refuse', (d) => ({ ...d, body: Buffer.alloc(0) })),
		fixed('body truncated', json ? 'refuse' : 'any', (d, n) => ({
			...d,
			body: d.body.subarray(0, n % d.body.length),
		})),
		// A form's last field gets the newline: harmless after a signature, fatal to json_signed.
		fixed('trailing newline', bodySigned ? 'refuse' : json ? 'accept' : 'any', (d) => ({
			...d,
			body: Buffer.concat([d.body, Buffer.from('\n')]),
		})),
	];
	if (json) {
		mutations.push(
			fixed('body wrapped in an array', 'refuse', (d) => ({
				...d,
				body: Buffer.from(`[${d.body.toString('utf8')}]`),
			})),
			fixed('body sent as a form field', 'refuse', (d) => ({
				...withContentType(d, 'application/x-www-form-urlencoded'),
				body: Buffer.from(new URLSearchParams({ payload: d.body.toString('utf8') }).toString()),
			})),
			fixed('byte-order mark', bodySigned ? 'refuse' : 'accept', (d) => ({
				...d,
				body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), d.body]),
			})),
		);
	} else {
		mutations.push(
			fixed('fields sent as JSON', 'refuse', (d) => ({
				...withContentType(d, 'application/json'),
				body: Buffer.from(
					JSON.stringify(Object.fromEntries(new URLSearchParams(d.body.toString('utf8')))),
				),
			})),
			fixed('prototype-named fields added', 'accept', (d) =>
				editForm(d, (form) => {
					form.append('__proto__', 'polluted');
					form.append('constructor[prototype][polluted]', '1');
				}),
			),
		);
	}
	if (setup.alterSigned) {
		const alterSigned = setup.alterSigned;
		mutations.push(fixed('signed content changed', 'refuse', (d) => alterSigned(d)));
	}
	if (setup.alterClaim) {
		const { apply, refused } = setup.alterClaim;
		mutations.push({
			...fixed('claimed event changed', refused ? 'refuse' : 'accept', (d) => apply(d)),
			authentic: true,
		});
	}
	return mutations;
}
