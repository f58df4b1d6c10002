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
				'app.lexgo.cl → Settings → API Keys → Generate New API Key (shown only once). A key is either sandbox or live. Sent as the raw Authorization header, without "Bearer".',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.lexgo.cl/v1',
			placeholder: 'e.g. https://api.lexgo.cl/v1',
			description:
				'Sandbox and live keys use the same host. The nodes try the other API generation by themselves when a route does not exist (/v1 ↔ /api/v1; Send also POST …/send_invitation), so older accounts work with either value. Only this credential test cannot: if it fails with 404, enter https://api.lexgo.cl/api/v1.',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for LexgoSign Triggers set to Manual registration: the full Authorization value LexgoSign sends with each delivery, exactly as registered in "auth" (e.g. Bearer followed by your secret). Automatic registration generates its own secret and ignores this field.',
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
