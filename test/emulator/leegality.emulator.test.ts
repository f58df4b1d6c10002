import { createHmac, randomBytes } from 'node:crypto';

import {
	assumptionsMissingFromReadme,
	leegality as standalone,
	startEmulator,
	startReceiver,
} from '../../emulator';
import type {
	DeliveryAttempt,
	Emulator,
	LeegalityWebhookBody,
	ReceivedRequest,
	Receiver,
} from '../../emulator';

/* ------------------------------------------------------------------ helpers */

interface Message {
	code: string | null;
	message: string;
}
interface Envelope<T = Record<string, unknown>> {
	status: number;
	messages: Message[];
	data: T;
}
interface Answer<T> {
	status: number;
	contentType: string;
	body: Envelope<T>;
	text: string;
}
type Dict = Record<string, unknown>;

interface CallOptions {
	query?: Record<string, string | number | boolean>;
	body?: unknown;
	headers?: Record<string, string>;
	/** false: no X-Auth-Token */
	auth?: boolean;
}

/** Leegality MAC computed independently of the emulator. */
function hmacHex(documentId: string, salt: string): string {
	return createHmac('sha1', salt).update(documentId, 'utf8').digest('hex');
}

function samplePdfBase64(): string {
	return Buffer.from('%PDF-1.4\n% sample\n%%EOF\n', 'latin1').toString('base64');
}

function makeClient(emu: Emulator) {
	async function raw(method: string, path: string, options: CallOptions = {}): Promise<Response> {
		const url = new URL(`${emu.leegality.baseUrl}${path}`);
		for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
		const headers: Record<string, string> = { ...(options.headers ?? {}) };
		if (options.auth !== false) headers['X-Auth-Token'] = emu.leegality.authToken;
		let body: string | undefined;
		if (options.body !== undefined) {
			headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
			body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		}
		return fetch(url, { method, headers, body });
	}
	async function call<T = Dict>(
		method: string,
		path: string,
		options: CallOptions = {},
	): Promise<Answer<T>> {
		const res = await raw(method, path, options);
		const text = await res.text();
		let body = {} as Envelope<T>;
		try {
			body = JSON.parse(text) as Envelope<T>;
		} catch {
			// binary bodies stay in `text`
		}
		return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, text };
	}
	return { raw, call };
}

function lastOf<T>(items: T[]): T {
	return items[items.length - 1];
}

function webhookBody(req: ReceivedRequest): LeegalityWebhookBody {
	return req.json as LeegalityWebhookBody;
}

/* ------------------------------------------------------------------ REST */

