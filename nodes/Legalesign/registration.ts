import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	forgetRegistration,
	newWebhookSecret,
	requireKnownEvents,
	storeRegistration,
	storedRegistration,
} from '../shared/registration';
import { apiRequest, responseHeader } from '../shared/transport';
import { LEGALESIGN_CREDENTIAL, legalesignApi, legalesignBaseUrl } from './api';
import {
	LEGALESIGN_LEGACY_EVENTS,
	LEGALESIGN_REALTIME_EVENTS,
	type LegacyNotify,
	NOTIFY_WHEN,
} from './events';
import { listNotifications } from './requests';
import { URL_TOKEN_PARAMETER } from './verification';

const REALTIME_EVENT_NAMES = Object.keys(LEGALESIGN_REALTIME_EVENTS);
const BATCH_EVENT_NAMES = Object.keys(LEGALESIGN_LEGACY_EVENTS).filter((name) => name.includes('.'));

/**
 * The narrowest Legalesign filter that covers the selected realtime events (Legalesign takes one
 * filter per webhook): the event itself, `document.*` / `recipient.*`, or '' for everything.
 * The trigger filters the rest itself.
 */
export function narrowestEventFilter(events: readonly string[]): string {
	const known = REALTIME_EVENT_NAMES.filter((name) => events.includes(name));
	if (known.length === 1) return known[0];
	for (const family of ['document', 'recipient']) {
		if (known.length > 0 && known.every((name) => name.startsWith(`${family}.`))) {
			return `${family}.*`;
		}
	}
	return '';
}

export interface RegistrationSettings {
	webhookType: 'realtime' | 'legacy';
	/** `notify` sent to `POST /subscribe/`. */
	notify: LegacyNotify | 'realtime';
	legacyNotify: LegacyNotify;
	/** Whether the node registers (and removes) its URL at Legalesign itself. */
	registers: boolean;
	registration: 'automatic' | 'manual';
	/** Realtime filter registered at Legalesign ('' = all events); always '' for legacy. */
	eventFilter: string;
	/** Group slug ('' = every group); realtime only. */
	group: string;
	/** The `events` selection (realtime events, or batch records for legacy "all"). */
	events: string[];
}

/** What the trigger remembers about its registration (node static data). */
export interface StoredRegistration extends IDataObject {
	url: string;
	token: string;
	/** Path below the base URL from the subscribe answer's `Location`, for `DELETE`. */
	location?: string;
	notify: string;
	eventFilter: string;
	group: string;
}

/** The trigger's parameters that decide what is registered (read by hooks and deliveries). */
export function registrationSettings(
	this: IWebhookFunctions | IHookFunctions,
): RegistrationSettings {
	const read = (name: string, fallback: unknown) => this.getNodeParameter(name, fallback) as unknown;
	const webhookType = read('webhookType', 'realtime') === 'legacy' ? 'legacy' : 'realtime';
	const legacyNotify = String(read('legacyNotify', 'all')) as LegacyNotify;
	const registration = read('registration', 'automatic') === 'manual' ? 'manual' : 'automatic';
	const selected = read('events', []);
	const events = Array.isArray(selected) ? selected.map(String) : [];
	return {
		webhookType,
		notify: webhookType === 'realtime' ? 'realtime' : legacyNotify,
		legacyNotify,
		registers: webhookType === 'realtime' || registration === 'automatic',
		registration: webhookType === 'realtime' ? 'automatic' : registration,
		eventFilter: webhookType === 'realtime' ? narrowestEventFilter(events) : '',
		group: webhookType === 'realtime' ? String(read('group', '') ?? '').trim() : '',
		events,
	};
}

/** The n8n webhook URL with the secret token as a query parameter. */
export function registrationUrl(webhookUrl: string, token: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(URL_TOKEN_PARAMETER, token);
	return url.toString();
}

/** The URL without query string and fragment (where a registration keeps its secret token). */
export function withoutQuery(value: string): string {
	try {
		const url = new URL(value);
		url.search = '';
		url.hash = '';
		return url.toString();
	} catch {
		return value.split(/[?#]/)[0];
	}
}

/**
 * The URL as it may be shown in an item: every query value replaced, because a registered URL
 * carries the trigger's secret token there (and hand-registered URLs may carry other secrets).
 */
export function redactedUrl(value: string): string {
	const base = withoutQuery(value);
	let names: string[];
	try {
		names = [...new Set(new URL(value).searchParams.keys())];
	} catch {
		return base === value ? value : `${base}?[redacted]`;
	}
	if (names.length === 0) return base;
	return `${base}?${names.map((name) => `${encodeURIComponent(name)}=[redacted]`).join('&')}`;
}

function tokenOf(value: string): string | undefined {
	try {
		return new URL(value).searchParams.get(URL_TOKEN_PARAMETER) || undefined;
	} catch {
		return undefined;
	}
}

/** A `Location` on the API's own host, as a path below the base URL; anything else is ignored. */
function pathBelowBase(location: string | undefined, baseUrl: string): string | undefined {
	if (!location) return undefined;
	try {
		const base = new URL(`${baseUrl}/`);
		const target = new URL(location, base);
		if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname))
			return undefined;
		return `/${target.pathname.slice(base.pathname.length)}`;
	} catch {
		return undefined;
	}
}

function sameSettings(
	stored: StoredRegistration | undefined,
	settings: RegistrationSettings,
): boolean {
	return (
		stored !== undefined &&
		stored.notify === settings.notify &&
		(stored.eventFilter ?? '') === settings.eventFilter &&
		(stored.group ?? '') === settings.group
	);
}

