import type { IDataObject } from 'n8n-workflow';

import {
	contradiction,
	detailsDate,
	MAX_EVENT_AGE_MS,
	matchingInvitations,
} from '../../../nodes/Leegality/confirmation';
import { toEventDraft } from '../../../nodes/Leegality/events';
import { leegalityOtherShapes, leegalityPayloads } from '../../fixtures/leegality';
import { detailsData, istDate } from '../../fixtures/leegalityDetails';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const HOUR = 3_600_000;

describe('detailsDate', () => {
	it('reads DD-MM-YYYY HH:MM:SS as IST, and ISO 8601 as is', () => {
		expect(detailsDate('10-03-2026 17:30:00')).toBe(Date.UTC(2026, 2, 10, 12, 0, 0));
		expect(detailsDate('2026-03-10T12:00:00Z')).toBe(Date.UTC(2026, 2, 10, 12, 0, 0));
		expect(detailsDate(istDate(NOW))).toBe(NOW);
	});

	it('answers null for anything else', () => {
		for (const value of [null, 7, '', 'yesterday', '10/03/2026', '99-99-2026 99:99:99x']) {
			expect(detailsDate(value)).toBeNull();
		}
	});
});

describe('matchingInvitations', () => {
	const invitations: IDataObject[] = [
		{
			name: 'Asha Rao',
			email: 'ASHA@example.com',
			phone: '+91 98000 00000',
			invitationUrl: 'https://x/sign/1',
		},
		{
			name: 'Ravi Kumar',
			email: 'ravi@example.com',
			phone: null,
			invitationUrl: 'https://x/sign/2/',
		},
	];
	const recipient = (fields: IDataObject) =>
		({
			id: null,
			name: null,
			email: null,
			phone: null,
			role: null,
			status: null,
			signingUrl: null,
			...fields,
		}) as never;

	it('matches by sign URL first, then email, phone, name', () => {
		expect(
			matchingInvitations(
				recipient({ signingUrl: 'https://x/sign/2', email: 'asha@example.com' }),
				invitations,
			),
		).toEqual([invitations[1]]);
		expect(matchingInvitations(recipient({ email: 'asha@example.com' }), invitations)).toEqual([
			invitations[0],
		]);
		expect(matchingInvitations(recipient({ phone: '9800000000' }), invitations)).toEqual([
			invitations[0],
		]);
		expect(matchingInvitations(recipient({ name: 'ravi kumar' }), invitations)).toEqual([
			invitations[1],
		]);
	});

	it('a sign URL Details does not list matches nothing; no identifier at all is undefined', () => {
		expect(
			matchingInvitations(
				recipient({ signingUrl: 'https://x/sign/9', email: 'asha@example.com' }),
				invitations,
			),
		).toEqual([]);
		expect(matchingInvitations(recipient({}), invitations)).toBeUndefined();
		expect(matchingInvitations(null, invitations)).toBeUndefined();
	});
});

