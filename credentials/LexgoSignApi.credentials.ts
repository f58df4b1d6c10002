import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Expression for the API base URL; mirrors `lexgoSignBaseUrl()` in nodes/LexgoSign/api.ts. */
const BASE_URL_EXPRESSION =
	"={{ (($credentials.baseUrl || '').trim() || 'https://api.lexgo.cl/v1').replace(/\\/+$/, '') }}";

export class LexgoSignApi implements ICredentialType {
	name = 'lexgoSignApi';

	displayName = 'LexgoSign API';

	icon: Icon = { light: 'file:../icons/lexgosign.svg', dark: 'file:../icons/lexgosign.dark.svg' };

	documentationUrl = 'https://docs.lexgo.cl/getting-started/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Generate one at app.lexgo.cl → Settings → API Keys (it is shown only once) and paste it without "Bearer"',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.lexgo.cl/v1',
			placeholder: 'e.g. https://api.lexgo.cl/v1',
			description:
				'Keep the default: the nodes also reach accounts on the older API by themselves. If the credential test fails with 404, enter https://api.lexgo.cl/api/v1',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for LexgoSign Triggers with Manual registration: the Authorization value you registered for the subscription, e.g. "Bearer " followed by a long random string',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/test',
			method: 'POST',
		},
	};
}
