/**
 * Workflows, targets and delivery builders of the Legalesign real-n8n test
 * (legalesign.e2e.test.ts); pure data, no n8n and no emulator.
 */
import { type KeyObject, createHmac, randomUUID, sign } from 'node:crypto';

import {
	LEGALESIGN_LEGACY_EVENTS,
	LEGALESIGN_REALTIME_EVENTS,
} from '../../nodes/Legalesign/events';

import { readRepoFile } from '../support/repo';
import type { WorkflowImport, WorkflowNodeImport } from './support';

export const CREDENTIAL = { id: 'legalesignEmulator', name: 'Legalesign (emulator)' };
export const TRIGGER = 'Legalesign Trigger';
export const STATIC_KEY = `node:${TRIGGER}`;
/** One Legalesign minute becomes 60 ms: retries after 60 ms, 300 ms, …; the 6-minute batch every 360 ms. */
export const TIME_SCALE = 0.001;

export interface Target {
	workflowId: string;
	webhookId: string;
}
export const REALTIME: Target = {
	workflowId: 'e2eLegalesignRt01',
	webhookId: 'e2e-legalesign-realtime',
};
export const SIGNED_ONLY: Target = {
	workflowId: 'e2eLegalesignRt02',
	webhookId: 'e2e-legalesign-signed',
};
export const BATCH: Target = { workflowId: 'e2eLegalesignAll1', webhookId: 'e2e-legalesign-batch' };
export const PER_EVENT: Target = {
	workflowId: 'e2eLegalesignSgn1',
	webhookId: 'e2e-legalesign-on-sign',
};
export const MANUAL: Target = {
	workflowId: 'e2eLegalesignMan1',
	webhookId: 'e2e-legalesign-manual',
};
export const LIFECYCLE: Target = {
	workflowId: 'e2eLegalesignLife',
	webhookId: 'e2e-legalesign-life',
};
/** Imported unpublished: published live over a registration that already exists at Legalesign. */
export const ADOPT: Target = {
	workflowId: 'e2eLegalesignAdpt',
	webhookId: 'e2e-legalesign-adopt',
};
export const ADOPT_PARAMETERS = { webhookType: 'realtime', events: ['document.rejected'] };
export const ACTION = { workflowId: 'e2eLegalesignAct1', path: 'e2e-legalesign-action' };

