import { hashedEventId } from '../../../nodes/shared/item';
import {
	isTrue,
	numberAt,
	objectAt,
	objectsAt,
	sameText,
	stringsAt,
	text,
	trimTrailingSlashes,
} from '../../../nodes/shared/readers';

describe('hashedEventId', () => {
	it('is deterministic, provider-prefixed, and differs when the identity differs', () => {
		const id = hashedEventId('leegality', ['doc', 'signed', null]);
		expect(id).toMatch(/^leegality:[0-9a-f]{40}$/);
		expect(hashedEventId('leegality', ['doc', 'signed', null])).toBe(id);
		expect(hashedEventId('leegality', ['doc', 'rejected', null])).not.toBe(id);
		expect(hashedEventId('legalesign', ['doc', 'signed', null]).slice(11)).toBe(id.slice(10));
	});

	it('keeps values of different types and boundaries apart', () => {
		expect(hashedEventId('leegality', [null])).not.toBe(hashedEventId('leegality', ['null']));
		expect(hashedEventId('leegality', [1])).not.toBe(hashedEventId('leegality', ['1']));
		expect(hashedEventId('leegality', [true])).not.toBe(hashedEventId('leegality', ['true']));
		expect(hashedEventId('leegality', ['ab', 'c'])).not.toBe(
			hashedEventId('leegality', ['a', 'bc']),
		);
	});

	it('hashes exact bodies the same whether given as bytes or text', () => {
		const body = '{"a":"ü"}';
		expect(hashedEventId('lexgosign', Buffer.from(body, 'utf8'))).toBe(
			hashedEventId('lexgosign', body),
		);
		expect(hashedEventId('lexgosign', `${body} `)).not.toBe(hashedEventId('lexgosign', body));
	});
});

describe('readers', () => {
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

	it('answer safe defaults for missing or mistyped fields', () => {
		const obj = { o: { a: 1 }, list: [{ a: 1 }, 2, 'x', null], n: '7', strs: ['a', ' ', 3] };
		expect(objectAt(obj, 'o')).toEqual({ a: 1 });
		expect(objectAt(obj, 'list')).toEqual({});
		expect(objectAt('nope', 'o')).toEqual({});
		expect(objectsAt(obj, 'list')).toEqual([{ a: 1 }]);
		expect(objectsAt(obj, 'o')).toEqual([]);
		expect(numberAt(obj, 'n')).toBe(7);
		expect(numberAt(obj, 'o')).toBeNull();
		expect(stringsAt(obj, 'strs')).toEqual(['a']);
		expect([isTrue(true), isTrue('TRUE'), isTrue(' true '), isTrue(1), isTrue('yes')]).toEqual([
			true,
			true,
			true,
			false,
			false,
		]);
		expect(trimTrailingSlashes(' https://x.test/api// ')).toBe('https://x.test/api');
	});
});
