import { randomBytes } from 'node:crypto';

import type {
	IDataObject,
	INodeProperties,
	INodePropertyCollection,
	INodeType,
} from 'n8n-workflow';

import { Leegality } from '../../../nodes/Leegality/Leegality.node';
import { LeegalityTrigger } from '../../../nodes/Leegality/LeegalityTrigger.node';
import { Legalesign } from '../../../nodes/Legalesign/Legalesign.node';
import { LegalesignTrigger } from '../../../nodes/Legalesign/LegalesignTrigger.node';
import { LexgoSign } from '../../../nodes/LexgoSign/LexgoSign.node';
import { LexgoSignTrigger } from '../../../nodes/LexgoSign/LexgoSignTrigger.node';
import { type FakeResponse, runActionNode } from '../../support/contexts';
import { allSetups, deliver, leakedSecret } from '../../support/triggers';

/**
 * Issue 9, fault 3: n8n stores a node's parameters in workflows, shared copies and the error of
 * every failed execution, and its items in execution records. So no parameter may hold a secret,
 * and no item may echo one (a credential field, or a secret a trigger registered).
 */

const nodes: Array<[string, INodeType]> = [
	['Leegality', new Leegality()],
	['Leegality Trigger', new LeegalityTrigger()],
	['Legalesign', new Legalesign()],
	['Legalesign Trigger', new LegalesignTrigger()],
	['LexgoSign', new LexgoSign()],
	['LexgoSign Trigger', new LexgoSignTrigger()],
];

/** Every parameter, including those inside collections and fixed collections. */
function allParameters(properties: INodeProperties[]): INodeProperties[] {
	const found: INodeProperties[] = [];
	const queue = [...properties];
	while (queue.length > 0) {
		const property = queue.shift()!;
		found.push(property);
		for (const option of property.options ?? []) {
			if ('type' in option) queue.push(option as INodeProperties);
			else if ('values' in option) queue.push(...(option as INodePropertyCollection).values);
		}
	}
	return found;
}

const SECRET_NAME = /(secret|password|passwd|token|apikey|api_key|authorization|auth)$/i;

describe.each(nodes)('%s: no parameter can hold a secret', (_name, node) => {
	const parameters = allParameters(node.description.properties);

	it('walks every parameter (control)', () => {
		expect(parameters.length).toBeGreaterThan(node.description.properties.length - 1);
	});

	it('has no password field', () => {
		const passwords = parameters.filter((p) => p.typeOptions?.password === true);
		expect(passwords.map((p) => p.name)).toEqual([]);
	});

	it('has no free-text parameter named like a secret', () => {
		const textual = parameters.filter((p) => ['string', 'json'].includes(p.type));
		expect(textual.map((p) => p.name).filter((name) => SECRET_NAME.test(name))).toEqual([]);
	});
});

describe('trigger items, answers and log lines never contain a secret', () => {
	it.each(allSetups().map((setup) => [setup.name, setup] as const))(
		'%s: a genuine delivery',
		async (_name, setup) => {
			const outcome = await deliver(setup, setup.sign(setup.sample()));
			expect(outcome.items.length).toBeGreaterThan(0);
			expect(leakedSecret(setup, outcome)).toBeUndefined();
		},
	);
});

const json = (body: unknown, statusCode = 200, headers: IDataObject = {}): FakeResponse => ({
	statusCode,
	headers: { 'content-type': 'application/json', ...headers },
	body,
});

