import { classify, toEventDraft } from '../../../nodes/Leegality/events';
import { leegalityPayloads } from '../../fixtures/leegality';

describe('Leegality v2.5 event classification', () => {
	it('compares enum strings case-insensitively', () => {
		expect(
			classify({ webhookType: 'success', request: { inviteeType: 'SIGNER', action: 'SIGNED' } }),
		).toBe('signer.signed');
		expect(
			classify({ webhookType: 'ERROR', request: { inviteeType: 'reviewer', action: 'rejected' } }),
		).toBe('reviewer.rejected');
		expect(classify({ request: { expired: 'true' } })).toBe('invitation.expired');
	});

	it('treats every field as optional', () => {
		expect(classify({})).toBe('unknown');
		expect(classify({ request: null })).toBe('unknown');
		expect(classify({ webhookType: 'Error', verification: 'odd' })).toBe('unknown');
		const draft = toEventDraft({ documentId: '01X' });
		expect(draft).toMatchObject({
			event: 'unknown',
			documentId: '01X',
			documentStatus: null,
			recipient: null,
			// Without documentStatus the body does not say whether the document is complete.
			documentCompleted: null,
		});
	});

	it('prefers expiry and failed certificate checks over the action field', () => {
		expect(classify({ request: { action: 'Rejected', expired: true } })).toBe('invitation.expired');
		expect(
			classify({
				webhookType: 'Error',
				verification: { name: false },
				request: { action: 'Rejected' },
			}),
		).toBe('certificate.verificationFailed');
		// A signature with a partial mismatch still reported as Success stays a signature.
		expect(
			classify({
				webhookType: 'Success',
				verification: { name: false },
				request: { action: 'Signed' },
			}),
		).toBe('signer.signed');
	});

	it('lists the failed certificate checks', () => {
		expect(toEventDraft(leegalityPayloads.verificationFailed()).attributes.failedChecks).toEqual([
			'name',
		]);
	});

	it('handles the minimal production delivery a third party reported', () => {
		const draft = toEventDraft({
			documentId: '01P',
			mac: 'x',
			request: {
				action: 'Signed',
				active: false,
				email: 'a@b.c',
				error: null,
				expired: false,
				expiryDate: '01-01-2027 23:59:59',
				invitationUrl: 'https://x/sign/u',
				inviteeType: 'Signer',
				name: 'A',
				phone: null,
			},
		});
		expect(draft).toMatchObject({
			event: 'recipient.signed',
			documentStatus: null,
			recipient: { email: 'a@b.c', phone: null, signingUrl: 'https://x/sign/u' },
		});
	});
});
