import {
	clearCredentialCache,
	credentialSecrets,
	MAX_AGE_MS,
	REFRESH_INTERVAL_MS,
} from '../../../nodes/shared/secrets';
import { webhookContext } from '../../support/contexts';

const FIELDS = ['signingKey'] as const;

/** A context whose credential `testApi` is `credential` (mutable: edits act as rotations). */
function context(credential: { signingKey: unknown }, credentialId: string) {
	return webhookContext({
		credentials: { testApi: credential as { signingKey: string } },
		credentialId,
	}).ctx;
}

describe('credentialSecrets', () => {
	beforeEach(() => clearCredentialCache());

	it('reads the credential once and serves later deliveries from the cache', async () => {
		const value = { signingKey: ' first ' };
		const ctx = context(value, 'cache-1');
		const first = await credentialSecrets.call(ctx, 'testApi', FIELDS, false, 0);
		expect(first).toEqual({ values: { signingKey: 'first' }, refreshable: false });
		value.signingKey = 'second';
		const cached = credentialSecrets.call(ctx, 'testApi', FIELDS, false, 1000);
		// A cached value is returned as it is: no promise turn on the hot path.
		expect(cached).not.toBeInstanceOf(Promise);
		expect((await cached).values.signingKey).toBe('first');
		expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
	});

	it('re-reads after MAX_AGE_MS, so a removed secret stops verifying within that bound', async () => {
		const value = { signingKey: 'old' };
		const ctx = context(value, 'cache-2');
		await credentialSecrets.call(ctx, 'testApi', FIELDS, false, 0);
		value.signingKey = '';
		expect(
			(await credentialSecrets.call(ctx, 'testApi', FIELDS, false, MAX_AGE_MS - 1)).values,
		).toEqual({ signingKey: 'old' });
		expect(
			(await credentialSecrets.call(ctx, 'testApi', FIELDS, false, MAX_AGE_MS)).values,
		).toEqual({ signingKey: '' });
		expect(ctx.getCredentials).toHaveBeenCalledTimes(2);
	});

	it('allows one refresh per REFRESH_INTERVAL_MS (a rotated secret, not a forged flood)', async () => {
		const value = { signingKey: 'old' };
		const ctx = context(value, 'cache-3');
		await credentialSecrets.call(ctx, 'testApi', FIELDS, false, 0);
		expect((await credentialSecrets.call(ctx, 'testApi', FIELDS, false, 10)).refreshable).toBe(
			false,
		);
		value.signingKey = 'new';
		// Too soon: the refresh answers the cached value and does not read again.
		const early = await credentialSecrets.call(ctx, 'testApi', FIELDS, true, 10);
		expect(early).toEqual({ values: { signingKey: 'old' }, refreshable: false });
		const later = REFRESH_INTERVAL_MS + 10;
		expect((await credentialSecrets.call(ctx, 'testApi', FIELDS, false, later)).refreshable).toBe(
			true,
		);
		const refreshed = await credentialSecrets.call(ctx, 'testApi', FIELDS, true, later);
		expect(refreshed).toEqual({ values: { signingKey: 'new' }, refreshable: false });
		expect(ctx.getCredentials).toHaveBeenCalledTimes(2);
	});

	it('concurrent deliveries share one read: a burst on a cold cache, and a burst of refreshes', async () => {
		const value = { signingKey: 'old' };
		const ctx = context(value, 'cache-burst');
		const burst = (refresh: boolean, now: number) =>
			Promise.all(
				Array.from({ length: 20 }, () =>
					credentialSecrets.call(ctx, 'testApi', FIELDS, refresh, now),
				),
			);
		const cold = await burst(false, 0);
		expect(cold.every((secrets) => secrets.values.signingKey === 'old')).toBe(true);
		expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
		// A forged flood after REFRESH_INTERVAL_MS: every delivery fails and asks for a refresh.
		value.signingKey = 'new';
		const refreshed = await burst(true, REFRESH_INTERVAL_MS + 1);
		expect(refreshed.every((secrets) => secrets.values.signingKey === 'new')).toBe(true);
		expect(ctx.getCredentials).toHaveBeenCalledTimes(2);
		// And the next refresh within the interval reads nothing.
		await burst(true, REFRESH_INTERVAL_MS + 2);
		expect(ctx.getCredentials).toHaveBeenCalledTimes(2);
	});

	it('a failed read fails every delivery waiting for it, and the next delivery reads again', async () => {
		const ctx = context({ signingKey: 'k' }, 'cache-fail');
		jest.mocked(ctx.getCredentials).mockRejectedValueOnce(new Error('decryption failed'));
		const results = await Promise.allSettled([
			credentialSecrets.call(ctx, 'testApi', FIELDS, false, 0),
			credentialSecrets.call(ctx, 'testApi', FIELDS, false, 0),
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
		const retry = await credentialSecrets.call(ctx, 'testApi', FIELDS, false, 1);
		expect(retry.values.signingKey).toBe('k');
		expect(ctx.getCredentials).toHaveBeenCalledTimes(2);
	});

	it('keeps credentials apart and never stores non-string fields', async () => {
		const a = context({ signingKey: 'a' }, 'cache-a');
		const b = context({ signingKey: 'b' }, 'cache-b');
		expect((await credentialSecrets.call(a, 'testApi', FIELDS, false, 0)).values.signingKey).toBe(
			'a',
		);
		expect((await credentialSecrets.call(b, 'testApi', FIELDS, false, 0)).values.signingKey).toBe(
			'b',
		);
		const odd = context({ signingKey: 42 }, 'cache-odd');
		expect((await credentialSecrets.call(odd, 'testApi', FIELDS, false, 0)).values).toEqual({
			signingKey: '',
		});
	});
});
