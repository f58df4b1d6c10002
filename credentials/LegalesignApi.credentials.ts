import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * `ApiKey <username>:<secret>`. The secret may also hold the whole key as the API dashboard shows
 * it (`username:secret` or `ApiKey username:secret`); then the username field is not needed.
 * (`'' + value` rather than `String(value)`: n8n's expression sandbox has no `String`.)
 */
const AUTHORIZATION_EXPRESSION =
	"={{ 'ApiKey ' + (('' + ($credentials.secret || '')).trim().replace(/^apikey\\s+/i, '').includes(':') ? ('' + ($credentials.secret || '')).trim().replace(/^apikey\\s+/i, '') : ('' + ($credentials.username || '')).trim() + ':' + ('' + ($credentials.secret || '')).trim()) }}";

/** Mirrors `legalesignBaseUrl()` in nodes/Legalesign/api.ts. */
const BASE_URL_EXPRESSION =
	"={{ (('' + ($credentials.baseUrl || '')).trim() || 'https://eu-api.legalesign.com/api/v1').replace(/\\/+$/, '') }}";

export class LegalesignApi implements ICredentialType {
	name = 'legalesignApi';

	displayName = 'Legalesign API';

	icon: Icon = { light: 'file:../icons/legalesign.svg', dark: 'file:../icons/legalesign.dark.svg' };

	documentationUrl = 'https://apidocs.legalesign.com/docs/intro';

	properties: INodeProperties[] = [
		{
			displayName:
				'Ask Legalesign support to enable API access and turn on two-factor authentication, then generate a key in the API dashboard (logs.legalesign.com → Config)',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1f0e9c2d4b3a…',
			description:
				'The API username (the part before the colon). Leave empty if you paste the whole key into Secret.',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API secret, or the whole key as the dashboard shows it ("username:secret" or "ApiKey username:secret")',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://eu-api.legalesign.com/api/v1',
			placeholder: 'e.g. https://eu-api.legalesign.com/api/v1',
			description: 'REST API v1 base URL; change it only for a local emulator or a proxy',
		},
		{
			displayName: 'Webhook HMAC Secret',
			name: 'webhookHmacSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional: the webhook HMAC secret of the API user at Legalesign. When set, realtime deliveries must be signed with it.',
		},
		{
			displayName: 'Legacy Callback Certificate',
			name: 'legacyPublicCertificate',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description:
				'Only for legacy webhooks: paste the certificate (PEM) from Legalesign\'s "How to verify callback data" page. Legacy callbacks are refused while it is empty.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: AUTHORIZATION_EXPRESSION,
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/group/',
			method: 'GET',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Legalesign refused the key: check username:secret, that Legalesign has approved API access for the account, and that two-factor authentication is on',
				},
			},
		],
	};
}
