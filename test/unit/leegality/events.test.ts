import fc from 'fast-check';

import type { IDataObject } from 'n8n-workflow';

import {
	classify,
	decodeBase64,
	MAX_EMBEDDED_DOCUMENTS,
	toEventDraft,
	webhookVersion,
} from '../../../nodes/Leegality/events';
import { leegalityOtherShapes, leegalityPayloads, pdfBytes } from '../../fixtures/leegality';

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

describe('Leegality bodies of other versions and products (reference §2.8)', () => {
	it.each([
		['2.3 success', leegalityOtherShapes.v23Success(), 'signer.signed', '2.1-2.3'],
		[
			'2.3 error (failed checks)',
			leegalityOtherShapes.v23Error(),
			'certificate.verificationFailed',
			'2.1-2.3',
		],
		['2.2 success', leegalityOtherShapes.v22Success(), 'signer.signed', '2.1-2.3'],
		['2.2 error (ESP)', leegalityOtherShapes.v22Error(), 'invitation.failed', '2.1-2.3'],
		['2.1 success', leegalityOtherShapes.v21Success(), 'signer.signed', '2.1-2.3'],
		['2.1 rejected', leegalityOtherShapes.v21Rejected(), 'signer.rejected', '2.1-2.3'],
		['2.1 expired', leegalityOtherShapes.v21Expired(), 'invitation.expired', '2.1-2.3'],
		['a sparse signed body', leegalityOtherShapes.sparseSigned(), 'signer.signed', '2.5'],
		[
			'a sparse body with a failed check',
			leegalityOtherShapes.sparseVerificationFailed(),
			'certificate.verificationFailed',
			'2.5',
		],
		['v2.5 signer signed', leegalityPayloads.signerSigned(), 'signer.signed', '2.5'],
	])('classifies %s', (_label, payload, providerEvent, version) => {
		expect(classify(payload)).toBe(providerEvent);
		expect(webhookVersion(payload)).toBe(version);
	});

	it('reads the timeout text of a 2.1/2.2 error without the expired flag as an expiry', () => {
		const body = leegalityOtherShapes.v22Error('Transaction timed out.');
		expect(classify(body)).toBe('invitation.expired');
		// Any other reason on an error body: "invitation failed", with the text in attributes.
		const mismatch = toEventDraft(leegalityOtherShapes.v22Error('Name does not match'));
		expect(mismatch).toMatchObject({
			providerEvent: 'invitation.failed',
			event: 'recipient.verificationFailed',
			attributes: { error: 'Name does not match' },
			recipient: { status: 'Failed' },
		});
	});

	it('does not let a failed check override a signature when the body says nothing else', () => {
		const signed = {
			...leegalityOtherShapes.v23Success(),
			verification: { name: false },
		};
		expect(classify(signed)).toBe('signer.signed');
		expect(classify({ request: { action: 'Approved' }, verification: { yob: false } })).toBe(
			'reviewer.approved',
		);
		// A body that reports nothing at all stays unrecognized.
		expect(classify({ documentId: '01X', request: { signed: false } })).toBe('unknown');
		expect(classify({ webhookType: 'Success', request: { error: 'odd' } })).toBe('unknown');
	});

	it('maps a 2.x invitee: signUrl is the signing URL and part of the event id', () => {
		const payload = leegalityOtherShapes.v21Rejected();
		const draft = toEventDraft(payload);
		expect(draft).toMatchObject({
			event: 'recipient.rejected',
			documentStatus: null,
			documentCompleted: null,
			recipient: {
				name: 'Asha Rao',
				email: 'asha@example.com',
				phone: '9800000000',
				role: null,
				status: 'Rejected',
				signingUrl: (payload.request as IDataObject).signUrl,
			},
			attributes: { webhookVersion: '2.1-2.3', irn: null },
		});
		const other = toEventDraft({
			...payload,
			request: { ...(payload.request as IDataObject), signUrl: 'https://x/sign/other' },
		});
		expect(other.eventId).not.toBe(draft.eventId);
		expect(toEventDraft(leegalityOtherShapes.v21Rejected()).eventId).toBe(draft.eventId);
	});

	it('turns the embedded base64 files into binary data and keeps only a note in the payload', () => {
		const pdf = pdfBytes('signed contract');
		const audit = pdfBytes('audit trail');
		const payload = leegalityOtherShapes.v23Success(
			[pdf.toString('base64')],
			audit.toString('base64'),
		);
		const draft = toEventDraft(payload, 'signed');
		expect(draft.files).toEqual([
			{
				kind: 'document',
				data: pdf,
				fileName: '01KN23SUCCESS0000000000001.pdf',
				mimeType: 'application/pdf',
			},
			{
				kind: 'auditTrail',
				data: audit,
				fileName: '01KN23SUCCESS0000000000001-audit-trail.pdf',
				mimeType: 'application/pdf',
			},
		]);
		expect(draft.payload).toEqual({
			...payload,
			files: ['[binary: signed]'],
			auditTrail: '[binary: signed_audit]',
		});
		// An audit trail is generated on completion: the document is complete.
		expect(draft.documentCompleted).toBe(true);
		expect(draft.attributes.embeddedFiles).toEqual({ documents: 1, auditTrail: true, errors: [] });
		// The original body object is left untouched.
		expect(payload.files).toEqual([pdf.toString('base64')]);
	});

	it('skips invalid base64 with a reason, numbers further files, and caps their count', () => {
		const good = pdfBytes('one').toString('base64');
		const wrapped = good.replace(/(.{20})/g, '$1\r\n');
		const files = [good, 'not*base64', wrapped, 42, `data:application/pdf;base64,${good}`, ''];
		const draft = toEventDraft(leegalityOtherShapes.v23Success(files as string[], 'abc'));
		expect(draft.files?.map((file) => [file.kind, file.fileName])).toEqual([
			['document', '01KN23SUCCESS0000000000001.pdf'],
			['document', '01KN23SUCCESS0000000000001-2.pdf'],
			['document', '01KN23SUCCESS0000000000001-3.pdf'],
		]);
		expect(draft.files?.every((file) => file.data.equals(pdfBytes('one')))).toBe(true);
		expect(draft.payload.files).toEqual([
			'[binary: data]',
			'[not attached: not valid base64]',
			'[binary: data_1]',
			'[not attached: not a base64 string]',
			'[binary: data_2]',
			'[not attached: empty]',
		]);
		expect(draft.payload.auditTrail).toBe('[not attached: not valid base64]');
		expect(draft.documentCompleted).toBeNull();
		expect(draft.attributes.embeddedFiles).toEqual({
			documents: 3,
			auditTrail: false,
			errors: [
				'files[1]: not valid base64; not attached',
				'files[3]: not a base64 string; not attached',
				'files[5]: empty; not attached',
				'auditTrail: not valid base64; not attached',
			],
		});
		const many = Array.from({ length: MAX_EMBEDDED_DOCUMENTS + 5 }, () => good);
		const capped = toEventDraft(leegalityOtherShapes.v23Success(many, null));
		expect(capped.files).toHaveLength(MAX_EMBEDDED_DOCUMENTS);
		expect((capped.payload.files as string[]).at(-1)).toBe('[5 more not attached]');
		expect(capped.payload.auditTrail).toBeNull();
	});

	it('decodes base64 strictly', () => {
		expect(decodeBase64('QUJD')).toEqual(Buffer.from('ABC'));
		expect(decodeBase64('QUI=')).toEqual(Buffer.from('AB'));
		for (const bad of ['QUJ', 'QU=D', 'QUJD!', '====', null, {}]) {
			expect(typeof decodeBase64(bad)).toBe('string');
		}
	});

	it('decodes exactly what the strict rule accepts, whatever the shape of the string', () => {
		// The rule, written out: whitespace and a data: prefix dropped, then whole quads of the
		// alphabet with `=` only as the last one or two characters.
		const strict = (value: string): Buffer | undefined => {
			const compact = value.replace(/\s+/g, '').replace(/^data:[^,]{0,100};base64,/i, '');
			const quads = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
			return compact !== '' && quads.test(compact) ? Buffer.from(compact, 'base64') : undefined;
		};
		const encoded = fc
			.tuple(
				fc.uint8Array({ maxLength: 64 }),
				fc.constantFrom('', 'data:application/pdf;base64,'),
				fc.constantFrom(0, 4, 76),
			)
			.map(([bytes, prefix, lineLength]) => {
				const text = Buffer.from(bytes).toString('base64');
				const lines = lineLength
					? (text.match(new RegExp(`.{1,${lineLength}}`, 'g')) ?? [])
					: [text];
				return prefix + lines.join('\r\n');
			});
		const noise = fc.string({ unit: fc.constantFrom(...'QUJDab+/=\n *-_'), maxLength: 24 });
		fc.assert(
			fc.property(fc.oneof(encoded, noise), (value) => {
				const expected = strict(value);
				const decoded = decodeBase64(value);
				if (expected === undefined) expect(typeof decoded).toBe('string');
				else expect(decoded).toEqual(expected);
			}),
			{ numRuns: 2000 },
		);
	});

	it('makes the Coordinate Picker webhook its own event, with every sign URL', () => {
		const payload = leegalityOtherShapes.coordinatePicker();
		const draft = toEventDraft(payload);
		expect(draft).toEqual({
			provider: 'leegality',
			event: 'document.ready',
			providerEvent: 'coordinates.placed',
			eventId: expect.stringMatching(/^leegality:[0-9a-f]{40}$/),
			documentId: '01KNCOORD00000000000000001',
			documentStatus: null,
			documentCompleted: false,
			recipient: null,
			occurredAt: null,
			attributes: {
				webhookVersion: null,
				irn: 'ORDER-3001',
				invitations: (payload.invitations as IDataObject[]).map((invitation) => ({
					...invitation,
				})),
			},
			payload,
		});
		expect(toEventDraft({ documentId: '01C', invitations: [] }).providerEvent).toBe(
			'coordinates.placed',
		);
		expect(
			toEventDraft({ documentId: '01C', invitations: [{ signUrl: 5, active: 'yes' }, 'x'] })
				.attributes.invitations,
		).toEqual([
			{ name: null, email: null, phone: null, signUrl: '5', active: null, expiryDate: null },
		]);
	});
});
