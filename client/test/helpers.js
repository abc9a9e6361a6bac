// Shared by the tests: the recorded fixtures and their key convention.

import { readFileSync } from 'node:fs';

import { stringCamelCase } from '@polkadot/util';

/** What e2e-tests/tests/event_fixtures.rs recorded on the compiled Wasm. */
export const fixtures = JSON.parse(readFileSync(new URL('./fixtures/events.json', import.meta.url), 'utf8'));

/**
 * The fixture's values (metadata labels, snake_case) with Polkadot.js's camelCase struct keys;
 * enum variants (capitalised) stay as they are.
 * @param {any} value
 * @returns {any}
 */
export function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [/^[A-Z]/.test(key) ? key : stringCamelCase(key), camelKeys(inner)]),
    );
  }
  return value;
}