describe('Leegality emulator: REST API', () => {
	let emu: Emulator;
	let api: ReturnType<typeof makeClient>;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0 });
		api = makeClient(emu);
	});
	afterAll(async () => {
		await emu.close();
	});

	describe('auth', () => {
		it('answers a missing X-Auth-Token with HTTP 401 Access Denied', async () => {
			const res = await api.call('GET', '/v3.0/sign/request/list', { auth: false });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({
				status: 0,
				messages: [{ code: null, message: 'Access Denied' }],
				data: null,
			});
		});

		it('answers a wrong token with HTTP 403 and empty code/message', async () => {
			const res = await api.call('GET', '/v3.0/sign/request/list', {
				auth: false,
				headers: { 'X-Auth-Token': 'wrong' },
			});
			expect(res.status).toBe(403);
			expect(res.body).toEqual({ status: 0, messages: [{ code: '', message: '' }], data: null });
		});

		it('refuses an Authorization header sent along with the token', async () => {
			const res = await api.call('GET', '/v3.0/sign/request/list', {
				headers: { Authorization: 'Bearer abc' },
			});
			expect(res.status).toBe(403);
		});

		it('checks auth before routing; unknown paths are 404 with a token', async () => {
			expect((await api.call('GET', '/v9.9/nothing', { auth: false })).status).toBe(401);
			expect((await api.call('GET', '/v9.9/nothing')).status).toBe(404);
			expect((await api.call('PATCH', '/v3.0/sign/request')).status).toBe(405);
		});

		it('redacts the token in the request log', async () => {
			emu.clearLogs();
			await api.call('GET', '/v3.0/sign/request/list', { query: { max: 1 } });
			expect(emu.requests).toHaveLength(1);
			expect(emu.requests[0]).toMatchObject({
				provider: 'leegality',
				method: 'GET',
				path: '/leegality/api/v3.0/sign/request/list',
				query: { max: '1' },
				status: 200,
			});
			expect(emu.requests[0].headers['x-auth-token']).toBe('[redacted]');
			expect(JSON.stringify(emu.requests)).not.toContain(emu.leegality.authToken);
		});
	});

	describe('Content-Type quirk', () => {
		it('ignores the query string of a body-less GET that carries Content-Type', async () => {
			const doc = emu.leegality.seedDocument({ name: 'Quirk' });
			const query = { documentId: doc.documentId };
			const withHeader = await api.call('GET', '/v3.3/document/details', {
				query,
				headers: { 'Content-Type': 'application/json' },
			});
			expect(withHeader.status).toBe(200);
			expect(withHeader.body).toEqual({
				status: 0,
				messages: [{ code: null, message: 'Property documentId cannot be null' }],
				data: null,
			});
			const without = await api.call('GET', '/v3.3/document/details', { query });
			expect(without.body.status).toBe(1);
		});

		it('does the same for DELETE, so nothing is deleted', async () => {
			const doc = emu.leegality.seedDocument({ name: 'Quirk delete' });
			const res = await api.call('DELETE', '/v3.0/sign/request', {
				query: { documentId: doc.documentId },
				headers: { 'Content-Type': 'application/json' },
			});
			expect(res.body.messages[0].message).toBe('Property documentId cannot be null');
			expect(emu.leegality.getDocument(doc.documentId)).toBeDefined();
		});
	});

	describe('GET /v3.3/document/details', () => {
		it('returns document and invitations always, and no opt-in group without its flag', async () => {
			const doc = emu.leegality.seedDocument({
				name: 'Details base',
				irn: 'IRN-D1',
				invitees: [
					{ name: 'Asha Rao', email: 'asha@example.com', phone: '9800000000' },
					{ name: 'Rita Reviewer', email: 'rita@example.com', inviteeType: 'Reviewer' },
				],
			});
			const res = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: { documentId: doc.documentId },
			});
			expect(res.body.status).toBe(1);
			expect(Object.keys(res.body.data).sort()).toEqual(['document', 'invitations']);
			expect(res.body.data.document).toEqual({
				id: doc.documentId,
				name: 'Details base',
				irn: 'IRN-D1',
				status: 'SENT',
				deleted: false,
				creationDate: expect.stringMatching(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/),
				completionDate: null,
			});
			const invitations = res.body.data.invitations as Dict[];
			expect(invitations).toHaveLength(2);
			expect(invitations[1]).toMatchObject({
				name: 'Rita Reviewer',
				inviteeType: 'Reviewer',
				invitationUrl: doc.invitees[1].signUrl,
				invitationStatus: {
					active: true,
					signed: false,
					reviewed: false,
					approved: false,
					rejected: false,
					expired: false,
					signDate: null,
				},
			});
			expect(invitations[0].inviteeConfigs).toBeUndefined();
		});

		it('applies child flags only when the parent flag is true', async () => {
			const doc = emu.leegality.seedDocument({
				name: 'Flags',
				webhookUrl: 'http://127.0.0.1:9/ok',
				errorWebhookUrl: 'http://127.0.0.1:9/err',
			});
			const childOnly = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: {
					documentId: doc.documentId,
					workflow_name: true,
					sender_name: true,
					invitations_inviteeConfigs_customURL: true,
				},
			});
			expect(childOnly.body.data.workflow).toBeUndefined();
			expect(childOnly.body.data.sender).toBeUndefined();
			expect((childOnly.body.data.invitations as Dict[])[0].inviteeConfigs).toBeUndefined();

			const parentOnly = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: { documentId: doc.documentId, workflow: true, sender: true, folder: true },
			});
			expect(parentOnly.body.data.workflow).toEqual({ id: 'pdfSign' });
			expect(parentOnly.body.data.sender).toEqual({ username: expect.any(String) });
			expect(parentOnly.body.data.folders).toEqual([{ id: expect.any(String) }]);

			const both = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: {
					documentId: doc.documentId,
					workflow: true,
					workflow_name: true,
					workflow_type: true,
					sender: true,
					sender_name: true,
					folder: true,
					folder_name: true,
					cc: true,
					invitations_inviteeConfigs: true,
					invitations_inviteeConfigs_customURL: true,
				},
			});
			expect(both.body.data.workflow).toEqual({
				id: 'pdfSign',
				name: expect.any(String),
				type: 'PDF',
			});
			expect(both.body.data.sender).toEqual({
				username: expect.any(String),
				name: expect.any(String),
			});
			expect(both.body.data.folders).toEqual([
				{ id: expect.any(String), name: expect.any(String) },
			]);
			expect(both.body.data.cc).toEqual([]);
			const configs = (both.body.data.invitations as Dict[])[0].inviteeConfigs as Dict;
			expect(configs.customURL).toEqual({
				webhookURL: 'http://127.0.0.1:9/ok',
				redirectURL: null,
				errorWebhookURL: 'http://127.0.0.1:9/err',
				baseURL: null,
				webhookVersion: 'v2.5',
			});
			expect(configs.security).toBeUndefined();
		});

		it('reports rejection texts only with their invitationStatus flags', async () => {
			const doc = emu.leegality.seedDocument({
				name: 'Rejected',
				invitees: [
					{
						name: 'Rita',
						email: 'rita@example.com',
						inviteeType: 'Reviewer',
						status: 'rejected',
						rejectionMessage: 'Fix clause 4',
					},
				],
			});
			const plain = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: { documentId: doc.documentId },
			});
			const plainStatus = (plain.body.data.invitations as Dict[])[0].invitationStatus as Dict;
			expect(plainStatus.rejected).toBe(true);
			expect(plainStatus.rejectionMessage).toBeUndefined();
			const flagged = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: { documentId: doc.documentId, invitations_invitationStatus_rejectionMessage: true },
			});
			expect(
				((flagged.body.data.invitations as Dict[])[0].invitationStatus as Dict).rejectionMessage,
			).toBe('Fix clause 4');
			expect((flagged.body.data.document as Dict).status).toBe('SENT');
		});

		it('serves file and auditTrail as short-lived URLs that need no auth; auditTrail only when completed', async () => {
			const sent = emu.leegality.seedDocument({ name: 'Not yet' });
			const sentRes = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: { documentId: sent.documentId, file: true, auditTrail: true },
			});
			expect(sentRes.body.data.file).toMatch(new RegExp(`^${emu.url}/leegality/cdn/[0-9a-f]+$`));
			expect(sentRes.body.data.auditTrail).toBeNull();

			const done = emu.leegality.seedDocument({ name: 'Done', completed: true });
			const doneRes = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: { documentId: done.documentId, file: true, auditTrail: true },
			});
			expect((doneRes.body.data.document as Dict).status).toBe('COMPLETED');
			emu.clearLogs();
			const trail = await fetch(String(doneRes.body.data.auditTrail));
			expect(trail.status).toBe(200);
			expect(trail.headers.get('content-type')).toBe('application/pdf');
			const text = Buffer.from(await trail.arrayBuffer()).toString('latin1');
			expect(text.startsWith('%PDF-')).toBe(true);
			expect(text).toContain(done.documentId);
			expect(text).toContain('AUDIT_TRAIL');
			expect(emu.requests[0].headers['x-auth-token']).toBeUndefined();

			const withAuthorization = await fetch(String(doneRes.body.data.file), {
				headers: { Authorization: 'Bearer abc' },
			});
			expect(withAuthorization.status).toBe(400);
		});

		it('answers an unknown documentId with HTTP 200 and no.document.found', async () => {
			const res = await api.call('GET', '/v3.3/document/details', {
				query: { documentId: '01AAAAAAAAAAAAAAAAAAAAAAAA' },
			});
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({
				status: 0,
				messages: [{ code: 'no.document.found' }],
				data: null,
			});
		});
	});

	describe('GET /v3.2/sign/request', () => {
		it('summarises invitations; files and auditTrail only when completed', async () => {
			const doc = emu.leegality.seedDocument({ name: 'Status', irn: 'ST-1' });
			const res = await api.call<Dict>('GET', '/v3.2/sign/request', {
				query: { documentId: doc.documentId },
			});
			expect(res.body.data).toMatchObject({
				documentId: doc.documentId,
				irn: 'ST-1',
				files: [],
				auditTrail: null,
			});
			expect((res.body.data.requests as Dict[])[0]).toEqual({
				name: 'Test Signer',
				email: 'signer@example.com',
				phone: null,
				signUrl: doc.invitees[0].signUrl,
				active: true,
				signed: false,
				rejected: false,
				expired: false,
				expiryDate: expect.stringMatching(/ 23:59:59$/),
				signType: 'AADHAAR',
			});
			const done = emu.leegality.seedDocument({ name: 'Status done', completed: true });
			const doneRes = await api.call<Dict>('GET', '/v3.2/sign/request', {
				query: { documentId: done.documentId },
			});
			expect(doneRes.body.data.files).toHaveLength(1);
			expect(doneRes.body.data.auditTrail).toEqual(expect.stringContaining('/leegality/cdn/'));
		});
	});

	describe('fetchDocument', () => {
		it('v3.1 returns raw PDF bytes that identify document and type', async () => {
			const doc = emu.leegality.seedDocument({ name: 'Binary' });
			const res = await api.raw('GET', '/v3.1/document/fetchDocument', {
				query: { documentId: doc.documentId, documentDownloadType: 'DOCUMENT' },
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/pdf');
			const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
			expect(text.startsWith('%PDF-1.4')).toBe(true);
			expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
			expect(text).toContain(`documentId: ${doc.documentId}`);
			expect(text).toContain('documentDownloadType: DOCUMENT');
		});

		it('v3.1 answers errors as JSON: audit trail before completion, several types, unknown document', async () => {
			const doc = emu.leegality.seedDocument({ name: 'Binary errors' });
			const trail = await api.call('GET', '/v3.1/document/fetchDocument', {
				query: { documentId: doc.documentId, documentDownloadType: 'AUDIT_TRAIL' },
			});
			expect(trail.contentType).toMatch(/^application\/json/);
			expect(trail.body.messages[0].code).toBe('no.document.found');
			const two = await api.call('GET', '/v3.1/document/fetchDocument', {
				query: { documentId: doc.documentId, documentDownloadType: 'DOCUMENT,AUDIT_TRAIL' },
			});
			expect(two.body.messages[0].code).toBe('document.download.type');
			const unknown = await api.call('GET', '/v3.1/document/fetchDocument', {
				query: { documentId: 'nope', documentDownloadType: 'DOCUMENT' },
			});
			expect(unknown.body.messages[0].code).toBe('no.document.found');
		});

		it('v3.1 serves supporting documents by invitation URL and attachments by index', async () => {
			const doc = emu.leegality.seedDocument({
				name: 'Extras',
				attachments: [{ name: 'Annexure A' }],
				invitees: [
					{ name: 'Asha', email: 'asha@example.com', supportingDocuments: [{ name: 'PAN card' }] },
				],
			});
			const support = await api.raw('GET', '/v3.1/document/fetchDocument', {
				query: {
					documentId: doc.documentId,
					documentDownloadType: 'SUPPORTING_DOCUMENT',
					supportDocumentUrl: doc.invitees[0].signUrl,
					index: 0,
				},
			});
			expect(Buffer.from(await support.arrayBuffer()).toString('latin1')).toContain(
				'supportingDocument: PAN card',
			);
			const attachment = await api.raw('GET', '/v3.1/document/fetchDocument', {
				query: { documentId: doc.documentId, documentDownloadType: 'ATTACHMENT', index: 0 },
			});
			expect(Buffer.from(await attachment.arrayBuffer()).toString('latin1')).toContain(
				'attachment: Annexure A',
			);
			const outOfRange = await api.call('GET', '/v3.1/document/fetchDocument', {
				query: { documentId: doc.documentId, documentDownloadType: 'ATTACHMENT', index: 1 },
			});
			expect(outOfRange.body.messages[0].code).toBe('no.document.found');
		});

		it('v3.3 returns a URL for completed documents only', async () => {
			const sent = emu.leegality.seedDocument({ name: 'v33 sent' });
			const res = await api.call('GET', '/v3.3/document/fetchDocument', {
				query: { documentId: sent.documentId, documentDownloadType: 'DOCUMENT' },
			});
			expect(res.body.messages[0].code).toBe('no.document.found');
			const done = emu.leegality.seedDocument({ name: 'v33 done', completed: true });
			const ok = await api.call<{ file: string }>('GET', '/v3.3/document/fetchDocument', {
				query: { documentId: done.documentId, documentDownloadType: 'DOCUMENT' },
			});
			expect(ok.body.status).toBe(1);
			const file = await fetch(ok.body.data.file);
			expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toContain(done.documentId);
		});
	});

	describe('POST /v3.0/sign/request (create)', () => {
		const create = (body: unknown) => api.call<Dict>('POST', '/v3.0/sign/request', { body });
		const signer = { name: 'Asha Rao', email: 'asha@example.com' };

		it.each([
			[
				'no profileId',
				{ file: { name: 'x', file: samplePdfBase64() }, invitees: [signer] },
				null,
				'Property profileId cannot be null',
			],
			[
				'no file',
				{ profileId: 'pdfSign', invitees: [signer] },
				null,
				'Property file cannot be null',
			],
			[
				'unknown profile',
				{ profileId: 'nope', file: { file: samplePdfBase64() }, invitees: [signer] },
				'workflow.api.fields.or.file.required',
				null,
			],
			[
				'neither file nor fields',
				{ profileId: 'pdfSign', file: { name: 'x' }, invitees: [signer] },
				'workflow.api.fields.or.file.required',
				null,
			],
			[
				'fields on a PDF workflow',
				{ profileId: 'pdfSign', file: { fields: { a: 1 } }, invitees: [signer] },
				'workflow.api.fields.or.file.required',
				null,
			],
			[
				'no invitees anywhere',
				{ profileId: 'pdfSign', file: { file: samplePdfBase64() } },
				'simpleWorkFlow.no.payload.invitee',
				null,
			],
			[
				'a data: prefix',
				{
					profileId: 'pdfSign',
					file: { file: `data:application/pdf;base64,${samplePdfBase64()}` },
					invitees: [signer],
				},
				'file.invalid',
				null,
			],
			[
				'an irn over 255 chars',
				{
					profileId: 'pdfSign',
					file: { file: samplePdfBase64() },
					invitees: [signer],
					irn: 'x'.repeat(256),
				},
				'irn.length.invalid',
				null,
			],
			[
				'an invitee without email and phone',
				{ profileId: 'pdfSign', file: { file: samplePdfBase64() }, invitees: [{ name: 'A' }] },
				'invitee.email.or.phone.required',
				null,
			],
		])('rejects %s with HTTP 200 status 0', async (_label, body, code, message) => {
			const res = await create(body);
			expect(res.status).toBe(200);
			expect(res.body.status).toBe(0);
			expect(res.body.data).toBeNull();
			expect(res.body.messages[0].code).toBe(code);
			if (message) expect(res.body.messages[0].message).toBe(message);
		});

		it('answers malformed JSON with a Spring-style 400', async () => {
			const res = await api.call('POST', '/v3.0/sign/request', { body: '{"profileId":' });
			expect(res.status).toBe(400);
		});

		it('creates a SENT document with sign URLs; webhook URLs are frozen at creation', async () => {
			emu.leegality.configureWebhooks({
				profileId: 'pdfSign',
				webhookUrl: 'http://127.0.0.1:9/first',
			});
			const res = await create({
				profileId: 'pdfSign',
				file: { name: 'Contract', file: samplePdfBase64() },
				irn: 'ORDER-1042',
				invitees: [signer, { name: 'Bo', phone: '9800000000' }],
				cc: [{ name: 'Legal', email: 'legal@example.com' }],
			});
			emu.leegality.configureWebhooks({ profileId: 'pdfSign', webhookUrl: null });
			expect(res.body.status).toBe(1);
			expect(res.body.messages).toEqual([]);
			const data = res.body.data as { documentId: string; irn: string; invitees: Dict[] };
			expect(data.documentId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
			expect(data.irn).toBe('ORDER-1042');
			expect(data.invitees).toEqual([
				{
					name: 'Asha Rao',
					email: 'asha@example.com',
					phone: null,
					signUrl: expect.stringMatching(new RegExp(`^${emu.url}/leegality/sign/[0-9a-f-]{36}$`)),
					active: true,
					expiryDate: expect.any(String),
				},
				{
					name: 'Bo',
					email: null,
					phone: '9800000000',
					signUrl: expect.any(String),
					active: true,
					expiryDate: expect.any(String),
				},
			]);
			const snapshot = emu.leegality.getDocument(data.documentId);
			expect(snapshot?.status).toBe('SENT');
			expect(snapshot?.invitees[0].webhookUrl).toBe('http://127.0.0.1:9/first');
		});

		it('accepts template fields on a Template workflow and puts fixed workflow invitees first', async () => {
			const tmpl = await create({
				profileId: 'tmplSgn',
				file: { fields: { candidateName: 'Asha' } },
				invitees: [signer],
			});
			expect(tmpl.body.status).toBe(1);
			const fixed = await create({ profileId: 'fixedSg', file: { file: samplePdfBase64() } });
			expect(fixed.body.status).toBe(1);
			expect((fixed.body.data.invitees as Dict[]).map((i) => i.name)).toEqual([
				'Company Signatory',
			]);
		});

		it('lists the seeded profiles', () => {
			expect(emu.leegality.profiles.map((p) => p.id)).toEqual([
				'pdfSign',
				'revSign',
				'tmplSgn',
				'fixedSg',
			]);
		});
	});

	describe('resend, delete', () => {
		it('resends per invitation and reports each result', async () => {
			const doc = emu.leegality.seedDocument({
				name: 'Resend',
				invitees: [
					{ name: 'A', email: 'a@example.com' },
					{ name: 'B', email: 'b@example.com', status: 'signed' },
				],
			});
			const uuid = lastOf(doc.invitees[0].signUrl.split('/'));
			const res = await api.call<{ invitations: Dict[] }>('POST', '/v3.0/sign/request/resend', {
				body: { signUrls: [uuid, doc.invitees[1].signUrl, 'no-such-invitation'] },
			});
			expect(res.body.status).toBe(1);
			expect(res.body.data.invitations.map((i) => i.status)).toEqual([1, 0, 0]);
			expect(res.body.data.invitations[0]).toMatchObject({
				name: 'A',
				email: 'a@example.com',
				signUrl: doc.invitees[0].signUrl,
			});
			const tooMany = await api.call('POST', '/v3.0/sign/request/resend', {
				body: { signUrls: Array.from({ length: 16 }, () => uuid) },
			});
			expect(tooMany.body.status).toBe(0);
		});

		it('deletes a document: document.delete.success, then no.document.found', async () => {
			const doc = emu.leegality.seedDocument({ name: 'Delete me' });
			const res = await api.call('DELETE', '/v3.0/sign/request', {
				query: { documentId: doc.documentId },
			});
			expect(res.body).toEqual({
				status: 1,
				messages: [{ code: 'document.delete.success', message: expect.any(String) }],
				data: {},
			});
			const again = await api.call('GET', '/v3.3/document/details', {
				query: { documentId: doc.documentId },
			});
			expect(again.body.messages[0].code).toBe('no.document.found');
		});

		it('deletes only unsigned invitations', async () => {
			const doc = emu.leegality.seedDocument({
				name: 'Delete invitation',
				invitees: [
					{ name: 'A', email: 'a@example.com', status: 'signed' },
					{ name: 'B', email: 'b@example.com' },
				],
			});
			const signed = await api.call('DELETE', '/v3.0/sign/request/invitation', {
				query: { signUrl: doc.invitees[0].signUrl },
			});
			expect(signed.body.status).toBe(0);
			const pending = await api.call('DELETE', '/v3.0/sign/request/invitation', {
				query: { signUrl: doc.invitees[1].signUrl },
			});
			expect(pending.body).toMatchObject({
				status: 1,
				messages: [{ code: 'invitation.deleted.success' }],
			});
			const details = await api.call<Dict>('GET', '/v3.3/document/details', {
				query: { documentId: doc.documentId },
			});
			expect((details.body.data.invitations as Dict[]).map((i) => i.name)).toEqual(['A']);
			expect((details.body.data.document as Dict).status).toBe('SENT');
		});
	});
});

describe('Leegality emulator: list endpoints', () => {
	let emu: Emulator;
	let api: ReturnType<typeof makeClient>;
	let clock = Date.UTC(2026, 0, 10, 6, 30);
	const day = 86_400_000;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0, now: () => clock });
		api = makeClient(emu);
		for (let i = 0; i < 45; i++)
			emu.leegality.seedDocument({
				name: `Doc ${i}`,
				irn: `IRN-${i}`,
				createdAt: clock + i * 1000,
			});
		// completed on 10, 11, 12 Jan 2026 (IST), seeded out of order
		for (const [name, offset] of [
			['Lease C', 2],
			['Lease A', 0],
			['Lease B', 1],
		] as const) {
			emu.leegality.seedDocument({
				name,
				irn: `LEASE-${name.slice(-1)}`,
				completed: true,
				createdAt: clock,
				completedAt: clock + offset * day,
			});
		}
		clock += 10 * day;
	});
	afterAll(async () => {
		await emu.close();
	});

	type ListData = { total: number; documents: Dict[] };
	const list = (query: Record<string, string | number>) =>
		api.call<ListData>('GET', '/v3.0/sign/request/list', { query });

	it('pages with max default 20, max 40, and > 40 silently becoming 20', async () => {
		expect((await list({})).body.data.documents).toHaveLength(20);
		expect((await list({ max: 40 })).body.data.documents).toHaveLength(40);
		expect((await list({ max: 41 })).body.data.documents).toHaveLength(20);
		const page = await list({ max: 10, offset: 40 });
		expect(page.body.data.total).toBe(48);
		expect(page.body.data.documents).toHaveLength(8);
		expect(page.body.data.documents[0]).toEqual({
			name: expect.any(String),
			documentId: expect.any(String),
			irn: expect.any(String),
			folderId: expect.any(String),
			folderName: expect.any(String),
			status: expect.stringMatching(/^(SENT|COMPLETED)$/),
		});
	});

	it('matches q exactly (case-insensitive) on name, documentId or irn', async () => {
		expect((await list({ q: 'irn-7' })).body.data.documents.map((d) => d.name)).toEqual(['Doc 7']);
		expect((await list({ q: 'doc 7' })).body.data.total).toBe(1);
		expect((await list({ q: 'IRN-' })).body.data.total).toBe(0);
		const id = emu.leegality.listDocuments()[3].documentId;
		expect((await list({ q: id.toLowerCase() })).body.data.documents[0].documentId).toBe(id);
	});

	it('filters by status', async () => {
		expect((await list({ status: 'COMPLETED' })).body.data.total).toBe(3);
		expect((await list({ status: 'bogus' })).body.status).toBe(0);
	});

	type CompletedData = { documents: Dict[]; totalCount: number };
	const completed = (query: Record<string, string | number>) =>
		api.call<CompletedData>('GET', '/v3.0/document/completed', { query });

	it('lists completed documents oldest completion first, with date filters and totalCount', async () => {
		const all = await completed({});
		expect(all.body.data.totalCount).toBe(3);
		expect(all.body.data.documents.map((d) => d.documentName)).toEqual([
			'Lease A',
			'Lease B',
			'Lease C',
		]);
		expect(all.body.data.documents[0]).toEqual({
			documentId: expect.any(String),
			documentName: 'Lease A',
			irn: 'LEASE-A',
			folderId: expect.any(String),
			folderName: expect.any(String),
			dateCreated: '10-01-2026 12:00:00',
			completionDate: '10-01-2026 12:00:00',
		});
		const range = await completed({ startDate: '11-01-2026', endDate: '12-01-2026' });
		expect(range.body.data.documents.map((d) => d.documentName)).toEqual(['Lease B', 'Lease C']);
		expect((await completed({ irn: 'LEASE-C' })).body.data.totalCount).toBe(1);
		expect((await completed({ name: 'lease' })).body.data.totalCount).toBe(3);
		expect((await completed({ startDate: '2026-01-11' })).body.status).toBe(0);
	});

	it('returns an empty page with the right total past the end', async () => {
		const res = await completed({ offset: 10 });
		expect(res.body.data).toEqual({ documents: [], totalCount: 3 });
	});

	it('expires file links after 15 s of the emulator clock', async () => {
		const done = emu.leegality.listDocuments().filter((d) => d.status === 'COMPLETED')[0];
		const res = await api.call<{ file: string }>('GET', '/v3.3/document/fetchDocument', {
			query: { documentId: done.documentId, documentDownloadType: 'AUDIT_TRAIL' },
		});
		expect((await fetch(res.body.data.file)).status).toBe(200);
		clock += 15_001;
		const expired = await fetch(res.body.data.file);
		expect(expired.status).toBe(403);
		expect(await expired.text()).toContain('AccessDenied');
	});
});