async function unsubscribe(
	this: IHookFunctions,
	url: string,
	eventFilter: string,
	group: string,
) {
	const body: IDataObject = { url };
	if (eventFilter) body.eventFilter = eventFilter;
	if (group) body.group = group;
	// Legalesign answers 200 whether or not the URL was subscribed, so repeating it is harmless.
	await apiRequest.call(this, legalesignApi, {
		method: 'POST',
		path: '/unsubscribe/',
		body,
		retryOnRateLimit: true,
	});
}

/**
 * True when Legalesign already has this trigger's registration. A registration of the same n8n
 * URL with the same settings is adopted (its token is read back from the listed URL), so
 * re-publishing never registers twice; registrations of this URL with other settings are removed.
 */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const settings = registrationSettings.call(this);
	if (settings.webhookType === 'realtime') requireKnownEvents.call(this, REALTIME_EVENT_NAMES);
	if (settings.notify === 'all') requireKnownEvents.call(this, BATCH_EVENT_NAMES);
	if (!settings.registers) return true;
	const staticData = this.getWorkflowStaticData('node');
	const stored = storedRegistration<StoredRegistration>(staticData);
	const webhookUrl = withoutQuery(this.getNodeWebhookUrl('default') ?? '');
	const ours = (await listNotifications.call(this)).filter(
		(n) => typeof n.url === 'string' && withoutQuery(n.url) === webhookUrl,
	);
	const matching = ours.filter(
		(n) =>
			Number(n.notify_when) === NOTIFY_WHEN[settings.notify] &&
			String(n.event_filter ?? '') === settings.eventFilter &&
			n.active !== false,
	);
	const settingsUnchanged = stored === undefined || sameSettings(stored, settings);
	const adopted = settingsUnchanged
		? (matching.find((n) => n.url === stored?.url) ?? matching.find((n) => tokenOf(String(n.url))))
		: undefined;
	for (const stale of ours.filter((n) => n.url !== adopted?.url)) {
		try {
			await unsubscribe.call(this, String(stale.url), String(stale.event_filter ?? ''), '');
			this.logger.info('Legalesign Trigger: removed an outdated registration of this webhook URL');
		} catch (error) {
			this.logger.warn(
				`Legalesign Trigger: could not remove an outdated registration: ${(error as Error).message}`,
			);
		}
	}
	if (!adopted) {
		forgetRegistration(staticData);
		return false;
	}
	const url = String(adopted.url);
	if (stored?.url !== url) {
		storeRegistration(staticData, {
			url,
			token: tokenOf(url) ?? '',
			notify: settings.notify,
			eventFilter: settings.eventFilter,
			group: settings.group,
		} satisfies StoredRegistration);
		this.logger.info('Legalesign Trigger: adopted the existing registration of this webhook URL');
	}
	return true;
}

/** `POST /subscribe/` with a fresh URL token; remembers the URL, token and `Location`. */
export async function createRegistration(this: IHookFunctions): Promise<boolean> {
	const settings = registrationSettings.call(this);
	if (!settings.registers) return true;
	const token = newWebhookSecret();
	const url = registrationUrl(this.getNodeWebhookUrl('default') ?? '', token);
	const body: IDataObject = { url, notify: settings.notify };
	if (settings.eventFilter) body.eventFilter = settings.eventFilter;
	if (settings.group) body.group = settings.group;
	const response = await apiRequest.call(this, legalesignApi, {
		method: 'POST',
		path: '/subscribe/',
		body,
		// A throttled subscribe created nothing, and checkExists adopts duplicates anyway.
		retryOnRateLimit: true,
	});
	const credentials = await this.getCredentials(LEGALESIGN_CREDENTIAL);
	const location = pathBelowBase(
		responseHeader(response.headers, 'location'),
		legalesignBaseUrl(credentials),
	);
	const registration: StoredRegistration = {
		url,
		token,
		notify: settings.notify,
		eventFilter: settings.eventFilter,
		group: settings.group,
	};
	if (location) registration.location = location;
	storeRegistration(this.getWorkflowStaticData('node'), registration);
	return true;
}

/**
 * Removes the registration: `DELETE <Location>` when subscribe returned one, else
 * `POST /unsubscribe/` with the same url, filter and group; then forgets it and its token.
 */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const settings = registrationSettings.call(this);
	if (!settings.registers) return true;
	const staticData = this.getWorkflowStaticData('node');
	const stored = storedRegistration<StoredRegistration>(staticData);
	try {
		if (stored?.location) {
			try {
				await apiRequest.call(this, legalesignApi, {
					method: 'DELETE',
					path: stored.location,
					acceptStatuses: [404, 410],
					retryOnRateLimit: true,
				});
				forgetRegistration(staticData);
				return true;
			} catch (error) {
				this.logger.warn(
					`Legalesign Trigger: DELETE of the registration failed (${(error as Error).message}); trying POST /unsubscribe/`,
				);
			}
		}
		if (stored?.url) {
			await unsubscribe.call(this, stored.url, stored.eventFilter ?? '', stored.group ?? '');
		} else {
			// Nothing stored (e.g. static data lost): remove whatever is registered for this URL.
			const webhookUrl = withoutQuery(this.getNodeWebhookUrl('default') ?? '');
			for (const entry of await listNotifications.call(this)) {
				if (typeof entry.url === 'string' && withoutQuery(entry.url) === webhookUrl) {
					await unsubscribe.call(this, entry.url, String(entry.event_filter ?? ''), '');
				}
			}
		}
	} catch (error) {
		this.logger.error(
			`Legalesign Trigger: could not remove the webhook registration: ${(error as Error).message}`,
		);
		return false;
	}
	forgetRegistration(staticData);
	return true;
}
