import { Expression } from 'n8n-workflow';

import { LexgoSignApi } from '../../../credentials/LexgoSignApi.credentials';
import { lexgoSignBaseUrl } from '../../../nodes/LexgoSign/api';
import { trimTrailingSlashes } from '../../../nodes/shared/readers';

const credential = new LexgoSignApi();

/** Evaluates an n8n `={{ … }}` expression with n8n's own engine, as the credential tester does. */
function evaluate(expression: unknown, credentials: Record<string, unknown>): unknown {
	expect(typeof expression).toBe('string');
	return Expression.resolveWithoutWorkflow((expression as string).slice(1), {
		$credentials: credentials,
	});
}

describe('LexgoSignApi credential', () => {
	it('sends the raw API key as Authorization, without "Bearer", and nothing else', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
		});
		const header = credential.authenticate.properties.headers?.Authorization;
		expect(evaluate(header, { apiKey: 'lexgo-key-1' })).toBe('lexgo-key-1');
	});

	it.each([
		['the default', 'https://api.lexgo.cl/v1', 'https://api.lexgo.cl/v1'],
		['an empty field', '', 'https://api.lexgo.cl/v1'],
		['spaces only', '   ', 'https://api.lexgo.cl/v1'],
		['an /api/v1 account', 'https://api.lexgo.cl/api/v1/', 'https://api.lexgo.cl/api/v1'],
		['the emulator', 'http://127.0.0.1:4010/lexgosign/v1//', 'http://127.0.0.1:4010/lexgosign/v1'],
	])('tests against %s base URL, the same the nodes use', (_label, baseUrl, expected) => {
		expect(evaluate(credential.test.request.baseURL, { baseUrl })).toBe(expected);
		expect(trimTrailingSlashes(lexgoSignBaseUrl({ baseUrl }))).toBe(expected);
	});

	it('tests with POST /test, which answers the enterprise name and sandbox/live', () => {
		expect(credential.test.request).toMatchObject({ method: 'POST', url: '/test' });
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://api.lexgo.cl/v1',
		);
	});

	it('masks every secret field and explains the webhook secret format', () => {
		const secrets = credential.properties.filter((p) => p.typeOptions?.password).map((p) => p.name);
		expect(secrets.sort()).toEqual(['apiKey', 'webhookSecret']);
		const webhookSecret = credential.properties.find((p) => p.name === 'webhookSecret');
		expect(webhookSecret?.description).toMatch(/the Authorization value you registered/);
		expect(webhookSecret?.description).toMatch(/Bearer/);
		expect(webhookSecret?.description).toMatch(/Manual/);
	});
});
