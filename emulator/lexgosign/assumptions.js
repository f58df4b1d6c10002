'use strict';
/**
 * Every LexgoSign behaviour /work/shared/reference/lexgosign-api.md leaves open, as the emulator
 * decides it. `id`s are stable; emulator/README.md lists them verbatim (a test checks).
 * @type {ReadonlyArray<{ id: string, text: string }>}
 */
const ASSUMPTIONS = Object.freeze([
	// Auth and transport
	{
		id: 'X-AUTH',
		text: 'The API key is the raw Authorization value. Missing: 401 {"error":"Missing Authorization Header"}; any other value, "Bearer <key>" included: 401 {"error":"Invalid Api Key (key not found)"}; a deactivated key (option keyDeactivated): 401 {"error":"Invalid Api Key (key deactivated)"}. 401 bodies have no request_id; auth is checked before routing.',
	},
	{
		id: 'X-PATHS',
		text: 'Option apiRoutes (live property, control POST /options, serve --lexgosign-routes) picks the API generation served. "current" (default): the API answers under /lexgosign/v1 (the documented public path) and /lexgosign/api/v1 (older accounts), both the same, with PUT /envelopes/:id/send. "older" (the published site): only /lexgosign/api/v1, and POST /envelopes/:id/send_invitation (200 {success:true, request_id}; same checks as send: 404 "Envelope not found", 405 "Envelope not in CREATED status") instead of PUT …/send; /lexgosign/v1 paths and PUT …/send have no route: 404 {"error":"Not found", request_id} after the key check, like any unknown path; upload_url then points at /api/v1. "newer": only /lexgosign/v1 (PUT …/send); /lexgosign/api/v1 paths have no route.',
	},
	{
		id: 'X-ERRORS',
		text: 'Other errors are {"error", "request_id"} (request_id = req_ + 16 hex digits): unknown path 404 "Not found", known path with another method 405 "Method not allowed", POST/PUT with a non-JSON body 415, malformed JSON 400 "Invalid JSON body". Multipart bodies are not emulated (415).',
	},
	{
		id: 'X-TEST',
		text: 'POST /test answers {enterprise_name, environment ("sandbox" by default, option environment), test_param (from a JSON or form body, else null), request_id}.',
	},
	// Webhook management
	{
		id: 'X-WH-SHAPES',
		text: 'Create: 201 {success:true, webhook:{id (UUID), url, subscriptions, auth_type ("HEADER" or null), created_at, updated_at}, request_id}. List: 200 {webhooks:[…], total, request_id}. Get: 200 {webhook, request_id}. Update: 200 {success:true, webhook, request_id}. Delete: 200 {success:true, request_id}. Unknown id: 404 {"error":"Webhook not found", request_id}. The auth secret is never returned.',
	},
	{
		id: 'X-WH-VALIDATION',
		text: 'url must be an http(s) URL; subscriptions a non-empty comma-separated string of the 21 documented names (an array, an empty string or an unknown name: 422 "Validation failed: …"); auth_type only "header" (any case; anything else 422); auth_type header needs auth; auth without auth_type implies header; neither means deliveries carry no Authorization. Update takes any subset of the four fields.',
	},
	{
		id: 'X-WH-SCOPE',
		text: 'One API key, so every registration is listed; several registrations may share a URL (each then gets its own delivery of every event).',
	},
	// Envelopes
	{
		id: 'X-ENV-CREATE',
		text: 'POST /envelopes takes JSON whose documents, recipients and placements are objects keyed by the caller\'s ids (an array: 422 {"error":"Create failed: <collection> must be an object keyed by your own ids"}, nothing created). Validation errors: 422 {envelope:{id, status:"ERROR", errors, warnings:[]}, request_id} and the envelope persists. Otherwise 200 {envelope:{id, name, status:"CREATED", created_at, recipients}, request_id}.',
	},
	{
		id: 'X-ENV-RULES',
		text: 'Envelope errors: no recipients; no documents; a recipient without name or valid email; a document whose base64 is not a PDF ("%PDF-", no data: prefix); a placement with an unknown recipient_key or document_key or type; an APPROVER/WITNESS placement with coordinates or token; a SIGNATURE on an ATTACHMENT; and, when a recipient or signable document has no placement, "There are no signature placements that relate recipients to their respective documents." The name defaults to the first document\'s file name without ".pdf".',
	},
	{
		id: 'X-ENV-GET',
		text: 'GET /envelopes/:id returns the full serialization webhooks use (documents with url, recipients, placements, settings) plus sent_at and completed_at; every call mints fresh document links. Unknown id: 404 {"error":"Envelope not found"}.',
	},
	{
		id: 'X-ENV-UPDATE',
		text: 'PUT /envelopes/:id only in CREATED or ERROR (else 405 "Envelope cannot be updated in <status> status"); documents/recipients/placements sent replace all, settings are deep-merged; the envelope is revalidated (ERROR <-> CREATED); a collection that is not an object: 422 {"error":"Update failed", "message"}. Answer: 200 {envelope: full serialization, request_id}.',
	},
	{
		id: 'X-ENV-SEND',
		text: 'PUT /envelopes/:id/send: 202 {success:true, envelope:{id, status:"SENDING", errors:[], warnings:[]}, message, request_id}; not CREATED: 405 "Envelope not in CREATED status". sendDelayMs (2 s x timeScale) later: IN_PROGRESS with sent_at and envelope.in_progress, then for each recipient whose turn it is (all when PARALLEL, the first when SEQUENTIAL) recipient.link_generated, recipient.email_sent (unless settings.emails.envelope_invitation is "FALSE") and recipient.in_progress.',
	},
	{
		id: 'X-SANDBOX',
		text: 'Option sandboxAllowedEmails (default null: everyone allowed) models the sandbox team list: with a sandbox key, sending to anyone else ends in status ERROR with "The email of the recipient \'<email>\' is not in the sandbox allowed email list" and envelope.sending_failed.',
	},
	{
		id: 'X-RECIPIENTS',
		text: 'Recipient statuses: CREATED -> IN_PROGRESS -> SIGNED_ALL or REJECTED. A rejection leaves the envelope IN_PROGRESS (no envelope event) and it can no longer complete. With SEQUENTIAL order the next recipient is activated after each signature. Email and validation-code actions only emit their event (codeSuccess also marks the recipient validated); with email validation enabled, sign requires codeSuccess first.',
	},
	{
		id: 'X-COMPLETE',
		text: 'When every recipient is SIGNED_ALL: status SUCCESS with completed_at, documents SIGNED (their links then serve a generated signed PDF), envelope.success; evidenceDelayMs (2 s x timeScale) later envelope.evidence_generated with evidence_document_url and evidence_generated_at (option autoEvidence:false turns this off).',
	},
	{
		id: 'X-VOID',
		text: 'PUT /envelopes/:id/void: 200 {success:true, envelope:{id, status:"VOIDED"}, request_id} and envelope.voided; SUCCESS: 405 "Cannot void completed envelope"; already VOIDED: 405 "Envelope already voided".',
	},
	{
		id: 'X-EVIDENCE',
		text: 'GET /envelopes/:id/evidence only in SUCCESS (else 405 "Envelope not in SUCCESS status"); the first call generates the sheet (emitting envelope.evidence_generated if it was not yet); each call returns a fresh link. Option evidenceFails: {success:false, evidence_document_url:null}.',
	},
	{
		id: 'X-FILES',
		text: 'Document and evidence links are <emulator>/lexgosign/files/<random>?X-Amz-Algorithm=…, need no auth and live fileTtlMs (10 min of the emulator clock, not scaled). With an Authorization header: 400 XML InvalidArgument; expired: 403 XML AccessDenied; unknown: 404 XML NoSuchKey (S3 style).',
	},
	// Uploads
	{
		id: 'X-UPLOADS',
		text: 'POST /envelopes/:id/uploads works in CREATED and ERROR (the documented flow uploads into an envelope created in ERROR; other statuses 405) and answers 201 {success:true, upload:{…, upload_url: <base URL>/uploads/<id>/stream, expires_at: +1 h}, request_id}; missing or over-long file_name, an order that is not an integer >= 0, a content_type other than application/pdf, or an active upload with the same order: 422.',
	},
	{
		id: 'X-UPLOAD-PUT',
		text: 'PUT to upload_url needs the API key (401 otherwise) and Content-Type application/pdf (403); a used link: 403 "Upload URL already used"; after 1 h: 403 "Upload URL expired"; success: 200 {success:true, upload_id, status:"UPLOADED", message} without request_id. processDelayMs (3 s x timeScale) later the upload is COMPLETED, the file becomes the signable document whose key is the order as a string (replacing one with that key), the envelope is revalidated, and envelope.file_uploaded is sent with the documented key presigned_upload_id; a body that is not a PDF ends FAILED with error_message and no event.',
	},
	{
		id: 'X-UPLOAD-LIST',
		text: 'GET /envelopes/:id/uploads?status= accepts only the lowercase values pending, uploaded, processing, completed, failed, expired (others: 422); uploads past their expiry while PENDING read as EXPIRED.',
	},
	{
		id: 'X-RATE',
		text: 'Rate limiting is off unless option rateLimit {limit, windowMs = 1 h} is set: a fixed window over every authenticated request, X-RateLimit-Limit/-Remaining/-Reset (epoch seconds of the window end) on every answer, and 429 {"error":"Rate limit exceeded. Try again later.", request_id} past the limit.',
	},
	// Webhook deliveries
	{
		id: 'X-WH-BODY',
		text: 'Deliveries POST {id, event_type, data} as JSON with Content-Type application/json and, when the registration has auth_type HEADER, Authorization = its auth value exactly; no other headers. id is a UUID per event and registration; data is serialised again for every attempt (the resource as it is then). Recipient events carry no envelope id unless option recipientEnvelopeField is "envelope" (data.envelope {id, name, status}) or "envelope_id".',
	},
	{
		id: 'X-WH-RETRY',
		text: 'An attempt fails without a 2xx answer (3xx is not followed) or without an answer within 5 s (receiverTimeoutMs, real time; the 2 s connect timeout is not modelled separately). Retries follow 5 s, 10 s and 20 s after the previous attempt ended (x timeScale) with the same id, then LexgoSign gives up (4 attempts). URL and auth are taken when the event happens. Option lostResponses N makes the first N attempts of each delivery count as failed although the receiver got them (a lost answer), so retries reach a healthy receiver.',
	},
	{
		id: 'X-WH-CLOSE',
		text: 'close() cancels pending retries and pending send/upload/evidence steps; timers never keep the process alive. Timestamps are ISO 8601 with milliseconds in the -03:00 offset.',
	},
]);

module.exports = { ASSUMPTIONS };
