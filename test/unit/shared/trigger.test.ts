import type { IDataObject } from 'n8n-workflow';

import {
	type Delivery,
	DeliveryRejection,
	jsonBody,
	MAX_DELIVERY_BYTES,
} from '../../../nodes/shared/delivery';
import type { EsignEventDraft, EsignEventFile } from '../../../nodes/shared/item';
import {
	handleWebhook,
	type TriggerOptions,
	type TriggerProvider,
	type TriggerSecrets,
	type TriggerSettings,
} from '../../../nodes/shared/trigger';
import { webhookContext } from '../../support/contexts';

interface FakeSecrets extends TriggerSecrets {
	key: string;
}

let workflow = 0;

function draft(body: IDataObject, files?: EsignEventFile[]): EsignEventDraft {
	const known = typeof body.event === 'string' && body.event.startsWith('known.');
	return {
		provider: 'lexgosign',
		event: known ? 'document.completed' : 'unknown',
		providerEvent: String(body.event ?? 'x.y'),
		eventId: String(body.id ?? 'id'),
		documentId: 'doc-1',
		documentStatus: null,
		documentCompleted: null,
		recipient: null,
		occurredAt: null,
		attributes: {},
		payload: body,
		files,
	};
}

const pdf = (kind: EsignEventFile['kind'], fileName: string): EsignEventFile => ({
	kind,
	data: Buffer.from('%PDF-1.7'),
	fileName,
	mimeType: 'application/pdf',
});

/** A provider whose behaviour each test tunes; records what the pipeline called. */
function fakeProvider(overrides: Partial<TriggerProvider<TriggerSettings, FakeSecrets>> = {}) {
	const calls: string[] = [];
	const provider: TriggerProvider<TriggerSettings, FakeSecrets> = {
		label: 'Fake Trigger',
		readSettings() {
			calls.push('settings');
			return {
				events: this.getNodeParameter('events', []) as string[],
				options: this.getNodeParameter('options', {}) as TriggerOptions,
			};
		},
		screen() {
			calls.push('screen');
		},
		async secrets(_settings, refresh) {
			calls.push(refresh ? 'secrets(refresh)' : 'secrets');
			return { key: 'k', refreshable: false };
		},
		verify(delivery: Delivery, secrets) {
			calls.push(`verify(${secrets.key})`);
			if (delivery.header('x-key') !== secrets.key) throw new DeliveryRejection(401, 'Bad key');
			return { method: 'authorization-header', verified: true, detail: 'key' };
		},
		toEvents(delivery) {
			calls.push('toEvents');
			const body = jsonBody(delivery);
			return Array.isArray(body.batch)
				? (body.batch as IDataObject[]).map((b) => draft(b))
				: [draft(body)];
		},
		...overrides,
	};
	return { provider, calls };
}

function deliver(
	provider: TriggerProvider<TriggerSettings, FakeSecrets>,
	body: unknown,
	options: {
		key?: string;
		events?: string[];
		triggerOptions?: TriggerOptions;
		workflowId?: string;
		raw?: Buffer;
	} = {},
) {
	const context = webhookContext({
		workflowId: options.workflowId ?? `wf-pipeline-${++workflow}`,
		rawBody: options.raw ?? JSON.stringify(body),
		headers: { 'content-type': 'application/json', 'x-key': options.key ?? 'k' },
		parameters: {
			events: options.events ?? ['known.a', 'unknown'],
			options: options.triggerOptions ?? {},
		},
	});
	return { ...context, result: handleWebhook.call(context.ctx, provider) };
}

