import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Expression for the API base URL; mirrors `leegalityBaseUrl()` in nodes/Leegality/api.ts. */
const BASE_URL_EXPRESSION =
	"={{ ($credentials.environment === 'custom' ? ($credentials.baseUrl || '') : $credentials.environment === 'production' ? 'https://app1.leegality.com/api' : 'https://sandbox.leegality.com/api').replace(/\\/+$/, '') }}";

export class LeegalityApi implements ICredentialType {
	name = 'leegalityApi';

	displayName = 'Leegality API';

	icon: Icon = { light: 'file:../icons/leegality.svg', dark: 'file:../icons/leegality.dark.svg' };

	documentationUrl = 'https://knowledge.leegality.com/document-execution/api/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Sandbox', value: 'sandbox', description: 'https://sandbox.leegality.com/api' },
				{ name: 'Production', value: 'production', description: 'https://app1.leegality.com/api' },
				{ name: 'Custom', value: 'custom', description: 'Another base URL, e.g. a local emulator' },
			],
			default: 'sandbox',
			description: 'Sandbox and production have separate tokens and salts',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://sandbox.leegality.com/api',
			description: 'API base URL including /api, without a version segment',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In the Leegality dashboard: Settings → API → Enable API',
		},
		{
			displayName: 'Private Salt',
			name: 'privateSaltSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Shown next to the Auth Token. The Leegality Trigger needs it to accept deliveries.',
		},
		{
			displayName: 'Webhook Header Name',
			name: 'webhookHeaderName',
			type: 'string',
			default: '',
			placeholder: 'e.g. X-Webhook-Key',
			description:
				'Optional: only if Leegality support set up a custom webhook header for your account',
		},
		{
			displayName: 'Webhook Header Value',
			name: 'webhookHeaderSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The value Leegality sends in the custom webhook header',
			displayOptions: { hide: { webhookHeaderName: [''] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Auth-Token': '={{$credentials.authToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v3.0/sign/request/list',
			method: 'GET',
			qs: { max: 1 },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 0,
					message: 'Leegality refused the Auth Token (check the token and the environment)',
				},
			},
		],
	};
}
