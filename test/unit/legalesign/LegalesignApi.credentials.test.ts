import { Expression } from 'n8n-workflow';

import { LegalesignApi } from '../../../credentials/LegalesignApi.credentials';
import { legalesignBaseUrl } from '../../../nodes/Legalesign/api';

const credential = new LegalesignApi();

/** Evaluates an n8n `={{ … }}` expression with n8n's own engine, as n8n does for credentials. */
function evaluate(expression: unknown, credentials: Record<string, unknown>): unknown {
	expect(typeof expression).toBe('string');
	return Expression.resolveWithoutWorkflow((expression as string).slice(1), {
		$credentials: credentials,
	});
}

const header = () => credential.authenticate.properties.headers?.Authorization;

describe('LegalesignApi credential', () => {
	it('sends Authorization: ApiKey <username>:<secret> and nothing else', () => {
		expect(Object.keys(credential.authenticate.properties)).toEqual(['headers']);
		expect(Object.keys(credential.authenticate.properties.headers ?? {})).toEqual([
			'Authorization',
		]);
		expect(evaluate(header(), { username: 'u-123', secret: 's-456' })).toBe('ApiKey u-123:s-456');
	});

	it.each([
		['the key pasted as username:secret', { username: '', secret: 'u-123:s-456' }],
		['the whole header value pasted', { username: '', secret: 'ApiKey u-123:s-456' }],
		['any case and spacing', { username: 'ignored', secret: '  apikey   u-123:s-456 \n' }],
		['split fields with stray whitespace', { username: ' u-123 ', secret: ' s-456 ' }],
	])('normalises %s', (_label, values) => {
		expect(evaluate(header(), values)).toBe('ApiKey u-123:s-456');
	});

	it.each([
		[undefined, 'https://eu-api.legalesign.com/api/v1'],
		['', 'https://eu-api.legalesign.com/api/v1'],
		['http://127.0.0.1:4010/legalesign/api/v1/', 'http://127.0.0.1:4010/legalesign/api/v1'],
	])('tests against base URL %p like the nodes do', (baseUrl, expected) => {
		expect(evaluate(credential.test.request.baseURL, { baseUrl })).toBe(expected);
		expect(legalesignBaseUrl({ baseUrl: baseUrl ?? '' })).toBe(expected);
	});

	it('tests with GET /group/?limit=1 and explains a 401', () => {
		expect(credential.test.request).toMatchObject({
			method: 'GET',
			url: '/group/',
			qs: { limit: 1 },
		});
		expect(credential.test.rules).toEqual([
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: expect.stringMatching(/approved API access.*two-factor/),
				},
			},
		]);
	});

	it('masks the secrets, not the public certificate', () => {
		const masked = credential.properties.filter((p) => p.typeOptions?.password).map((p) => p.name);
		expect(masked.sort()).toEqual(['secret', 'webhookHmacSecret']);
		const certificate = credential.properties.find((p) => p.name === 'legacyPublicCertificate');
		expect(certificate?.typeOptions).toEqual({ rows: 4 });
	});
});
