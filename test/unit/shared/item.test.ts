import { hashedEventId, sameText, text } from '../../../nodes/shared/item';

describe('hashedEventId', () => {
	it('is deterministic, provider-prefixed, and differs when the identity differs', () => {
		const id = hashedEventId('leegality', ['doc', 'signed', null]);
		expect(id).toMatch(/^leegality:[0-9a-f]{40}$/);
		expect(hashedEventId('leegality', ['doc', 'signed', null])).toBe(id);
		expect(hashedEventId('leegality', ['doc', 'rejected', null])).not.toBe(id);
		expect(hashedEventId('legalesign', ['doc', 'signed', null]).slice(11)).toBe(id.slice(10));
	});

	it('hashes exact bodies the same whether given as bytes or text', () => {
		const body = '{"a":"ü"}';
		expect(hashedEventId('lexgosign', Buffer.from(body, 'utf8'))).toBe(
			hashedEventId('lexgosign', body),
		);
		expect(hashedEventId('lexgosign', `${body} `)).not.toBe(hashedEventId('lexgosign', body));
	});
});

describe('payload field helpers', () => {
	it('read strings and finite numbers only, and compare enums case-insensitively', () => {
		const obj = { s: 'x', blank: '  ', n: 42, nan: Number.NaN, o: {} };
		expect([
			text(obj, 's'),
			text(obj, 'blank'),
			text(obj, 'n'),
			text(obj, 'nan'),
			text(obj, 'o'),
		]).toEqual(['x', null, '42', null, null]);
		expect(text(null, 's')).toBeNull();
		expect(sameText('SIGNED', 'Signed')).toBe(true);
		expect(sameText(null, 'Signed')).toBe(false);
	});
});
