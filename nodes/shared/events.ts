/**
 * The cross-provider event vocabulary every trigger emits in `event`. The provider's own name for
 * the event stays in `providerEvent`. Defined once here; a test keeps the README table in step.
 */
export const ESIGN_EVENTS = {
	'document.sent': 'The document was created and sent to its recipients',
	'document.ready': 'The document is ready to be signed: its signature positions are placed',
	'document.fieldsCompleted': 'Every field of the document has been filled in',
	'document.signed': 'Every recipient has signed; the final PDF may not be ready yet',
	'document.completed': 'The document is complete and its final signed file is available',
	'document.rejected': 'The document was rejected',
	'document.voided': 'The document was voided or removed before completion',
	'document.sendingFailed': 'Sending the document failed',
	'document.evidenceReady': 'The evidence sheet (audit PDF) was generated',
	'document.fileUploaded': 'A file uploaded for the document was processed',
	'recipient.created': 'A recipient was added but not yet sent',
	'recipient.scheduled': 'A recipient is scheduled to be sent the document',
	'recipient.sent': 'A recipient was sent the invitation',
	'recipient.emailDelivered': "The invitation email reached the recipient's mail server",
	'recipient.emailOpened': 'A recipient opened the invitation email',
	'recipient.linkClicked': 'A recipient clicked the link in the invitation email',
	'recipient.emailBounced': 'The invitation email bounced',
	'recipient.linkGenerated': 'A signing link was generated for a recipient',
	'recipient.ready': 'A recipient can now sign',
	'recipient.viewed': 'A recipient opened the signing page',
	'recipient.fieldsCompleted': 'A recipient completed their fields',
	'recipient.waitingForWitness': 'A recipient is waiting for a witness',
	'recipient.signed': 'A recipient signed',
	'recipient.approved': 'A reviewer approved',
	'recipient.rejected': 'A recipient rejected',
	'recipient.downloaded': 'A recipient downloaded the document',
	'recipient.expired': "A recipient's invitation expired",
	'recipient.verificationFailed': "A recipient's identity, certificate or code check failed",
	'recipient.verificationCodeCreated': 'A verification code was created for a recipient',
	'recipient.verificationCodeSent': 'A verification code was sent to a recipient',
	'recipient.verified': 'A recipient passed the verification code check',
	'recipient.verificationCodeExpired': "A recipient's verification code expired",
	'recipient.verificationLocked': 'A recipient made too many failed verification attempts',
	unknown: 'A verified delivery whose event this package does not recognize (kept, never dropped)',
} as const;

export type EsignEventName = keyof typeof ESIGN_EVENTS;

export type EsignProvider = 'leegality' | 'legalesign' | 'lexgosign';
