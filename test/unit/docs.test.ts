import { LEEGALITY_EVENTS } from '../../nodes/Leegality/events';
import {
	LEGALESIGN_LEGACY_EVENTS,
	LEGALESIGN_REALTIME_EVENTS,
} from '../../nodes/Legalesign/events';
import { LEXGOSIGN_EVENTS } from '../../nodes/LexgoSign/events';
import { ESIGN_EVENTS } from '../../nodes/shared/events';
import { listRepoFiles, readRepoFile } from '../support/repo';

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

	it('documents every Legalesign event (realtime and legacy) and how it maps', () => {
		const events = { ...LEGALESIGN_REALTIME_EVENTS, ...LEGALESIGN_LEGACY_EVENTS };
		expect(Object.keys(events)).toHaveLength(28);
		for (const [providerEvent, { event }] of Object.entries(events)) {
			expect(readme).toContain(`| \`${providerEvent}\` | \`${event}\` |`);
		}
	});

	it('documents every LexgoSign event and how it maps', () => {
		expect(Object.keys(LEXGOSIGN_EVENTS)).toHaveLength(21);
		for (const [providerEvent, { event }] of Object.entries(LEXGOSIGN_EVENTS)) {
			expect(readme).toContain(`| \`${providerEvent}\` | \`${event}\` |`);
		}
		expect(readme).toContain('| any other `event_type` | `unknown` |');
	});

	it('names the two commands', () => {
		expect(readme).toContain('npm test');
		expect(readRepoFile('.ci/run')).toMatch(/^npm test$/m);
	});

	it('lists every example workflow with its name', () => {
		for (const file of listRepoFiles('examples')) {
			const { name } = JSON.parse(readRepoFile(`examples/${file}`)) as { name: string };
			expect(readme).toContain(`| [\`${file}\`](examples/${file}) | ${name} |`);
		}
	});
});