describe('Legalesign action outputs never contain a URL token or a PDF password', () => {
	const token = randomBytes(32).toString('hex');
	const pdfPassword = randomBytes(12).toString('hex');
	const hookUrl = 'https://n8n.example.com/webhook/abc/webhook';
	const credentials = {
		legalesignApi: { username: 'u', secret: 's', baseUrl: 'https://legalesign.test/api/v1' },
	};
	const listing = [
		{ url: `${hookUrl}?token=${token}`, notify_when: 10, event_filter: '', active: true },
		{ url: 'https://other.example/hook', notify_when: 10, event_filter: '', active: true },
	];
	const run = (parameters: IDataObject, responses: FakeResponse[]) =>
		runActionNode(new Legalesign(), { parameters, responses, credentials });

	it('Webhook Get Many redacts query values of the listed URLs', async () => {
		const { output } = await run({ resource: 'webhook', operation: 'getAll', returnAll: true }, [
			json(listing),
		]);
		expect(JSON.stringify(output)).not.toContain(token);
		expect(output[0].json.url).toBe(`${hookUrl}?token=[redacted]`);
		expect(output[1].json.url).toBe('https://other.example/hook');
	});

	it('Webhook Delete finds the registration by URL without query and unsubscribes its exact URL', async () => {
		const { requests, output } = await run(
			{
				resource: 'webhook',
				operation: 'delete',
				webhookUrl: { __rl: true, mode: 'url', value: hookUrl },
				eventFilter: '',
				groupFilter: '',
			},
			[json(listing), json({})],
		);
		expect(requests.map((r) => [r.method, r.url])).toEqual([
			['GET', '/notifications/'],
			['POST', '/unsubscribe/'],
		]);
		expect(requests[1].body).toEqual({ url: `${hookUrl}?token=${token}` });
		expect(JSON.stringify(output)).not.toContain(token);
		expect(output[0].json).toMatchObject({ url: hookUrl, unsubscribed: true });
	});

	it('Webhook Create does not echo a token it was given', async () => {
		const { output } = await run(
			{
				resource: 'webhook',
				operation: 'create',
				url: `${hookUrl}?token=${token}`,
				notify: 'realtime',
				eventFilter: '',
				groupFilter: '',
			},
			[json('', 201)],
		);
		expect(JSON.stringify(output)).not.toContain(token);
	});

	it('Document Get replaces the PDF password (raw output) and leaves it out (simplified)', async () => {
		const document = { uuid: 'doc-1', pdf_password: pdfPassword, pdf_password_type: 1 };
		const raw = await run(
			{ resource: 'document', operation: 'get', documentId: 'doc-1', simplify: false },
			[json(document)],
		);
		expect(JSON.stringify(raw.output)).not.toContain(pdfPassword);
		expect(raw.output[0].json).toMatchObject({ pdf_password: '[redacted]', pdf_password_type: 1 });
		const simplified = await run({ resource: 'document', operation: 'get', documentId: 'doc-1' }, [
			json(document),
		]);
		expect(simplified.output[0].json).toMatchObject({ documentId: 'doc-1' });
		expect(JSON.stringify(simplified.output)).not.toContain(pdfPassword);
	});
});

describe('LexgoSign action outputs never contain the webhook Authorization value', () => {
	const webhookSecret = `Bearer ${randomBytes(24).toString('hex')}`;
	const credentials = {
		lexgoSignApi: { apiKey: 'k', baseUrl: 'https://lexgo.test/v1', webhookSecret },
	};
	const stored = {
		id: 'wh-1',
		url: 'https://n8n.example.com/webhook/abc/webhook',
		subscriptions: 'envelope.success',
		auth_type: 'header',
		auth: webhookSecret,
	};
	const run = (parameters: IDataObject, responses: FakeResponse[]) =>
		runActionNode(new LexgoSign(), { parameters, responses, credentials });

	it.each([
		['Get Many', { operation: 'getAll', returnAll: true }, json({ webhooks: [stored] })],
		['Get', { operation: 'get', webhookId: 'wh-1' }, json({ webhook: stored })],
		[
			'Create',
			{ operation: 'create', url: stored.url, events: ['envelope.success'], options: {} },
			json({ webhook: stored }, 201),
		],
		[
			'Update',
			{ operation: 'update', webhookId: 'wh-1', updateFields: { useWebhookSecret: true } },
			json({ success: true }),
		],
	])('Webhook %s', async (_operation, parameters, response) => {
		const { output, requests } = await run({ resource: 'webhook', ...parameters }, [response]);
		expect(requests.length).toBe(1);
		expect(JSON.stringify(output)).not.toContain(webhookSecret.slice('Bearer '.length));
	});
});
