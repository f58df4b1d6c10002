import { parseWebhookList, webhookOf } from '../../../nodes/LexgoSign/requests';
import {
	LEXGOSIGN_EVENT_NAMES,
	LEXGOSIGN_EVENTS,
	parseSubscriptions,
	sameSubscriptions,
	toEventDraft,
	toSubscriptions,
} from '../../../nodes/LexgoSign/events';
import { ESIGN_EVENTS } from '../../../nodes/shared/events';
import { lexgosign as emulatorHelpers } from '../../../emulator';
import { delivery, ENVELOPE_ID, envelopeData, recipientData } from '../../fixtures/lexgosign';

const draftOf = (payload: ReturnType<typeof delivery>) =>
	toEventDraft(payload, Buffer.from(JSON.stringify(payload)));

describe('LexgoSign events', () => {
	it('knows exactly the 21 documented events, in the docs order, each mapped into the vocabulary', () => {
		expect(LEXGOSIGN_EVENT_NAMES).toHaveLength(21);
		expect(LEXGOSIGN_EVENT_NAMES).toEqual([...emulatorHelpers.EVENT_NAMES]);
		for (const { event } of Object.values(LEXGOSIGN_EVENTS)) {
			expect(Object.keys(ESIGN_EVENTS)).toContain(event);
		}
	});

	it('writes the selection as one comma-separated string in the docs order, without "unknown"', () => {
		expect(toSubscriptions(['recipient.signed_all', 'unknown', 'envelope.success'])).toBe(
			'envelope.success,recipient.signed_all',
		);
		expect(toSubscriptions(['unknown'])).toBe('');
		expect(toSubscriptions([...LEXGOSIGN_EVENT_NAMES, 'unknown']).split(',')).toEqual(
			LEXGOSIGN_EVENT_NAMES,
		);
	});

	it('compares subscription strings as sets', () => {
		expect(parseSubscriptions(' a, b,,a ')).toEqual(['a', 'b']);
		expect(parseSubscriptions(['a'])).toEqual([]);
		expect(sameSubscriptions('a,b', 'b, a')).toBe(true);
		expect(sameSubscriptions('a,b', 'a')).toBe(false);
		expect(sameSubscriptions(undefined, 'a')).toBe(false);
	});
});

