/**
 * Leegality in a real n8n 2.41.1: our packed tarball installed as a community package, the
 * credential pointing at the emulator, test workflows and every Leegality example published.
 * Executions are read from n8n's own SQLite database.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { type Emulator, type LeegalityDocumentSnapshot, startEmulator } from '../../emulator';
import { readRepoFile } from '../support/repo';
import {
	type WorkflowImport,
	N8nInstance,
	ensureN8nInstalled,
	httpRequest,
	note,
	packPackage,
	waitFor,
} from './support';

const CREDENTIAL = { id: 'leegalityEmulator', name: 'Leegality (emulator)' };
const ALL = { workflowId: 'e2eLeegalityAll01', webhookId: 'e2e-leegality-all' };
const SIGNED_ONLY = { workflowId: 'e2eLeegalitySign1', webhookId: 'e2e-leegality-signed-only' };
/** Every event, with both download options on (completion asked from Details when unknown). */
const DOWNLOADS = { workflowId: 'e2eLeegalityDown1', webhookId: 'e2e-leegality-downloads' };
const CONFIRM = { workflowId: 'e2eLeegalityConf1', webhookId: 'e2e-leegality-confirm' };
const ACTION = { workflowId: 'e2eLeegalityAct01', path: 'e2e-leegality-action' };
const ALL_EVENTS = [
	'signer.signed',
	'reviewer.approved',
	'signer.rejected',
	'reviewer.rejected',
	'certificate.verificationFailed',
	'invitation.failed',
	'invitation.expired',
	'coordinates.placed',
	'unknown',
];
/** One Leegality hour becomes 1.8 s, so the whole retry schedule (0, +1 h, +3 h) takes ~7 s. */
const TIME_SCALE = 0.0005;