export function triggerWorkflow(
	target: Target,
	parameters: Record<string, unknown>,
): WorkflowImport {
	return {
		id: target.workflowId,
		name: `E2E Legalesign trigger ${target.webhookId}`,
		nodes: [
			{
				id: `${target.workflowId}-trigger`,
				name: TRIGGER,
				type: 'n8n-nodes-esign.legalesignTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: target.webhookId,
				parameters,
				credentials: { legalesignApi: CREDENTIAL },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

const legalesignNode = (
	name: string,
	position: [number, number],
	parameters: Record<string, unknown>,
): WorkflowNodeImport => ({
	id: `e2e-legalesign-${name.toLowerCase().replace(/\W+/g, '-')}`,
	name,
	type: 'n8n-nodes-esign.legalesign',
	typeVersion: 1,
	position,
	parameters,
	credentials: { legalesignApi: CREDENTIAL },
});

export const actionWorkflow: WorkflowImport = {
	id: ACTION.workflowId,
	name: 'E2E Legalesign actions',
	nodes: [
		{
			id: 'e2e-legalesign-start',
			name: 'Start',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'e2e-legalesign-action-hook',
			parameters: { httpMethod: 'POST', path: ACTION.path, options: {} },
		},
		legalesignNode('List Webhooks', [240, -120], {
			resource: 'webhook',
			operation: 'getAll',
			returnAll: true,
		}),
		{
			...legalesignNode('Delete Webhook', [480, -120], {
				resource: 'webhook',
				operation: 'delete',
				// The URL without its secret token, as the editor's list shows it.
				webhookUrl: {
					__rl: true,
					mode: 'url',
					value: "={{ $('Start').first().json.body.webhookUrl }}",
				},
				eventFilter: 'document.*',
				groupFilter: '',
			}),
			executeOnce: true,
		},
		legalesignNode('Get Document', [240, 120], {
			resource: 'document',
			operation: 'get',
			documentId: { __rl: true, mode: 'id', value: '={{ $json.body.documentId }}' },
		}),
		legalesignNode('Download Signed PDF', [480, 120], {
			resource: 'document',
			operation: 'downloadSignedPdf',
			// Get Document is simplified (its default): the ID is "documentId". A plain string still works.
			documentId: '={{ $json.documentId }}',
			binaryPropertyName: 'pdf',
		}),
	],
	connections: {
		Start: {
			main: [
				[
					{ node: 'List Webhooks', type: 'main', index: 0 },
					{ node: 'Get Document', type: 'main', index: 0 },
				],
			],
		},
		'List Webhooks': { main: [[{ node: 'Delete Webhook', type: 'main', index: 0 }]] },
		'Get Document': { main: [[{ node: 'Download Signed PDF', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

export const WEBHOOK_DELETE = {
	workflowId: 'e2eLegalesignDel1',
	path: 'e2e-legalesign-webhook-delete',
};

/** Webhook Delete with the URL given without its query string (issue 9: no token in parameters). */
export const webhookDeleteWorkflow: WorkflowImport = {
	id: WEBHOOK_DELETE.workflowId,
	name: 'E2E Legalesign webhook delete',
	nodes: [
		{
			id: 'e2e-legalesign-delete-start',
			name: 'Start',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'e2e-legalesign-delete-hook',
			parameters: { httpMethod: 'POST', path: WEBHOOK_DELETE.path, options: {} },
		},
		legalesignNode('Delete Webhook', [240, 0], {
			resource: 'webhook',
			operation: 'delete',
			webhookUrl: { __rl: true, mode: 'url', value: '={{ $json.body.url }}' },
			eventFilter: '',
			groupFilter: '',
		}),
	],
	connections: { Start: { main: [[{ node: 'Delete Webhook', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** One event each: the trigger registers exactly that filter at Legalesign. */
export const LIFECYCLE_V1 = {
	webhookType: 'realtime',
	events: ['document.created'],
	group: 'main-team',
};
export const LIFECYCLE_V2 = {
	webhookType: 'realtime',
	events: ['document.rejected'],
	group: '',
};

/** Every realtime event and every batch record, plus "Unrecognized Event". */
export const ALL_REALTIME_EVENTS = [...Object.keys(LEGALESIGN_REALTIME_EVENTS), 'unknown'];
export const ALL_BATCH_EVENTS = [
	...Object.keys(LEGALESIGN_LEGACY_EVENTS).filter((name) => name.includes('.')),
	'unknown',
];

export const [finalPdfExample, problemsExample] = [
	'legalesign-final-pdf-download.json',
	'legalesign-recipient-problems.json',
].map((file) => JSON.parse(readRepoFile(`examples/${file}`)) as WorkflowImport);
export const exampleTarget = (workflow: WorkflowImport): Target => ({
	workflowId: workflow.id,
	webhookId: String(workflow.nodes[0].webhookId),
});

/** Targets whose trigger registers its URL at Legalesign when published. */
export const REGISTERING = [
	REALTIME,
	SIGNED_ONLY,
	BATCH,
	PER_EVENT,
	LIFECYCLE,
	exampleTarget(finalPdfExample),
	exampleTarget(problemsExample),
];

export function withoutQuery(url: string): string {
	const parsed = new URL(url);
	parsed.search = '';
	return parsed.toString();
}

export const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const hmacHex = (body: string, key: string) =>
	createHmac('sha256', key).update(body).digest('hex');
/** A realtime recipient event as Legalesign sends it (a fresh delivery id each time). */
export function realtimeBody(event: string, documentId: string, documentName: string): string {
	const [object, name] = event.split('.');
	return JSON.stringify({
		version: '1.0',
		id: randomUUID(),
		object,
		event: name,
		created: Math.floor(Date.now() / 1000),
		data: {
			uuid: randomUUID(),
			email: 'signer@example.com',
			status: 40,
			statusText: 'Signed',
			roleText: 'Signer',
			document: documentId,
			documentName,
			group: 'main-team',
		},
	});
}
export const API_PATHS = /^\/legalesign\/api\/v1\/(notifications|subscribe|unsubscribe)\//;

/** A legacy per-event callback about a document never seen before, signed with `key`. */
export function legacyCallback(event: string, key: KeyObject) {
	const uuid = randomUUID();
	const jsonSigned = JSON.stringify({
		name: 'Forged',
		event,
		uuid,
		resource_uri: `/api/v1/document/${uuid}/`,
		timestamp: new Date().toISOString(),
	});
	const signature = sign('sha1', Buffer.from(jsonSigned), key).toString('base64');
	return { uuid, jsonSigned, signature };
}