describe('contradiction', () => {
	const signed = toEventDraft(leegalityPayloads.signerSigned());

	it('confirms a signature Leegality shows, signed within the retry window', () => {
		expect(
			contradiction(signed, detailsData({ signed: true, signDate: istDate(NOW - 4 * HOUR) }), NOW),
		).toBeNull();
	});

	it.each([
		['the document is missing', detailsData({ signed: true }, { document: {} }), /no document/],
		['the document is deleted', detailsData({ signed: true }, { deleted: true }), /no document/],
		[
			'another document answers',
			detailsData({ signed: true }, { documentId: 'OTHER' }),
			/another document/,
		],
		[
			'the invitee has not signed',
			detailsData({ signed: false }),
			/does not show the invitee as signed/,
		],
		[
			'the invitee is unknown',
			detailsData({ signed: true }, { invitationUrl: 'https://elsewhere/sign/x' }),
			/not an invitee/,
		],
		[
			'the signature is older than the retry window',
			detailsData({ signed: true, signDate: istDate(NOW - MAX_EVENT_AGE_MS - HOUR) }),
			/more than 24 h ago/,
		],
	])('refuses when %s', (_case, data, reason) => {
		expect(contradiction(signed, data, NOW)).toMatch(reason);
	});

	it.each([
		['reviewerApproved', { approved: true }, { approved: false }],
		['signerRejected', { rejected: true }, { rejected: false }],
		['reviewerRejected', { rejected: true }, { rejected: false }],
		['invitationExpired', { expired: true, expiryDate: istDate(NOW - HOUR) }, { expired: false }],
		['verificationFailed', { signed: false }, { signed: true }],
	] as const)('%s: confirmed in its state, refused in another', (fixture, holds, differs) => {
		const payload = leegalityPayloads[fixture]();
		const event = toEventDraft(payload);
		const request = payload.request as IDataObject;
		const invitee = {
			documentId: String(payload.documentId),
			invitationUrl: (request.invitationUrl as string | undefined) ?? null,
			email: (request.email as string | undefined) ?? null,
			name: String(request.name),
		};
		expect(contradiction(event, detailsData(holds, invitee), NOW)).toBeNull();
		expect(contradiction(event, detailsData(differs, invitee), NOW)).toMatch(/does not show/);
	});

	it('an expiry more than a day old is a replay', () => {
		const payload = leegalityPayloads.invitationExpired();
		const event = toEventDraft(payload);
		const invitee = {
			documentId: String(payload.documentId),
			invitationUrl: null,
			email: null,
			name: 'Second Signer',
		};
		const old = detailsData({ expired: true, expiryDate: istDate(NOW - 3 * 24 * HOUR) }, invitee);
		expect(contradiction(event, old, NOW)).toMatch(/expired more than 24 h ago/);
	});

	it.each([
		['v23Success', 'signer.signed', { signed: true, signDate: null }, { signed: false }],
		['v21Success', 'signer.signed', { signed: true, signDate: null }, { signed: false }],
		['v21Rejected', 'signer.rejected', { rejected: true }, { rejected: false }],
		['v21Expired', 'invitation.expired', { expired: true, expiryDate: null }, { expired: false }],
		['v23Error', 'certificate.verificationFailed', { signed: false }, { signed: true }],
		['v22Error', 'invitation.failed', { signed: false }, { signed: true }],
	] as const)(
		'2.1–2.3 %s (%s): the invitee is found by its signUrl; confirmed in its state, refused in another',
		(shape, providerEvent, holds, differs) => {
			const payload = leegalityOtherShapes[shape]();
			const event = toEventDraft(payload);
			expect(event.providerEvent).toBe(providerEvent);
			const request = payload.request as IDataObject;
			const invitee = {
				documentId: String(payload.documentId),
				invitationUrl: String(request.signUrl),
				email: 'someone.else@example.com',
				name: 'Someone Else',
			};
			expect(contradiction(event, detailsData(holds, invitee), NOW)).toBeNull();
			expect(contradiction(event, detailsData(differs, invitee), NOW)).toMatch(/does not show/);
			const elsewhere = { ...invitee, invitationUrl: 'https://elsewhere/sign/x' };
			expect(contradiction(event, detailsData(holds, elsewhere), NOW)).toMatch(/not an invitee/);
		},
	);

	it('a Coordinate Picker delivery names no invitee: it needs only the document', () => {
		const payload = leegalityOtherShapes.coordinatePicker();
		const event = toEventDraft(payload);
		expect(event.providerEvent).toBe('coordinates.placed');
		const documentId = String(payload.documentId);
		expect(contradiction(event, detailsData({}, { documentId }), NOW)).toBeNull();
		expect(contradiction(event, detailsData({}, { documentId, deleted: true }), NOW)).toMatch(
			/no document/,
		);
		expect(contradiction(event, detailsData({}, { documentId: 'OTHER' }), NOW)).toMatch(
			/another document/,
		);
	});

	it('an unrecognized event needs only the document (and its invitee, when it names one)', () => {
		const event = { ...signed, event: 'unknown', providerEvent: 'unknown' } as const;
		expect(contradiction(event, detailsData({ signed: false }), NOW)).toBeNull();
		const anonymous = { ...event, recipient: null };
		expect(contradiction(anonymous, detailsData({}, { invitations: [] }), NOW)).toBeNull();
		expect(contradiction(anonymous, detailsData({}, { document: {} }), NOW)).toMatch(/no document/);
	});
});
