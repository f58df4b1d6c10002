import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { leegalityMac, leegalityPayloads } from '../../fixtures/leegality';
import { detailsResponse, istDate } from '../../fixtures/leegalityDetails';
import type { FakeResponse, HttpHandler } from '../../support/contexts';
import { deliver, leegalitySetup, type RawDelivery } from '../../support/triggers';

/**
 * Issue 9, fault 5: "Confirm Events With Leegality" re-reads the document with the Details API
 * before the workflow starts, so a replayed or altered delivery cannot start it. A forged delivery
 * (wrong mac) must still cost no API call, and the answer decides whether Leegality retries.
 */

const setup = leegalitySetup();
const CONFIRM = { confirmEvents: true };
const payload = leegalityPayloads.signerSigned();
const DOCUMENT_ID = String(payload.documentId);
const recently = () => istDate(Date.now() - 5 * 60_000);
const ok = (body: unknown): FakeResponse => ({
	statusCode: 200,
	headers: { 'content-type': 'application/json' },
	body,
});

/** An API that answers Details with `answer` and records every request. */
function leegalityApi(answer: (options: IHttpRequestOptions) => FakeResponse) {
	const requests: IHttpRequestOptions[] = [];
	const http: HttpHandler = (options) => {
		requests.push(options);
		return answer(options);
	};
	return { http, requests };
}

const genuine = (): RawDelivery => setup.sign(payload);

