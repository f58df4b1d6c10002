import { Expression } from 'n8n-workflow';

import { LeegalityApi } from '../../../credentials/LeegalityApi.credentials';
import { leegalityBaseUrl } from '../../../nodes/Leegality/api';

const credential = new LeegalityApi();

/** Evaluates an n8n `={{ … }}` expression with n8n's own engine, as the credential tester does. */
function evaluate(expression: unknown, credentials: Record<string, unknown>): unknown {
	expect(typeof expression).toBe('string');
	return Expression.resolveWithoutWorkflow((expression as string).slice(1), {
		$credentials: credentials,
	});
}

describe('LeegalityApi credential', () => {
	it('sends the token as X-Auth-Token and nothing else', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'X-Auth-Token': '={{$credentials.authToken}}' } },
		});
		expect(
			evaluate(credential.authenticate.properties.headers?.['X-Auth-Token'], { authToken: 'abc' }),
		).toBe('abc');
	});

	it.each([
		['sandbox', undefined, 'https://sandbox.leegality.com/api'],
		['production', undefined, 'https://app1.leegality.com/api'],
		['custom', 'http://127.0.0.1:4010/leegality/api/', 'http://127.0.0.1:4010/leegality/api'],
	])('tests against the %s base URL, same as the nodes use', (environment, baseUrl, expected) => {
		expect(evaluate(credential.test.request.baseURL, { environment, baseUrl })).toBe(expected);
		expect(leegalityBaseUrl({ environment, baseUrl: baseUrl ?? '' }).replace(/\/+$/, '')).toBe(
			expected,
		);
	});

	it('tests with a cheap authenticated GET and fails on the HTTP-200 "status: 0" envelope', () => {
		expect(credential.test.request).toMatchObject({
			method: 'GET',
			url: '/v3.0/sign/request/list',
			qs: { max: 1 },
		});
		expect(credential.test.rules).toEqual([
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 0, message: expect.stringContaining('refused') },
			},
		]);
	});

	it('masks every secret field', () => {
		const secrets = credential.properties.filter((p) => p.typeOptions?.password).map((p) => p.name);
		expect(secrets.sort()).toEqual(['authToken', 'privateSaltSecret', 'webhookHeaderSecret']);
	});
});
