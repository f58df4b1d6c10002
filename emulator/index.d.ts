/**
 * Types of the local eSignature provider emulator (emulator/index.js, plain CommonJS).
 * Import from TypeScript tests with `import { startEmulator } from '../../emulator';`.
 */

export type Headers = Record<string, string | string[] | undefined>;

// ---------------------------------------------------------------- emulator

export interface EmulatorOptions {
	/** 0 (default) = random free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Multiplies every provider delay (webhook retry waits). 1 = real time; 0.001 turns 1 h into 3.6 s. */
	timeScale?: number;
	/** Receiver timeout per webhook attempt in ms (real time, not scaled). Default 10000. */
	webhookTimeoutMs?: number;
	/** Logical clock (ms) for provider state: creation/completion dates, link expiry. Default Date.now. */
	now?: () => number;
	leegality?: LeegalityOptions;
	/** Called when a logged request has been answered. */
	onRequest?: (entry: RequestLogEntry) => void;
	/** Called after each webhook attempt. */
	onDelivery?: (attempt: DeliveryAttempt) => void;
}

export interface RequestLogEntry {
	/** "leegality", or null for an unknown prefix. */
	provider: string | null;
	method: string;
	/** Full path without query string, e.g. /leegality/api/v3.3/document/details. */
	path: string;
	query: Record<string, string | string[]>;
	/** Lowercase names; X-Auth-Token, Authorization, Cookie values are "[redacted]". */
	headers: Headers;
	/** Parsed JSON, text, or null when empty. */
	body: unknown;
	/** HTTP status answered (0 while unanswered). */
	status: number;
	at: number;
}

export interface DeliveryAttempt {
	deliveryId: string;
	provider: string;
	event: string | null;
	url: string;
	/** 1 = initial delivery, 2 = 1st retry, ... */
	attempt: number;
	/** null: no HTTP answer (connection error, timeout). */
	status: number | null;
	error: string | null;
	/** Counted as delivered (2XX). */
	ok: boolean;
	/** Exact bytes sent (UTF-8). */
	body: string;
	headers: Record<string, string>;
	/** Real wall-clock start of the attempt (ms since epoch). */
	at: number;
	durationMs: number;
	/** Wait between the previous attempt's end and this attempt (already multiplied by timeScale). */
	scheduledDelayMs: number;
}

export interface DeliveryResult {
	delivered: boolean;
	/** close() or cancel() stopped it. */
	cancelled: boolean;
	/** No URL to deliver to (invitee without webhook URL). */
	skipped: boolean;
	attempts: DeliveryAttempt[];
}

export interface DeliveryHandle {
	id: string;
	provider: string;
	event: string | null;
	/** Target URL, or null when nothing was sent. */
	url: string | null;
	/** The exact JSON text every attempt sends. */
	body: string;
	/** Live list of attempts so far. */
	attempts: DeliveryAttempt[];
	/** Resolves (never rejects) when delivered, retries are exhausted, or cancelled. */
	done: Promise<DeliveryResult>;
	cancel(): void;
}