/* ------------------------------------------------------------------ webhooks */

describe('Leegality emulator: webhooks', () => {
	let emu: Emulator;
	let receiver: Receiver;

	beforeAll(async () => {
		receiver = await startReceiver();
		emu = await startEmulator({ port: 0, timeScale: 0.0001 });
	});
	afterAll(async () => {
		await emu.close();
		await receiver.close();
	});

	function seed(invitees: Parameters<Emulator['leegality']['seedDocument']>[0]) {
		return emu.leegality.seedDocument({
			webhookUrl: `${receiver.url}/ok`,
			errorWebhookUrl: `${receiver.url}/err`,
			...invitees,
		});
	}

	async function actAndReceive(options: Parameters<Emulator['leegality']['act']>[0]) {
		const before = receiver.requests.length;
		const handle = emu.leegality.act(options);
		const result = await handle.done;
		expect(result.delivered).toBe(true);
		const requests = await receiver.waitFor(before + 1);
		return { req: requests[before], handle };
	}

	it('signer signed: Success to the webhook URL, Completed on the last signer, correct mac', async () => {
		const doc = seed({
			name: 'Two signers',
			irn: 'ORDER-1',
			invitees: [
				{ name: 'Asha Rao', email: 'asha@example.com', phone: '9800000000' },
				{ name: 'Ravi', email: 'ravi@example.com', signType: 'DSC' },
			],
		});
		const first = await actAndReceive({ documentId: doc.documentId, invitee: 0, action: 'sign' });
		expect(first.req.method).toBe('POST');
		expect(first.req.path).toBe('/ok');
		expect(first.req.headers['content-type']).toBe('application/json');
		const body = webhookBody(first.req);
		expect(Object.keys(body)).toEqual([
			'webhookType',
			'documentId',
			'documentStatus',
			'irn',
			'mac',
			'messages',
			'request',
			'verification',
		]);
		expect(Object.keys(body.request)).toEqual([
			'inviteeType',
			'name',
			'email',
			'phone',
			'invitationUrl',
			'active',
			'action',
			'error',
			'expired',
			'expiryDate',
			'rejectionMessage',
			'signType',
		]);
		expect(body).toEqual({
			webhookType: 'Success',
			documentId: doc.documentId,
			documentStatus: 'Sent',
			irn: 'ORDER-1',
			mac: hmacHex(doc.documentId, emu.leegality.privateSalt),
			messages: [],
			request: {
				inviteeType: 'Signer',
				name: 'Asha Rao',
				email: 'asha@example.com',
				phone: '9800000000',
				invitationUrl: doc.invitees[0].signUrl,
				active: true,
				action: 'Signed',
				error: null,
				expired: false,
				expiryDate: doc.invitees[0].expiryDate,
				rejectionMessage: null,
				signType: 'AADHAAR',
			},
			verification: null,
		});
		expect(body.mac).toMatch(/^[0-9a-f]{40}$/);

		const second = await actAndReceive({
			documentId: doc.documentId,
			invitee: doc.invitees[1].signUrl,
			action: 'sign',
		});
		expect(webhookBody(second.req)).toMatchObject({
			documentStatus: 'Completed',
			request: { name: 'Ravi', signType: 'DSC' },
		});
		expect(emu.leegality.getDocument(doc.documentId)?.status).toBe('COMPLETED');
	});

	it('reviewer approved: Success, Reviewer, Approved; signing order activates the signer next', async () => {
		const doc = seed({
			name: 'Review first',
			signingOrder: true,
			invitees: [
				{ name: 'Rita', email: 'rita@example.com', inviteeType: 'Reviewer' },
				{ name: 'Asha', email: 'asha@example.com' },
			],
		});
		expect(doc.invitees.map((i) => i.active)).toEqual([true, false]);
		expect(() =>
			emu.leegality.act({ documentId: doc.documentId, invitee: 1, action: 'sign' }),
		).toThrow(/not active/);
		const { req } = await actAndReceive({
			documentId: doc.documentId,
			invitee: 0,
			action: 'approve',
		});
		expect(req.path).toBe('/ok');
		expect(webhookBody(req)).toMatchObject({
			webhookType: 'Success',
			documentStatus: 'Sent',
			request: {
				inviteeType: 'Reviewer',
				action: 'Approved',
				error: null,
				signType: null,
				rejectionMessage: null,
			},
		});
		expect(emu.leegality.getDocument(doc.documentId)?.invitees[1].active).toBe(true);
	});

	it('signer rejected: Error to the error webhook URL; the document stays SENT', async () => {
		const doc = seed({ name: 'Reject' });
		const { req } = await actAndReceive({
			documentId: doc.documentId,
			action: 'reject',
			rejectionMessage: 'Wrong amount',
		});
		expect(req.path).toBe('/err');
		expect(webhookBody(req)).toMatchObject({
			webhookType: 'Error',
			documentStatus: 'Sent',
			mac: hmacHex(doc.documentId, emu.leegality.privateSalt),
			messages: [],
			verification: null,
			request: {
				inviteeType: 'Signer',
				action: 'Rejected',
				error: 'Invitation rejected by the signer.',
				expired: false,
				rejectionMessage: null,
				signType: null,
			},
		});
		expect(emu.leegality.getDocument(doc.documentId)?.status).toBe('SENT');
		expect(() =>
			emu.leegality.act({ documentId: doc.documentId, invitee: 0, action: 'sign' }),
		).toThrow(/already finished/);
	});

	it('reviewer rejected: Error, Reviewer, Rejected, rejectionMessage', async () => {
		const doc = seed({
			name: 'Review reject',
			invitees: [{ name: 'Rita', email: 'rita@example.com', inviteeType: 'Reviewer' }],
		});
		const { req } = await actAndReceive({
			documentId: doc.documentId,
			invitee: 0,
			action: 'reject',
			rejectionMessage: 'Fix clause 4',
		});
		expect(req.path).toBe('/err');
		expect(webhookBody(req)).toMatchObject({
			webhookType: 'Error',
			request: { inviteeType: 'Reviewer', action: 'Rejected', rejectionMessage: 'Fix clause 4' },
		});
	});

	it('certificate verification failed: Error with a false check and matching messages', async () => {
		const doc = seed({ name: 'Verify' });
		const { req } = await actAndReceive({
			documentId: doc.documentId,
			action: 'failVerification',
			verification: { name: false, title: true, yob: false },
		});
		expect(req.path).toBe('/err');
		const body = webhookBody(req);
		expect(body.webhookType).toBe('Error');
		expect(body.verification).toEqual({ name: false, title: true, yob: false });
		expect(body.messages.map((m) => m.message)).toEqual([
			'Name verification failed.',
			'Year of birth verification failed.',
		]);
		expect(body.request).toMatchObject({
			active: false,
			action: null,
			error: 'Certificate verification failed.',
			signType: 'AADHAAR',
		});
	});

	it('invitation expired: Error, expired true, "Transaction timed out."', async () => {
		const doc = seed({ name: 'Expire' });
		const { req } = await actAndReceive({ documentId: doc.documentId, action: 'expire' });
		expect(req.path).toBe('/err');
		expect(webhookBody(req)).toMatchObject({
			webhookType: 'Error',
			documentStatus: 'Sent',
			request: { expired: true, active: false, action: null, error: 'Transaction timed out.' },
		});
		expect(emu.leegality.getDocument(doc.documentId)?.invitees[0].expired).toBe(true);
	});

	it('sends error events to the webhook URL when no error URL is set, and nothing without URLs', async () => {
		const doc = emu.leegality.seedDocument({
			name: 'Fallback',
			webhookUrl: `${receiver.url}/only`,
		});
		const { req } = await actAndReceive({ documentId: doc.documentId, action: 'reject' });
		expect(req.path).toBe('/only');
		const silent = emu.leegality.seedDocument({ name: 'No URL' });
		const handle = emu.leegality.act({ documentId: silent.documentId, action: 'sign' });
		expect(handle.url).toBeNull();
		expect(await handle.done).toMatchObject({ delivered: false, skipped: true, attempts: [] });
	});

	it('signs from the browser sign page too', async () => {
		const doc = seed({ name: 'Browser' });
		const before = receiver.requests.length;
		const page = await fetch(doc.invitees[0].signUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'action=sign',
		});
		expect(await page.text()).toContain('Done: signed');
		const requests = await receiver.waitFor(before + 1);
		expect(webhookBody(requests[before]).request.action).toBe('Signed');
	});

	it('deliver() builds and sends a body for each event, with overrides', async () => {
		for (const event of standalone.EVENT_NAMES) {
			const before = receiver.requests.length;
			const handle = emu.leegality.deliver({
				event,
				to: `${receiver.url}/ok`,
				errorTo: `${receiver.url}/err`,
				documentId: 'DOC-1',
				irn: 'R-1',
			});
			expect((await handle.done).delivered).toBe(true);
			const req = (await receiver.waitFor(before + 1))[before];
			const body = webhookBody(req);
			expect(req.path).toBe(standalone.EVENTS[event].errorUrl ? '/err' : '/ok');
			expect(body.webhookType).toBe(standalone.EVENTS[event].webhookType);
			expect(body.mac).toBe(hmacHex('DOC-1', emu.leegality.privateSalt));
			expect(body.irn).toBe('R-1');
		}
	});

	it('buildWebhookBody is pure and supports sparse payloads and a forced mac', () => {
		const salt = randomBytes(8).toString('hex');
		const body = standalone.buildWebhookBody('expired', {
			salt,
			documentId: 'ABC',
			omit: ['irn', 'verification', 'request.signType'],
		});
		expect(body.mac).toBe(hmacHex('ABC', salt));
		expect('irn' in body).toBe(false);
		expect('verification' in body).toBe(false);
		expect('signType' in body.request).toBe(false);
		expect(emu.leegality.buildWebhookBody('signed', { documentId: 'ABC', mac: 'bad' }).mac).toBe(
			'bad',
		);
		expect(emu.leegality.computeMac('ABC')).toBe(hmacHex('ABC', emu.leegality.privateSalt));
		expect(() => standalone.buildWebhookBody('signed', { salt: '' })).toThrow(/salt/);
	});
});

