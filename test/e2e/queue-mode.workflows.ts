/**
 * Workflows of the queue-mode stage (queue-mode.e2e.test.ts), built in one place: when the
 * triggers' parameters change (registration values, `events`, typeVersion), only this file
 * changes. Pure data: no n8n, no emulator.
 */
import { LEGALESIGN_REALTIME_EVENTS } from '../../nodes/Legalesign/events';
import type { WorkflowImport, WorkflowNodeImport } from './support';

/** typeVersion of the three triggers (their default). */
export const TRIGGER_VERSION = 1.1;

export const CREDENTIALS = {
	leegality: { id: 'queueLeegality01', name: 'Leegality (queue emulator)' },
	legalesign: { id: 'queueLegalesign1', name: 'Legalesign (queue emulator)' },
	lexgosign: { id: 'queueLexgoSign01', name: 'LexgoSign (queue emulator)' },
};

export type Provider = keyof typeof CREDENTIALS;

export const TRIGGER_NAMES: Record<Provider, string> = {
	leegality: 'Leegality Trigger',
	legalesign: 'Legalesign Trigger',
	lexgosign: 'LexgoSign Trigger',
};

const TRIGGER_TYPES: Record<Provider, string> = {
	leegality: 'n8n-nodes-esign.leegalityTrigger',
	legalesign: 'n8n-nodes-esign.legalesignTrigger',
	lexgosign: 'n8n-nodes-esign.lexgoSignTrigger',
};

const CREDENTIAL_TYPES: Record<Provider, string> = {
	leegality: 'leegalityApi',
	legalesign: 'legalesignApi',
	lexgosign: 'lexgoSignApi',
};

const LEEGALITY_EVENTS = [
	'signer.signed',
	'reviewer.approved',
	'signer.rejected',
	'reviewer.rejected',
	'certificate.verificationFailed',
	'invitation.expired',
	'unknown',
];

/** Today's trigger parameters for "every event", per provider. */
export function allEventsParameters(provider: Provider, lexgoSignEvents: readonly string[]) {
	switch (provider) {
		case 'leegality':
			return { events: [...LEEGALITY_EVENTS], options: {} };
		case 'legalesign':
			return {
				webhookType: 'realtime',
				events: [...Object.keys(LEGALESIGN_REALTIME_EVENTS), 'unknown'],
				options: {},
			};
		case 'lexgosign':
			return { registration: 'automatic', events: [...lexgoSignEvents, 'unknown'], options: {} };
	}
}

/** LexgoSign parameters for a registration of exactly these events. */
export function lexgoSignParameters(events: string[]) {
	return { registration: 'automatic', events, options: {} };
}

/** Legalesign realtime parameters for one event (registered as exactly that filter). */
export function legalesignParameters(event: string) {
	return { webhookType: 'realtime', events: [event], options: {} };
}

/**
 * How a workflow keeps a provider retry from running its business step twice: not at all (the
 * trigger's in-process memory only), n8n's Remove Duplicates node, or an atomic claim of the
 * event id in PostgreSQL (Postgres node, INSERT … ON CONFLICT DO NOTHING).
 */
export type Dedupe = 'none' | 'removeDuplicates' | 'postgresClaim';

export const POSTGRES_CREDENTIAL = { id: 'queuePostgres001', name: 'Event claims (PostgreSQL)' };
/** The table the claim step inserts into; created once by the operator. */
export const CLAIM_TABLE_SQL =
	'CREATE TABLE IF NOT EXISTS esign_processed_events (event_id text PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now())';
/**
 * One statement: the INSERT claims the id or does nothing; the outer SELECT returns the row only
 * to the claimant. A SELECT at top level makes the Postgres node (>= 2.3) output no item when
 * nothing is returned, so the workflow stops there for a repeat.
 */
export const CLAIM_QUERY =
	'WITH claimed AS (INSERT INTO esign_processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id) SELECT event_id FROM claimed';

/** The node that stands for "what the workflow does with the event". */
export const BUSINESS_STEP = 'Business Step';
export const DEDUPE_STEP = 'Skip Processed Events';

export interface TriggerWorkflowSpec {
	id: string;
	webhookId: string;
	provider: Provider;
	parameters: Record<string, unknown>;
	dedupe?: Dedupe;
	name?: string;
}

