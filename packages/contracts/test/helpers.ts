// Shared by the package's tests: the recorded fixtures and how their plain values (decimal
// strings, hex accounts, `{ "Ok": ... }`, `{ "U64": "1" }`, snake_case fields) match what
// dedot decodes (bigint, AccountId32, `{ isOk, value }`, `{ type, value }`, camelCase fields).
import { readFileSync } from 'node:fs';

import { AccountId32 } from 'dedot/codecs';

export interface RecordedCall {
  name: string;
  contract: string;
  message: string;
  address: string;
  caller: string;
  args: unknown[];
  input: `0x${string}`;
  output: `0x${string}`;
  decoded: unknown;
  reverted: boolean;
  value: string;
}

export interface RecordedEvent {
  call: string;
  contract: string;
  event: string;
  address: string;
  topics: `0x${string}`[];
  data: `0x${string}`;
  fields: Record<string, unknown>;
}

export interface Fixtures {
  accounts: Record<string, `0x${string}`>;
  contracts: Record<string, string>;
  calls: RecordedCall[];
  events: RecordedEvent[];
  voucher: any;
}

/** The fixtures, from test/fixtures (the compiled tests run from dist/test). */
export const fixtures: Fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/events.json', import.meta.url), 'utf8'));

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Whether dedot's `actual` is the fixture's plain `expected`. */
export function matches(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === undefined || actual === null || (Array.isArray(actual) && actual.length === 0);
  if (typeof expected === 'string') {
    if (typeof actual === 'bigint' || typeof actual === 'number') return String(actual) === expected;
    if (actual instanceof AccountId32) return actual.raw.toLowerCase() === expected.toLowerCase();
    if (typeof actual === 'string') return actual.toLowerCase() === expected.toLowerCase();
    if (typeof actual === 'object' && actual !== null && 'type' in actual && !('value' in actual)) return (actual as { type: string }).type === expected;
    return false;
  }
  if (typeof expected === 'boolean' || typeof expected === 'number') return actual === expected || String(actual) === String(expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  }
  if (typeof expected === 'object') {
    const entries = Object.entries(expected as Record<string, unknown>);
    const object = actual as Record<string, unknown> | null;
    if (typeof object !== 'object' || object === null) return false;
    if (entries.length === 1) {
      const [key, inner] = entries[0]!;
      if (key === 'Ok' && 'isOk' in object) return object.isOk === true && matches(object.value, inner);
      if (key === 'Err' && 'isErr' in object) return object.isErr === true && matches(object.err, inner);
      if (/^[A-Z]/.test(key) && 'type' in object) return object.type === key && matches(object.value, inner);
    }
    return entries.every(([key, inner]) => matches(object[camel(key)], inner));
  }
  return false;
}
