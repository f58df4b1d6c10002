import type { IDataObject, INodePropertyRegexValidation } from 'n8n-workflow';

import { withoutUrlToken } from '../../../nodes/Legalesign/api';
import { Legalesign } from '../../../nodes/Legalesign/Legalesign.node';
import { DOCUMENT_ID } from '../../fixtures/legalesign';
import { type FakeResponse, runActionNode } from '../../support/contexts';

const node = new Legalesign();
const credentials = {
	legalesignApi: { username: 'u', secret: 's', baseUrl: 'https://legalesign.test/api/v1/' },
};
const json = (body: unknown): FakeResponse => ({
	statusCode: 200,
	headers: { 'content-type': 'application/json' },
	body,
});
const run = async (parameters: IDataObject, body: unknown) =>
	await runActionNode(node, { parameters, responses: [json(body)], credentials });

const SIGNER_ID = '656926a1-a9e9-434b-91cc-9f9769254e99';
const listedDocument = {
	uuid: DOCUMENT_ID,
	resource_uri: `/api/v1/document/${DOCUMENT_ID}/`,
	name: 'NDA',
	group: '/api/v1/group/main-team/',
	user: '/api/v1/user/u/',
	status: 20,
	archived: false,
	auto_archive: true,
	do_email: true,
	download_final: false,
	cc_emails: '',
	created: '2026-06-01T09:00:00',
	modified: '2026-06-02T10:00:00',
	redirect: '',
	return_signer_links: false,
	signers_in_order: false,
	tag: 'T-1',
	templatepdf: '/api/v1/templatepdf/t1/',
	pdftext: {},
	signers: [[`/api/v1/signer/${SIGNER_ID}/`, 'Asha', 'Rao', 'asha@example.com', '', true, 40, 0]],
};

describe('Legalesign Simplify', () => {
	it('Get document: IDs instead of URIs, statuses with their meaning, flat recipients (≤ 10 fields)', async () => {
		const { output } = await run(
			{ resource: 'document', operation: 'get', documentId: DOCUMENT_ID },
			listedDocument,
		);
		const expected = {
			documentId: DOCUMENT_ID,
			name: 'NDA',
			status: 20,
			statusText: 'Fields Completed',
			group: 'main-team',
			signedPdfReady: false,
			archived: false,
			created: '2026-06-01T09:00:00',
			modified: '2026-06-02T10:00:00',
			recipients: [
				{
					recipientId: SIGNER_ID,
					firstName: 'Asha',
					lastName: 'Rao',
					email: 'asha@example.com',
					role: null,
					status: 40,
					statusText: 'Signed',
					order: 0,
				},
			],
		};
		expect(output[0].json).toEqual(expected);
		expect(Object.keys(output[0].json).length).toBeLessThanOrEqual(10);

		// The newer signer_objects carry the role: they are preferred over the positional arrays.
		const detailed = await run(
			{ resource: 'document', operation: 'get', documentId: DOCUMENT_ID, simplify: true },
			{
				...listedDocument,
				signer_objects: [
					{
						firstname: 'Asha',
						lastname: 'Rao',
						email: 'asha@example.com',
						order: 0,
						role: 'witness',
						status: 39,
						uuid: SIGNER_ID,
					},
				],
			},
		);
		expect(detailed.output[0].json.recipients).toEqual([
			{ ...expected.recipients[0], role: 'witness', status: 39, statusText: 'Waiting for Witness' },
		]);
	});

	it('Get template PDF: its parties as a list, whether it can be sent', async () => {
		const { output } = await run(
			{
				resource: 'templatePdf',
				operation: 'get',
				templatePdfId: { __rl: true, mode: 'id', value: 't1' },
			},
			{
				uuid: 't1',
				resource_uri: '/api/v1/templatepdf/t1/',
				title: 'Contract',
				group: '/api/v1/group/sales/',
				user: '/api/v1/user/u/',
				created: '2026-01-01T09:00:00',
				modified: '2026-01-02T09:00:00',
				page_count: 3,
				signer_count: 2,
				parties: '["Buyer", "Seller"]',
				valid: true,
			},
		);
		expect(output[0].json).toEqual({
			templatePdfId: 't1',
			title: 'Contract',
			group: 'sales',
			sendable: true,
			parties: ['Buyer', 'Seller'],
			signerCount: 2,
			pageCount: 3,
			created: '2026-01-01T09:00:00',
			modified: '2026-01-02T09:00:00',
		});
		const odd = await run(
			{ resource: 'templatePdf', operation: 'get', templatePdfId: 't2' },
			{ uuid: 't2', parties: 'not json', valid: false },
		);
		expect(odd.output[0].json).toMatchObject({ templatePdfId: 't2', parties: [], sendable: false });
	});
});

describe('Legalesign resource locators', () => {
	const properties = node.description.properties;
	const locators = (name: string) => properties.filter((p) => p.name === name);

	it('documents, template PDFs and required groups are resource locators, "From List" first', () => {
		const expected: Record<string, [string, string[]]> = {
			documentId: ['searchDocuments', ['list', 'id', 'url']],
			templatePdfId: ['searchTemplatePdfs', ['list', 'id', 'url']],
			templatePdf: ['searchTemplatePdfs', ['list', 'id', 'url']],
			group: ['searchGroups', ['list', 'id']],
			webhookUrl: ['searchWebhooks', ['list', 'url']],
		};
		for (const [name, [method, modes]] of Object.entries(expected)) {
			for (const locator of locators(name)) {
				expect({ name, type: locator.type, default: locator.default }).toEqual({
					name,
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
				});
				expect(locator.modes?.map((mode) => mode.name)).toEqual(modes);
				expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe(method);
				expect(node.methods.listSearch).toHaveProperty(method);
			}
		}
		expect(locators('group').flatMap((p) => p.displayOptions?.show?.operation)).toEqual([
			'getAll',
			'createAndSend',
		]);
		// Optional group filters keep a dropdown whose first choice is "All Groups".
		expect(locators('groupFilter').map((p) => p.type)).toEqual(['options', 'options', 'options']);
	});

	it('"By URL" accepts Legalesign API URLs and resource URIs of that kind only', () => {
		const urlMode = locators('documentId')[0].modes!.find((mode) => mode.name === 'url')!;
		const { regex } = (urlMode.validation![0] as INodePropertyRegexValidation).properties;
		const valid = new RegExp(`^${regex}$`);
		expect(valid.test(`https://eu-api.legalesign.com/api/v1/document/${DOCUMENT_ID}/`)).toBe(true);
		expect(valid.test(`/api/v1/document/${DOCUMENT_ID}/`)).toBe(true);
		expect(valid.test(`https://eu-api.legalesign.com/api/v1/signer/${DOCUMENT_ID}/`)).toBe(false);
	});

	it('shows a webhook URL without its secret token, keeping the rest of the query', () => {
		expect(withoutUrlToken('https://n8n.example/webhook/a/webhook?token=abc')).toBe(
			'https://n8n.example/webhook/a/webhook',
		);
		expect(withoutUrlToken(' https://x.example/h?a=1&token=abc&b=2 ')).toBe(
			'https://x.example/h?a=1&b=2',
		);
		expect(withoutUrlToken('https://x.example/h')).toBe('https://x.example/h');
		expect(withoutUrlToken('not a url?token=abc')).toBe('not a url');
	});
});
