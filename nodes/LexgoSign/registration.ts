import { type IDataObject, type IHookFunctions, NodeOperationError } from 'n8n-workflow';

import { text, trimTrailingSlashes } from '../shared/readers';
import {
	forgetRegistration,
	newWebhookSecret,
	requireKnownEvents,
	storeRegistration,
	storedRegistration,
} from '../shared/registration';
import { apiRequest, providerApiError } from '../shared/transport';
import { lexgoSignApi } from './api';
import { LEXGOSIGN_EVENT_NAMES, sameSubscriptions, toSubscriptions } from './events';
import { deleteWebhook, listWebhooks, updateWebhook, webhookOf } from './requests';

/** What the trigger remembers about its registration (node static data). */
export interface LexgoSignSubscription extends IDataObject {
	webhookId: string;
	/** The exact Authorization value LexgoSign sends with every delivery. */
	authorization: string;
	/** The `subscriptions` string registered. */
	events: string;
	url: string;
}

/** Whether this node registers its webhook itself (Registration: Automatic). */
export function registersItself(this: {
	getNodeParameter(name: string, fallback?: unknown): unknown;
}): boolean {
	return this.getNodeParameter('registration', 'automatic') !== 'manual';
}

export function storedLexgoSignSubscription(
	staticData: IDataObject,
): LexgoSignSubscription | undefined {
	const stored = storedRegistration<LexgoSignSubscription>(staticData);
	return stored && typeof stored.webhookId === 'string' && typeof stored.authorization === 'string'
		? stored
		: undefined;
}

function webhookUrl(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(this.getNode(), 'n8n did not provide a webhook URL');
	return url;
}

/** The selected events as a `subscriptions` string; `unknown` is ours, never sent to LexgoSign. */
function wantedSubscriptions(this: IHookFunctions): string {
	return toSubscriptions(requireKnownEvents.call(this, LEXGOSIGN_EVENT_NAMES));
}

function sameUrl(a: unknown, b: string): boolean {
	return typeof a === 'string' && trimTrailingSlashes(a) === trimTrailingSlashes(b);
}

/**
 * The stored registration, when it belongs to the URL being (de)registered. On n8n 2.41.1 a test
 * run ("Listen for test event") starts with empty static data of its own; this guard also keeps
 * hands off a stored registration of another URL should a version hand one over. On activation a
 * stored registration of another URL is ours (n8n's public URL changed) and follows the new URL.
 */
function ownSubscription(this: IHookFunctions, url: string): LexgoSignSubscription | undefined {
	const stored = storedLexgoSignSubscription(this.getWorkflowStaticData('node'));
	if (!stored) return undefined;
	return sameUrl(stored.url, url) || this.getMode() !== 'manual' ? stored : undefined;
}

/** A fresh secret on an existing registration: LexgoSign never returns the one it has. */
async function takeOver(this: IHookFunctions, id: string, url: string, subscriptions: string) {
	const authorization = `Bearer ${newWebhookSecret()}`;
	await updateWebhook.call(this, id, {
		url,
		subscriptions,
		auth_type: 'header',
		auth: authorization,
	});
	const subscription: LexgoSignSubscription = {
		webhookId: id,
		authorization,
		events: subscriptions,
		url,
	};
	storeRegistration(this.getWorkflowStaticData('node'), subscription);
}

/**
 * True when LexgoSign has this trigger's registration (brought in line with the selected events),
 * or one for the same URL was adopted; false makes n8n call `create`. Never creates anything.
 */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	if (!registersItself.call(this)) {
		requireKnownEvents.call(this, LEXGOSIGN_EVENT_NAMES);
		return true;
	}
	const staticData = this.getWorkflowStaticData('node');
	const url = webhookUrl.call(this);
	const stored = ownSubscription.call(this, url);
	const subscriptions = wantedSubscriptions.call(this);
	const { webhooks, recognized } = await listWebhooks.call(this);
	if (!recognized) {
		this.logger.warn('LexgoSign Trigger: unexpected GET /webhooks answer; treating it as empty');
	}

	const own = stored && webhooks.find((hook) => text(hook, 'id') === stored.webhookId);
	const sameUrlIds = webhooks
		.filter((hook) => sameUrl(hook.url, url))
		.map((hook) => text(hook, 'id'))
		.filter((id): id is string => id !== null);
	let kept: string;
	if (stored && own) {
		kept = stored.webhookId;
		const registered = text(own, 'subscriptions') ?? stored.events;
		const changes: IDataObject = {};
		if (!sameSubscriptions(registered, subscriptions)) changes.subscriptions = subscriptions;
		if (text(own, 'url') !== null && !sameUrl(own.url, url)) changes.url = url;
		if (Object.keys(changes).length > 0) {
			await updateWebhook.call(this, kept, changes);
			this.logger.info(`LexgoSign Trigger: updated webhook ${kept}`);
		}
		storeRegistration(staticData, { ...stored, events: subscriptions, url });
	} else if (sameUrlIds.length > 0) {
		kept = sameUrlIds[0];
		await takeOver.call(this, kept, url, subscriptions);
		this.logger.info(`LexgoSign Trigger: adopted existing webhook ${kept} for ${url}`);
	} else {
		return false;
	}
	for (const id of sameUrlIds.filter((other) => other !== kept)) {
		// Another registration of this node's URL would deliver every event a second time.
		await deleteWebhook.call(this, id);
		this.logger.info(`LexgoSign Trigger: deleted duplicate webhook ${id} for ${url}`);
	}
	return true;
}

export async function createRegistration(this: IHookFunctions): Promise<boolean> {
	if (!registersItself.call(this)) return true;
	const url = webhookUrl.call(this);
	const subscriptions = wantedSubscriptions.call(this);
	const authorization = `Bearer ${newWebhookSecret()}`;
	const { body } = await apiRequest.call(this, lexgoSignApi, {
		method: 'POST',
		path: '/webhooks',
		body: { url, subscriptions, auth_type: 'header', auth: authorization },
		retryOnRateLimit: false,
	});
	const webhookId = text(webhookOf(body), 'id');
	if (!webhookId) {
		throw providerApiError.call(this, lexgoSignApi, 200, {
			message: 'the webhook was created but its id is missing from the answer',
			requestId: text(body, 'request_id'),
		});
	}
	const subscription: LexgoSignSubscription = {
		webhookId,
		authorization,
		events: subscriptions,
		url,
	};
	storeRegistration(this.getWorkflowStaticData('node'), subscription);
	return true;
}

/** Removes the registration (404 = already gone) and forgets it with its secret. */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const stored = ownSubscription.call(this, this.getNodeWebhookUrl('default') ?? '');
	if (stored) {
		const existed = await deleteWebhook.call(this, stored.webhookId);
		if (!existed) {
			this.logger.info(`LexgoSign Trigger: webhook ${stored.webhookId} was already deleted`);
		}
	}
	forgetRegistration(staticData);
	return true;
}