function triggerNode(spec: TriggerWorkflowSpec): WorkflowNodeImport {
	return {
		id: `${spec.id}-trigger`,
		name: TRIGGER_NAMES[spec.provider],
		type: TRIGGER_TYPES[spec.provider],
		typeVersion: TRIGGER_VERSION,
		position: [0, 0],
		webhookId: spec.webhookId,
		parameters: spec.parameters,
		credentials: { [CREDENTIAL_TYPES[spec.provider]]: CREDENTIALS[spec.provider] },
	};
}

/**
 * n8n's Remove Duplicates v2, "Remove Items Processed in Previous Executions", keyed on the
 * item's eventId: the history lives in n8n's database (table processed_data), so every worker
 * and webhook process sees it.
 */
export function removeDuplicatesNode(id: string, x: number): WorkflowNodeImport {
	return {
		id,
		name: DEDUPE_STEP,
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		position: [x, 0],
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			dedupeValue: '={{ $json.eventId }}',
			options: {},
		},
	};
}

/** Postgres node claiming the event id; outputs {event_id} for the first claimant only. */
export function postgresClaimNode(id: string, x: number): WorkflowNodeImport {
	return {
		id,
		name: DEDUPE_STEP,
		type: 'n8n-nodes-base.postgres',
		typeVersion: 2.6,
		position: [x, 0],
		parameters: {
			operation: 'executeQuery',
			query: CLAIM_QUERY,
			options: { queryReplacement: '={{ $json.eventId }}' },
		},
		credentials: { postgres: POSTGRES_CREDENTIAL },
	};
}

const DEDUPE_NODES: Record<Exclude<Dedupe, 'none'>, typeof postgresClaimNode> = {
	removeDuplicates: removeDuplicatesNode,
	postgresClaim: postgresClaimNode,
};

/** Trigger → [dedupe step] → business step (a No Op whose input shows what got through). */
export function triggerWorkflow(spec: TriggerWorkflowSpec): WorkflowImport {
	const trigger = triggerNode(spec);
	const business: WorkflowNodeImport = {
		id: `${spec.id}-business`,
		name: BUSINESS_STEP,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [480, 0],
		parameters: {},
	};
	const dedupe = spec.dedupe ?? 'none';
	const chain =
		dedupe === 'none'
			? [trigger, business]
			: [trigger, DEDUPE_NODES[dedupe](`${spec.id}-dedupe`, 240), business];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < chain.length; i++) {
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id: spec.id,
		name: spec.name ?? `Queue ${spec.provider} ${spec.webhookId}`,
		nodes: chain,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** Credential imports: the three providers (the emulator) and the PostgreSQL of the claims. */
export function credentialImports(
	emu: {
		leegality: { baseUrl: string; authToken: string; privateSalt: string };
		legalesign: { baseUrl: string; username: string; secret: string; hmacSecret: string | null };
		lexgosign: { baseUrl: string; apiKey: string };
	},
	postgres: { host: string; port: number; database: string; user: string },
) {
	return [
		{
			...POSTGRES_CREDENTIAL,
			type: 'postgres',
			data: {
				host: postgres.host,
				port: postgres.port,
				database: postgres.database,
				user: postgres.user,
				password: '',
				ssl: 'disable',
			},
		},
		{
			...CREDENTIALS.leegality,
			type: CREDENTIAL_TYPES.leegality,
			data: {
				environment: 'custom',
				baseUrl: emu.leegality.baseUrl,
				authToken: emu.leegality.authToken,
				privateSaltSecret: emu.leegality.privateSalt,
			},
		},
		{
			...CREDENTIALS.legalesign,
			type: CREDENTIAL_TYPES.legalesign,
			data: {
				username: emu.legalesign.username,
				secret: emu.legalesign.secret,
				baseUrl: emu.legalesign.baseUrl,
				webhookHmacSecret: emu.legalesign.hmacSecret,
			},
		},
		{
			...CREDENTIALS.lexgosign,
			type: CREDENTIAL_TYPES.lexgosign,
			data: { apiKey: emu.lexgosign.apiKey, baseUrl: emu.lexgosign.baseUrl },
		},
	];
}