export interface Emulator {
	/** e.g. http://127.0.0.1:4010 */
	url: string;
	host: string;
	port: number;
	timeScale: number;
	leegality: LeegalityEmulator;
	/** Every request received (all providers). */
	requests: RequestLogEntry[];
	/** Every webhook attempt (all providers). */
	deliveries: DeliveryAttempt[];
	/** Empties requests and deliveries (state is kept). */
	clearLogs(): void;
	/** Stops the server, drops connections, cancels pending webhook retries. Idempotent. */
	close(): Promise<void>;
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;

// ---------------------------------------------------------------- Leegality

export type LeegalityEvent =
	| 'signed'
	| 'approved'
	| 'signerRejected'
	| 'reviewerRejected'
	| 'verificationFailed'
	| 'expired';
export type LeegalityAction = 'sign' | 'approve' | 'reject' | 'failVerification' | 'expire';
export type LeegalityInviteeType = 'Signer' | 'Reviewer';
export type LeegalityDocumentStatus = 'DRAFT' | 'SENT' | 'COMPLETED';

export interface LeegalityOptions {
	/** Default: random, generated at start. */
	authToken?: string;
	/** Default: random, generated at start. */
	privateSalt?: string;
	/** Default Webhook URL of every seeded workflow's invitees. */
	webhookUrl?: string | null;
	/** Default Error Webhook URL of every seeded workflow's invitees. */
	errorWebhookUrl?: string | null;
	/** Lifetime of file/auditTrail links in ms of the emulator clock (default 15000, not scaled). */
	cdnTtlMs?: number;
	/** Key of the invitee list in the create response (default "invitees"). */
	createResponseKey?: 'invitees' | 'invitations';
}

export interface LeegalityProfileSlot {
	inviteeType?: LeegalityInviteeType;
	signType?: string | null;
	webhookUrl?: string | null;
	errorWebhookUrl?: string | null;
	redirectUrl?: string | null;
	baseUrl?: string | null;
	webhookHeaders?: Record<string, string>;
}

export interface LeegalityFixedInvitee extends LeegalityProfileSlot {
	name: string;
	email?: string | null;
	phone?: string | null;
}

/** A workflow ("profile"); live objects: edits affect documents created afterwards. */
export interface LeegalityProfile {
	id: string;
	name: string;
	type: 'PDF' | 'Template';
	subType: string | null;
	template: { id: string; name: string; fields: string[] } | null;
	signingOrder: boolean;
	expiryDays: number;
	folder: { id: string; name: string };
	/** Per-position invitee slots; payload invitee i uses invitees[i] ?? defaultInvitee. */
	invitees: LeegalityProfileSlot[];
	defaultInvitee: LeegalityProfileSlot;
	/** Invitees defined in the workflow itself; they come first in every document. */
	fixedInvitees: LeegalityFixedInvitee[];
	webhookUrl: string | null;
	errorWebhookUrl: string | null;
}

export interface SeedInvitee extends LeegalityProfileSlot {
	name: string;
	email?: string | null;
	phone?: string | null;
	/** Initial state (default pending). Ignored for completed documents. */
	status?: 'pending' | 'signed' | 'approved' | 'rejected' | 'expired';
	rejectionMessage?: string;
	expiryDate?: Date | number | string;
	supportingDocuments?: { name: string }[];
}

export interface SeedDocumentOptions {
	name?: string;
	irn?: string | null;
	/** Default "pdfSign". */
	profileId?: string;
	/** Default SENT; COMPLETED marks every invitee signed/approved. */
	status?: LeegalityDocumentStatus;
	/** Shortcut for status COMPLETED. */
	completed?: boolean;
	/** Default: one signer "Test Signer" <signer@example.com>. */
	invitees?: SeedInvitee[];
	/** Document-wide default Webhook URL (per-invitee value wins). */
	webhookUrl?: string | null;
	/** Document-wide default Error Webhook URL (per-invitee value wins). */
	errorWebhookUrl?: string | null;
	webhookHeaders?: Record<string, string>;
	signingOrder?: boolean;
	folder?: { id: string; name: string };
	cc?: { name?: string; email: string }[];
	attachments?: { name: string }[];
	createdAt?: Date | number | string;
	completedAt?: Date | number | string;
	expiryDays?: number;
	customMessage?: string;
	/** Original PDF bytes (its sha256 is printed in downloaded DOCUMENT PDFs). */
	sourceFile?: Buffer;
}

export interface LeegalityInviteeSnapshot {
	index: number;
	name: string;
	email: string | null;
	phone: string | null;
	inviteeType: LeegalityInviteeType;
	signType: string | null;
	signUrl: string;
	active: boolean;
	signed: boolean;
	approved: boolean;
	rejected: boolean;
	expired: boolean;
	verificationFailed: boolean;
	deleted: boolean;
	/** signed or approved */
	done: boolean;
	expiryDate: string;
	webhookUrl: string | null;
	errorWebhookUrl: string | null;
}

export interface LeegalityDocumentSnapshot {
	documentId: string;
	name: string;
	irn: string | null;
	status: LeegalityDocumentStatus;
	profileId: string;
	folder: { id: string; name: string };
	signingOrder: boolean;
	/** dd-MM-yyyy HH:mm:ss (IST) */
	creationDate: string;
	completionDate: string | null;
	invitees: LeegalityInviteeSnapshot[];
}

export interface VerificationResult {
	smartName?: number | null;
	name?: boolean | null;
	pincode?: boolean | null;
	state?: boolean | null;
	title?: boolean | null;
	yob?: boolean | null;
	gender?: boolean | null;
}

export interface ActOptions {
	documentId: string;
	/** Index in the document's invitees, a sign URL or its UUID. Default: first active pending invitee. */
	invitee?: number | string;
	action: LeegalityAction;
	rejectionMessage?: string;
	/** sign: sent as the webhook's verification; failVerification: the failed checks. */
	verification?: VerificationResult | null;
}

export interface LeegalityWebhookRequest {
	inviteeType: string;
	name: string | null;
	email: string | null;
	phone: string | null;
	invitationUrl: string;
	active: boolean;
	action: string | null;
	error: string | null;
	expired: boolean;
	expiryDate: string | null;
	rejectionMessage: string | null;
	signType: string | null;
}

export interface LeegalityWebhookBody {
	webhookType: 'Success' | 'Error';
	documentId: string;
	documentStatus: string;
	irn: string | null;
	mac: string;
	messages: { code: string | null; message: string }[];
	request: LeegalityWebhookRequest;
	verification: VerificationResult | null;
}

export interface BuildWebhookOptions {
	/** Default: the emulator's privateSalt (required for the standalone function). */
	salt?: string;
	/** Default: a new 26-char id. */
	documentId?: string;
	/** Default "Sent". */
	documentStatus?: string;
	irn?: string | null;
	/** Force a mac (e.g. a wrong one). */
	mac?: string;
	messages?: { code: string | null; message: string }[];
	verification?: VerificationResult | null;
	rejectionMessage?: string | null;
	/** Merged over the event's request defaults. */
	request?: Partial<LeegalityWebhookRequest>;
	/** Drop fields, e.g. ["irn", "request.signType"], to mimic sparse production payloads. */
	omit?: string[];
	signBaseUrl?: string;
	/** ms, for the default expiryDate. */
	now?: number;
}

export interface DeliverOptions extends BuildWebhookOptions {
	event: LeegalityEvent;
	/** Webhook URL (success events; error events too when errorTo is absent). */
	to: string;
	/** Error Webhook URL. */
	errorTo?: string;
	/** Extra request headers (Leegality "custom webhook headers"). */
	headers?: Record<string, string>;
	/** Send these exact bytes instead of a built body. */
	rawBody?: string;
	/**
	 * The first N attempts count as failed whatever the receiver answered (answer lost on the way
	 * back), so a healthy receiver gets the retries on Leegality's schedule.
	 */
	lostResponses?: number;
}

export interface LeegalityEmulator {
	name: 'leegality';
	/** `${emu.url}/leegality/api`: a credential's custom base URL. */
	readonly baseUrl: string;
	/** X-Auth-Token value; assign to "regenerate". */
	authToken: string;
	privateSalt: string;
	/** Live workflows; seeded: pdfSign, revSign, tmplSgn, fixedSg. */
	profiles: LeegalityProfile[];
	/** Unscaled waits before retries 1..3: [0, 3600000, 10800000]. */
	readonly retryDelaysMs: readonly number[];
	readonly ASSUMPTIONS: ReadonlyArray<{ id: string; text: string }>;
	seedDocument(spec?: SeedDocumentOptions): LeegalityDocumentSnapshot;
	/** Mutates state like the product and sends the webhook to the invitee's URL. Throws on an impossible action. */
	act(options: ActOptions): DeliveryHandle;
	/** Builds a body for `event` and delivers it with the retry schedule. */
	deliver(options: DeliverOptions): DeliveryHandle;
	/** Pure: the exact v2.5 object, mac computed with the emulator's salt unless opts.salt is given. */
	buildWebhookBody(event: LeegalityEvent, opts?: BuildWebhookOptions): LeegalityWebhookBody;
	computeMac(documentId: string, salt?: string): string;
	getDocument(documentId: string): LeegalityDocumentSnapshot | undefined;
	listDocuments(): LeegalityDocumentSnapshot[];
	/** Sets webhook URLs on one workflow (or all); affects documents created afterwards. */
	configureWebhooks(config: {
		webhookUrl?: string | null;
		errorWebhookUrl?: string | null;
		profileId?: string;
	}): void;
	addProfile(profile: Partial<LeegalityProfile> & { id: string }): LeegalityProfile;
}

/** Standalone Leegality helpers (no server needed). */
export const leegality: {
	readonly ASSUMPTIONS: ReadonlyArray<{ id: string; text: string }>;
	readonly EVENTS: Readonly<
		Record<
			LeegalityEvent,
			{
				webhookType: 'Success' | 'Error';
				inviteeType: LeegalityInviteeType;
				action: string | null;
				error: string | null;
				expired: boolean;
				active: boolean;
				errorUrl: boolean;
			}
		>
	>;
	readonly EVENT_NAMES: readonly LeegalityEvent[];
	readonly RETRY_DELAYS_MS: readonly number[];
	buildWebhookBody(
		event: LeegalityEvent,
		opts: BuildWebhookOptions & { salt: string },
	): LeegalityWebhookBody;
	computeMac(documentId: string, salt: string): string;
};

// ---------------------------------------------------------------- test receiver

export interface ReceivedRequest {
	index: number;
	method: string;
	/** Path and query. */
	path: string;
	headers: Headers;
	/** Raw UTF-8 body. */
	body: string;
	/** Parsed JSON body, undefined when not JSON. */
	json: unknown;
	at: number;
}

export type ReceiverAnswer =
	| number
	| { status?: number; body?: string | Record<string, unknown>; delayMs?: number };

export interface ReceiverOptions {
	/** Answer per request (status, or status/body/delay). Default 200. */
	respond?: (req: ReceivedRequest) => ReceiverAnswer | Promise<ReceiverAnswer>;
	port?: number;
	host?: string;
}

export interface Receiver {
	url: string;
	requests: ReceivedRequest[];
	/** Resolves with all requests once `count` have arrived; rejects after timeoutMs (default 5000). */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
	close(): Promise<void>;
}

export function startReceiver(options?: ReceiverOptions): Promise<Receiver>;

// ---------------------------------------------------------------- docs

/** Ids of ASSUMPTIONS whose exact bullet is missing from emulator/README.md (empty = in sync). */
export function assumptionsMissingFromReadme(): string[];
