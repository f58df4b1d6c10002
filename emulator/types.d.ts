/**
 * Types of the emulator's public API: the contract the JS is checked against (`npm run
 * typecheck`: checkJs). Only types live here; functions and constants are typed by their JSDoc
 * in the JS, which annotates what it returns and accepts with these interfaces.
 * TypeScript tests import both from the JS: `import { startEmulator, type Emulator } from '../../emulator';`
 * (emulator/index.js re-exports every type below).
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
	legalesign?: LegalesignOptions;
	lexgosign?: LexgoSignOptions;
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
	legalesign: LegalesignEmulator;
	lexgosign: LexgoSignEmulator;
	/** The provider modules by URL prefix (server internals; use the fields above). */
	providers: Record<string, unknown>;
	/** Every request received (all providers). */
	requests: RequestLogEntry[];
	/** Every webhook attempt (all providers). */
	deliveries: DeliveryAttempt[];
	/** Empties requests and deliveries (state is kept). */
	clearLogs(): void;
	/** Stops the server, drops connections, cancels pending webhook retries. Idempotent. */
	close(): Promise<void>;
}

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
/** Webhook version of an invitee: v2.5 or the older 2.1–2.3 shapes (reference §2.8.1). */
export type LeegalityWebhookVersion = '2.5' | '2.3' | '2.2' | '2.1';
/** The Coordinate Picker webhook's event name in the emulator. */
export type LeegalityCoordinatesEvent = 'coordinatesPlaced';

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
	/** Webhook version of invitees without their own (default "2.5"). */
	webhookVersion?: LeegalityWebhookVersion;
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
	/** This invitee's webhook version (default: the document's, else the emulator's). */
	webhookVersion?: LeegalityWebhookVersion | null;
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
	/** Webhook version of every invitee without its own. */
	webhookVersion?: LeegalityWebhookVersion;
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
	/** undefined only when seeded without a name. */
	name: string | undefined;
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
	/** Body version (default: the emulator's webhookVersion). */
	version?: LeegalityWebhookVersion;
	/** 2.1–2.3: the document is complete, so an audit trail is embedded. */
	completed?: boolean;
	/** 2.1–2.3: the embedded PDFs (default: one generated). */
	files?: Buffer[];
	/** 2.1–2.3: the embedded audit trail (default: generated when completed). */
	auditTrail?: Buffer | null;
	/** 2.1–2.3: pad each generated PDF to about this many bytes. */
	fileBytes?: number;
	folderId?: string;
	/** Coordinate Picker: the invitees (default: a seeded document's, or one sample invitee). */
	invitations?: Array<{
		name?: string | null;
		email?: string | null;
		phone?: string | null;
		signUrl?: string;
		active?: boolean;
		expiryDate?: string;
	}>;
}

