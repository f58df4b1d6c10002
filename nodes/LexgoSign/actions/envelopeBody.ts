import {
	type IDataObject,
	type IExecuteFunctions,
	jsonParse,
	NodeOperationError,
} from 'n8n-workflow';

import { inputFile } from '../../shared/actions';
import { isObject, objectAt, text } from '../../shared/readers';

/**
 * The body parts shared by Create and Update: JSON with `documents`, `recipients` and `placements`
 * as objects keyed by the caller's own keys (not arrays), and `settings`.
 */

function invalid(this: IExecuteFunctions, itemIndex: number, message: string) {
	return new NodeOperationError(this.getNode(), message, { itemIndex });
}

function entries(this: IExecuteFunctions, name: string, inner: string, itemIndex: number) {
	const value = this.getNodeParameter(name, itemIndex, {}) as IDataObject;
	return Array.isArray(value[inner]) ? (value[inner] as IDataObject[]) : [];
}

function keyOf(value: unknown, index: number): string {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : String(index);
}

function unique(this: IExecuteFunctions, itemIndex: number, what: string, keys: string[]) {
	const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
	if (duplicate !== undefined) throw invalid.call(this, itemIndex, `Two ${what} have the key "${duplicate}"`);
}

/** `documents{key: {base64, name, type, order}}` from the input item's binary PDFs. */
export async function buildDocuments(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<{ documents: IDataObject; signable: string[] } | undefined> {
	const list = entries.call(this, 'documents', 'document', itemIndex);
	if (list.length === 0) return undefined;
	const documents: IDataObject = {};
	const signable: string[] = [];
	const keys = list.map((entry, index) => keyOf(entry.key, index));
	unique.call(this, itemIndex, 'documents', keys);
	for (const [index, entry] of list.entries()) {
		const property = String(entry.binaryPropertyName || 'data');
		const file = await inputFile.call(this, itemIndex, property);
		const type = entry.type === 'ATTACHMENT' ? 'ATTACHMENT' : 'SIGNABLE';
		documents[keys[index]] = {
			base64: file.data.toString('base64'),
			name: String(entry.name || '').trim() || file.fileName,
			type,
			order: index,
		};
		if (type === 'SIGNABLE') signable.push(keys[index]);
	}
	return { documents, signable };
}

/** `recipients{key: {name, email, order, …}}`; name and email are required. */
export function buildRecipients(
	this: IExecuteFunctions,
	itemIndex: number,
): { recipients: IDataObject; keys: string[] } | undefined {
	const list = entries.call(this, 'recipients', 'recipient', itemIndex);
	if (list.length === 0) return undefined;
	const keys = list.map((entry, index) => keyOf(entry.key, index));
	unique.call(this, itemIndex, 'recipients', keys);
	const recipients: IDataObject = {};
	for (const [index, entry] of list.entries()) {
		const recipient: IDataObject = {
			name: String(entry.name ?? '').trim(),
			email: String(entry.email ?? '').trim(),
			order: index,
		};
		if (!recipient.name || !recipient.email) {
			throw invalid.call(this, itemIndex, `Recipient ${index + 1} needs a name and an email`);
		}
		const optional: Array<[string, unknown]> = [
			['phone', entry.phone],
			['tax_id', entry.taxId],
			['tax_label', entry.taxLabel],
			['rep_id', entry.repId],
			['rep_label', entry.repLabel],
		];
		for (const [field, value] of optional) {
			if (typeof value === 'string' && value.trim() !== '') recipient[field] = value.trim();
		}
		recipients[keys[index]] = recipient;
	}
	return { recipients, keys };
}

/** One SIGNATURE placement per recipient and signable document, on an added page. */
export function automaticPlacements(recipientKeys: string[], documentKeys: string[]): IDataObject {
	const placements: IDataObject = {};
	let index = 0;
	for (const documentKey of documentKeys) {
		for (const recipientKey of recipientKeys) {
			placements[String(index)] = {
				document_key: documentKey,
				recipient_key: recipientKey,
				type: 'SIGNATURE',
				order: index,
			};
			index++;
		}
	}
	return placements;
}

/** `placements{index: {...}}` from the Placements collection. */
export function manualPlacements(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const placements: IDataObject = {};
	for (const [index, entry] of entries.call(this, 'placements', 'placement', itemIndex).entries()) {
		const type = String(entry.type || 'SIGNATURE');
		const placement: IDataObject = {
			document_key: String(entry.documentKey ?? '').trim(),
			recipient_key: String(entry.recipientKey ?? '').trim(),
			type,
			order: index,
		};
		if (!placement.document_key || !placement.recipient_key) {
			throw invalid.call(this, itemIndex, `Placement ${index + 1} needs a document key and a recipient key`);
		}
		const position = type === 'SIGNATURE' ? String(entry.position || 'page') : 'page';
		if (position === 'coordinates') {
			placement.coordinates = {
				top: Number(entry.top ?? 0),
				left: Number(entry.left ?? 0),
				page: Number(entry.page ?? 0),
			};
		} else if (position === 'anchorText') {
			const anchor = String(entry.anchorText ?? '').trim();
			if (!anchor) throw invalid.call(this, itemIndex, `Placement ${index + 1} needs an anchor text`);
			placement.token = anchor;
		}
		placements[String(index)] = placement;
	}
	return placements;
}

function deepMerge(target: IDataObject, source: IDataObject): IDataObject {
	for (const [key, value] of Object.entries(source)) {
		target[key] =
			isObject(value) && isObject(target[key])
				? deepMerge({ ...objectAt(target, key) }, value)
				: value;
	}
	return target;
}

function flag(value: unknown): string {
	return value === true ? 'TRUE' : 'FALSE';
}

/** The Settings collection as LexgoSign's nested `settings` object; undefined when empty. */
export function buildSettings(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const chosen = this.getNodeParameter('settings', itemIndex, {}) as IDataObject;
	const settings: IDataObject = {};
	const section = (name: string): IDataObject => {
		if (!isObject(settings[name])) settings[name] = {};
		return settings[name] as IDataObject;
	};
	if (chosen.language) section('signature_flow').language = chosen.language;
	if (chosen.signatureOrder) section('signature_flow').signature_order = chosen.signatureOrder;
	if (Array.isArray(chosen.signatureTypes) && chosen.signatureTypes.length > 0) {
		section('signature_flow').signature_types = chosen.signatureTypes.join(',');
	}
	if (chosen.signatureColor) section('signature_flow').signature_color = chosen.signatureColor;
	if (text(chosen, 'senderName')) section('signature_flow').sender_name = chosen.senderName;
	if (chosen.signatureType) section('signature').type = chosen.signatureType;
	if (chosen.signatureStyle) section('signature').style = chosen.signatureStyle;
	if (chosen.sendInvitationEmail !== undefined) {
		section('emails').envelope_invitation = flag(chosen.sendInvitationEmail);
	}
	if (chosen.emailValidation !== undefined) {
		section('validations').email = { enabled: flag(chosen.emailValidation) };
	}
	const extra = chosen.settingsJson;
	if (extra !== undefined && extra !== '') {
		let parsed: unknown = extra;
		if (typeof extra === 'string') {
			try {
				parsed = jsonParse(extra);
			} catch {
				throw invalid.call(this, itemIndex, '"More Settings (JSON)" is not valid JSON');
			}
		}
		if (!isObject(parsed)) throw invalid.call(this, itemIndex, '"More Settings (JSON)" must be a JSON object');
		deepMerge(settings, parsed);
	}
	return Object.keys(settings).length > 0 ? settings : undefined;
}
