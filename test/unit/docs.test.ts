import { LEEGALITY_EVENTS } from '../../nodes/Leegality/webhook';
import { ESIGN_EVENTS } from '../../nodes/shared/events';
import { readRepoFile } from '../support/repo';

const readme = readRepoFile('README.md');

describe('README', () => {
	it('documents every event of the vocabulary with its meaning', () => {
		for (const [event, meaning] of Object.entries(ESIGN_EVENTS)) {
			expect(readme).toContain(`| \`${event}\` | ${meaning} |`);
		}
	});

	it('documents every Leegality event and how it maps', () => {
		for (const [providerEvent, { event }] of Object.entries(LEEGALITY_EVENTS)) {
			expect(readme).toContain(`| \`${providerEvent}\` | \`${event}\` |`);
		}
	});

	it('names the two commands', () => {
		expect(readme).toContain('npm test');
		expect(readRepoFile('.ci/run')).toMatch(/^npm test$/m);
	});
});
