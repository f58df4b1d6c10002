import { verifyLexgoSignDelivery } from '../../../nodes/LexgoSign/verification';
import { newAuthorization } from '../../fixtures/lexgosign';
import { rejectionOf, testDelivery } from '../../support/delivery';

const expected = newAuthorization();
const secrets = { authorization: expected, source: 'registered webhook secret' };
const withAuthorization = (value?: string) =>
	testDelivery({ body: '{}', headers: value === undefined ? {} : { authorization: value } });

describe('verifyLexgoSignDelivery (pure: delivery + secrets → verification or rejection)', () => {
	it('accepts exactly the registered Authorization value and says where it came from', () => {
		expect(verifyLexgoSignDelivery(withAuthorization(expected), secrets)).toEqual({
			method: 'authorization-header',
			verified: true,
			detail: 'registered webhook secret',
		});
	});

	it.each([
		['no header', undefined, 'Missing Authorization header'],
		['an empty header', '', 'Missing Authorization header'],
		['another secret', newAuthorization(), 'Invalid Authorization header'],
		['other case', expected.toUpperCase(), 'Invalid Authorization header'],
		['only the scheme', 'Bearer', 'Invalid Authorization header'],
		[
			'the secret without its scheme',
			expected.slice('Bearer '.length),
			'Invalid Authorization header',
		],
		['a longer value', `${expected}x`, 'Invalid Authorization header'],
	])('refuses %s with 401', (_label, value, reason) => {
		expect(rejectionOf(() => verifyLexgoSignDelivery(withAuthorization(value), secrets))).toEqual({
			status: 401,
			reason,
		});
	});

	it('fails closed when no secret is configured', () => {
		expect(
			rejectionOf(() =>
				verifyLexgoSignDelivery(withAuthorization(''), { authorization: '', source: 'x' }),
			)?.reason,
		).toBe('Webhook verification is not configured');
	});
});
