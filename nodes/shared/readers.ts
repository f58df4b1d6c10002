import type { IDataObject } from 'n8n-workflow';

/**
 * Readers for provider JSON. Every field is optional on the wire and may have any type, so each
 * reader answers a safe default (null, {} or []) instead of throwing.
 */

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[key]` as a non-blank string; finite numbers are stringified; anything else is null. */
export function text(obj: unknown, key: string): string | null {
	if (!isObject(obj)) return null;
	const value = obj[key];
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** `obj[key]` as a finite number (numeric strings included), else null. */
export function numberAt(obj: unknown, key: string): number | null {
	const value = text(obj, key);
	if (value === null) return null;
	const number = Number(value);
	return Number.isFinite(number) ? number : null;
}

/** `obj[key]` when it is an object, else `{}`. */
export function objectAt(obj: unknown, key: string): IDataObject {
	return isObject(obj) && isObject(obj[key]) ? obj[key] : {};
}

/** The objects of an array (other entries skipped); undefined when `value` is not an array. */
export function objectsOf(value: unknown): IDataObject[] | undefined {
	return Array.isArray(value) ? value.filter(isObject) : undefined;
}

/** The objects of the array at `obj[key]`, or `[]`. */
export function objectsAt(obj: unknown, key: string): IDataObject[] {
	return (isObject(obj) ? objectsOf(obj[key]) : undefined) ?? [];
}

/** The non-blank strings of the array at `obj[key]`, or `[]`. */
export function stringsAt(obj: unknown, key: string): string[] {
	const value = isObject(obj) ? obj[key] : undefined;
	return Array.isArray(value)
		? value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
		: [];
}

/** `true`, or the string "true" in any case (providers send both). */
export function isTrue(value: unknown): boolean {
	return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** Case-insensitive equality for provider enum strings ("Signer" vs "signer"). */
export function sameText(value: string | null, expected: string): boolean {
	return value !== null && value.toLowerCase() === expected.toLowerCase();
}

export function trimTrailingSlashes(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/**
 * The value of a resource locator parameter: `{ __rl, mode, value }` as the editor stores it, or
 * a plain string as older workflows (and expressions) give it; trimmed, '' when empty.
 */
export function locatorValue(parameter: unknown): string {
	const value = isObject(parameter) ? parameter.value : parameter;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value.trim() : '';
}
