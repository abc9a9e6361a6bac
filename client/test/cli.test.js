// The CLI: amount parsing and formatting, usage, and a clear, prompt error without a node.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { formatAmount, parseAmount } from '../cli.js';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

test('amounts: whole tokens to the smallest unit and back', () => {
  assert.equal(parseAmount('1.5', 18), 1_500_000_000_000_000_000n);
  assert.equal(parseAmount('250', 18), 250n * 10n ** 18n);
  assert.equal(parseAmount('0.000001', 6), 1n);
  assert.equal(parseAmount('7', 0), 7n);
  assert.throws(() => parseAmount('0.0000001', 6), /more than 6 decimals/);
  assert.throws(() => parseAmount('-1', 18), /not an amount/);
  assert.throws(() => parseAmount('1e18', 18), /not an amount/);
  assert.equal(formatAmount(1_500_000_000_000_000_000n, 18), '1.5');
  assert.equal(formatAmount(250n * 10n ** 18n, 18), '250');
  assert.equal(formatAmount(1n, 6), '0.000001');
});

test('cli: usage on a missing or malformed command', () => {
  const run = spawnSync(process.execPath, [CLI, 'balance', ALICE], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /usage: node cli.js/);
});

test('cli: transfer without a signer is refused before connecting', () => {
  const env = { ...process.env };
  delete env.SURI;
  const run = spawnSync(process.execPath, [CLI, 'transfer', ALICE, ALICE, '1'], { encoding: 'utf8', env });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /transfer needs a signer: set SURI/);
});

test('cli: no node at the URL is a clear error, not a hang', () => {
  // Port 9 (discard): nothing listens there, the connection is refused.
  const run = spawnSync(process.execPath, [CLI, '--url', 'ws://127.0.0.1:9', '--timeout', '5', 'suite', ALICE, ALICE], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /error: cannot connect to ws:\/\/127\.0\.0\.1:9: /);
});

test('cli: a server that never answers times out', async () => {
  const server = createServer(() => {}); // accepts TCP, never speaks WebSocket
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const { spawn } = await import('node:child_process');
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, '--url', `ws://127.0.0.1:${port}`, '--timeout', '1', 'balance', ALICE, ALICE]);
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  server.close();
  assert.equal(code, 2);
  assert.match(stderr, /cannot connect to ws:\/\/127\.0\.0\.1:\d+: no answer within 1000 ms/);
  assert.ok(Date.now() - started < 15_000, 'gave up promptly');
});
