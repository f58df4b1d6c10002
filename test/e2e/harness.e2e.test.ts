/**
 * Proves the real-n8n harness with n8n's built-in nodes and a throwaway community package
 * generated at test time, and (once package.json lists nodes and `npm run build` has run) that
 * this package installs into n8n and registers its node types as `n8n-nodes-esign.<name>`.
 */
import { randomBytes } from 'node:crypto';

import {
	describePackageTypes,
	ensureN8nInstalled,
	createFakeCommunityPackage,
	httpRequest,
	N8nInstance,
	note,
	now,
	packPackage,
	portInUse,
	readManifest,
	waitFor,
	type Execution,
	type FakeCommunityPackage,
} from './support';

const PLAIN_WORKFLOW = 'e2eHarnessPlain1';
const FAKE_WORKFLOW = 'e2eHarnessFake01';
const PLAIN_PATH = 'e2e-harness-plain';
const FAKE_HOOK_ID = 'e2e-harness-fake-hook';
const HEADER_CREDENTIAL = 'e2eHeaderCred001';
const FAKE_CREDENTIAL = 'e2eFakeCred00001';

/** Lifecycle calls the fake trigger logged ("[e2eFakeTrigger] create() ..."). */
function lifecycleCalls(log: string): string[] {
	return log
		.split('\n')
		.filter((line) => line.includes('[e2eFakeTrigger]'))
		.map((line) => line.replace(/^.*\[e2eFakeTrigger\] (\w+)\(\).*$/, '$1'));
}

