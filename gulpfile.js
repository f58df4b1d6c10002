// Copies the non-TypeScript assets n8n loads at runtime into dist/: icons (light and dark SVG),
// codex files (*.node.json), output schemas (__schema__/**/*.json), and the shared event-item
// schema into each trigger's __schema__ folder (n8n looks up `v<version>.json` and
// `v<version>/output.json` beside the node file).
const path = require('node:path');
const { src, dest, parallel } = require('gulp');
const rename = (to) =>
	new (require('node:stream').Transform)({
		objectMode: true,
		transform(file, _encoding, done) {
			file.path = path.join(file.base, to);
			done(null, file);
		},
	});

const triggerDirs = require('./package.json')
	.n8n.nodes.filter((entry) => entry.endsWith('Trigger.node.js'))
	.map((entry) => path.dirname(entry));

function copyIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

function copyNodeAssets() {
	return src(['nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json', 'nodes/**/*.svg'], {
		base: 'nodes',
	}).pipe(dest('dist/nodes'));
}

// One schema per trigger version (n8n looks it up by the node version the workflow uses).
const SCHEMA_TARGETS = ['1.0.0', '1.1.0'].flatMap((v) => [`v${v}.json`, `v${v}/output.json`]);

const copyTriggerSchemas = triggerDirs.flatMap((dir) =>
	SCHEMA_TARGETS.map((target) => {
		const task = () =>
			src('schemas/event-item.schema.json')
				.pipe(rename(target))
				.pipe(dest(path.join(dir, '__schema__')));
		task.displayName = `schema ${dir}/${target}`;
		return task;
	}),
);

exports['build:assets'] = parallel(copyIcons, copyNodeAssets, ...copyTriggerSchemas);