export interface DeliverOptions extends BuildWebhookOptions {
	event: LeegalityEvent | LeegalityCoordinatesEvent;
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
	/** Webhook version of invitees without their own; changeable at any time. */
	webhookVersion: LeegalityWebhookVersion;
	/** Live options (control API POST /leegality/_control/options). */
	setOptions(changes: { webhookVersion?: LeegalityWebhookVersion }): {
		webhookVersion: LeegalityWebhookVersion;
	};
	/** Unscaled waits before retries 1..3: [0, 3600000, 10800000]. */
	readonly retryDelaysMs: readonly number[];
	readonly ASSUMPTIONS: ReadonlyArray<{ id: string; text: string }>;
	seedDocument(spec?: SeedDocumentOptions): LeegalityDocumentSnapshot;
	/** Mutates state like the product and sends the webhook to the invitee's URL. Throws on an impossible action. */
	act(options: ActOptions): DeliveryHandle;
	/** Builds a body for `event` and delivers it with the retry schedule. */
	deliver(options: DeliverOptions): DeliveryHandle;
	/** Pure: the exact v2.5 object, mac computed with the emulator's salt unless opts.salt is given. */
	buildWebhookBody(
		event: LeegalityEvent,
		opts?: BuildWebhookOptions & { version?: '2.5' },
	): LeegalityWebhookBody;
	/** A 2.1–2.3 body (opts.version) or the Coordinate Picker body ("coordinatesPlaced"). */
	buildWebhookBody(
		event: LeegalityEvent | LeegalityCoordinatesEvent,
		opts?: BuildWebhookOptions,
	): Record<string, unknown>;
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

/** Standalone Leegality helpers (no server needed): `leegality` of emulator/index.js. */
export interface LeegalityHelpers {
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
	readonly WEBHOOK_VERSIONS: readonly LeegalityWebhookVersion[];
	readonly COORDINATES_EVENT: LeegalityCoordinatesEvent;
	buildWebhookBody(
		event: LeegalityEvent,
		opts: BuildWebhookOptions & { salt: string },
	): LeegalityWebhookBody;
	buildLegacyWebhookBody(
		event: LeegalityEvent,
		opts: BuildWebhookOptions & { salt: string; version: '2.1' | '2.2' | '2.3' },
	): Record<string, unknown>;
	buildCoordinatePickerBody(opts: BuildWebhookOptions & { salt: string }): Record<string, unknown>;
	/** A generated PDF padded to about `bytes`. */
	samplePdf(lines: string[], bytes?: number): Buffer;
	computeMac(documentId: string, salt: string): string;
}

// ---------------------------------------------------------------- Legalesign

export type LegalesignRealtimeEvent =
	| 'document.created'
	| 'document.rejected'
	| 'document.finalPdfCreated'
	| 'recipient.completed'
	| 'recipient.rejected'
	| 'recipient.emailOpened'
	| 'recipient.visiting'
	| 'recipient.bounced';
export type LegalesignLegacyKind = 'signed' | 'sent' | 'rejected';
export type LegalesignNotify = LegalesignLegacyKind | 'all' | 'realtime';
export type LegalesignPdfMode = 'redirect' | 'direct' | 'restoring';
export type LegalesignAction = 'open' | 'visit' | 'sign' | 'reject' | 'bounce';
/** How realtime deliveries spell their event: REST filter values, the feed, or the GraphQL enum. */
export type LegalesignSpelling = 'rest' | 'feed' | 'enum';
/** How GET /notifications/ lists webhooks: a bare array (documented) or {meta, objects}. */
export type LegalesignNotificationsFormat = 'array' | 'wrapped';

export interface LegalesignKeys {
	certificatePem: string;
	privateKey: import('node:crypto').KeyObject;
}

export interface LegalesignOptions {
	/** Default: random. */
	username?: string;
	/** Default: random. */
	secret?: string;
	/** HMAC secret for X-Hmac-Sha256 on realtime deliveries. Default random; null = no header. */
	hmacSecret?: string | null;
	/** Default "hex". */
	hmacEncoding?: 'hex' | 'base64';
	/** Default pdfMode of new documents (default "redirect"). */
	pdfMode?: LegalesignPdfMode;
	/** Lifetime of /pdf/ redirect links in ms of the emulator clock (default 60000, not scaled). */
	linkTtlMs?: number;
	/** Signing key and certificate for legacy callbacks; default: generated on first use. */
	keys?: LegalesignKeys;
	/** The first N attempts of every delivery count as failed (lost answers), so retries reach a healthy receiver. Default 0. */
	lostResponses?: number;
	/** Default "rest". */
	realtimeSpelling?: LegalesignSpelling;
	/** Default "array". */
	notificationsFormat?: LegalesignNotificationsFormat;
}

export interface LegalesignSignerSnapshot {
	signerId: string;
	email: string;
	firstname: string;
	lastname: string;
	order: number;
	status: number;
	statusText: string;
	rejectReason: string | null;
}

export interface LegalesignDocumentSnapshot {
	documentId: string;
	name: string;
	/** Group slug. */
	group: string;
	templatePdf: string | null;
	status: number;
	statusText: string;
	archived: boolean;
	downloadFinal: boolean;
	pdfMode: LegalesignPdfMode;
	signers: LegalesignSignerSnapshot[];
}

export interface LegalesignSubscriptionSnapshot {
	id: number;
	/** Exact registered URL, query string included. */
	url: string;
	notify: LegalesignNotify;
	eventFilter: string;
	/** Group slug or null. */
	group: string | null;
	active: boolean;
}

/** What Legalesign webhook bodies read of a document (`legalesign.sampleDocument()` has just this). */
export interface LegalesignBodyDocument {
	uuid: string;
	name: string;
	/** Group slug. */
	group: string;
	status: number;
	tag?: string;
	tag1?: string;
	tag2?: string;
	signers: LegalesignBodySigner[];
}

export interface LegalesignBodySigner {
	uuid: string;
	email: string;
	firstname: string;
	lastname: string;
	role: string;
	order: number;
	status: number;
	rejectReason: string | null;
	document: LegalesignBodyDocument;
}

export interface LegalesignChangeRecord {
	value: string;
	timestamp: string;
	resource_uri: string;
	name: string;
}

export interface LegalesignSeedOptions {
	name?: string;
	/** Group slug (default main-team). */
	group?: string;
	/** Template uuid (default: the group's first). */
	templatePdf?: string;
	/** Default: one signer "Test Signer" <signer@example.com>. */
	signers?: { firstname: string; lastname: string; email: string; sms?: string }[];
	signersInOrder?: boolean;
	tag?: string;
	pdfMode?: LegalesignPdfMode;
	autoArchive?: boolean;
	/** Sign every signer right away (final PDF ready). */
	signed?: boolean;
}

export interface LegalesignActOptions {
	documentId: string;
	/** Index or signer uuid; default: the first signer still to act. */
	signer?: number | string;
	action: LegalesignAction;
	/** reject: the reason. */
	reason?: string;
	/** bounce: the bounce message. */
	message?: string;
}

export interface DeliverRealtimeOptions {
	to: string;
	event: LegalesignRealtimeEvent | string;
	/** A seeded document (default: a fresh sample document). */
	documentId?: string;
	/** Delivery id (default random). */
	id?: string;
	/** Fields merged over the built envelope. */
	override?: Record<string, unknown>;
	/** Send these exact bytes. */
	rawBody?: string;
	/** Override the emulator's HMAC secret for this delivery (null = no header). */
	hmacSecret?: string | null;
	hmacEncoding?: 'hex' | 'base64';
	/** Extra or replacing headers. */
	headers?: Record<string, string>;
	/** Overrides `emu.legalesign.lostResponses` for this delivery. */
	lostResponses?: number;
	/** Overrides `emu.legalesign.realtimeSpelling` for this delivery. */
	spelling?: LegalesignSpelling;
}

export interface DeliverLegacyOptions {
	to: string;
	kind: LegalesignLegacyKind;
	documentId?: string;
	/** Sign with another key (e.g. to forge). */
	privateKey?: import('node:crypto').KeyObject | string;
	headers?: Record<string, string>;
	/** Overrides `emu.legalesign.lostResponses` for this delivery. */
	lostResponses?: number;
}

export interface DeliverBatchOptions {
	to: string;
	/** Default: the queued records (not emptied). */
	records?: LegalesignChangeRecord[];
	privateKey?: import('node:crypto').KeyObject | string;
	/** Overrides `emu.legalesign.lostResponses` for this delivery. */
	lostResponses?: number;
}

export interface LegalesignEmulator {
	name: 'legalesign';
	/** `${emu.url}/legalesign/api/v1`: the credential's base URL. */
	readonly baseUrl: string;
	username: string;
	secret: string;
	/** `ApiKey <username>:<secret>`. */
	readonly authorization: string;
	hmacSecret: string | null;
	hmacEncoding: 'hex' | 'base64';
	/** PEM of the test certificate that signs legacy callbacks (for the credential). */
	readonly certificatePem: string;
	readonly privateKey: import('node:crypto').KeyObject;
	/** The first N attempts of every delivery count as failed (lost answers); changeable at any time. */
	lostResponses: number;
	/** How realtime deliveries spell their event; changeable at any time. */
	realtimeSpelling: LegalesignSpelling;
	/** How GET /notifications/ lists webhooks; changeable at any time. */
	notificationsFormat: LegalesignNotificationsFormat;
	/** Live options (control API POST /legalesign/_control/options). */
	setOptions(changes: {
		realtimeSpelling?: LegalesignSpelling;
		notificationsFormat?: LegalesignNotificationsFormat;
		lostResponses?: number;
	}): {
		realtimeSpelling: LegalesignSpelling;
		notificationsFormat: LegalesignNotificationsFormat;
		lostResponses: number;
	};
	/** Unscaled waits before retries 1..4. */
	readonly retryDelaysMs: readonly number[];
	readonly batchIntervalMs: number;
	readonly ASSUMPTIONS: ReadonlyArray<{ id: string; text: string }>;
	/** Registration state (what GET /notifications/ reflects), with ids. */
	listSubscriptions(): LegalesignSubscriptionSnapshot[];
	/** Registers a webhook directly, as the dashboard would (no validation). */
	subscribe(spec: {
		url: string;
		notify: LegalesignNotify;
		eventFilter?: string;
		/** Group slug. */
		group?: string | null;
	}): LegalesignSubscriptionSnapshot;
	/** Removes every registration. */
	clearSubscriptions(): void;
	/** Change records waiting for the next 6-minute batch. */
	readonly pendingBatchRecords: LegalesignChangeRecord[];
	seedDocument(spec?: LegalesignSeedOptions): LegalesignDocumentSnapshot;
	/** Changes state like the product and returns the webhook deliveries it started. */
	act(options: LegalesignActOptions): DeliveryHandle[];
	setPdfMode(documentId: string, mode: LegalesignPdfMode): void;
	getDocument(documentId: string): LegalesignDocumentSnapshot | undefined;
	listDocuments(): LegalesignDocumentSnapshot[];
	/** Sends the queued records to every notify=all subscription now (nothing when empty). */
	flushBatch(): DeliveryHandle[];
	deliverRealtime(options: DeliverRealtimeOptions): DeliveryHandle;
	deliverLegacyEvent(options: DeliverLegacyOptions): DeliveryHandle;
	deliverBatch(options: DeliverBatchOptions): DeliveryHandle;
	/** The next matching API request(s) answer `status` (e.g. 429) before routing. */
	failNext(failure: {
		status: number;
		body?: unknown;
		times?: number;
		method?: string;
		/** Path prefix below /api/v1, e.g. "/document/". */
		path?: string;
	}): void;
}

/** Standalone Legalesign helpers (no server needed): `legalesign` of emulator/index.js. */
export interface LegalesignHelpers {
	readonly ASSUMPTIONS: ReadonlyArray<{ id: string; text: string }>;
	readonly REALTIME_EVENTS: readonly LegalesignRealtimeEvent[];
	readonly LEGACY_KINDS: readonly LegalesignLegacyKind[];
	readonly RETRY_DELAYS_MS: readonly number[];
	readonly BATCH_INTERVAL_MS: number;
	buildRealtimeBody(
		event: string,
		opts: {
			document: LegalesignBodyDocument;
			signer?: LegalesignBodySigner;
			id?: string;
			nowMs: number;
			bounce?: { emailBounce?: number; emailBounceMessage?: string };
			spelling?: LegalesignSpelling;
		},
	): Record<string, unknown>;
	readonly SPELLING_NAMES: readonly LegalesignSpelling[];
	/** The `event` field of `event` (`object.event`) in a spelling. */
	spellEvent(event: string, spelling?: LegalesignSpelling): string;
	buildLegacyEvent(
		kind: LegalesignLegacyKind,
		doc: LegalesignBodyDocument,
		opts: { privateKey: import('node:crypto').KeyObject | string; nowMs: number },
	): { body: string; headers: Record<string, string>; jsonSigned: string };
	buildBatch(
		records: LegalesignChangeRecord[],
		opts: { privateKey: import('node:crypto').KeyObject | string },
	): { body: string; data: string; signed: string };
	changeRecord(
		type: 'document' | 'signer',
		uuid: string,
		value: number,
		nowMs: number,
	): LegalesignChangeRecord;
	hmacSignature(body: string, secret: string, encoding?: 'hex' | 'base64'): string;
	rsaSignature(
		text: string,
		privateKey: import('node:crypto').KeyObject | string,
		algorithm?: 'sha1' | 'sha256',
	): string;
	sampleDocument(opts?: {
		name?: string;
		group?: string;
		uuid?: string;
		status?: number;
	}): LegalesignBodyDocument;
}

// ---------------------------------------------------------------- LexgoSign

export type LexgoSignEvent =
	| 'envelope.sending_failed'
	| 'envelope.in_progress'
	| 'envelope.success'
	| 'envelope.voided'
	| 'envelope.evidence_generated'
	| 'envelope.file_uploaded'
	| 'recipient.email_sent'
	| 'recipient.email_received'
	| 'recipient.email_opened'
	| 'recipient.email_clicked'
	| 'recipient.email_bounced'
	| 'recipient.link_generated'
	| 'recipient.in_progress'
	| 'recipient.signed_all'
	| 'recipient.rejected'
	| 'recipient.validation_code_generated'
	| 'recipient.validation_code_sent'
	| 'recipient.validation_code_success'
	| 'recipient.validation_code_failed'
	| 'recipient.validation_code_expired'
	| 'recipient.validation_max_attempts';

/** Emulator actions: recipient actions (default recipient: the first IN_PROGRESS one) and envelope actions. */
export type LexgoSignAction =
	| 'sign'
	| 'reject'
	| 'emailReceived'
	| 'emailOpened'
	| 'emailClicked'
	| 'emailBounced'
	| 'linkGenerated'
	| 'codeGenerated'
	| 'codeSent'
	| 'codeSuccess'
	| 'codeFailed'
	| 'codeExpired'
	| 'maxAttempts'
	| 'complete'
	| 'generateEvidence'
	| 'void';

export type LexgoSignRecipientEnvelopeField = 'none' | 'envelope' | 'envelope_id';

/** Options of `startEmulator({ lexgosign })`; all of them except apiKey can be changed live. */
export interface LexgoSignOptions {
	/** Default: random, generated at start. */
	apiKey?: string;
	/** What POST /test reports and whether sandboxAllowedEmails applies. Default "sandbox". */
	environment?: 'sandbox' | 'live';
	enterpriseName?: string;
	/** Sandbox team members; others make sending fail. Default null (everyone allowed). */
	sandboxAllowedEmails?: string[] | null;
	/** Parent envelope id in recipient event data. Default "none" (as in the docs' example). */
	recipientEnvelopeField?: LexgoSignRecipientEnvelopeField;
	/** Fixed-window rate limit over every authenticated request. Default null (off). */
	rateLimit?: { limit: number; windowMs?: number } | null;
	/** SENDING → IN_PROGRESS delay, ms x timeScale. Default 2000. */
	sendDelayMs?: number;
	/** Upload processing delay, ms x timeScale. Default 3000. */
	processDelayMs?: number;
	/** envelope.success → envelope.evidence_generated delay, ms x timeScale. Default 2000. */
	evidenceDelayMs?: number;
	/** Generate the evidence sheet after completion. Default true. */
	autoEvidence?: boolean;
	/** GET /evidence answers {success:false, evidence_document_url:null}. Default false. */
	evidenceFails?: boolean;
	/** The first N attempts of every event delivery count as failed, as if the answer was lost. Default 0. */
	lostResponses?: number;
	/** Lifetime of document/evidence links, ms of the emulator clock (not scaled). Default 600000. */
	fileTtlMs?: number;
	/** Receiver timeout per delivery attempt, real ms. Default 5000. */
	receiverTimeoutMs?: number;
	/**
	 * API generation served (X-PATHS): "current" (default; /v1 and /api/v1, PUT …/send), "older"
	 * (only /api/v1 and POST …/send_invitation) or "newer" (only /v1).
	 */
	apiRoutes?: 'current' | 'older' | 'newer';
}

/** A registration as the emulator holds it (the API never returns `auth`). */
export interface LexgoSignWebhookSnapshot {
	id: string;
	url: string;
	subscriptions: string;
	auth_type: 'HEADER' | null;
	created_at: string;
	updated_at: string;
	auth: string | null;
}

export interface LexgoSignRecipientView {
	id: string;
	custom_key: string;
	order: number;
	status: string;
	created_at: string;
	updated_at: string;
	name: string | null;
	name_label: string;
	email: string | null;
	email_label: string;
	phone?: string;
	tax_id?: string;
	envelope?: { id: string; name: string | null; status: string };
	envelope_id?: string;
}

export interface LexgoSignDocumentView {
	id: string;
	custom_key: string;
	file_type: 'SIGNABLE' | 'ATTACHMENT';
	order: number;
	status: string;
	created_at: string;
	updated_at: string;
	file_name: string;
	content_type: string;
	file_size: number;
	page_count: number;
	/** Fresh short-lived link (no auth). */
	url: string;
}

/** The full envelope serialization (GET /envelopes/:id and envelope webhook data). */
export interface LexgoSignEnvelopeView {
	id: string;
	name: string | null;
	status: 'CREATED' | 'SENDING' | 'IN_PROGRESS' | 'SUCCESS' | 'ERROR' | 'VOIDED';
	errors: string[];
	warnings: string[];
	created_at: string;
	updated_at: string;
	sent_at: string | null;
	completed_at: string | null;
	documents: LexgoSignDocumentView[];
	recipients: LexgoSignRecipientView[];
	placements: Record<string, unknown>[];
	settings: Record<string, unknown>;
	evidence_document_url?: string;
	evidence_generated_at?: string;
}

export interface LexgoSignSeedEnvelope {
	name?: string;
	/** Default one: Test Signer <signer@example.com>. */
	recipients?: { name: string; email: string }[];
	/** File names, or a count. Default ["contract.pdf"]. One placement per recipient and document. */
	documents?: string[] | number;
	/** Default CREATED; IN_PROGRESS / SUCCESS fast-forward without events. */
	status?: 'CREATED' | 'IN_PROGRESS' | 'SUCCESS';
	signatureOrder?: 'PARALLEL' | 'SEQUENTIAL';
	/** Merged over the API key's default settings. */
	settings?: Record<string, unknown>;
}

export interface LexgoSignWebhookBody {
	id: string;
	event_type: string;
	data: Record<string, unknown>;
}

export interface LexgoSignBuildOptions {
	/** Delivery id (default: a new UUID). */
	id?: string;
	envelopeId?: string;
	/** Replaces the generated data. */
	data?: Record<string, unknown>;
	recipientEnvelopeField?: LexgoSignRecipientEnvelopeField;
	now?: number;
}

export interface LexgoSignDeliverOptions extends LexgoSignBuildOptions {
	event: LexgoSignEvent | string;
	to: string;
	/** Authorization header value; omitted when null/undefined. */
	auth?: string | null;
	headers?: Record<string, string>;
	/** Send these exact bytes instead of a built body. */
	rawBody?: string;
	/** The first N attempts count as failed whatever the receiver answered. */
	lostResponses?: number;
}

export interface LexgoSignEmulator extends Required<
	Omit<LexgoSignOptions, 'fileTtlMs' | 'receiverTimeoutMs'>
> {
	name: 'lexgosign';
	/** `${emu.url}/lexgosign/v1`: the credential's base URL (`/lexgosign/api/v1` works too). */
	readonly baseUrl: string;
	/** Makes every key refused with "key deactivated". */
	keyDeactivated: boolean;
	/** Unscaled waits before retries 1..3: [5000, 10000, 20000]. */
	readonly retryDelaysMs: readonly number[];
	readonly EVENT_NAMES: readonly LexgoSignEvent[];
	readonly ASSUMPTIONS: ReadonlyArray<{ id: string; text: string }>;
	/** Every event emitted so far, with the deliveries it started. */
	readonly emitted: ReadonlyArray<{
		event: string;
		envelopeId: string | null;
		deliveries: DeliveryHandle[];
	}>;
	/** Registration state, with each registration's auth value. */
	webhooks(): LexgoSignWebhookSnapshot[];
	registerWebhook(spec: {
		url: string;
		subscriptions: string | readonly string[];
		auth?: string | null;
	}): LexgoSignWebhookSnapshot;
	seedEnvelope(spec?: LexgoSignSeedEnvelope): LexgoSignEnvelopeView;
	getEnvelope(id: string): LexgoSignEnvelopeView | undefined;
	listEnvelopes(): LexgoSignEnvelopeView[];
	/** Same as PUT /envelopes/:id/send: SENDING now, IN_PROGRESS (and events) after sendDelayMs. */
	send(envelopeId: string): void;
	/** Changes state like the product and returns the deliveries started. Throws on an impossible action. */
	act(options: {
		envelopeId: string;
		/** Index, id, custom key or email; default: the first IN_PROGRESS recipient. */
		recipient?: number | string;
		action: LexgoSignAction;
	}): DeliveryHandle[];
	/** One delivery to any URL with the retry rule. */
	deliver(options: LexgoSignDeliverOptions): DeliveryHandle;
	buildWebhookBody(
		event: LexgoSignEvent | string,
		opts?: LexgoSignBuildOptions,
	): LexgoSignWebhookBody;
	/** Resolves once no send/upload/evidence step is pending and every delivery has finished. */
	idle(): Promise<void>;
}

/** Standalone LexgoSign helpers (no server needed): `lexgosign` of emulator/index.js. */
export interface LexgoSignHelpers {
	readonly ASSUMPTIONS: ReadonlyArray<{ id: string; text: string }>;
	readonly EVENT_NAMES: readonly LexgoSignEvent[];
	readonly RETRY_DELAYS_MS: readonly number[];
	readonly RECEIVER_TIMEOUT_MS: number;
	buildWebhookBody(
		event: LexgoSignEvent | string,
		opts?: LexgoSignBuildOptions,
	): LexgoSignWebhookBody;
}

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