describe('real n8n: built-in nodes and a throwaway community package', () => {
	let n8n: N8nInstance;
	let fake: FakeCommunityPackage;
	let pgid: number | undefined;
	// Built at runtime: no secret-shaped literals in the sources.
	const headerToken = randomBytes(16).toString('hex');
	const sharedSecret = randomBytes(16).toString('hex');

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		fake = await createFakeCommunityPackage();
		// info: the lifecycle assertions read the fake trigger's logger.info lines
		n8n = await N8nInstance.create({ install, tarball: fake.tarball, logLevel: 'info' });
		note(
			`n8n ${install.n8nVersion} user folder ${n8n.userFolder}, port ${n8n.port}, broker ${n8n.brokerPort}`,
		);
	});

	afterAll(async () => {
		if (n8n) await n8n.dispose();
	});

	it('installs the packed tarball into <userFolder>/.n8n/nodes (no n8n-workflow there)', async () => {
		const { ms } = await n8n.installPackage();
		note(`installPackage (npm install of the .tgz): ${ms} ms`);
		expect(ms).toBeLessThan(120_000);
	});

	it('imports credentials and workflows with the CLI and publishes them', async () => {
		await n8n.importCredentials([
			{
				id: HEADER_CREDENTIAL,
				name: 'E2E header auth',
				type: 'httpHeaderAuth',
				data: { name: 'x-e2e-token', value: headerToken },
			},
			{ id: FAKE_CREDENTIAL, name: 'E2E fake', type: fake.credentialType, data: { sharedSecret } },
		]);
		await n8n.importWorkflows([
			{
				id: PLAIN_WORKFLOW,
				name: 'E2E plain webhook',
				nodes: [
					{
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhookId: 'e2e-harness-plain-hook',
						parameters: {
							httpMethod: 'POST',
							path: PLAIN_PATH,
							authentication: 'headerAuth',
							responseMode: 'onReceived',
							options: {},
						},
						credentials: { httpHeaderAuth: { id: HEADER_CREDENTIAL, name: 'E2E header auth' } },
					},
				],
				connections: {},
			},
			{
				id: FAKE_WORKFLOW,
				name: 'E2E fake trigger',
				nodes: [
					{
						name: 'Fake Trigger',
						type: fake.triggerType,
						typeVersion: 1,
						webhookId: FAKE_HOOK_ID,
						parameters: { label: 'first' },
						credentials: { [fake.credentialType]: { id: FAKE_CREDENTIAL, name: 'E2E fake' } },
					},
					{
						name: 'Fake Action',
						type: fake.actionType,
						typeVersion: 1,
						parameters: { stamp: 'stamped-by-action' },
					},
				],
				connections: {
					'Fake Trigger': { main: [[{ node: 'Fake Action', type: 'main', index: 0 }]] },
				},
			},
		]);
		const first = await n8n.publish(PLAIN_WORKFLOW);
		await n8n.publish(FAKE_WORKFLOW);
		const stored = await n8n.query<{ id: string; type: string; data: string }>(
			'SELECT id, type, data FROM credentials_entity WHERE id = ?',
			[FAKE_CREDENTIAL],
		);
		expect(stored).toHaveLength(1);
		expect(stored[0].data).not.toContain(sharedSecret); // encrypted on import
		note(`CLI: ${n8n.timings.cli.map((c) => `${c.command} ${c.ms} ms`).join(', ')}`);
		expect(first.versionId).toBeTruthy();
	});

	it('starts, loads the community types and activates both published workflows', async () => {
		const { ms, readyMs, activation } = await n8n.start();
		pgid = n8n.processGroup;
		note(`cold start (fresh DB, migrations): ready ${readyMs} ms, workflows active ${ms} ms`);
		expect(activation.map((a) => [a.workflowId, a.state]).sort()).toEqual([
			[FAKE_WORKFLOW, 'active'],
			[PLAIN_WORKFLOW, 'active'],
		]);
		const types = n8n.loadedTypes();
		expect(types.nodes).toEqual(expect.arrayContaining([fake.triggerType, fake.actionType]));
		expect(types.credentials).toContain(fake.credentialType);
		expect(n8n.loadProblems()).toEqual([]);
		expect(lifecycleCalls(n8n.logsSinceStart())).toEqual(['checkExists', 'create']);
		const hooks = await n8n.registeredWebhooks();
		expect(hooks.map((h) => h.webhookPath).sort()).toEqual(
			[PLAIN_PATH, `${FAKE_HOOK_ID}/fake`].sort(),
		);
	});

	it('built-in Webhook (header auth): rejected without the header, one successful execution with it', async () => {
		const url = n8n.webhookPathUrl(PLAIN_PATH);
		const denied = await httpRequest(url, { method: 'POST', body: { attempt: 'no-token' } });
		expect([401, 403]).toContain(denied.status);
		const wrong = await httpRequest(url, {
			method: 'POST',
			body: { attempt: 'wrong' },
			headers: { 'x-e2e-token': 'not-the-token' },
		});
		expect([401, 403]).toContain(wrong.status);
		note(`built-in header auth: missing header → ${denied.status}, wrong value → ${wrong.status}`);

		const body = { event: 'document.signed', unicode: 'Zoë ✓', n: 1 };
		const ok = await httpRequest(url, {
			method: 'POST',
			body,
			headers: { 'x-e2e-token': headerToken },
		});
		const answeredAt = now();
		expect(ok.status).toBe(200);

		// How long after the 200 (onReceived answers first) the execution row is final.
		let final: Execution | undefined;
		await waitFor(
			async () => {
				final = (await n8n.executions({ workflowId: PLAIN_WORKFLOW, includeData: false })).find(
					(e) => e.stoppedAt !== null,
				);
				return final;
			},
			{ timeoutMs: 15_000, intervalMs: 20, description: 'the webhook execution row' },
		);
		note(
			`execution row final ${now() - answeredAt} ms after the HTTP 200 (poll granularity ~50 ms)`,
		);

		const executions = await n8n.waitForExecutions({ workflowId: PLAIN_WORKFLOW, count: 1 });
		expect(executions).toHaveLength(1);
		const [execution] = executions;
		expect(execution).toMatchObject({
			status: 'success',
			mode: 'webhook',
			finished: true,
			triggerNode: 'Webhook',
		});
		expect(execution.triggerItems).toHaveLength(1);
		expect(execution.triggerItems[0].json).toMatchObject({
			body,
			headers: expect.objectContaining({ 'x-e2e-token': headerToken }),
		});
	});

	it('community trigger: 401 without the secret (no execution), 200 with it → trigger + action ran', async () => {
		const url = n8n.webhookUrl(FAKE_HOOK_ID, 'fake');
		const denied = await httpRequest(url, { method: 'POST', body: { attempt: 1 } });
		expect(denied.status).toBe(401);
		expect(await n8n.executions({ workflowId: FAKE_WORKFLOW })).toHaveLength(0);

		const raw = '{"event":"signed",  "spacing":"kept"}';
		const ok = await httpRequest(url, {
			method: 'POST',
			body: raw,
			headers: { 'content-type': 'application/json', 'x-e2e-secret': sharedSecret },
		});
		expect(ok.status).toBe(200);
		const executions = await n8n.waitForExecutions({ workflowId: FAKE_WORKFLOW, count: 1 });
		expect(executions).toHaveLength(1);
		const [execution] = executions;
		expect(execution).toMatchObject({
			status: 'success',
			mode: 'webhook',
			triggerNode: 'Fake Trigger',
			lastNodeExecuted: 'Fake Action',
		});
		expect(execution.triggerItems[0].json).toEqual({
			marker: 'e2e-fake',
			label: 'first',
			body: { event: 'signed', spacing: 'kept' },
			rawBody: raw, // exact wire bytes reach the node
		});
		const actionOut = execution.runData?.['Fake Action']?.[0]?.data?.main?.[0]?.[0]?.json;
		expect(actionOut).toMatchObject({ marker: 'e2e-fake', stamp: 'stamped-by-action' });
		const stored = await n8n.workflow(FAKE_WORKFLOW);
		expect(stored?.staticData?.['node:Fake Trigger']).toMatchObject({
			registered: true,
			registeredUrl: url,
		});
	});

	it('restart keeps both workflows active without re-running the lifecycle', async () => {
		const restart = await n8n.restart();
		pgid = n8n.processGroup;
		note(`restart: ${restart.ms} ms (stop ${restart.stopMs} ms, start ${restart.startMs} ms)`);
		expect((await n8n.waitForActivation()).every((a) => a.state === 'active')).toBe(true);
		expect(lifecycleCalls(n8n.logsSinceStart())).toEqual([]);

		const ok = await httpRequest(n8n.webhookPathUrl(PLAIN_PATH), {
			method: 'POST',
			body: { after: 'restart' },
			headers: { 'x-e2e-token': headerToken },
		});
		expect(ok.status).toBe(200);
		const executions = await n8n.waitForExecutions({ workflowId: PLAIN_WORKFLOW, count: 2 });
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
		expect(executions[1].triggerItems[0].json).toMatchObject({ body: { after: 'restart' } });
	});

	it('headless owner setup, login and public-API key work', async () => {
		const session = await n8n.session();
		expect(session.cookie).toMatch(/^n8n-auth=/);
		const again = await n8n.rest('POST', '/rest/owner/setup', {
			body: {
				email: 'second@example.com',
				password: session.password,
				firstName: 'A',
				lastName: 'B',
			},
		});
		expect(again.status).toBe(400); // only once per instance

		const login = await n8n.login(session.email, session.password);
		const me = await n8n.rest('GET', '/rest/login', { cookie: login.cookie });
		expect(me.status).toBe(200);
		expect(me.data).toMatchObject({ email: session.email });

		const apiKey = await n8n.createApiKey(login.cookie);
		const listed = await httpRequest(
			`${n8n.baseUrl}/api/v1/executions?workflowId=${PLAIN_WORKFLOW}`,
			{ headers: { 'X-N8N-API-KEY': apiKey } },
		);
		expect(listed.status).toBe(200);
		const data = (listed.json() as { data: Array<{ status: string; mode: string }> }).data;
		expect(data).toHaveLength(2);
		expect(data.every((e) => e.status === 'success' && e.mode === 'webhook')).toBe(true);
	});

	it('live unpublish/publish over REST runs delete() / checkExists()+create() at once', async () => {
		const url = n8n.webhookUrl(FAKE_HOOK_ID, 'fake');
		const mark = n8n.logsSinceStart().length;
		const off = await n8n.unpublishLive(FAKE_WORKFLOW);
		expect(
			(
				await httpRequest(url, {
					method: 'POST',
					body: {},
					headers: { 'x-e2e-secret': sharedSecret },
				})
			).status,
		).toBe(404);
		const on = await n8n.publishLive(FAKE_WORKFLOW);
		note(`live unpublish ${off.ms} ms, live publish ${on.ms} ms`);
		expect(lifecycleCalls(n8n.logsSinceStart().slice(mark))).toEqual([
			'delete',
			'checkExists',
			'create',
		]);
		expect(
			(
				await httpRequest(url, {
					method: 'POST',
					body: { live: true },
					headers: { 'x-e2e-secret': sharedSecret },
				})
			).status,
		).toBe(200);
		const executions = await n8n.waitForExecutions({ workflowId: FAKE_WORKFLOW, count: 2 });
		expect(executions).toHaveLength(2);
	});

	it('stop leaves no process behind and frees the ports', async () => {
		expect(n8n.processes().length).toBeGreaterThanOrEqual(2); // supervisor + n8n (+ task runner)
		const { ms, forced } = await n8n.stop();
		note(`stop: ${ms} ms (forced: ${forced})`);
		expect(forced).toBe(false);
		expect(n8n.running).toBe(false);
		expect(n8n.processes()).toEqual([]);
		expect(pgid).toBeDefined();
		expect(await portInUse(n8n.port)).toBe(false);
		expect(await portInUse(n8n.brokerPort)).toBe(false);
		note(`timings: ${JSON.stringify(n8n.timings)}`);
	});
});

const manifest = readManifest();
const hasNodes = manifest.nodes.length > 0;

(hasNodes ? describe : describe.skip)(`this package (${manifest.name}) inside n8n`, () => {
	let n8n: N8nInstance;

	afterAll(async () => {
		if (n8n) await n8n.dispose();
	});

	it('packs dist/, installs like a community package and registers every node and credential', async () => {
		const expected = describePackageTypes();
		expect(expected.nodeTypes.length).toBe(manifest.nodes.length);
		const packStarted = now();
		const tarball = await packPackage();
		const packMs = now() - packStarted;
		n8n = await N8nInstance.create({ install: await ensureN8nInstalled(), tarball });
		const installed = await n8n.installPackage();
		note(`${manifest.name}: npm pack ${packMs} ms, install ${installed.ms} ms`);
		await n8n.start();
		const types = n8n.loadedTypes();
		expect(types.nodes).toEqual(expect.arrayContaining(expected.nodeTypes));
		expect(types.credentials).toEqual(expect.arrayContaining(expected.credentialTypes));
		expect(n8n.loadProblems()).toEqual([]);
	});
});
