// The package declares what it imports: every bare specifier in src/ and cli.js is in
// `dependencies`, every one in test/ is in `dependencies` or `devDependencies` (an undeclared
// import works only while npm happens to hoist it). Also checks that CONTRACTS is the list in
// the repository's contracts/LIST, when the package sits in the repository.

import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { CONTRACTS } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url); // its canned imports are not imports
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** @param {string} dir @returns {string[]} the .js and .d.ts files under `dir` */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(js|d\.ts)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The packages a file imports: `import … from '…'`, `export … from '…'`, `import '…'` and
 * `import('…')` (JSDoc type imports included), reduced to the package name.
 * @param {string} text @returns {Set<string>}
 */
function importedPackages(text) {
  const found = new Set();
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const [, spec] of text.matchAll(pattern)) {
      if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      const parts = spec.split('/');
      found.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return found;
}

test('importedPackages reads the import forms', () => {
  const text = [
    "import { a } from '@scope/pkg/sub';",
    "import {\n  b,\n} from 'plain';",
    "export * as c from 'reexported';",
    "import 'side-effect';",
    "/** @type {import('@scope/types/interfaces').T} */",
    "import { d } from './local.js';",
    "import { e } from 'node:fs';",
  ].join('\n');
  assert.deepEqual(
    [...importedPackages(text)].sort(),
    ['@scope/pkg', '@scope/types', 'plain', 'reexported', 'side-effect'],
  );
});

const dependencies = Object.keys(pkg.dependencies ?? {});
const devDependencies = Object.keys(pkg.devDependencies ?? {});
/** @type {[string, string[]][]} */
const parts = [
  ['src', dependencies],
  ['cli.js', dependencies],
  ['test', [...dependencies, ...devDependencies]],
];
for (const [part, allowed] of parts) {
  test(`every package ${part} imports is declared in package.json`, () => {
    const path = join(root, part);
    const files = part.endsWith('.js') ? [path] : sources(path);
    const undeclared = files.filter((file) => file !== self).flatMap((file) =>
      [...importedPackages(readFileSync(file, 'utf8'))]
        .filter((name) => name !== pkg.name && !allowed.includes(name))
        .map((name) => `${relative(root, file)}: ${name}`),
    );
    assert.deepEqual(undeclared, []);
  });
}

const list = join(root, '..', 'contracts', 'LIST');
test('CONTRACTS is contracts/LIST', { skip: existsSync(list) ? false : 'not inside the repository' }, () => {
  const names = readFileSync(list, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0].replaceAll('-', '_'));
  assert.deepEqual([...CONTRACTS], names);
});
