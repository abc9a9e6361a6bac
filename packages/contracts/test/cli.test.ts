// The deploy CLI without a chain: usage and parameter errors exit 2 before connecting, a
// mainnet URL is refused (3), no node at the URL is a clear error (1) rather than a hang, and
// the parameters it prints are a valid file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { toCreatorParams } from '../src/params.js';
import { isAddress } from '../src/deploy.js';

const cli = new URL('../src/cli/deploy.js', import.meta.url).pathname;
const run = (args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, SURI: '', ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

test('--help, --print-params and --describe-params need no chain', () => {
  assert.match(run(['--help']).stdout, /Usage: creator-suite-deploy/);
  const printed = run(['--print-params', 'ZED']);
  assert.equal(printed.code, 0);
  assert.equal(toCreatorParams(JSON.parse(printed.stdout), isAddress).symbol, 'ZED');
  assert.match(run(['--describe-params']).stdout, /\| `fees.launchBps` \| `2000` \|/);
});

test('usage and parameter errors exit 2 before connecting; a mainnet URL exits 3', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'));
  const params = join(dir, 'params.json');
  writeFileSync(params, JSON.stringify({ name: 'Zed', symbol: 'ZED', cap: 'lots' }));
  const unknown = run(['--colour']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown option '--colour'/);
  assert.equal(run(['--params', params, '--record', join(dir, 'r.json')]).code, 2, '--url is required');
  const bad = run(['--url', 'ws://127.0.0.1:1', '--params', params, '--record', join(dir, 'r.json')], { SURI: '//Alice' });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /cap: whole tokens as a decimal string/);
  const mainnet = run(['--url', 'wss://rpc.example.com', '--params', params, '--record', join(dir, 'r.json')]);
  assert.equal(mainnet.code, 3);
  assert.match(mainnet.stderr, /not a local or test network; pass --allow-mainnet/);
  writeFileSync(params, JSON.stringify({ name: 'Zed', symbol: 'ZED' }));
  const nosigner = run(['--url', 'ws://127.0.0.1:1', '--params', params, '--record', join(dir, 'r.json')]);
  assert.equal(nosigner.code, 2);
  assert.match(nosigner.stderr, /no signer: set SURI/);
});

test('no node at the URL: a clear error, not a hang', () => {
  const started = Date.now();
  const none = run(['--url', 'ws://127.0.0.1:1', '--check-chain']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no answer from ws:\/\/127\.0\.0\.1:1/);
  assert.ok(Date.now() - started < 30_000);
});