describe('Leegality emulator: webhook versions 2.1–2.3 and the Coordinate Picker', () => {
	let emu: Emulator;
	let receiver: Receiver;

	beforeAll(async () => {
		receiver = await startReceiver();
		emu = await startEmulator({ port: 0, timeScale: 0.0001 });
	});
	afterAll(async () => {
		await emu.close();
		await receiver.close();
	});

	async function received(handle: { done: Promise<{ delivered: boolean }> }, before: number) {
		expect((await handle.done).delivered).toBe(true);
		const requests = await receiver.waitFor(before + 1);
		return requests[before].json as Dict;
	}

	it('act() on a 2.3 invitee: the success body embeds the PDF and, on completion, the audit trail', async () => {
		const doc = emu.leegality.seedDocument({
			name: 'Legacy 2.3',
			irn: 'L-23',
			webhookVersion: '2.3',
			webhookUrl: `${receiver.url}/ok`,
			errorWebhookUrl: `${receiver.url}/err`,
			invitees: [{ name: 'Asha Rao', email: 'asha@example.com', phone: '9800000000' }],
		});
		const body = await received(
			emu.leegality.act({ documentId: doc.documentId, action: 'sign' }),
			receiver.requests.length,
		);
		expect(Object.keys(body)).toEqual([
			'documentId',
			'mac',
			'folderId',
			'irn',
			'files',
			'auditTrail',
			'signer',
			'request',
			'verification',
		]);
		expect(body).toMatchObject({
			documentId: doc.documentId,
			mac: hmacHex(doc.documentId, emu.leegality.privateSalt),
			irn: 'L-23',
			request: {
				name: 'Asha Rao',
				signUrl: doc.invitees[0].signUrl,
				signed: true,
				rejected: false,
				expired: false,
				signType: 'AADHAAR',
			},
			signer: { serialNumber: expect.any(String) },
		});
		for (const absent of ['webhookType', 'documentStatus']) expect(body).not.toHaveProperty(absent);
		expect(body.request).not.toHaveProperty('action');
		expect(body.request).not.toHaveProperty('invitationUrl');
		const pdf = Buffer.from((body.files as string[])[0], 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-')).toBe(true);
		expect(pdf).toContain(doc.documentId);
		expect(
			Buffer.from(String(body.auditTrail), 'base64').toString('latin1').startsWith('%PDF-'),
		).toBe(true);
	});

	it('2.1 and 2.2: no verification; 2.1 signer without serialNumber; errors give the reason as text', async () => {
		const to = `${receiver.url}/legacy`;
		let before = receiver.requests.length;
		const v21 = await received(
			emu.leegality.deliver({ event: 'signed', to, version: '2.1', documentId: '01LEGACY21' }),
			before,
		);
		expect(v21).not.toHaveProperty('verification');
		expect(v21.signer).not.toHaveProperty('serialNumber');
		expect(v21.auditTrail).toBeNull();
		before = receiver.requests.length;
		const expired = await received(
			emu.leegality.deliver({ event: 'expired', to, version: '2.2' }),
			before,
		);
		expect(Object.keys(expired)).toEqual(['documentId', 'mac', 'folderId', 'irn', 'request']);
		expect(expired.request).toMatchObject({ expired: true, error: 'Transaction timed out.' });
		before = receiver.requests.length;
		const failed = await received(
			emu.leegality.deliver({ event: 'verificationFailed', to, version: '2.1' }),
			before,
		);
		expect(failed.request).toMatchObject({ error: 'Name verification failed.' });
		before = receiver.requests.length;
		const rejected = await received(
			emu.leegality.deliver({ event: 'signerRejected', to, version: '2.3' }),
			before,
		);
		expect(rejected).toMatchObject({
			request: { rejected: true, error: 'Invitation rejected by the signer.' },
			verification: null,
			messages: [],
		});
		expect(rejected).not.toHaveProperty('files');
	});

	it('the module default (option, live property, control API) applies to invitees without their own', async () => {
		expect(emu.leegality.webhookVersion).toBe('2.5');
		const control = await fetch(`${emu.url}/leegality/_control/options`, {
			method: 'POST',
			body: JSON.stringify({ webhookVersion: '2.2' }),
		});
		expect(await control.json()).toEqual({ webhookVersion: '2.2' });
		try {
			const body = emu.leegality.buildWebhookBody('signed');
			expect(body).toHaveProperty('files');
			expect(body).not.toHaveProperty('webhookType');
			const own = emu.leegality.buildWebhookBody('signed', { version: '2.5' });
			expect(own.webhookType).toBe('Success');
		} finally {
			emu.leegality.setOptions({ webhookVersion: '2.5' });
		}
		expect(() => emu.leegality.setOptions({ webhookVersion: '2.4' as '2.5' })).toThrow(
			/webhookVersion must be one of/,
		);
	});

	it('fileBytes pads the embedded PDFs to build large bodies', () => {
		const body = emu.leegality.buildWebhookBody('signed', {
			version: '2.3',
			completed: true,
			fileBytes: 300_000,
		});
		expect(Buffer.from((body.files as string[])[0], 'base64').length).toBe(300_000);
		expect(JSON.stringify(body).length).toBeGreaterThan(800_000);
	});

	it('coordinatesPlaced: the Coordinate Picker body with a seeded document’s invitees', async () => {
		const doc = emu.leegality.seedDocument({
			name: 'Coordinates',
			irn: 'C-1',
			invitees: [
				{ name: 'Asha Rao', email: 'asha@example.com' },
				{ name: 'Ravi Kumar', phone: '9811111111' },
			],
		});
		const before = receiver.requests.length;
		const body = await received(
			emu.leegality.deliver({
				event: 'coordinatesPlaced',
				to: `${receiver.url}/coordinates`,
				documentId: doc.documentId,
			}),
			before,
		);
		expect(receiver.requests[before].path).toBe('/coordinates');
		expect(body).toEqual({
			documentId: doc.documentId,
			irn: 'C-1',
			mac: hmacHex(doc.documentId, emu.leegality.privateSalt),
			invitations: doc.invitees.map((inv) => ({
				name: inv.name,
				email: inv.email,
				phone: inv.phone,
				signUrl: inv.signUrl,
				active: inv.active,
				expiryDate: inv.expiryDate,
			})),
		});
		const standaloneBody = standalone.buildCoordinatePickerBody({ salt: 's', documentId: 'D' });
		expect(standaloneBody).toMatchObject({ documentId: 'D', mac: hmacHex('D', 's') });
	});
});

describe('Leegality emulator: webhook retries', () => {
	const timeScale = 0.0001; // 1 h -> 360 ms, 3 h -> 1080 ms
	const hour = 3_600_000;
	let emu: Emulator | undefined;
	let receiver: Receiver | undefined;

	afterEach(async () => {
		await emu?.close();
		await receiver?.close();
		emu = undefined;
		receiver = undefined;
	});

	function gaps(attempts: DeliveryAttempt[]): number[] {
		return attempts.slice(1).map((a, i) => a.at - (attempts[i].at + attempts[i].durationMs));
	}

	it('fails twice then succeeds: 3 attempts, retry 1 immediate, retry 2 one (scaled) hour later, identical bodies', async () => {
		receiver = await startReceiver({ respond: (req) => (req.index < 2 ? 500 : 200) });
		emu = await startEmulator({ port: 0, timeScale });
		const doc = emu.leegality.seedDocument({ name: 'Retry', webhookUrl: `${receiver.url}/hook` });
		const handle = emu.leegality.act({ documentId: doc.documentId, action: 'sign' });
		const result = await handle.done;
		expect(result.delivered).toBe(true);
		expect(result.attempts.map((a) => [a.attempt, a.status])).toEqual([
			[1, 500],
			[2, 500],
			[3, 200],
		]);
		expect(result.attempts.map((a) => a.scheduledDelayMs)).toEqual([0, 0, hour * timeScale]);
		const [immediate, oneHour] = gaps(result.attempts);
		expect(immediate).toBeLessThan(100);
		expect(oneHour).toBeGreaterThanOrEqual(hour * timeScale - 5);
		expect(oneHour).toBeLessThan(hour * timeScale + 250);
		expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
		expect(emu.deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
		expect(emu.deliveries.every((d) => d.body === handle.body && d.provider === 'leegality')).toBe(
			true,
		);
	});

	it('always failing: 4 attempts (initial + 3 retries) with 0 / 1 h / 3 h spacing, then stops', async () => {
		receiver = await startReceiver({ respond: () => 503 });
		emu = await startEmulator({ port: 0, timeScale });
		const handle = emu.leegality.deliver({ event: 'signed', to: `${receiver.url}/hook` });
		const result = await handle.done;
		expect(result).toMatchObject({ delivered: false, cancelled: false });
		expect(result.attempts).toHaveLength(4);
		expect(result.attempts.map((a) => a.scheduledDelayMs)).toEqual([
			0,
			0,
			hour * timeScale,
			3 * hour * timeScale,
		]);
		const [immediate, oneHour, threeHours] = gaps(result.attempts);
		expect(immediate).toBeLessThan(100);
		expect(oneHour).toBeGreaterThanOrEqual(hour * timeScale - 5);
		expect(threeHours).toBeGreaterThanOrEqual(3 * hour * timeScale - 5);
		const ratio = threeHours / oneHour;
		expect(ratio).toBeGreaterThan(2.4);
		expect(ratio).toBeLessThan(3.3);
		await expect(receiver.waitFor(5, 150)).rejects.toThrow(/4 of 5/);
	});

	it('lost responses: a healthy receiver still gets the retries, with identical bodies', async () => {
		receiver = await startReceiver({ respond: () => 200 });
		emu = await startEmulator({ port: 0, timeScale: 0 });
		const handle = emu.leegality.deliver({
			event: 'signed',
			to: `${receiver.url}/hook`,
			lostResponses: 3,
		});
		const result = await handle.done;
		expect(result.delivered).toBe(true);
		expect(result.attempts.map((a) => [a.status, a.ok, a.error])).toEqual([
			[200, false, 'response lost (simulated)'],
			[200, false, 'response lost (simulated)'],
			[200, false, 'response lost (simulated)'],
			[200, true, null],
		]);
		expect(receiver.requests).toHaveLength(4);
		expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
	});

	it('counts connection errors and receiver timeouts as failures', async () => {
		receiver = await startReceiver({
			respond: (req) => (req.index === 0 ? { status: 200, delayMs: 300 } : 201),
		});
		emu = await startEmulator({ port: 0, timeScale: 0, webhookTimeoutMs: 100 });
		const slow = await emu.leegality.deliver({ event: 'approved', to: `${receiver.url}/slow` })
			.done;
		expect(slow.attempts.map((a) => a.status)).toEqual([null, 201]);
		expect(slow.attempts[0].error).toMatch(/timeout/);
		const closed = await emu.leegality.deliver({
			event: 'approved',
			to: 'http://127.0.0.1:1/nothing',
		}).done;
		expect(closed.attempts).toHaveLength(4);
		expect(closed.attempts.every((a) => a.status === null && a.error !== null)).toBe(true);
	});

	it('close() cancels pending retries; nothing is sent afterwards', async () => {
		receiver = await startReceiver({ respond: () => 500 });
		let secondAttemptLogged: () => void = () => undefined;
		const twoAttempts = new Promise<void>((resolve) => (secondAttemptLogged = resolve));
		emu = await startEmulator({
			port: 0,
			timeScale: 0.001, // the next retry would come 3.6 s later
			onDelivery: (attempt) => {
				if (attempt.attempt === 2) secondAttemptLogged();
			},
		});
		const handle = emu.leegality.deliver({ event: 'expired', to: `${receiver.url}/hook` });
		await twoAttempts;
		await emu.close();
		const result = await handle.done;
		expect(result).toMatchObject({ delivered: false, cancelled: true });
		expect(result.attempts).toHaveLength(2);
		await expect(receiver.waitFor(3, 200)).rejects.toThrow(/2 of 3/);
		const late = emu.leegality.deliver({ event: 'signed', to: `${receiver.url}/hook` });
		expect(await late.done).toMatchObject({ cancelled: true, attempts: [] });
	});
});

describe('emulator README', () => {
	it('lists every Leegality assumption exactly as in ASSUMPTIONS', () => {
		expect(standalone.ASSUMPTIONS.length).toBeGreaterThan(20);
		expect(assumptionsMissingFromReadme()).toEqual([]);
	});
});