describe('Leegality Trigger: Confirm Events With Leegality', () => {
	it('is off by default: no API call, the mac alone decides', async () => {
		const api = leegalityApi(() => ok(detailsResponse({ signed: true })));
		const outcome = await deliver(setup, genuine(), { http: api.http });
		expect(outcome.status).toBe(200);
		expect(api.requests).toHaveLength(0);
		expect(outcome.items[0].verification).toEqual({
			method: 'hmac-sha1-document-id',
			verified: true,
			detail: 'mac (hex)',
		});
	});

	it('confirms a signature Leegality shows: one Details call, and the item says so', async () => {
		const api = leegalityApi(() => ok(detailsResponse({ signed: true, signDate: recently() })));
		const outcome = await deliver(setup, genuine(), { http: api.http, parameters: CONFIRM });
		expect(outcome.status).toBe(200);
		expect(outcome.items).toHaveLength(1);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0]).toMatchObject({
			method: 'GET',
			url: '/v3.3/document/details',
			qs: { documentId: DOCUMENT_ID },
		});
		expect(outcome.items[0].verification).toEqual({
			method: 'hmac-sha1-document-id',
			verified: true,
			detail: 'mac (hex) + confirmed with Leegality (Details API)',
		});
	});

	describe('forged deliveries cost no API call', () => {
		const forgeries: Array<[string, () => RawDelivery]> = [
			['a mac made with another salt', () => setup.forge(payload)],
			['no mac', () => ({ ...genuine(), body: Buffer.from(JSON.stringify(payload)) })],
			[
				'a mac of another document',
				() => {
					const real = JSON.parse(genuine().body.toString()) as IDataObject;
					const body = { ...real, mac: leegalityMac('01OTHERDOCUMENT00000000000', 'salt') };
					return { ...genuine(), body: Buffer.from(JSON.stringify(body)) };
				},
			],
			['malformed JSON', () => ({ ...genuine(), body: Buffer.from('{"documentId":') })],
			['a form body', () => ({ ...genuine(), headers: { 'content-type': 'text/plain' } })],
		];
		it.each(forgeries)('%s', async (_case, build) => {
			const api = leegalityApi(() => ok(detailsResponse({ signed: true })));
			const outcome = await deliver(setup, build(), { http: api.http, parameters: CONFIRM });
			expect(outcome.status).toBeGreaterThanOrEqual(400);
			expect(outcome.status).toBeLessThan(500);
			expect(outcome.items).toHaveLength(0);
			expect(api.requests).toHaveLength(0);
		});
	});

	it.each([
		['the invitee has not signed (an altered delivery)', { signed: false }, {}],
		['the invitee is not on the document', { signed: true }, { invitationUrl: 'https://x/sign/9' }],
		['the document was deleted', { signed: true }, { deleted: true }],
		[
			'the signature is days old (a replayed capture)',
			{ signed: true, signDate: istDate(Date.now() - 3 * 24 * 3_600_000) },
			{},
		],
	])('refuses with 409 and a warning when %s', async (_case, status, options) => {
		const api = leegalityApi(() => ok(detailsResponse(status, options)));
		const outcome = await deliver(setup, genuine(), { http: api.http, parameters: CONFIRM });
		expect(outcome.status).toBe(409);
		expect(outcome.body).toEqual({ error: expect.stringMatching(/^Not confirmed by Leegality: /) });
		expect(outcome.items).toHaveLength(0);
		expect(api.requests).toHaveLength(1);
		expect(outcome.logs).toContainEqual({
			level: 'warn',
			message: expect.stringMatching(/Leegality Trigger refused a delivery \(HTTP 409\)/),
		});
	});

	it('refuses with 409 when Leegality has no such document', async () => {
		const api = leegalityApi(() =>
			ok({ status: 0, messages: [{ code: 'no.document.found', message: 'No document found.' }] }),
		);
		const outcome = await deliver(setup, genuine(), { http: api.http, parameters: CONFIRM });
		expect(outcome.status).toBe(409);
		expect(outcome.body).toEqual({ error: `Leegality has no document ${DOCUMENT_ID}` });
	});

	it.each([
		['HTTP 500', () => ({ statusCode: 500, headers: {}, body: 'Internal Server Error' })],
		['HTTP 429', () => ({ statusCode: 429, headers: { 'retry-after': '0' }, body: '' })],
		['status 0', () => ok({ status: 0, messages: [{ code: null, message: 'Access Denied' }] })],
		[
			'no answer',
			(): FakeResponse => {
				throw new Error('connect ECONNREFUSED');
			},
		],
	])(
		'answers 424 (Leegality retries it) when the Details API fails: %s; the retry then runs',
		async (_case, failure) => {
			const workflowId = `wf-confirm-retry-${_case}`;
			const failing = leegalityApi(failure);
			const first = await deliver(setup, genuine(), {
				workflowId,
				http: failing.http,
				parameters: CONFIRM,
			});
			expect(first.status).toBe(424);
			expect(first.body).toEqual({
				error: expect.stringMatching(/^Could not confirm the event with Leegality: /),
			});
			expect(first.items).toHaveLength(0);
			expect(failing.requests).toHaveLength(1);
			expect(leakedSecret(first)).toBeUndefined();

			const working = leegalityApi(() => ok(detailsResponse({ signed: true })));
			const retry = await deliver(setup, genuine(), {
				workflowId,
				http: working.http,
				parameters: CONFIRM,
			});
			expect(retry.status).toBe(200);
			expect(retry.items).toHaveLength(1);
		},
	);

	it('a repeat of a confirmed delivery is a duplicate and costs no second call', async () => {
		const workflowId = 'wf-confirm-repeat';
		const api = leegalityApi(() => ok(detailsResponse({ signed: true })));
		const first = await deliver(setup, genuine(), {
			workflowId,
			http: api.http,
			parameters: CONFIRM,
		});
		const repeat = await deliver(setup, genuine(), {
			workflowId,
			http: api.http,
			parameters: CONFIRM,
		});
		expect(first.items).toHaveLength(1);
		expect(repeat.status).toBe(200);
		expect(repeat.body).toMatchObject({ events: 0, duplicates: 1 });
		expect(api.requests).toHaveLength(1);
	});

	it('an event the user did not select costs no call', async () => {
		const api = leegalityApi(() => ok(detailsResponse({ signed: true })));
		const outcome = await deliver(setup, genuine(), {
			http: api.http,
			parameters: { ...CONFIRM, events: ['signer.rejected'] },
		});
		expect(outcome.status).toBe(200);
		expect(outcome.body).toMatchObject({ events: 0, ignored: 1 });
		expect(api.requests).toHaveLength(0);
	});

	it('the node offers it as a top-level switch, off by default, with a notice while off', () => {
		const properties = setup.node.description.properties;
		const names = properties.map((p) => p.name);
		expect(properties.find((p) => p.name === 'confirmEvents')).toMatchObject({
			displayName: 'Confirm Events With Leegality',
			type: 'boolean',
			default: false,
		});
		expect(names.indexOf('confirmEvents')).toBe(names.indexOf('events') + 1);
		expect(properties.find((p) => p.name === 'confirmEventsNotice')).toMatchObject({
			type: 'notice',
			displayOptions: { show: { confirmEvents: [false] } },
		});
	});
});

function leakedSecret(outcome: { body: unknown; logs: Array<{ message: string }> }) {
	const seen = JSON.stringify(outcome.body) + outcome.logs.map((l) => l.message).join('\n');
	return setup.secrets.find((value) => seen.includes(value));
}