function triggerWorkflow(
	target: { workflowId: string; webhookId: string },
	events: string[],
	options: Record<string, unknown> = {},
	extra: Record<string, unknown> = {},
): WorkflowImport {
	return {
		id: target.workflowId,
		name: `E2E Leegality trigger (${events.length} events)`,
		nodes: [
			{
				id: `${target.workflowId}-trigger`,
				name: 'Leegality Trigger',
				type: 'n8n-nodes-esign.leegalityTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: target.webhookId,
				parameters: { events, options, ...extra },
				credentials: { leegalityApi: CREDENTIAL },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

const actionWorkflow: WorkflowImport = {
	id: ACTION.workflowId,
	name: 'E2E Leegality actions',
	nodes: [
		{
			id: 'e2e-action-webhook',
			name: 'Start',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'e2e-leegality-action-hook',
			parameters: { httpMethod: 'POST', path: ACTION.path, options: {} },
		},
		{
			id: 'e2e-action-details',
			name: 'Get Details',
			type: 'n8n-nodes-esign.leegality',
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'document',
				operation: 'getDetails',
				// A resource locator value as the editor stores it; Download below keeps an older plain string.
				documentId: { __rl: true, mode: 'id', value: '={{ $json.body.documentId }}' },
				simplify: false,
				fieldGroups: ['workflow_name'],
			},
			credentials: { leegalityApi: CREDENTIAL },
		},
		{
			id: 'e2e-action-download',
			name: 'Download',
			type: 'n8n-nodes-esign.leegality',
			typeVersion: 1,
			position: [480, 0],
			parameters: {
				resource: 'document',
				operation: 'download',
				documentId: '={{ $json.document.id }}',
				downloadType: 'DOCUMENT',
				binaryPropertyName: 'pdf',
			},
			credentials: { leegalityApi: CREDENTIAL },
		},
	],
	connections: {
		Start: { main: [[{ node: 'Get Details', type: 'main', index: 0 }]] },
		'Get Details': { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const examples = ['leegality-signed-download.json', 'leegality-issues-branch.json'].map(
	(file) => JSON.parse(readRepoFile(`examples/${file}`)) as WorkflowImport,
);
const [signedExample, issuesExample] = examples;
const exampleWebhookId = (workflow: WorkflowImport) => String(workflow.nodes[0].webhookId);

function mac(documentId: string, salt: string): string {
	return createHmac('sha1', salt).update(documentId).digest('hex');
}

describe('Leegality in a real n8n', () => {
	let emu: Emulator;
	let n8n: N8nInstance;
	let allUrl: string;
	/** Shifts the emulator's clock (documents "signed two days ago"). */
	let clockOffsetMs = 0;

	const executionsOf = async (workflowId: string) =>
		(await n8n.executions({ workflowId, includeData: true })).filter((e) => e.stoppedAt !== null);

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		emu = await startEmulator({
			port: 0,
			timeScale: TIME_SCALE,
			now: () => Date.now() + clockOffsetMs,
		});
		n8n = await N8nInstance.create({ install, tarball: await packPackage() });
		await n8n.installPackage();
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				type: 'leegalityApi',
				data: {
					environment: 'custom',
					baseUrl: emu.leegality.baseUrl,
					authToken: emu.leegality.authToken,
					privateSaltSecret: emu.leegality.privateSalt,
				},
			},
		]);
		const workflows = [
			triggerWorkflow(ALL, ALL_EVENTS),
			triggerWorkflow(SIGNED_ONLY, ['signer.signed']),
			triggerWorkflow(DOWNLOADS, ALL_EVENTS, {
				downloadSignedDocuments: true,
				downloadAuditTrail: true,
			}),
			triggerWorkflow(CONFIRM, ALL_EVENTS, {}, { confirmEvents: true }),
			actionWorkflow,
			...examples,
		];
		await n8n.importWorkflows(workflows);
		for (const workflow of workflows) await n8n.publish(workflow.id);
		const started = await n8n.start();
		note(`n8n ready in ${started.readyMs} ms, workflows active in ${started.ms} ms`);
		allUrl = n8n.webhookUrl(ALL.webhookId, 'webhook');
	});

	afterAll(async () => {
		await emu?.close();
		await n8n?.dispose();
	});

	it('loads our nodes under the package name without load problems', () => {
		const { nodes, credentials } = n8n.loadedTypes();
		expect(nodes).toEqual(
			expect.arrayContaining(['n8n-nodes-esign.leegalityTrigger', 'n8n-nodes-esign.leegality']),
		);
		expect(credentials).toContain('leegalityApi');
		expect(n8n.loadProblems()).toEqual([]);
	});

	it('a valid v2.5 delivery runs the workflow exactly once with the normalized item', async () => {
		const handle = emu.leegality.deliver({
			event: 'signed',
			to: allUrl,
			documentId: '01E2EVALID0000000000000001',
		});
		const { attempts } = await handle.done;
		expect(attempts.map((a) => a.status)).toEqual([200]);
		const [execution, ...more] = await n8n.waitForExecutions({
			workflowId: ALL.workflowId,
			count: 1,
		});
		expect(more).toHaveLength(0);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(execution.triggerItems).toHaveLength(1);
		const item = execution.triggerItems[0].json;
		expect(item).toMatchObject({
			provider: 'leegality',
			event: 'recipient.signed',
			providerEvent: 'signer.signed',
			documentId: '01E2EVALID0000000000000001',
			documentStatus: 'Sent',
			documentCompleted: false,
			recipient: { role: 'signer', status: 'Signed' },
			verification: { method: 'hmac-sha1-document-id', verified: true, detail: 'mac (hex)' },
			payload: JSON.parse(handle.body),
		});
		expect(String(item.eventId)).toMatch(/^leegality:[0-9a-f]{40}$/);
	});

	it('a forged delivery gets a real 401 and starts nothing', async () => {
		const before = (await executionsOf(ALL.workflowId)).length;
		const genuine = emu.leegality.buildWebhookBody('signed', {
			documentId: '01E2EFORGED000000000000001',
		}) as unknown as Record<string, string>;
		const attempts = [
			{ ...genuine, mac: mac(genuine.documentId, randomBytes(16).toString('hex')) },
			{ ...genuine, mac: undefined },
			{ ...genuine, documentId: '01E2EFORGED000000000000002' },
		];
		for (const body of attempts) {
			const response = await httpRequest(allUrl, { method: 'POST', body });
			expect(response.status).toBe(401);
			expect(response.json()).toEqual({ error: expect.stringMatching(/mac/) });
		}
		await n8n.waitForExecutions({ workflowId: ALL.workflowId, count: 0, settleMs: 2000 });
		expect(await executionsOf(ALL.workflowId)).toHaveLength(before);
	});

	it('a verified but filtered-out event gets 200 and starts nothing', async () => {
		const handle = emu.leegality.deliver({
			event: 'signerRejected',
			to: n8n.webhookUrl(SIGNED_ONLY.webhookId, 'webhook'),
		});
		expect((await handle.done).attempts.map((a) => a.status)).toEqual([200]);
		await n8n.waitForExecutions({ workflowId: SIGNED_ONLY.workflowId, count: 0, settleMs: 2000 });
		expect(await executionsOf(SIGNED_ONLY.workflowId)).toHaveLength(0);
	});

	it('the retry schedule repeats a delivery four times, other deliveries in between: one execution each', async () => {
		const repeated = emu.leegality.deliver({
			event: 'approved',
			to: allUrl,
			documentId: '01E2ERETRY0000000000000001',
			lostResponses: 3,
		});
		// While Leegality waits an (emulated) hour before the next retry, another event arrives.
		await waitFor(() => repeated.attempts.length >= 2, {
			timeoutMs: 10_000,
			description: 'the first retry',
		});
		const between = emu.leegality.deliver({
			event: 'expired',
			to: allUrl,
			documentId: '01E2ERETRY0000000000000002',
		});
		const result = await repeated.done;
		await between.done;
		expect(result.attempts.map((a) => a.status)).toEqual([200, 200, 200, 200]);
		const spacing = result.attempts.map((a) => a.scheduledDelayMs);
		expect(spacing).toEqual([0, 0, 3_600_000 * TIME_SCALE, 3 * 3_600_000 * TIME_SCALE]);
		const executions = await n8n.waitForExecutions({
			workflowId: ALL.workflowId,
			count: 1,
			settleMs: 2000,
		});
		const approved = executions.filter(
			(e) => e.triggerItems[0]?.json.documentId === '01E2ERETRY0000000000000001',
		);
		const expired = executions.filter(
			(e) => e.triggerItems[0]?.json.documentId === '01E2ERETRY0000000000000002',
		);
		expect(approved).toHaveLength(1);
		expect(expired).toHaveLength(1);
		expect(approved[0].triggerItems[0].json.event).toBe('recipient.approved');
	});

	it('Get Details and Download actions return the document and its PDF as binary', async () => {
		const doc = emu.leegality.seedDocument({ name: 'E2E contract', completed: true });
		const response = await httpRequest(n8n.webhookPathUrl(ACTION.path), {
			method: 'POST',
			body: { documentId: doc.documentId },
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.waitForExecutions({ workflowId: ACTION.workflowId, count: 1 });
		expect(execution.status).toBe('success');
		const details = execution.runData?.['Get Details']?.[0]?.data?.main?.[0]?.[0];
		expect(details?.json).toMatchObject({
			document: { id: doc.documentId, status: 'COMPLETED' },
			workflow: { name: expect.any(String) },
		});
		expect(details?.json.invitations).toEqual(expect.any(Array));
		const download = execution.runData?.Download?.[0]?.data?.main?.[0]?.[0];
		expect(download?.json).toMatchObject({
			documentId: doc.documentId,
			downloadType: 'DOCUMENT',
			mimeType: 'application/pdf',
		});
		expect(download?.binary?.pdf).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${doc.documentId}.pdf`,
		});
		expect(Number(download?.json.fileSize)).toBeGreaterThan(100);
		const requests = emu.requests.filter(
			(r) => r.provider === 'leegality' && r.query.documentId === doc.documentId,
		);
		expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', '/leegality/api/v3.3/document/details', 200],
			['GET', '/leegality/api/v3.1/document/fetchDocument', 200],
		]);
		expect(requests.every((r) => r.headers['content-type'] === undefined)).toBe(true);
	});

	it('example "signer signed → get details → download": a signature that completes the document ends in a download', async () => {
		const url = n8n.webhookUrl(exampleWebhookId(signedExample), 'webhook');
		const doc = emu.leegality.seedDocument({ name: 'Example contract', webhookUrl: url });
		const { attempts } = await emu.leegality.act({ documentId: doc.documentId, action: 'sign' })
			.done;
		expect(attempts.map((a) => a.status)).toEqual([200]);
		const [execution] = await n8n.waitForExecutions({ workflowId: signedExample.id, count: 1 });
		expect(execution.status).toBe('success');
		expect(execution.triggerItems[0].json).toMatchObject({
			event: 'recipient.signed',
			documentCompleted: true,
		});
		// Get Details is simplified (its default): the IF reads the flat status.
		const details = execution.runData?.['Get Details']?.[0]?.data?.main?.[0]?.[0];
		expect(details?.json).toMatchObject({
			documentId: doc.documentId,
			name: 'Example contract',
			status: 'COMPLETED',
			invitees: expect.arrayContaining([expect.objectContaining({ status: 'signed' })]),
		});
		expect(Object.keys(details?.json ?? {}).length).toBeLessThanOrEqual(10);
		const pdf = execution.runData?.['Download Signed PDF']?.[0]?.data?.main?.[0]?.[0];
		expect(pdf?.binary?.signedPdf).toMatchObject({ mimeType: 'application/pdf' });
		expect(execution.runData?.['Waiting for Other Signers']).toBeUndefined();
	});

	it('example "rejected / verification failed / expired": each problem takes its own branch', async () => {
		const url = n8n.webhookUrl(exampleWebhookId(issuesExample), 'webhook');
		const cases = [
			{ action: 'reject' as const, branch: 'Handle Rejection' },
			{ action: 'failVerification' as const, branch: 'Handle Failed Verification' },
			{ action: 'expire' as const, branch: 'Handle Expiry' },
		];
		for (const { action } of cases) {
			const doc = emu.leegality.seedDocument({
				name: `Issue ${action}`,
				webhookUrl: url,
				errorWebhookUrl: url,
			});
			expect(
				(
					await emu.leegality.act({
						documentId: doc.documentId,
						action,
						rejectionMessage: 'Wrong amount',
					}).done
				).attempts.map((a) => a.status),
			).toEqual([200]);
		}
		const executions = await n8n.waitForExecutions({
			workflowId: issuesExample.id,
			count: cases.length,
		});
		expect(executions).toHaveLength(cases.length);
		const branches = executions.map((e) =>
			cases.map((c) => c.branch).filter((branch) => e.runData?.[branch]),
		);
		expect(branches.map((b) => b.length)).toEqual([1, 1, 1]);
		expect(new Set(branches.flat())).toEqual(new Set(cases.map((c) => c.branch)));
		expect(executions.every((e) => e.status === 'success')).toBe(true);
	});

	/** The finished executions of `workflowId` whose trigger item is about `documentId`. */
	const runsOf = async (workflowId: string, documentId: string) =>
		(await executionsOf(workflowId)).filter(
			(e) => e.triggerItems[0]?.json.documentId === documentId,
		);
	/** Waits until each document has a finished run, then a settle period for extra runs. */
	const waitForRuns = async (workflowId: string, documentIds: string[]) => {
		await waitFor(
			async () => {
				const all = await executionsOf(workflowId);
				return documentIds.every((id) =>
					all.some((e) => e.triggerItems[0]?.json.documentId === id),
				);
			},
			{ timeoutMs: 30_000, intervalMs: 200, description: `runs of ${documentIds.join(', ')}` },
		);
		await n8n.waitForExecutions({ workflowId, count: 0 });
	};

	it('every documented body (2.1, 2.2, 2.3, Coordinate Picker, sparse 2.5) runs once as its event', async () => {
		const cases = [
			{
				id: '01E2EV23SIGNED000000000001',
				event: 'signed',
				version: '2.3',
				completed: true,
				providerEvent: 'signer.signed',
				vocabulary: 'recipient.signed',
			},
			{
				id: '01E2EV22SIGNED000000000001',
				event: 'signed',
				version: '2.2',
				providerEvent: 'signer.signed',
				vocabulary: 'recipient.signed',
			},
			{
				id: '01E2EV21REJECT000000000001',
				event: 'signerRejected',
				version: '2.1',
				providerEvent: 'signer.rejected',
				vocabulary: 'recipient.rejected',
			},
			{
				id: '01E2EV21EXPIRE000000000001',
				event: 'expired',
				version: '2.1',
				providerEvent: 'invitation.expired',
				vocabulary: 'recipient.expired',
			},
			{
				id: '01E2EV23FAILED000000000001',
				event: 'verificationFailed',
				version: '2.3',
				providerEvent: 'certificate.verificationFailed',
				vocabulary: 'recipient.verificationFailed',
			},
			{
				id: '01E2EV22FAILED000000000001',
				event: 'verificationFailed',
				version: '2.2',
				providerEvent: 'invitation.failed',
				vocabulary: 'recipient.verificationFailed',
			},
			{
				id: '01E2ECOORDINATES000000001',
				event: 'coordinatesPlaced',
				providerEvent: 'coordinates.placed',
				vocabulary: 'document.ready',
			},
			{
				id: '01E2ESPARSE00000000000001',
				event: 'signed',
				version: '2.5',
				omit: ['webhookType', 'documentStatus', 'irn', 'messages', 'verification'],
				providerEvent: 'signer.signed',
				vocabulary: 'recipient.signed',
			},
		] as const;
		for (const c of cases) {
			const handle = emu.leegality.deliver({
				event: c.event,
				to: allUrl,
				documentId: c.id,
				...('version' in c ? { version: c.version } : {}),
				...('completed' in c ? { completed: c.completed } : {}),
				...('omit' in c ? { omit: [...c.omit] } : {}),
			});
			expect((await handle.done).attempts.map((a) => a.status)).toEqual([200]);
		}
		await waitForRuns(
			ALL.workflowId,
			cases.map((c) => c.id),
		);
		for (const c of cases) {
			const runs = await runsOf(ALL.workflowId, c.id);
			expect(runs.map((r) => r.status)).toEqual(['success']);
			expect(runs[0].triggerItems).toHaveLength(1);
			expect(runs[0].triggerItems[0].json).toMatchObject({
				event: c.vocabulary,
				providerEvent: c.providerEvent,
				verification: { verified: true, detail: 'mac (hex)' },
			});
		}
		const [v23] = (await runsOf(ALL.workflowId, cases[0].id))[0].triggerItems;
		note(`v2.3 binary in the execution: ${JSON.stringify(v23.binary)}`);
		expect(v23.json).toMatchObject({
			documentCompleted: true,
			attributes: { webhookVersion: '2.1-2.3', embeddedFiles: { documents: 1, auditTrail: true } },
			payload: { files: ['[binary: data]'], auditTrail: '[binary: data_audit]' },
			recipient: { signingUrl: expect.stringContaining('/leegality/sign/') },
		});
		expect(v23.binary).toMatchObject({
			data: { mimeType: 'application/pdf', fileName: `${cases[0].id}.pdf` },
			data_audit: { mimeType: 'application/pdf', fileName: `${cases[0].id}-audit-trail.pdf` },
		});
		const [v22] = (await runsOf(ALL.workflowId, cases[1].id))[0].triggerItems;
		expect(Object.keys(v22.binary ?? {})).toEqual(['data']);
		expect(v22.json.documentCompleted).toBeNull();
		const [coordinates] = (await runsOf(ALL.workflowId, cases[6].id))[0].triggerItems;
		expect(coordinates.json).toMatchObject({
			recipient: null,
			attributes: { invitations: [{ signUrl: expect.stringContaining('/leegality/sign/') }] },
		});
		const [sparse] = (await runsOf(ALL.workflowId, cases[7].id))[0].triggerItems;
		expect(sparse.json).toMatchObject({ documentStatus: null, documentCompleted: null });
		expect(sparse.json.payload).not.toHaveProperty('webhookType');
		expect(sparse.json.payload).not.toHaveProperty('documentStatus');
	});

	it('a 2.3 body over 5 MiB (a 6 MB embedded PDF) runs once, the PDF as binary data', async () => {
		const documentId = '01E2EV23LARGE0000000000001';
		const handle = emu.leegality.deliver({
			event: 'signed',
			to: allUrl,
			documentId,
			version: '2.3',
			fileBytes: 6_000_000,
		});
		expect(handle.body.length).toBeGreaterThan(8_000_000);
		expect((await handle.done).attempts.map((a) => a.status)).toEqual([200]);
		await waitForRuns(ALL.workflowId, [documentId]);
		const runs = await runsOf(ALL.workflowId, documentId);
		expect(runs.map((r) => r.status)).toEqual(['success']);
		const [item] = runs[0].triggerItems;
		expect(item.binary).toMatchObject({ data: { mimeType: 'application/pdf', bytes: 6_000_000 } });
		expect(JSON.stringify(item.json).length).toBeLessThan(10_000);
	});

	it('Download options on a body without documentStatus ask the Details API', async () => {
		const url = n8n.webhookUrl(DOWNLOADS.webhookId, 'webhook');
		const completed = emu.leegality.seedDocument({ name: 'Sparse, completed', completed: true });
		const pending = emu.leegality.seedDocument({ name: 'Sparse, pending' });
		const mark = emu.requests.length;
		for (const doc of [completed, pending]) {
			const handle = emu.leegality.deliver({
				event: 'signed',
				to: url,
				documentId: doc.documentId,
				omit: ['webhookType', 'documentStatus'],
			});
			expect((await handle.done).attempts.map((a) => a.status)).toEqual([200]);
		}
		await waitForRuns(DOWNLOADS.workflowId, [completed.documentId, pending.documentId]);
		const [done] = (await runsOf(DOWNLOADS.workflowId, completed.documentId))[0].triggerItems;
		expect(done.json).toMatchObject({ documentCompleted: null });
		expect(done.json.enrichmentError).toBeUndefined();
		expect(done.binary).toMatchObject({
			data: { mimeType: 'application/pdf' },
			data_audit: { mimeType: 'application/pdf' },
		});
		const [open] = (await runsOf(DOWNLOADS.workflowId, pending.documentId))[0].triggerItems;
		expect(open.binary).toBeUndefined();
		expect(open.json.enrichmentError).toBeUndefined();
		const calls = (documentId: string) =>
			emu.requests
				.slice(mark)
				.filter((r) => r.provider === 'leegality' && r.query.documentId === documentId)
				.map((r) =>
					`${r.path.replace('/leegality/api', '')} ${r.query.documentDownloadType ?? ''}`.trim(),
				);
		expect(calls(completed.documentId)).toEqual([
			'/v3.3/document/details',
			'/v3.1/document/fetchDocument DOCUMENT',
			'/v3.1/document/fetchDocument AUDIT_TRAIL',
		]);
		expect(calls(pending.documentId)).toEqual(['/v3.3/document/details']);
	});

	it('a v4 "packs" body: 422 when its mac verifies, 401 when not; nothing runs', async () => {
		const before = (await executionsOf(ALL.workflowId)).length;
		const packs = (salt: string) => {
			const documentId = 'c0ffee00-e2e0-0000-0000-000000000pack';
			return {
				webhookType: 'SUCCESS',
				eventType: 'SIGNED',
				document: { documentId, documentStatus: 'PACK_PENDING_COMPLETION', action: 'SIGNED' },
				invitee: { inviteeName: 'Asha Rao', invitationStatus: 'SIGNED' },
				messages: [],
				mac: mac(documentId, salt),
			};
		};
		const authentic = await httpRequest(allUrl, {
			method: 'POST',
			body: packs(emu.leegality.privateSalt),
		});
		expect(authentic.status).toBe(422);
		expect(authentic.json()).toEqual({
			error: expect.stringMatching(/^Leegality v4 "packs" webhooks are not supported/),
		});
		const forged = await httpRequest(allUrl, {
			method: 'POST',
			body: packs(randomBytes(16).toString('hex')),
		});
		expect(forged.status).toBe(401);
		await n8n.waitForExecutions({ workflowId: ALL.workflowId, count: 0, settleMs: 2000 });
		expect(await executionsOf(ALL.workflowId)).toHaveLength(before);
	});

	it('serves the trigger output schema', async () => {
		const response = await httpRequest(
			`${n8n.baseUrl}/schemas/n8n-nodes-esign.leegalityTrigger/1.1.0.json`,
		);
		expect(response.status).toBe(200);
		expect(response.json()).toMatchObject({
			title: 'eSign event item',
			properties: { eventId: { type: 'string' } },
		});
	});

	it('a correctly signed delivery nested 5,000 levels deep gets 400 with a reason, never a 5xx', async () => {
		const before = (await executionsOf(ALL.workflowId)).length;
		const genuine = emu.leegality.buildWebhookBody('signed', {
			documentId: '01E2EDEEP00000000000000001',
		});
		const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
		const body = JSON.stringify({ ...genuine, verification: '__deep__' }).replace(
			'"__deep__"',
			deep,
		);
		expect(body.length).toBeGreaterThan(29_000);
		const response = await httpRequest(allUrl, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/json' },
		});
		expect([response.status, response.json()]).toEqual([
			400,
			{ error: 'the body nests deeper than 64 levels' },
		]);
		await n8n.waitForExecutions({ workflowId: ALL.workflowId, count: 0, settleMs: 1500 });
		expect(await executionsOf(ALL.workflowId)).toHaveLength(before);
	});

	describe('Confirm Events With Leegality', () => {
		const confirmUrl = () => n8n.webhookUrl(CONFIRM.webhookId, 'webhook');
		const detailsCalls = (documentId: string) =>
			emu.requests.filter(
				(r) =>
					r.path === '/leegality/api/v3.3/document/details' && r.query.documentId === documentId,
			);
		const claimSigned = (doc: LeegalityDocumentSnapshot) =>
			emu.leegality.buildWebhookBody('signed', {
				documentId: doc.documentId,
				request: {
					invitationUrl: doc.invitees[0].signUrl,
					name: doc.invitees[0].name,
					email: doc.invitees[0].email,
				},
			});
		const post = async (body: unknown) => {
			const response = await httpRequest(confirmUrl(), { method: 'POST', body });
			return [response.status, response.json()];
		};

		it('a signature Leegality shows starts the workflow after one Details call, and the item says so', async () => {
			const doc = emu.leegality.seedDocument({ name: 'E2E confirm', webhookUrl: confirmUrl() });
			const { attempts } = await emu.leegality.act({ documentId: doc.documentId, action: 'sign' })
				.done;
			expect(attempts.map((a) => a.status)).toEqual([200]);
			const [execution, ...more] = await n8n.waitForExecutions({
				workflowId: CONFIRM.workflowId,
				count: 1,
			});
			expect(more).toHaveLength(0);
			expect(execution.triggerItems[0].json).toMatchObject({
				documentId: doc.documentId,
				event: 'recipient.signed',
				verification: {
					method: 'hmac-sha1-document-id',
					verified: true,
					detail: 'mac (hex) + confirmed with Leegality (Details API)',
				},
			});
			expect(detailsCalls(doc.documentId).map((r) => r.status)).toEqual([200]);
		});

		it('what Leegality contradicts gets 409 and starts nothing; a forgery gets 401 and costs no call', async () => {
			const before = (await executionsOf(CONFIRM.workflowId)).length;
			// Altered: the invitee has not signed.
			const pending = emu.leegality.seedDocument({ name: 'E2E pending', webhookUrl: null });
			expect(await post(claimSigned(pending))).toEqual([
				409,
				{ error: 'Not confirmed by Leegality: Leegality does not show the invitee as signed' },
			]);
			// A document Leegality does not know (signed with the right salt).
			const unknown = emu.leegality.buildWebhookBody('signed', {
				documentId: '01E2ENODOCUMENT00000000001',
			});
			expect(await post(unknown)).toEqual([
				409,
				{ error: 'Leegality has no document 01E2ENODOCUMENT00000000001' },
			]);
			// A replayed capture: Leegality dates the signature two days back.
			clockOffsetMs = -48 * 3_600_000;
			const old = emu.leegality.seedDocument({
				name: 'E2E signed two days ago',
				webhookUrl: null,
				invitees: [{ name: 'Old Signer', email: 'old.signer@example.com', status: 'signed' }],
			});
			clockOffsetMs = 0;
			const [status, answer] = await post(claimSigned(old));
			expect(status).toBe(409);
			expect(String((answer as { error: string }).error)).toMatch(/more than 24 h ago/);
			// A forgery: wrong mac. Refused before any API call.
			const forged = {
				...claimSigned(old),
				mac: mac(old.documentId, randomBytes(16).toString('hex')),
			};
			const calls = detailsCalls(old.documentId).length;
			expect(await post(forged)).toEqual([401, { error: 'Invalid mac' }]);
			expect(detailsCalls(old.documentId)).toHaveLength(calls);
			await n8n.waitForExecutions({ workflowId: CONFIRM.workflowId, count: 0, settleMs: 1500 });
			expect(await executionsOf(CONFIRM.workflowId)).toHaveLength(before);
		});

		it('2.3 signatures (the invitee found by its signUrl) and Coordinate Picker deliveries are confirmed too; coordinates for a document Leegality lacks get 409', async () => {
			const doc = emu.leegality.seedDocument({
				name: 'E2E confirm 2.3',
				webhookUrl: confirmUrl(),
				webhookVersion: '2.3',
			});
			const signed = await emu.leegality.act({ documentId: doc.documentId, action: 'sign' }).done;
			expect(signed.attempts.map((a) => a.status)).toEqual([200]);
			const placed = await emu.leegality.deliver({
				event: 'coordinatesPlaced',
				to: confirmUrl(),
				documentId: doc.documentId,
			}).done;
			expect(placed.attempts.map((a) => a.status)).toEqual([200]);
			await waitForRuns(CONFIRM.workflowId, [doc.documentId]);
			const runs = await runsOf(CONFIRM.workflowId, doc.documentId);
			expect(runs.map((r) => r.triggerItems[0].json.providerEvent).sort()).toEqual([
				'coordinates.placed',
				'signer.signed',
			]);
			for (const run of runs) {
				expect(run.triggerItems[0].json).toMatchObject({
					verification: { detail: 'mac (hex) + confirmed with Leegality (Details API)' },
				});
			}
			const [signature] = runs.filter(
				(r) => r.triggerItems[0].json.providerEvent === 'signer.signed',
			);
			expect(signature.triggerItems[0].json).toMatchObject({
				attributes: { webhookVersion: '2.1-2.3' },
			});
			expect(detailsCalls(doc.documentId).map((r) => r.status)).toEqual([200, 200]);

			const before = (await executionsOf(CONFIRM.workflowId)).length;
			const stranger = emu.leegality.buildWebhookBody('coordinatesPlaced', {
				documentId: '01E2ENOCOORDINATES00000001',
			});
			expect(await post(stranger)).toEqual([
				409,
				{ error: 'Leegality has no document 01E2ENOCOORDINATES00000001' },
			]);
			await n8n.waitForExecutions({ workflowId: CONFIRM.workflowId, count: 0, settleMs: 1500 });
			expect(await executionsOf(CONFIRM.workflowId)).toHaveLength(before);
		});

		it('a failing Details API answers 424, Leegality retries, and the retry runs the workflow once', async () => {
			const doc = emu.leegality.seedDocument({
				name: 'E2E confirm retry',
				webhookUrl: confirmUrl(),
			});
			const token = emu.leegality.authToken;
			emu.leegality.authToken = `rotated-${randomBytes(8).toString('hex')}`; // Details: 401
			const handle = emu.leegality.act({ documentId: doc.documentId, action: 'sign' });
			try {
				await waitFor(() => handle.attempts.some((a) => a.status === 424), {
					timeoutMs: 15_000,
					description: 'a 424 for the first attempt',
				});
			} finally {
				emu.leegality.authToken = token;
			}
			const { attempts } = await handle.done;
			const statuses = attempts.map((a) => a.status);
			note(`attempts while the Details API failed, then answered: ${statuses.join(', ')}`);
			expect(statuses[statuses.length - 1]).toBe(200);
			expect(statuses.slice(0, -1).every((status) => status === 424)).toBe(true);
			const runs = (
				await n8n.waitForExecutions({ workflowId: CONFIRM.workflowId, count: 1 })
			).filter((e) => e.triggerItems[0]?.json.documentId === doc.documentId);
			expect(runs).toHaveLength(1);
		});
	});

	it('after a restart: the duplicate memory is in-process, so a repeat runs again (see README)', async () => {
		const first = emu.leegality.deliver({
			event: 'signed',
			to: allUrl,
			documentId: '01E2ERESTART00000000000001',
		});
		await first.done;
		await n8n.waitForExecutions({ workflowId: ALL.workflowId, count: 1 });
		const before = (await n8n.executions({ workflowId: ALL.workflowId })).length;
		const staticData = (await n8n.workflow(ALL.workflowId))?.staticData ?? {};
		note(`static data after deliveries: ${JSON.stringify(staticData).slice(0, 300)}`);
		await n8n.restart();
		const again = await httpRequest(allUrl, {
			method: 'POST',
			body: first.body,
			headers: { 'content-type': 'application/json' },
		});
		expect(again.status).toBe(200);
		const executions = await n8n.waitForExecutions({
			workflowId: ALL.workflowId,
			count: before + 1,
			settleMs: 3000,
		});
		const runs = executions.filter(
			(e) => e.triggerItems[0]?.json.documentId === '01E2ERESTART00000000000001',
		);
		note(`executions of the restarted-then-repeated delivery: ${runs.length}`);
		// Nothing is persisted (n8n saves concurrent static-data writes last-writer-wins), so the
		// restarted process runs the repeat: the README points to Remove Duplicates on eventId.
		expect(runs).toHaveLength(2);
		expect(JSON.stringify(staticData)).not.toContain('recentEventIds');
	});
});