describe('handleWebhook', () => {
	it('asks the provider to confirm only while the user asks; a refused event is not remembered', async () => {
		const confirmed: string[][] = [];
		let refuse = false;
		const withConfirmation = (confirmEvents: boolean) =>
			fakeProvider({
				readSettings() {
					return { events: ['known.a', 'unknown'], options: {}, confirmEvents };
				},
				async confirm(events) {
					confirmed.push(events.map((event) => event.eventId));
					if (refuse) throw new DeliveryRejection(409, 'The provider says otherwise');
					return 'confirmed';
				},
			}).provider;

		const off = await deliver(withConfirmation(false), { event: 'known.a', id: 'c1' }).result;
		expect(off.webhookResponse).toEqual({ received: true, events: 1 });
		expect(confirmed).toEqual([]);

		const workflowId = 'wf-pipeline-confirm';
		const on = withConfirmation(true);
		refuse = true;
		const refused = deliver(on, { event: 'known.a', id: 'c2' }, { workflowId });
		expect((await refused.result).workflowData).toBeUndefined();
		expect(refused.response.statusCode).toBe(409);
		refuse = false;
		const retried = await deliver(on, { event: 'known.a', id: 'c2' }, { workflowId }).result;
		const [[item]] = retried.workflowData!;
		expect(item.json.verification).toMatchObject({ detail: 'key + confirmed' });
		const repeated = await deliver(on, { event: 'known.a', id: 'c2' }, { workflowId }).result;
		expect(repeated.workflowData).toBeUndefined();
		// The repeat was dropped before the confirmation: no third call with the provider.
		expect(confirmed).toEqual([['c2'], ['c2']]);
	});

	it('answers 200 at once and emits one normalized item per event, in a stable shape', async () => {
		const { provider, calls } = fakeProvider();
		const { result, response } = deliver(provider, { event: 'known.a', id: 'e1' });
		const output = await result;
		// n8n answers with the acknowledgement once it has stored the execution.
		expect(response.headersSent).toBe(false);
		expect(output.webhookResponse).toEqual({ received: true, events: 1 });
		const [[item]] = output.workflowData!;
		expect(Object.keys(item.json)).toEqual([
			'provider',
			'event',
			'providerEvent',
			'eventId',
			'documentId',
			'documentStatus',
			'documentCompleted',
			'recipient',
			'occurredAt',
			'receivedAt',
			'verification',
			'attributes',
			'payload',
		]);
		expect(item.json).toMatchObject({
			eventId: 'e1',
			verification: { method: 'authorization-header', verified: true, detail: 'key' },
		});
		expect(output.noWebhookResponse).toBeUndefined();
		expect(calls).toEqual(['settings', 'screen', 'secrets', 'verify(k)', 'toEvents']);
	});

	it('refuses before any secret is read when the screen refuses', async () => {
		const { provider, calls } = fakeProvider({
			screen() {
				calls.push('screen');
				throw new DeliveryRejection(401, 'Missing token');
			},
		});
		const { result, response, logs } = deliver(provider, {});
		expect(await result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ error: 'Missing token' });
		expect(calls).toEqual(['settings', 'screen']);
		expect(logs).toContainEqual({
			level: 'warn',
			message: 'Fake Trigger refused a delivery (HTTP 401): Missing token',
		});
	});

	it('re-reads cached secrets once when they fail, and accepts a rotated secret', async () => {
		const { provider, calls } = fakeProvider({
			async secrets(_settings, refresh) {
				calls.push(refresh ? 'secrets(refresh)' : 'secrets');
				return refresh ? { key: 'new', refreshable: false } : { key: 'old', refreshable: true };
			},
		});
		const { result } = deliver(provider, { event: 'known.a', id: 'rot' }, { key: 'new' });
		const output = await result;
		expect(output.workflowData).toHaveLength(1);
		expect(output.webhookResponse).toEqual({ received: true, events: 1 });
		expect(calls).toEqual([
			'settings',
			'screen',
			'secrets',
			'verify(old)',
			'secrets(refresh)',
			'verify(new)',
			'toEvents',
		]);
	});

	it('does not refresh secrets that are not refreshable, nor on rejections other than 401', async () => {
		const fresh = fakeProvider();
		const forged = deliver(fresh.provider, {}, { key: 'forged' });
		await forged.result;
		expect(forged.response.statusCode).toBe(401);
		expect(fresh.calls.filter((c) => c.startsWith('secrets'))).toEqual(['secrets']);

		const cached = fakeProvider({
			async secrets() {
				cached.calls.push('secrets');
				return { key: 'k', refreshable: true };
			},
			verify() {
				throw new DeliveryRejection(400, 'Missing field');
			},
		});
		const bad = deliver(cached.provider, {});
		await bad.result;
		expect(bad.response.statusCode).toBe(400);
		expect(cached.calls.filter((c) => c.startsWith('secrets'))).toEqual(['secrets']);
	});

	it('starts nothing for unselected events but says why in the log and the answer', async () => {
		const { provider } = fakeProvider();
		const known = deliver(provider, { event: 'known.b' }, { events: ['known.a'] });
		expect((await known.result).workflowData).toBeUndefined();
		expect(known.response.body).toEqual({ received: true, events: 0, ignored: 1 });
		expect(known.logs).toContainEqual({
			level: 'info',
			message: 'Fake Trigger: verified delivery started nothing: event "known.b" is not selected',
		});
		const unknown = deliver(provider, { event: 'odd.thing' }, { events: ['known.a'] });
		expect((await unknown.result).workflowData).toBeUndefined();
		expect(unknown.logs.map((l) => l.message)).toContain(
			'Fake Trigger: verified delivery started nothing: unrecognized event "odd.thing" ("Unrecognized Event" is not selected)',
		);
		const emitted = deliver(provider, { event: 'odd.thing' }, { events: ['unknown'] });
		expect((await emitted.result).workflowData![0][0].json.event).toBe('unknown');
	});

	it('suppresses repeated event ids unless the option is off', async () => {
		const { provider } = fakeProvider();
		const workflowId = `wf-pipeline-dup-${++workflow}`;
		await deliver(provider, { event: 'known.a', id: 'same' }, { workflowId }).result;
		const repeat = deliver(provider, { event: 'known.a', id: 'same' }, { workflowId });
		expect((await repeat.result).workflowData).toBeUndefined();
		expect(repeat.response.body).toEqual({ received: true, events: 0, duplicates: 1 });
		const off = deliver(
			provider,
			{ event: 'known.a', id: 'same' },
			{ workflowId, triggerOptions: { suppressDuplicates: false } },
		);
		expect((await off.result).workflowData).toHaveLength(1);
	});

	it('forgets an event n8n could not start, so the provider retry runs; keeps it otherwise', async () => {
		const { provider } = fakeProvider();
		const workflowId = `wf-pipeline-forget-${++workflow}`;
		const failed = deliver(provider, { event: 'known.a', id: 'lost' }, { workflowId });
		expect((await failed.result).workflowData).toHaveLength(1);
		failed.response.finish(500, { message: 'Workflow could not be started!' });
		const retry = deliver(provider, { event: 'known.a', id: 'lost' }, { workflowId });
		expect((await retry.result).workflowData).toHaveLength(1);
		retry.response.finish(200, { received: true, events: 1 });
		const repeat = deliver(provider, { event: 'known.a', id: 'lost' }, { workflowId });
		expect((await repeat.result).workflowData).toBeUndefined();
		expect(repeat.response.body).toEqual({ received: true, events: 0, duplicates: 1 });
	});

	it('answers first when enrichment runs (downloads can outlast the provider timeout)', async () => {
		const { provider } = fakeProvider({ enrich: async () => ({ document: { id: 'd' } }) });
		const { result, response } = deliver(
			provider,
			{ event: 'known.a', id: 'enriched' },
			{ triggerOptions: { includeDocumentDetails: true } },
		);
		const output = await result;
		expect(response).toMatchObject({ statusCode: 200, body: { received: true, events: 1 } });
		expect(output).toMatchObject({ noWebhookResponse: true });
		expect(output.webhookResponse).toBeUndefined();
	});

	it('refuses bodies over the size limit with 413 before reading settings', async () => {
		const { provider, calls } = fakeProvider();
		const { result, response } = deliver(provider, null, {
			raw: Buffer.alloc(MAX_DELIVERY_BYTES + 1, 0x20),
		});
		await result;
		expect(response.statusCode).toBe(413);
		expect(calls).toEqual([]);
	});

	it('answers 500 (and logs) only when its own code fails unexpectedly', async () => {
		const { provider } = fakeProvider({
			toEvents() {
				throw new TypeError('bug');
			},
		});
		const { result, response, logs } = deliver(provider, {});
		expect(await result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(500);
		expect(logs).toContainEqual({
			level: 'error',
			message: 'Fake Trigger could not handle a delivery: bug',
		});
	});

	it('turns embedded and downloaded files into binary data under the chosen names', async () => {
		const { provider } = fakeProvider({
			toEvents: () => [
				draft({ event: 'known.a', id: 'files' }, [
					pdf('document', 'a.pdf'),
					pdf('auditTrail', 'trail.pdf'),
				]),
			],
			enrich: async () => ({
				document: { id: 'doc-1' },
				files: [pdf('document', 'b.pdf')],
				error: 'evidence: not ready',
			}),
		});
		const { result, logs } = deliver(
			provider,
			{},
			{ triggerOptions: { downloadSignedDocuments: true, binaryPropertyName: 'pdf' } },
		);
		const [[item]] = (await result).workflowData!;
		expect(Object.keys(item.binary!)).toEqual(['pdf', 'pdf_audit', 'pdf_1']);
		expect(item.binary!.pdf_1.fileName).toBe('b.pdf');
		expect(item.json).toMatchObject({
			document: { id: 'doc-1' },
			enrichmentError: 'evidence: not ready',
		});
		expect(item.json).not.toHaveProperty('files');
		expect(logs.map((l) => l.level)).toContain('warn');
	});

	it('runs enrichment only when one of its options is on, and survives a throwing one', async () => {
		const enrich = jest.fn(async () => {
			throw new Error('boom');
		});
		const { provider } = fakeProvider({ enrich });
		const plain = deliver(provider, { event: 'known.a', id: 'plain' });
		expect((await plain.result).workflowData![0][0].json).not.toHaveProperty('enrichmentError');
		expect(enrich).not.toHaveBeenCalled();
		const asked = deliver(
			provider,
			{ event: 'known.a', id: 'asked' },
			{ triggerOptions: { includeDocumentDetails: true } },
		);
		expect((await asked.result).workflowData![0][0].json).toMatchObject({
			enrichmentError: 'boom',
		});
	});

	it('warns on every delivery accepted with verification switched off', async () => {
		const { provider } = fakeProvider({
			verify: () => ({ method: 'skipped', verified: false, detail: null }),
		});
		const { result, logs } = deliver(provider, { event: 'known.a', id: 'unverified' });
		expect((await result).workflowData).toHaveLength(1);
		expect(logs).toContainEqual({
			level: 'warn',
			message: 'Fake Trigger: verification is switched off; accepting the delivery',
		});
	});
});
