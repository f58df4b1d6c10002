/**
 * The triggers on n8n's distributed setup (queue mode), all real: PostgreSQL and Redis
 * (scripts/install-queue-deps.sh), n8n main, two webhook processes behind a round-robin load
 * balancer, one worker, all the pinned n8n. Providers are the emulator; what they registered is
 * read there, what ran is read from n8n's execution records in PostgreSQL.
 *
 * Measured numbers are printed with note(); docs/queue-mode.md quotes them.
 */
import { randomUUID } from 'node:crypto';

import { type DeliveryHandle, type Emulator, lexgosign, startEmulator } from '../../emulator';
import {
	type Execution,
	ensureN8nInstalled,
	httpRequest,
	note,
	now,
	packPackage,
	sleep,
	waitFor,
} from './support';
import { type QueueCluster, type QueueN8n, mapLimit, startQueueCluster } from './support/queue';
import {
	BUSINESS_STEP,
	CLAIM_TABLE_SQL,
	type Dedupe,
	type Provider,
	allEventsParameters,
	credentialImports,
	legalesignParameters,
	lexgoSignParameters,
	triggerWorkflow,
} from './queue-mode.workflows';

/** LexgoSign retries after 0.5, 1 and 2 s instead of 5, 10, 20 s. */
const TIME_SCALE = 0.1;
/** Leegality's schedule (at once, +1 h, +3 h) on a second emulator: +3.6 s and +10.8 s. */
const LEEGALITY_TIME_SCALE = 0.001;
const FINAL = ['success', 'error', 'crashed', 'canceled'];
/** How long the emulated providers wait for an answer (real: LexgoSign 5 s, Leegality 10 s). */
const RECEIVER_TIMEOUT_MS = 60_000;

interface Target {
	id: string;
	webhookId: string;
	provider: Provider;
	dedupe: Dedupe;
}
const target = (id: string, provider: Provider, dedupe: Dedupe): Target => ({
	id,
	webhookId: `queue-${id.toLowerCase()}`,
	provider,
	dedupe,
});
/** Registration lifecycle (published, changed, unpublished during the test). */
const LEXGO_LIFECYCLE = target('qLexLifecycle01', 'lexgosign', 'none');
const LEGALESIGN_LIFECYCLE = target('qLesLifecycle01', 'legalesign', 'none');
/** Verification on every process; duplicates without a dedupe step. */
const LEXGO_PLAIN = target('qLexPlain000001', 'lexgosign', 'none');
const LEGALESIGN_PLAIN = target('qLesPlain000001', 'legalesign', 'none');
const LEEGALITY_PLAIN = target('qLeePlain000001', 'leegality', 'none');
/** Duplicate measurements, one workflow per dedupe step. */
const LEXGO_REMOVE_DUPLICATES = target('qLexRemoveDup01', 'lexgosign', 'removeDuplicates');
const LEXGO_CLAIM = target('qLexClaim000001', 'lexgosign', 'postgresClaim');
const LEEGALITY_REMOVE_DUPLICATES = target('qLeeRemoveDup01', 'leegality', 'removeDuplicates');
const LEEGALITY_CLAIM = target('qLeeClaim000001', 'leegality', 'postgresClaim');
/** Load: 2,000 deliveries; then a webhook process killed mid-burst. */
const LEXGO_BURST = target('qLexBurst000001', 'lexgosign', 'postgresClaim');
const LEXGO_KILL = target('qLexKill0000001', 'lexgosign', 'postgresClaim');

const PUBLISHED_AT_START = [
	LEXGO_PLAIN,
	LEGALESIGN_PLAIN,
	LEEGALITY_PLAIN,
	LEXGO_REMOVE_DUPLICATES,
	LEXGO_CLAIM,
	LEEGALITY_REMOVE_DUPLICATES,
	LEEGALITY_CLAIM,
	LEXGO_BURST,
	LEXGO_KILL,
];

const eventIdOf = (item: { json: Record<string, unknown> }) =>
	String(item.json.eventId ?? item.json.event_id ?? '');

/** How often each event id reached `node` (the trigger when omitted) across executions. */
function runsPerEvent(executions: Execution[], node?: string): Map<string, number> {
	const runs = new Map<string, number>();
	for (const execution of executions) {
		const items = node
			? (execution.runData?.[node]?.[0]?.data?.main?.[0] ?? [])
			: execution.triggerItems;
		for (const item of items) runs.set(eventIdOf(item), (runs.get(eventIdOf(item)) ?? 0) + 1);
	}
	return runs;
}

/** Occurrences of each value, e.g. {"200": 12, "503": 1}. */
function countBy(values: Array<string | number | null>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
	return counts;
}

