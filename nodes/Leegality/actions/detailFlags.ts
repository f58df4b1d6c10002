/**
 * Opt-in field groups of `GET /v3.3/document/details`. A child flag only takes effect when its
 * parent is also true (`workflow_name` needs `workflow`), so parents are added automatically.
 */
export const DETAIL_FLAGS = [
	'account',
	'account_brandName',
	'account_label',
	'account_name',
	'auditTrail',
	'cc',
	'coordinatePicker',
	'document_customMessage',
	'document_deleteOnComplete',
	'document_requestSigningOrder',
	'document_requireSigningOrder',
	'document_scheduledDeletionDate',
	'file',
	'folder',
	'folder_name',
	'invitations_certificateData',
	'invitations_invitationStatus_failureReason',
	'invitations_invitationStatus_rejectionMessage',
	'invitations_invitationStatus_signRejectionMessage',
	'invitations_inviteeConfigs',
	'invitations_inviteeConfigs_customConsent',
	'invitations_inviteeConfigs_customURL',
	'invitations_inviteeConfigs_enableRejectDocument',
	'invitations_inviteeConfigs_enableRejectMessage',
	'invitations_inviteeConfigs_fixedName',
	'invitations_inviteeConfigs_noName',
	'invitations_inviteeConfigs_organizationConfig',
	'invitations_inviteeConfigs_retry',
	'invitations_inviteeConfigs_security',
	'invitations_inviteeConfigs_supportingDocument',
	'invitations_inviteeGroup',
	'invitations_inviteeGroup_completed',
	'invitations_inviteeGroup_completionThreshold',
	'invitations_inviteeGroup_name',
	'invitations_inviteeGroup_size',
	'invitations_InvitationOfflineSignDetails',
	'invitations_neslInvitationDetails',
	'invitations_recordReviewerDetails',
	'invitations_signatureOptions',
	'invitations_supportingDocuments',
	'invitations_verificationRequest',
	'invitations_verificationResponse',
	'neslDocumentDetails',
	'neslDocumentDetails_securityDetails',
	'neslDocumentDetails_stampDetails',
	'referenceAttachments',
	'sender',
	'sender_name',
	'sftp',
	'stampDetails',
	'stampDetails_groupName',
	'stampDetails_groupNumber',
	'stampDetails_maximumValuePermitted',
	'stampDetails_stamps',
	'stampDetails_stamps_associatedDocumentId',
	'stampDetails_stamps_multipleStampSeries',
	'template',
	'template_name',
	'workflow',
	'workflow_name',
	'workflow_subType',
	'workflow_type',
] as const;

const KNOWN = new Set<string>(DETAIL_FLAGS);

/** The selected flags plus every parent flag they depend on, in a stable order. */
export function withParentFlags(selected: string[]): string[] {
	const flags = new Set<string>();
	for (const flag of selected) {
		const parts = flag.split('_');
		for (let length = 1; length <= parts.length; length++) {
			const prefix = parts.slice(0, length).join('_');
			if (KNOWN.has(prefix)) flags.add(prefix);
		}
	}
	return DETAIL_FLAGS.filter((flag) => flags.has(flag));
}

/** "invitations_inviteeConfigs_customURL" → "Invitations: Invitee Configs: Custom URL". */
export function flagLabel(flag: string): string {
	return flag
		.split('_')
		.map((part) =>
			part
				.replace(/([a-z])([A-Z])/g, '$1 $2')
				.replace(/^./, (c) => c.toUpperCase())
				.replace(/\bUrl\b/g, 'URL'),
		)
		.join(': ');
}
