import { allSetups, deliver } from '../../support/triggers';

/**
 * Issue 9, fault 4: n8n saves the static data written by concurrent webhook calls
 * last-writer-wins (a burst of 470 Leegality deliveries kept ~28 of the ids written there), and
 * for Legalesign and LexgoSign the registration's secret lives in it. So no trigger writes static
 * data while answering a delivery: the duplicate memory is in-process only (README, "What survives
 * a restart", measured by the e2e stage).
 */
describe.each(allSetups().map((setup) => [setup.name, setup] as const))('%s', (_name, setup) => {
	it.each([
		['a genuine delivery', () => setup.sign(setup.sample())],
		['a forged delivery', () => setup.forge(setup.sample())],
	])('%s leaves the static data exactly as it was', async (_kind, build) => {
		const before = JSON.stringify(setup.staticData());
		for (const mode of ['webhook', 'manual'] as const) {
			const workflowId = `wf-static-${setup.name}-${mode}`;
			// Twice: the repeat is a duplicate, which once made Leegality persist its memory.
			for (let attempt = 0; attempt < 2; attempt++) {
				const outcome = await deliver(setup, build(), { workflowId, mode });
				expect(outcome.status).toBeDefined();
				expect(JSON.stringify(outcome.staticData)).toBe(before);
			}
		}
	});

	it('a genuine delivery really starts the workflow (control)', async () => {
		const outcome = await deliver(setup, setup.sign(setup.sample()));
		expect(outcome.status).toBe(200);
		expect(outcome.items.length).toBeGreaterThan(0);
	});
});