/** Of `ids`: how many never reached `runs`, and how many reached it more than once. */
function tally(ids: string[], runs: Map<string, number>) {
	return {
		events: ids.length,
		lost: ids.filter((id) => !runs.get(id)).length,
		doubled: ids.filter((id) => (runs.get(id) ?? 0) > 1).length,
	};
}

describe('n8n queue mode: main, two webhook processes, a worker, PostgreSQL and Redis', () => {
	let emu: Emulator;
	let emuLeegality: Emulator;
	let cluster: QueueCluster;
	const stageStarted = now();
	/** Measured rows for the closing table. */
	const report: string[] = [];
	const record = (line: string) => {
		report.push(line);
		note(line);
	};

	const publicUrl = (t: Target) => cluster.webhookUrl(t.webhookId, 'webhook');
	/** The same URL on one webhook process, bypassing the load balancer. */
	const onProcess = (url: string, process: QueueN8n) =>
		url.replace(cluster.balancer.url, process.baseUrl);
	const lexgoRegistrations = (t: Target) =>
		emu.lexgosign.webhooks().filter((hook) => hook.url === publicUrl(t));
	const lexgoAuth = (t: Target) => {
		const [hook, ...more] = lexgoRegistrations(t);
		expect(more).toHaveLength(0);
		return String(hook.auth);
	};
	const legalesignRegistrations = (t: Target) =>
		emu.legalesign
			.listSubscriptions()
			.filter((s) => s.url.split('?')[0] === publicUrl(t).split('?')[0]);
	const legalesignUrl = (t: Target) => {
		const [subscription, ...more] = legalesignRegistrations(t);
		expect(more).toHaveLength(0);
		return subscription.url;
	};
	/** Registration API calls (not deliveries) the emulator received since `mark`. */
	const registrationCalls = (mark: number) =>
		emu.requests
			.slice(mark)
			.filter(
				(r) =>
					(r.provider === 'lexgosign' && /\/webhooks/.test(r.path)) ||
					(r.provider === 'legalesign' && /\/(subscribe|unsubscribe|notifications)\//.test(r.path)),
			)
			.map(
				(r) => `${r.provider} ${r.method} ${r.path.replace(/^\/\w+\/(api\/)?v1/, '')} ${r.status}`,
			);

	/** Status of a delivery's first attempt; its retries are cancelled (Legalesign's run to hours). */
	const firstStatus = async (handle: DeliveryHandle) => {
		await waitFor(() => handle.attempts.length > 0, {
			timeoutMs: 60_000,
			intervalMs: 20,
			description: `first attempt of delivery ${handle.id}`,
		});
		handle.cancel();
		return handle.attempts[0].status;
	};

	/** A LexgoSign delivery body (the provider's own id is the event id). */
	const lexgoBody = (id: string, event = 'envelope.in_progress') =>
		JSON.stringify(emu.lexgosign.buildWebhookBody(event, { id }));
	const postLexgo = (url: string, auth: string, body: string) =>
		httpRequest(url, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/json', authorization: auth },
			timeoutMs: 60_000,
		});

	/**
	 * Waits until the workflow has at least `atLeast` finished executions and none queued or
	 * running, stable for 2 s; returns them with their data. With `abandonedAfterMs`, executions
	 * still "new" once nothing has changed for that long count as abandoned: a webhook process
	 * killed between storing an execution and queueing it leaves one that never starts (and that
	 * delivery got no answer, so the provider retried it).
	 */
	const settled = async (
		workflowId: string,
		atLeast: number,
		timeoutMs = 180_000,
		abandonedAfterMs?: number,
	) => {
		let last = '';
		let unchangedSince = now();
		const done = async () => {
			const counts = await cluster.main.executionStatusCounts(workflowId);
			const total = Object.values(counts).reduce((a, b) => a + b, 0);
			const final = FINAL.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
			const snapshot = JSON.stringify(counts);
			if (snapshot !== last) unchangedSince = now();
			last = snapshot;
			if (final < atLeast) return '';
			if (final === total) return snapshot;
			const onlyNew = final + (counts.new ?? 0) === total;
			const abandoned =
				abandonedAfterMs !== undefined && onlyNew && now() - unchangedSince >= abandonedAfterMs;
			return abandoned ? snapshot : '';
		};
		for (;;) {
			const snapshot = await waitFor(done, {
				timeoutMs,
				intervalMs: 500,
				description: `${atLeast} finished executions of ${workflowId}`,
				onTimeout: () => `last counts: ${last}`,
			});
			await sleep(2000);
			if ((await done()) === snapshot) break;
		}
		return cluster.main.executions({ workflowId });
	};

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		const tarball = await packPackage();
		// Providers give up on an answer after 5-10 s of real time; a loaded test machine can be
		// slower than that, and the stage proves counts, not speed: they wait up to a minute here.
		emu = await startEmulator({
			port: 0,
			timeScale: TIME_SCALE,
			webhookTimeoutMs: RECEIVER_TIMEOUT_MS,
			lexgosign: { receiverTimeoutMs: RECEIVER_TIMEOUT_MS },
		});
		emuLeegality = await startEmulator({
			port: 0,
			timeScale: LEEGALITY_TIME_SCALE,
			webhookTimeoutMs: RECEIVER_TIMEOUT_MS,
			leegality: { privateSalt: emu.leegality.privateSalt, authToken: emu.leegality.authToken },
		});
		cluster = await startQueueCluster({
			install,
			tarball,
			keyOf: (body) => {
				const parsed = JSON.parse(body.toString('utf8')) as { id?: string; documentId?: string };
				return parsed.id ?? parsed.documentId ?? null;
			},
		});
		record(`cluster started in ${cluster.timings.totalMs} ms (${JSON.stringify(cluster.timings)})`);
		await cluster.postgres.query(CLAIM_TABLE_SQL);
		await cluster.main.importCredentials(credentialImports(emu, cluster.postgres));
		const workflows = [...PUBLISHED_AT_START, LEXGO_LIFECYCLE, LEGALESIGN_LIFECYCLE].map((t) =>
			triggerWorkflow({
				...t,
				parameters:
					t === LEXGO_LIFECYCLE
						? lexgoSignParameters(['envelope.success'])
						: t === LEGALESIGN_LIFECYCLE
							? legalesignParameters('document.created')
							: allEventsParameters(t.provider, lexgosign.EVENT_NAMES),
			}),
		);
		await cluster.main.importWorkflows(workflows);
		const { cookie } = await cluster.main.session();
		for (const t of PUBLISHED_AT_START) await cluster.main.publishLive(t.id, { cookie });
	}, 900_000);

	afterAll(async () => {
		await cluster?.dispose();
		await emu?.close();
		await emuLeegality?.close();
		note(`queue-mode stage: ${Math.round((now() - stageStarted) / 1000)} s in all`);
		note(`--- queue-mode measurements ---\n${report.join('\n')}`);
	}, 300_000);

	it('the registration lifecycle runs once, on main: publish, re-publish, a new version, unpublish', async () => {
		const { cookie } = await cluster.main.session();
		const mark = emu.requests.length;
		await cluster.main.publishLive(LEXGO_LIFECYCLE.id, { cookie });
		await cluster.main.publishLive(LEGALESIGN_LIFECYCLE.id, { cookie });
		expect(lexgoRegistrations(LEXGO_LIFECYCLE)).toHaveLength(1);
		expect(legalesignRegistrations(LEGALESIGN_LIFECYCLE)).toHaveLength(1);
		const first = {
			lexgo: lexgoRegistrations(LEXGO_LIFECYCLE)[0],
			les: legalesignUrl(LEGALESIGN_LIFECYCLE),
		};
		const afterPublish = registrationCalls(mark);

		// Same version again: nothing to do anywhere.
		const markRepublish = emu.requests.length;
		await cluster.main.publishLive(LEXGO_LIFECYCLE.id, { cookie });
		await cluster.main.publishLive(LEGALESIGN_LIFECYCLE.id, { cookie });
		expect(registrationCalls(markRepublish)).toEqual([]);

		// A new version: the old registration goes, exactly one new one comes.
		const markVersion = emu.requests.length;
		for (const [t, parameters] of [
			[LEXGO_LIFECYCLE, lexgoSignParameters(['envelope.voided'])],
			[LEGALESIGN_LIFECYCLE, legalesignParameters('document.rejected')],
		] as const) {
			const changed = triggerWorkflow({ ...t, parameters });
			const saved = await cluster.main.rest('PATCH', `/rest/workflows/${t.id}`, {
				cookie,
				body: { nodes: changed.nodes, connections: changed.connections },
			});
			expect(saved.status).toBe(200);
			await cluster.main.publishLive(t.id, { cookie });
		}
		const afterVersion = registrationCalls(markVersion);
		const [lexgo] = lexgoRegistrations(LEXGO_LIFECYCLE);
		expect(lexgoRegistrations(LEXGO_LIFECYCLE)).toHaveLength(1);
		expect(lexgo.subscriptions).toBe('envelope.voided');
		expect(lexgo.id).not.toBe(first.lexgo.id);
		const les = legalesignUrl(LEGALESIGN_LIFECYCLE);
		expect(legalesignRegistrations(LEGALESIGN_LIFECYCLE)[0].eventFilter).toBe('document.rejected');

		// Both webhook processes follow main's new secrets at once; the old ones are refused.
		const envelope = lexgoBody(randomUUID(), 'envelope.voided');
		for (const process of cluster.webhooks) {
			const url = onProcess(publicUrl(LEXGO_LIFECYCLE), process);
			expect((await postLexgo(url, String(first.lexgo.auth), envelope)).status).toBe(401);
			const fresh = lexgoBody(randomUUID(), 'envelope.voided');
			expect((await postLexgo(url, String(lexgo.auth), fresh)).status).toBe(200);
			const stale = emu.legalesign.deliverRealtime({
				to: onProcess(first.les, process),
				event: 'document.rejected',
			});
			expect(await firstStatus(stale)).toBe(401);
			const current = emu.legalesign.deliverRealtime({
				to: onProcess(les, process),
				event: 'document.rejected',
			});
			expect(await firstStatus(current)).toBe(200);
		}

		const markUnpublish = emu.requests.length;
		await cluster.main.unpublishLive(LEXGO_LIFECYCLE.id, { cookie });
		await cluster.main.unpublishLive(LEGALESIGN_LIFECYCLE.id, { cookie });
		expect(lexgoRegistrations(LEXGO_LIFECYCLE)).toEqual([]);
		expect(legalesignRegistrations(LEGALESIGN_LIFECYCLE)).toEqual([]);
		const afterUnpublish = registrationCalls(markUnpublish);
		record(`registration calls on publish: ${afterPublish.join(', ')}`);
		record(`registration calls on a new version: ${afterVersion.join(', ')}`);
		record(`registration calls on unpublish: ${afterUnpublish.join(', ')}`);
		// Exactly one registration call per provider and step: the webhook processes and the
		// worker never called the provider (they would add a POST each).
		expect(afterPublish.filter((c) => / POST /.test(c))).toHaveLength(2);
		expect(afterVersion.filter((c) => / POST /.test(c))).toHaveLength(2);
		expect(afterUnpublish.filter((c) => / POST \/webhooks/.test(c))).toHaveLength(0);
		await settled(LEXGO_LIFECYCLE.id, 2);
		await settled(LEGALESIGN_LIFECYCLE.id, 2);
	}, 300_000);

	it('every webhook process verifies with the secrets main stored; a forged delivery gets 401 from each', async () => {
		const lexgoId = (i: number) => `verify-lexgo-${i}-${randomUUID()}`;
		const sent: Record<Provider, number> = { lexgosign: 0, legalesign: 0, leegality: 0 };
		for (const [index, process] of cluster.webhooks.entries()) {
			// LexgoSign: the Authorization value main registered (static data, in PostgreSQL).
			const lexUrl = onProcess(publicUrl(LEXGO_PLAIN), process);
			expect(
				(await postLexgo(lexUrl, lexgoAuth(LEXGO_PLAIN), lexgoBody(lexgoId(index)))).status,
			).toBe(200);
			expect((await postLexgo(lexUrl, 'Bearer forged', lexgoBody(lexgoId(index)))).status).toBe(
				401,
			);
			const auth = lexgoAuth(LEXGO_PLAIN);
			const nearMiss = `${auth.slice(0, -1)}${auth.endsWith('0') ? '1' : '0'}`;
			expect((await postLexgo(lexUrl, nearMiss, lexgoBody(lexgoId(index)))).status).toBe(401);
			sent.lexgosign++;
			// Legalesign: the URL token main registered, and the credential's HMAC secret.
			const lesUrl = onProcess(legalesignUrl(LEGALESIGN_PLAIN), process);
			const good = emu.legalesign.deliverRealtime({ to: lesUrl, event: 'document.created' });
			expect(await firstStatus(good)).toBe(200);
			const badHmac = emu.legalesign.deliverRealtime({
				to: lesUrl,
				event: 'document.created',
				hmacSecret: 'forged-secret',
			});
			expect(await firstStatus(badHmac)).toBe(401);
			const badToken = emu.legalesign.deliverRealtime({
				to: lesUrl.replace(/token=[^&]+/, 'token=forged'),
				event: 'document.created',
			});
			expect(await firstStatus(badToken)).toBe(401);
			sent.legalesign++;
			// Leegality: the MAC keyed with the credential's Private Salt.
			const leeUrl = onProcess(publicUrl(LEEGALITY_PLAIN), process);
			const signed = emu.leegality.buildWebhookBody('signed');
			expect((await httpRequest(leeUrl, { method: 'POST', body: signed })).status).toBe(200);
			const forged = emu.leegality.buildWebhookBody('signed', { mac: 'f'.repeat(40) });
			expect((await httpRequest(leeUrl, { method: 'POST', body: forged })).status).toBe(401);
			sent.leegality++;
		}
		for (const [t, count] of [
			[LEXGO_PLAIN, sent.lexgosign],
			[LEGALESIGN_PLAIN, sent.legalesign],
			[LEEGALITY_PLAIN, sent.leegality],
		] as const) {
			const executions = await settled(t.id, count);
			expect(executions).toHaveLength(count);
			expect(executions.every((e) => e.status === 'success')).toBe(true);
		}
	}, 300_000);

	const executionCount = async (workflowId: string) =>
		Object.values(await cluster.main.executionStatusCounts(workflowId)).reduce((a, b) => a + b, 0);

	it('a retry landing on the other webhook process: the trigger alone runs it twice, a dedupe step once', async () => {
		const [first, second] = cluster.webhooks;
		const url = (t: Target, process: QueueN8n) => onProcess(publicUrl(t), process);
		const before = await executionCount(LEXGO_PLAIN.id);
		const auth = lexgoAuth(LEXGO_PLAIN);
		const sameProcess = `same-${randomUUID()}`;
		const otherProcess = `other-${randomUUID()}`;
		for (const process of [first, first])
			expect(
				(await postLexgo(url(LEXGO_PLAIN, process), auth, lexgoBody(sameProcess))).status,
			).toBe(200);
		for (const process of [first, second]) {
			expect(
				(await postLexgo(url(LEXGO_PLAIN, process), auth, lexgoBody(otherProcess))).status,
			).toBe(200);
			await settled(LEXGO_PLAIN.id, before + (process === first ? 2 : 3));
		}
		const plainRuns = runsPerEvent(await settled(LEXGO_PLAIN.id, before + 3));
		// The trigger's duplicate memory lives in each process: it holds within one, not across two.
		expect(plainRuns.get(sameProcess)).toBe(1);
		expect(plainRuns.get(otherProcess)).toBe(2);
		record(
			'trigger only: a repeat on the same webhook process ran 1 time, on the other process 2 times',
		);

		// Leegality's trigger also keeps recent ids in static data, which each webhook process loads
		// from the database per delivery and saves after it: a later repeat elsewhere may be caught,
		// but that copy is last-writer-wins (measured: 1 execution in one run, 2 in another).
		const leeBefore = await executionCount(LEEGALITY_PLAIN.id);
		const leeBody = emu.leegality.buildWebhookBody('signed');
		for (const process of [first, second]) {
			const res = await httpRequest(url(LEEGALITY_PLAIN, process), {
				method: 'POST',
				body: leeBody,
			});
			expect(res.status).toBe(200);
			await settled(LEEGALITY_PLAIN.id, leeBefore + 1);
		}
		const leeRuns = (await settled(LEEGALITY_PLAIN.id, leeBefore + 1)).length - leeBefore;
		record(
			`trigger only, Leegality (in-process memory, like the others): a repeat on the other process after the first run: ${leeRuns} execution(s)`,
		);
		// No trigger keeps its memory in static data, so the other process has not seen the id.
		expect(leeRuns).toBe(2);

		for (const t of [LEXGO_REMOVE_DUPLICATES, LEXGO_CLAIM]) {
			const id = `retry-${randomUUID()}`;
			const count = await executionCount(t.id);
			for (const [i, process] of [first, second].entries()) {
				expect((await postLexgo(url(t, process), lexgoAuth(t), lexgoBody(id))).status).toBe(200);
				await settled(t.id, count + i + 1);
			}
			const executions = await settled(t.id, count + 2);
			expect(runsPerEvent(executions).get(id)).toBe(2);
			expect(runsPerEvent(executions, BUSINESS_STEP).get(id)).toBe(1);
			record(
				`${t.dedupe}: a retry on the other process after the first run finished: 2 executions, business step once`,
			);
		}
	}, 300_000);

	/**
	 * Duplicates the way they arrive in production, against a workflow with a dedupe step:
	 * the same delivery on both processes `offset` ms apart; a burst of new events, then each
	 * repeated on the other process; and the providers' retry schedules through the balancer.
	 */
	const measureDedupe = async (label: string, lexTarget: Target, leeTarget: Target) => {
		const started = now();
		const [first, second] = cluster.webhooks;
		const auth = lexgoAuth(lexTarget);
		const url = (process: QueueN8n) => onProcess(publicUrl(lexTarget), process);
		const lexBefore = await executionCount(lexTarget.id);
		const rows: Array<{ scenario: string } & ReturnType<typeof tally>> = [];

		const offsets = [0, 50, 250, 1000];
		const PAIRS = 8;
		const pairs = offsets.flatMap((offset) =>
			Array.from({ length: PAIRS }, (_, i) => ({
				offset,
				id: `pair-${offset}-${i}-${randomUUID()}`,
			})),
		);
		const pairStatuses = await Promise.all(
			pairs.map(async ({ offset, id }, index) => {
				await sleep(index * 120);
				const [a, b] = index % 2 === 0 ? [first, second] : [second, first];
				const body = lexgoBody(id);
				const early = postLexgo(url(a), auth, body);
				await sleep(offset);
				const late = postLexgo(url(b), auth, body);
				return [(await early).status, (await late).status];
			}),
		);
		const statuses = pairStatuses.flat();

		const REPLAYED = 100;
		const burst = Array.from({ length: REPLAYED }, (_, i) => `replay-${i}-${randomUUID()}`);
		const firstRound = await mapLimit(burst, 25, (id, i) =>
			postLexgo(url(cluster.webhooks[i % 2]), auth, lexgoBody(id)),
		);
		statuses.push(...firstRound.map((r) => r.status));
		await settled(lexTarget.id, lexBefore + pairs.length + REPLAYED);
		const secondRound = await mapLimit(burst, 25, (id, i) =>
			postLexgo(url(cluster.webhooks[(i + 1) % 2]), auth, lexgoBody(id)),
		);
		statuses.push(...secondRound.map((r) => r.status));

		const SCHEDULED = 12;
		const lexHandles: DeliveryHandle[] = Array.from({ length: SCHEDULED }, () =>
			emu.lexgosign.deliver({
				event: 'envelope.in_progress',
				to: publicUrl(lexTarget),
				auth,
				lostResponses: 3,
			}),
		);
		const leeBefore = await executionCount(leeTarget.id);
		// The same workflow may have run an earlier measurement: count only this one's executions.
		const leeEarlier = new Set(
			(await cluster.main.executions({ workflowId: leeTarget.id })).map((e) => e.id),
		);
		const leeHandles: DeliveryHandle[] = Array.from({ length: SCHEDULED }, () =>
			emuLeegality.leegality.deliver({
				event: 'signed',
				to: publicUrl(leeTarget),
				lostResponses: 3,
			}),
		);
		const results = await Promise.all([...lexHandles, ...leeHandles].map((h) => h.done));
		// At least one execution per event; repeats the trigger itself suppressed (same process,
		// or Leegality's static-data copy) start none.
		const lexExecutions = await settled(
			lexTarget.id,
			lexBefore + pairs.length + REPLAYED + SCHEDULED,
		);
		const leeExecutions = (await settled(leeTarget.id, leeBefore + SCHEDULED)).filter(
			(e) => !leeEarlier.has(e.id),
		);
		const lexBusiness = runsPerEvent(lexExecutions, BUSINESS_STEP);
		for (const offset of offsets) {
			const ids = pairs.filter((p) => p.offset === offset).map((p) => p.id);
			rows.push({
				scenario: `same delivery on both processes ${offset} ms apart`,
				...tally(ids, lexBusiness),
			});
		}
		rows.push({
			scenario: `${REPLAYED} new events at concurrency 25, then each again on the other process`,
			...tally(burst, lexBusiness),
		});
		rows.push({
			scenario: 'LexgoSign schedule (4 attempts: 0, +0.5, +1, +2 s) through the balancer',
			...tally(
				lexHandles.map((h) => h.id),
				lexBusiness,
			),
		});
		const leeBusiness = runsPerEvent(leeExecutions, BUSINESS_STEP);
		const leeIds = leeExecutions.flatMap((e) => e.triggerItems.map(eventIdOf));
		rows.push({
			scenario: 'Leegality schedule (4 attempts: 0, at once, +3.6 s, +10.8 s) through the balancer',
			...tally([...new Set(leeIds)], leeBusiness),
		});
		const errors = [...lexExecutions, ...leeExecutions].filter((e) => e.status !== 'success');
		// An event that never ran, although no execution of it failed, would be a silent loss.
		const failedEvents = new Set(errors.flatMap((e) => e.triggerItems.map(eventIdOf)));
		const lostSilently = [
			...[...pairs.map((p) => p.id), ...burst, ...lexHandles.map((h) => h.id)].filter(
				(id) => !lexBusiness.get(id),
			),
			...[...new Set(leeIds)].filter((id) => !leeBusiness.get(id)),
		].filter((id) => !failedEvents.has(id));
		const attempts = results.map((r) => r.attempts.length);
		for (const row of rows)
			record(
				`${label}: ${row.scenario}: ${row.events} events, ${row.doubled} ran twice, ${row.lost} never ran`,
			);
		record(
			`${label}: executions not successful: ${errors.length}${errors.length ? ` (${[...new Set(errors.map((e) => e.error?.message))].join('; ')})` : ''}`,
		);
		record(
			`${label}: answers ${JSON.stringify(countBy(statuses))}; scheduled deliveries: ${results.filter((r) => r.delivered).length}/${results.length} delivered, attempts ${JSON.stringify(countBy(attempts))}, answers ${JSON.stringify(countBy(results.flatMap((r) => r.attempts.map((a) => a.status ?? 'none'))))}; measured in ${now() - started} ms`,
		);
		// A provider whose last attempt timed out (LexgoSign waits 5 s) may still have been heard:
		// what counts is that every event ran, and how often.
		expect(statuses.filter((status) => status !== 200)).toEqual([]);
		expect(new Set(leeIds).size).toBe(SCHEDULED);
		return { rows, errors, lostSilently };
	};

	it('Remove Duplicates (n8n database) and an atomic PostgreSQL claim under concurrent duplicates', async () => {
		const removeDuplicates = await measureDedupe(
			'Remove Duplicates, worker concurrency 10',
			LEXGO_REMOVE_DUPLICATES,
			LEEGALITY_REMOVE_DUPLICATES,
		);
		// Measured, not asserted: its races run events twice and may fail executions on n8n's own
		// unique key ("duplicate key value violates unique constraint"); one run also lost an event
		// (docs/queue-mode.md). Outcomes of a third-party race are recorded for the docs.
		record(
			`Remove Duplicates, worker concurrency 10: events that never ran without a failed execution: ${removeDuplicates.lostSilently.length}`,
		);
		const claim = await measureDedupe(
			'PostgreSQL claim, worker concurrency 10',
			LEXGO_CLAIM,
			LEEGALITY_CLAIM,
		);
		// The claim is one atomic statement: exactly once in every scenario.
		expect(claim.rows.every((row) => row.lost === 0 && row.doubled === 0)).toBe(true);
		expect(claim.errors).toEqual([]);
	}, 600_000);

	/** Per-process table of a burst: requests and answers (balancer log), for one workflow path. */
	/**
	 * Per-process table of a burst from the balancer's log: deliveries, answers by class, and
	 * (given the executions' runs per event id) how many of the events a process answered 2xx
	 * have an execution, and how many more than one.
	 */
	const perProcess = (webhookId: string, since: number, runs?: Map<string, number>) => {
		const entries = cluster.balancer.log.slice(since).filter((e) => e.path.includes(webhookId));
		return cluster.webhooks.map((process) => {
			const mine = entries.filter((e) => e.upstream === process.name);
			const cls = (min: number, max: number) =>
				mine.filter(
					(e) => e.upstreamStatus !== null && e.upstreamStatus >= min && e.upstreamStatus < max,
				);
			const accepted = [...new Set(cls(200, 300).map((e) => String(e.key)))];
			return {
				process: process.name,
				deliveries: mine.length,
				'2xx': cls(200, 300).length,
				'4xx': cls(400, 500).length,
				'5xx': cls(500, 600).length,
				noAnswer: mine.filter((e) => e.upstreamStatus === null).length,
				...(runs
					? {
							acceptedWithExecution: accepted.filter((key) => (runs.get(key) ?? 0) > 0).length,
							acceptedRunTwice: accepted.filter((key) => (runs.get(key) ?? 0) > 1).length,
						}
					: {}),
			};
		});
	};

	it('2,000 deliveries at concurrency 50 over both webhook processes: none lost, none doubled, no 5xx', async () => {
		const TOTAL = 2000;
		const auth = lexgoAuth(LEXGO_BURST);
		const ids = Array.from({ length: TOTAL }, (_, i) => `burst-${i}-${randomUUID()}`);
		const since = cluster.balancer.log.length;
		const started = now();
		const responses = await mapLimit(ids, 50, (id) =>
			postLexgo(publicUrl(LEXGO_BURST), auth, lexgoBody(id)),
		);
		const answeredMs = now() - started;
		record(
			`burst answers: ${JSON.stringify(countBy(responses.map((r) => r.status)))} in ${answeredMs} ms; per process ${JSON.stringify(perProcess(LEXGO_BURST.webhookId, since))}`,
		);
		expect(responses.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
		const executions = await settled(LEXGO_BURST.id, TOTAL, 900_000);
		const finishedMs = now() - started;
		const table = perProcess(LEXGO_BURST.webhookId, since, runsPerEvent(executions));
		const trigger = tally(ids, runsPerEvent(executions));
		const business = tally(ids, runsPerEvent(executions, BUSINESS_STEP));
		record(
			`burst: ${TOTAL} deliveries answered in ${answeredMs} ms, all executions finished after ${finishedMs} ms`,
		);
		for (const row of table) record(`burst per process: ${JSON.stringify(row)}`);
		record(
			`burst executions: ${executions.length} (${executions.filter((e) => e.status === 'success').length} success); per event: ${trigger.lost} lost, ${trigger.doubled} doubled; business step: ${business.lost} lost, ${business.doubled} doubled`,
		);
		expect(responses.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
		expect(
			table.every((row) => row['5xx'] === 0 && row.noAnswer === 0 && row.deliveries > TOTAL / 4),
		).toBe(true);
		expect(executions).toHaveLength(TOTAL);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
		expect(trigger).toEqual({ events: TOTAL, lost: 0, doubled: 0 });
		expect(business).toEqual({ events: TOTAL, lost: 0, doubled: 0 });
	}, 1_200_000);

	it('a webhook process killed mid-burst: every event answered 2xx ran, the rest were retried and ran once', async () => {
		const TOTAL = 400;
		const auth = lexgoAuth(LEXGO_KILL);
		const victim = cluster.webhooks[1];
		const since = cluster.balancer.log.length;
		const answered = () =>
			cluster.balancer.log.slice(since).filter((e) => e.path.includes(LEXGO_KILL.webhookId)).length;
		let killedAt = 0;
		const handles: DeliveryHandle[] = [];
		try {
			const killer = (async () => {
				await waitFor(() => answered() >= TOTAL / 4, {
					timeoutMs: 600_000,
					intervalMs: 20,
					description: 'a quarter of the burst',
				});
				killedAt = answered();
				await victim.crash();
			})();
			await mapLimit(
				Array.from({ length: TOTAL }, (_, i) => i),
				50,
				async () => {
					const handle = emu.lexgosign.deliver({
						event: 'envelope.in_progress',
						to: publicUrl(LEXGO_KILL),
						auth,
					});
					handles.push(handle);
					return handle.done;
				},
			);
			await killer;
		} finally {
			// The next test needs both webhook processes again.
			if (!victim.running) {
				const restartStarted = now();
				await victim.start({ waitForActivation: false });
				record(`kill: webhook-2 restarted in ${now() - restartStarted} ms`);
			}
		}
		const results = await Promise.all(handles.map((h) => h.done));
		const ids = handles.map((h) => h.id);
		const answered2xx = handles.filter((h) => h.attempts.some((a) => a.ok)).map((h) => h.id);
		const executions = await settled(LEXGO_KILL.id, answered2xx.length, 600_000, 30_000);
		const abandoned = executions.filter((e) => e.status === 'new').length;
		const triggerRuns = runsPerEvent(executions);
		const retried = handles.filter((h) => h.attempts.length > 1);
		const table = perProcess(LEXGO_KILL.webhookId, since, triggerRuns);
		const business = tally(ids, runsPerEvent(executions, BUSINESS_STEP));
		record(`kill: webhook-2 SIGKILLed after ${killedAt} of ${TOTAL} deliveries had been answered`);
		for (const row of table) record(`kill per process: ${JSON.stringify(row)}`);
		record(
			`kill: ${results.filter((r) => r.delivered).length}/${TOTAL} delivered, ${retried.length} needed a retry, answers ${JSON.stringify(countBy(handles.flatMap((h) => h.attempts.map((a) => a.status ?? 'none'))))}; executions ${executions.length}; ` +
				`answered 2xx without an execution: ${answered2xx.filter((id) => !triggerRuns.get(id)).length}; ` +
				`executions left "new" by the killed process: ${abandoned}; ` +
				`events with 2 executions: ${ids.filter((id) => (triggerRuns.get(id) ?? 0) > 1).length}; business step: ${JSON.stringify(business)}`,
		);
		expect(results.every((r) => r.delivered)).toBe(true);
		expect(answered2xx.filter((id) => !triggerRuns.get(id))).toEqual([]);
		expect(business).toEqual({ events: TOTAL, lost: 0, doubled: 0 });
		// Only deliveries in flight on the killed process can have been left behind.
		expect(abandoned).toBeLessThanOrEqual(50);
		const id = `after-restart-${randomUUID()}`;
		const after = await postLexgo(onProcess(publicUrl(LEXGO_KILL), victim), auth, lexgoBody(id));
		expect(after.status).toBe(200);
	}, 1_200_000);

	it('one worker at concurrency 1 makes Remove Duplicates exactly-once (executions one at a time)', async () => {
		cluster.worker.setEnv({ N8N_CONCURRENCY_PRODUCTION_LIMIT: '1' });
		const restartStarted = now();
		await cluster.worker.stop();
		await cluster.worker.start({ waitForActivation: false });
		record(`worker restarted with concurrency 1 in ${now() - restartStarted} ms`);
		const serial = await measureDedupe(
			'Remove Duplicates, one worker at concurrency 1',
			LEXGO_REMOVE_DUPLICATES,
			LEEGALITY_REMOVE_DUPLICATES,
		);
		expect(serial.rows.every((row) => row.lost === 0 && row.doubled === 0)).toBe(true);
	}, 900_000);
});