describe('LexgoSign payload → item', () => {
	it.each(LEXGOSIGN_EVENT_NAMES)('%s', (eventType) => {
		const payload = delivery(eventType);
		const draft = draftOf(payload);
		expect(draft).toMatchObject({
			provider: 'lexgosign',
			event: LEXGOSIGN_EVENTS[eventType].event,
			providerEvent: eventType,
			eventId: payload.id,
			payload,
		});
		if (eventType.startsWith('recipient.')) {
			expect(draft.recipient).toMatchObject({
				id: recipientData().id,
				email: 'recipient@company.com',
			});
			expect(draft.documentId).toBeNull();
		} else {
			expect(draft.recipient).toBeNull();
			expect(draft.documentId).toBe(ENVELOPE_ID);
		}
	});

	it('finds the parent envelope of recipient events wherever the payload puts it', () => {
		const nested = draftOf(
			delivery('recipient.signed_all', {
				...recipientData(),
				envelope: { id: 'env-1', name: 'NDA', status: 'IN_PROGRESS' },
			}),
		);
		expect(nested).toMatchObject({
			documentId: 'env-1',
			documentStatus: 'IN_PROGRESS',
			attributes: { envelopeName: 'NDA' },
		});
		const flat = draftOf(
			delivery('recipient.email_opened', { ...recipientData(), envelope_id: 'env-2' }),
		);
		expect(flat.documentId).toBe('env-2');
		expect(draftOf(delivery('recipient.rejected')).documentId).toBeNull();
	});

	it('takes occurredAt only from timestamps that say when the event happened', () => {
		const at = (eventType: string, extra = {}) =>
			draftOf(delivery(eventType, { ...envelopeData(), ...extra })).occurredAt;
		expect(at('envelope.success', { completed_at: '2025-11-18T16:03:07-03:00' })).toBe(
			'2025-11-18T16:03:07-03:00',
		);
		expect(at('envelope.in_progress', { sent_at: '2025-11-18T15:50:00-03:00' })).toBe(
			'2025-11-18T15:50:00-03:00',
		);
		expect(at('envelope.success')).toBeNull();
		expect(at('envelope.voided')).toBeNull();
		expect(draftOf(delivery('envelope.evidence_generated')).occurredAt).toBe(
			'2025-11-18T16:03:08.456-03:00',
		);
		expect(draftOf(delivery('envelope.file_uploaded')).occurredAt).toBe(
			'2025-11-20T19:20:18-03:00',
		);
		expect(draftOf(delivery('recipient.signed_all')).occurredAt).toBeNull();
	});

	it('accepts the upload id under its documented and its newer key', () => {
		const old = draftOf(delivery('envelope.file_uploaded'));
		expect(old.attributes.uploadId).toBe('upload_xyz789');
		const renamed = draftOf(
			delivery('envelope.file_uploaded', {
				envelope_id: 'e',
				upload_id: 'u2',
				status: 'COMPLETED',
			}),
		);
		expect(renamed).toMatchObject({ documentId: 'e', attributes: { uploadId: 'u2' } });
	});

	it('keeps an unrecognized event with its name and whatever envelope id it has', () => {
		const draft = draftOf(delivery('envelope.created', { envelope_id: 'e9' }));
		expect(draft).toMatchObject({
			event: 'unknown',
			providerEvent: 'envelope.created',
			documentId: 'e9',
		});
		expect(draftOf(delivery('envelope.created', { id: 'e8' })).documentId).toBe('e8');
		expect(draftOf(delivery('signer.poked', { id: 'r1' })).documentId).toBeNull();
		const bare = toEventDraft({ id: 'x' }, Buffer.from('{"id":"x"}'));
		expect(bare).toMatchObject({ event: 'unknown', providerEvent: 'unknown', eventId: 'x' });
	});

	it('without a delivery id, derives one from the exact bytes', () => {
		const a = toEventDraft({ event_type: 'envelope.success' }, Buffer.from('{"a":1}'));
		const b = toEventDraft({ event_type: 'envelope.success' }, Buffer.from('{"a":1}'));
		const c = toEventDraft({ event_type: 'envelope.success' }, Buffer.from('{"a":2}'));
		expect(a.eventId).toMatch(/^lexgosign:[0-9a-f]{40}$/);
		expect(b.eventId).toBe(a.eventId);
		expect(c.eventId).not.toBe(a.eventId);
	});
});

describe('GET /webhooks parsing (shape undocumented)', () => {
	const hook = { id: 'w1', url: 'https://x/hook', subscriptions: 'envelope.success' };
	it.each([
		['a bare array', [hook]],
		['{webhooks}', { webhooks: [hook], total: 1, request_id: 'r' }],
		['{data}', { data: [hook] }],
		['{data: {webhooks}}', { data: { webhooks: [hook] } }],
		['any single array', { subscriptions_list: [hook], request_id: 'r' }],
		['a single {webhook}', { webhook: hook }],
	])('reads %s', (_label, body) => {
		expect(parseWebhookList(body)).toEqual({ webhooks: [hook], recognized: true });
	});

	it('reports shapes it cannot read', () => {
		expect(parseWebhookList({ request_id: 'r' })).toEqual({ webhooks: [], recognized: false });
		expect(parseWebhookList('oops')).toEqual({ webhooks: [], recognized: false });
		expect(parseWebhookList({ a: [], b: [] }).recognized).toBe(false);
	});

	it('reads one webhook from create/get/update answers', () => {
		expect(webhookOf({ success: true, webhook: hook, request_id: 'r' })).toEqual(hook);
		expect(webhookOf({ data: hook })).toEqual(hook);
		expect(webhookOf(hook)).toEqual(hook);
		expect(webhookOf({ success: true })).toEqual({});
	});
});
