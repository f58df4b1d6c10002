import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The envelope fields shared by Create and Update (built into a body by ./envelopeBody.ts). */

export function envelopeBodyProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Documents',
			name: 'documents',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			placeholder: 'Add Document',
			description:
				'PDFs from binary fields, in this order, up to about 1 MB each (use the Upload resource for larger files)',
			displayOptions,
			options: [
				{
					displayName: 'Document',
					name: 'document',
					values: [
						{
							displayName: 'Input Binary Field',
							name: 'binaryPropertyName',
							type: 'string',
							default: 'data',
							required: true,
							description: 'Binary property holding the PDF',
						},
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							description:
								'Your ID for the document, used by placements. Defaults to its position: "0", "1", ….',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'Defaults to the binary file name',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'SIGNABLE',
							options: [
								{ name: 'Signable', value: 'SIGNABLE' },
								{ name: 'Attachment', value: 'ATTACHMENT', description: 'Not signed' },
							],
						},
					],
				},
			],
		},
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			placeholder: 'Add Recipient',
			description: 'Signers, in signing order (the order matters with sequential signing)',
			displayOptions,
			options: [
				{
					displayName: 'Recipient',
					name: 'recipient',
					values: [
						{
							displayName: 'Email',
							name: 'email',
							type: 'string',
							placeholder: 'name@email.com',
							default: '',
							required: true,
						},
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							description:
								'Your ID for the recipient, used by placements. Defaults to its position: "0", "1", ….',
						},
						{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true },
						{
							displayName: 'Phone',
							name: 'phone',
							type: 'string',
							default: '',
							description: 'Required when phone validation is enabled',
						},
						{
							displayName: 'Representative ID',
							name: 'repId',
							type: 'string',
							default: '',
							description: 'ID of the company the recipient signs for',
						},
						{
							displayName: 'Representative ID Label',
							name: 'repLabel',
							type: 'string',
							default: '',
						},
						{
							displayName: 'Tax ID',
							name: 'taxId',
							type: 'string',
							default: '',
							description: 'The Chilean RUT or another tax ID',
						},
						{
							displayName: 'Tax ID Label',
							name: 'taxLabel',
							type: 'string',
							default: '',
							placeholder: 'e.g. RUT',
						},
					],
				},
			],
		},
	];
}

export function placementProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	const show = displayOptions.show ?? {};
	return [
		{
			displayName: 'Placements',
			name: 'placements',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Placement',
			description:
				'Each recipient and each signable document needs at least one. Approvers and witnesses take no position.',
			displayOptions: { ...displayOptions, show: { ...show, placementMode: ['manual'] } },
			options: [
				{
					displayName: 'Placement',
					name: 'placement',
					values: [
						{
							displayName: 'Anchor Text',
							name: 'anchorText',
							type: 'string',
							default: '',
							description: 'For Position "Anchor Text": text in the PDF where the signature goes',
						},
						{
							displayName: 'Document Key',
							name: 'documentKey',
							type: 'string',
							default: '0',
							required: true,
						},
						{
							displayName: 'Left',
							name: 'left',
							type: 'number',
							default: 0,
							description: 'For Position "Coordinates"',
						},
						{
							displayName: 'Page',
							name: 'page',
							type: 'number',
							default: 0,
							typeOptions: { minValue: 0 },
							description: 'For Position "Coordinates": zero-based page',
						},
						{
							displayName: 'Position',
							name: 'position',
							type: 'options',
							default: 'page',
							options: [
								{
									name: 'Added Signature Page',
									value: 'page',
									description: 'LexgoSign adds a page for the signature',
								},
								{
									name: 'Anchor Text',
									value: 'anchorText',
									description: 'Where a text marker appears in the PDF (LexgoSign "token")',
								},
								{ name: 'Coordinates', value: 'coordinates' },
							],
						},
						{
							displayName: 'Recipient Key',
							name: 'recipientKey',
							type: 'string',
							default: '0',
							required: true,
						},
						{
							displayName: 'Top',
							name: 'top',
							type: 'number',
							default: 0,
							description: 'For Position "Coordinates"',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'SIGNATURE',
							options: [
								{ name: 'Signature', value: 'SIGNATURE' },
								{ name: 'Approver', value: 'APPROVER' },
								{ name: 'Witness', value: 'WITNESS' },
							],
						},
					],
				},
			],
		},
	];
}

export function settingsProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: "Overrides of the API key's default settings for this envelope",
		displayOptions,
		options: [
			{
				displayName: 'Email Validation (2FA)',
				name: 'emailValidation',
				type: 'boolean',
				default: false,
				description: 'Whether recipients must confirm a code sent by email before signing',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				default: 'ES',
				options: [
					{ name: 'English', value: 'EN' },
					{ name: 'Spanish', value: 'ES' },
				],
			},
			{
				displayName: 'More Settings (JSON)',
				name: 'settingsJson',
				type: 'json',
				default: '{}',
				description:
					'Settings object merged over the fields above, e.g. {"branding": {"name": "ACME"}}. Booleans are the strings "TRUE"/"FALSE".',
			},
			{
				displayName: 'Send Invitation Email',
				name: 'sendInvitationEmail',
				type: 'boolean',
				default: true,
				description:
					'Whether LexgoSign emails the signing invitation; without it, signing links are generated for you to deliver',
			},
			{
				displayName: 'Sender Name',
				name: 'senderName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Signature Color',
				name: 'signatureColor',
				type: 'color',
				default: '#290088',
			},
			{
				displayName: 'Signature Kinds',
				name: 'signatureTypes',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Drawn', value: 'DRAWN' },
					{ name: 'Uploaded', value: 'UPLOADED' },
					{ name: 'Written', value: 'WRITTEN' },
				],
				description: 'How recipients may produce their signature',
			},
			{
				displayName: 'Signature Order',
				name: 'signatureOrder',
				type: 'options',
				default: 'PARALLEL',
				options: [
					{ name: 'Parallel', value: 'PARALLEL' },
					{ name: 'Sequential', value: 'SEQUENTIAL' },
				],
			},
			{
				displayName: 'Signature Style',
				name: 'signatureStyle',
				type: 'options',
				default: 'SIMPLE',
				options: [
					{ name: 'Simple', value: 'SIMPLE' },
					{ name: 'Simple With QR', value: 'SIMPLE_QR' },
					{ name: 'Full', value: 'FULL' },
				],
			},
			{
				displayName: 'Signature Type',
				name: 'signatureType',
				type: 'options',
				default: 'INTERNATIONAL',
				options: [
					{ name: 'International (FES)', value: 'INTERNATIONAL' },
					{ name: 'Qualified Chile (FEA)', value: 'QUALIFIED_CHILE' },
				],
			},
		],
	};
}
