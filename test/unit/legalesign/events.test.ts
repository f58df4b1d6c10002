import {
	fieldErrors,
	idFromUri,
	legalesignApi,
	resourceTypeOfUri,
} from '../../../nodes/Legalesign/api';
import { normalizeCertificate } from '../../../nodes/Legalesign/verification';
import { notificationsOf } from '../../../nodes/Legalesign/requests';
import {
	batchEventDraft,
	LEGALESIGN_LEGACY_EVENTS,
	LEGALESIGN_REALTIME_EVENTS,
	realtimeProviderEvent,
	toIsoTime,
} from '../../../nodes/Legalesign/events';
import { REALTIME_SPELLINGS } from '../../fixtures/legalesign';
import { selfSignedCertificate } from '../../support/certificates';

describe('Legalesign vocabulary', () => {
	it('maps every documented status code as the brief says', () => {
		const mapped = Object.fromEntries(
			Object.entries(LEGALESIGN_LEGACY_EVENTS).map(([k, v]) => [k, v.event]),
		);
		expect(mapped).toEqual({
			'document.10': 'document.sent',
			'document.20': 'document.fieldsCompleted',
			'document.30': 'document.signed',
			'document.40': 'document.voided',
			'document.50': 'document.rejected',
			'document.100': 'document.completed',
			'signer.4': 'recipient.created',
			'signer.5': 'recipient.scheduled',
			'signer.10': 'recipient.sent',
			'signer.15': 'recipient.emailOpened',
			'signer.20': 'recipient.viewed',
			'signer.30': 'recipient.fieldsCompleted',
			'signer.35': 'recipient.fieldsCompleted',
			'signer.39': 'recipient.waitingForWitness',
			'signer.40': 'recipient.signed',
			'signer.50': 'recipient.downloaded',
			'signer.60': 'recipient.rejected',
			signed: 'document.completed',
			sent: 'document.sent',
			rejected: 'document.rejected',
		});
	});

	it('treats every record field as optional', () => {
		expect(batchEventDraft({})).toMatchObject({
			event: 'unknown',
			providerEvent: 'unknown.unknown',
			documentId: null,
			recipient: null,
			occurredAt: null,
		});
		expect(
			batchEventDraft({ name: 'tag', value: 'x', resource_uri: '/api/v1/document/d1/' }),
		).toMatchObject({
			event: 'unknown',
			providerEvent: 'document.tag',
			documentId: 'd1',
		});
		expect(realtimeProviderEvent({ event: 'document.created' })).toBe('document.created');
		expect(realtimeProviderEvent({})).toBe('unknown.unknown');
	});

	it('reads times in seconds, milliseconds and ISO with or without a zone', () => {
		expect(toIsoTime(1783500000)).toBe('2026-07-08T08:40:00.000Z');
		expect(toIsoTime(1783500000123)).toBe('2026-07-08T08:40:00.123Z');
		expect(toIsoTime('1783500000')).toBe('2026-07-08T08:40:00.000Z');
		expect(toIsoTime('2018-03-20T07:09:52')).toBe('2018-03-20T07:09:52.000Z');
		expect(toIsoTime('2022-07-11T07:28:25+01:00')).toBe('2022-07-11T06:28:25.000Z');
		expect(toIsoTime('soon')).toBeNull();
		expect(toIsoTime(null)).toBeNull();
	});

	it.each(Object.entries(REALTIME_SPELLINGS))(
		'spells %s one way, whichever spelling the delivery used',
		(normalized, spellings) => {
			for (const payload of spellings) expect(realtimeProviderEvent(payload)).toBe(normalized);
		},
	);

	it('covers every realtime event with at least one alternative spelling', () => {
		expect(Object.keys(REALTIME_SPELLINGS).sort()).toEqual(
			Object.keys(LEGALESIGN_REALTIME_EVENTS).sort(),
		);
		for (const spellings of Object.values(REALTIME_SPELLINGS)) {
			expect(spellings.length).toBeGreaterThan(1);
		}
	});

	it('keeps a "rejected" without its object, and unknown events, readable but unrecognized', () => {
		expect(realtimeProviderEvent({ event: 'rejected' })).toBe('unknown.rejected');
		// "completed" means the document's final PDF only when the object says document.
		expect(realtimeProviderEvent({ object: 'recipient', event: 'DOCUMENTS_COMPLETED' })).toBe(
			'document.finalPdfCreated',
		);
		expect(realtimeProviderEvent({ event: 'RECIPIENTS_EMAILED' })).toBe(
			'unknown.RECIPIENTS_EMAILED',
		);
		expect(realtimeProviderEvent({ object: 'document', event: 'archived' })).toBe(
			'document.archived',
		);
	});
});

describe('Legalesign API helpers', () => {
	it('reads GET /notifications/ as a bare array or wrapped in {meta, objects}', () => {
		const hook = { url: 'https://x.test/h', notify_when: 10 };
		expect(notificationsOf([hook, 'junk'])).toEqual([hook]);
		expect(notificationsOf({ meta: { total_count: 1 }, objects: [hook] })).toEqual([hook]);
		expect(notificationsOf({ error: 'x' })).toEqual([]);
		expect(notificationsOf(null)).toEqual([]);
	});

	it('stops reading error bodies at a fixed depth', () => {
		let deep: unknown = 'deepest message';
		for (let i = 0; i < 5000; i++) deep = { level: deep };
		expect(fieldErrors(deep)).toEqual([]);
	});

	it('flattens field-keyed errors and never shows a traceback', () => {
		expect(
			fieldErrors({
				document: {
					name: ['This field is required.'],
					signers: { 1: { email: ['Invalid.', 'Too long.'] } },
				},
				member: { exists: 'User is already a member of the group' },
				traceback: 'secret internals',
			}),
		).toEqual([
			'document.name: This field is required.',
			'document.signers.1.email: Invalid.',
			'document.signers.1.email: Too long.',
			'member.exists: User is already a member of the group',
		]);
		const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, ['bad']]));
		expect(legalesignApi.errorFromBody({ document: many }, 400)?.message).toMatch(
			/; … and 2 more$/,
		);
	});

	it('reads ids and types from resource URIs', () => {
		expect(idFromUri(' abc ')).toBe('abc');
		expect(idFromUri('/api/v1/signer/s-1/')).toBe('s-1');
		expect(idFromUri('https://eu-api.legalesign.com/api/v1/document/d-1/?x=1')).toBe('d-1');
		expect(resourceTypeOfUri('/api/v1/signer/s-1/')).toBe('signer');
		expect(resourceTypeOfUri('/elsewhere/')).toBeNull();
	});

	it('backs off on 429 by Retry-After, else exponentially', () => {
		expect(legalesignApi.rateLimitDelay!({ 'retry-after': '2' }, 0)).toBe(2000);
		expect(legalesignApi.rateLimitDelay!({}, 0)).toBe(5000);
		expect(legalesignApi.rateLimitDelay!({}, 2)).toBe(20000);
	});

	it('normalises pasted certificates and refuses anything else', () => {
		const pem = selfSignedCertificate().certificatePem;
		const body = pem.replace(/-----[A-Z ]+-----|\s/g, '');
		expect(normalizeCertificate(pem)).toBe(pem);
		expect(normalizeCertificate(pem.replace(/\n/g, ' '))).toBe(pem);
		expect(normalizeCertificate(body)).toBe(pem);
		expect(normalizeCertificate('')).toBe('');
		expect(
			normalizeCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'),
		).toBe('');
	});
});
