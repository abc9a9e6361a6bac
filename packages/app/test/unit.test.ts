// The app's pure parts: amounts shown and typed, quotes with slippage, transaction words,
// wallets found, routes, and the proof-of-work hash the Web Worker searches.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SuiteError } from '@creator-suite/contracts/client';
import { hexToU8a, keccakAsU8a } from 'dedot/utils';

import { formatDuration, formatRate, formatUnits, parseCount, parseSlippage, parseUnits, shortAddress } from '../src/lib/format.js';
import { digest, leading, preimage, search, setNonce, solves } from '../src/lib/pow.js';
import { buyPreview, feeShare, sellPreview } from '../src/lib/quote.js';
import { routeOf } from '../src/lib/route.js';
import { doneView, failedView, refusalText, stepView } from '../src/lib/tx.js';
import { enableWallet, installedWallets, signingAccounts } from '../src/lib/wallet.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

test('formatUnits cuts (never rounds up), groups thousands, drops trailing zeros', () => {
  assert.equal(formatUnits(1_234_567_890n, 6), '1,234.5678');
  assert.equal(formatUnits(1_999_999n, 6, 2), '1.99');
  assert.equal(formatUnits(10n ** 18n, 18), '1');
  assert.equal(formatUnits(0n, 12), '0');
  assert.equal(formatUnits(5n, 0), '5');
  assert.equal(formatUnits(-1_500n, 3), '-1.5');
  assert.equal(formatUnits(12_000_000_000_000_000_000_000n, 18), '12,000');
  assert.equal(formatUnits(1_234n, 9), '0.000001234', 'below one unit: significant digits');
  assert.equal(formatUnits(123_456_789n, 12), '0.0001234');
  assert.equal(formatUnits(1n, 18), '0.000000000000000001');
});

test('parseUnits is exact and refuses in words', () => {
  assert.equal(parseUnits('1,000.5', 18), 1_000_500_000_000_000_000_000n);
  assert.equal(parseUnits(' 0.25 ', 2), 25n);
  assert.equal(parseUnits('.5', 1), 5n);
  assert.equal(parseUnits('7.', 0), 7n);
  assert.throws(() => parseUnits('', 18), /Enter an amount/);
  assert.throws(() => parseUnits('-1', 18), /not an amount/);
  assert.throws(() => parseUnits('1e3', 18), /not an amount/);
  assert.throws(() => parseUnits('.', 18), /not an amount/);
  assert.throws(() => parseUnits('0.001', 2), /At most 2 decimals/);
  for (const value of [0n, 1n, 123_456_789n, 10n ** 30n]) assert.equal(parseUnits(formatUnits(value, 12, 12).replace(/,/g, ''), 12), value);
});

test('counts, slippage, addresses, durations, rates', () => {
  assert.equal(parseCount('3', 1, 5), 3);
  assert.throws(() => parseCount('0', 1, 5), /from 1 to 5/);
  assert.throws(() => parseCount('1.5'), /not a whole number/);
  assert.equal(parseSlippage('1'), 100);
  assert.equal(parseSlippage('0.5'), 50);
  assert.throws(() => parseSlippage('51'), /at most 50 %/);
  assert.throws(() => parseSlippage('0.001'), /At most 2 decimals/);
  assert.equal(shortAddress(ALICE), '5Grwva…KutQY');
  assert.equal(formatDuration(0), 'now');
  assert.equal(formatDuration(45_000n), '45 s');
  assert.equal(formatDuration(7_500_000), '2 h 5 min');
  assert.equal(formatDuration(90_061_000), '1 d 1 h');
  assert.equal(formatRate(512), '512 H/s');
  assert.equal(formatRate(12_345), '12.3 kH/s');
  assert.equal(formatRate(2_500_000), '2.50 MH/s');
});

test('a buy and a sale as the page shows them: the least accepted is the quote less the slippage', () => {
  const buy = buyPreview(1_000n, { tokens: 5_000n, cost: 900n, fee: 30n, refund: 70n }, 100);
  assert.deepEqual(buy, { pay: 1_000n, tokens: 5_000n, minTokens: 4_950n, spent: 930n, fee: 30n, refund: 70n });
  assert.equal(buyPreview(1n, { tokens: 99n, cost: 1n, fee: 0n, refund: 0n }, 100).minTokens, 98n, 'rounded down');
  const sale = sellPreview(10n, { gross: 1_000n, fee: 30n, payout: 970n }, 50);
  assert.deepEqual(sale, { amount: 10n, payout: 970n, minPayout: 965n, fee: 30n });
  assert.throws(() => buyPreview(1n, { tokens: 1n, cost: 1n, fee: 0n, refund: 0n }, 10_001), RangeError);
  assert.equal(feeShare(30n, 1_000n), '3.00 %');
  assert.equal(feeShare(1n, 3n), '33.33 %');
  assert.equal(feeShare(1n, 0n), '0.00 %');
});

test("a transaction's states and refusals in words", () => {
  assert.deepEqual(stepView('signing'), { phase: 'signing', text: 'Waiting for your signature in the wallet…' });
  assert.equal(doneView('Bought 5 ALC', 12).text, 'Bought 5 ALC (block #12, finalized).');
  const refused = new SuiteError('market', 'buy', 'Slippage', 'The market would give less than you accept.');
  assert.deepEqual(failedView(refused), { phase: 'failed', text: 'The market would give less than you accept.' });
  assert.equal(refusalText(new RangeError('At most 2 decimals.')), 'At most 2 decimals.');
  assert.equal(refusalText(new Error('Cancelled')), 'You declined to sign in the wallet; nothing was sent.');
  assert.equal(refusalText('boom'), 'boom');
});

test('wallets: the injected entries, substrate accounts only, a refusal in words', async () => {
  assert.deepEqual(installedWallets(undefined), []);
  assert.deepEqual(installedWallets({ talisman: {}, 'polkadot-js': {}, other: {} }), [
    { id: 'talisman', label: 'Talisman' },
    { id: 'polkadot-js', label: 'Polkadot.js extension' },
    { id: 'other', label: 'other' },
  ]);
  const accounts = [{ address: ALICE, type: 'sr25519' as const }, { address: '0xabc', type: 'ethereum' as const }, { address: ALICE }];
  assert.equal(signingAccounts(accounts).length, 2);
  await assert.rejects(enableWallet({}, 'talisman', 'test'), /No wallet "talisman"/);
  const empty = { 'subwallet-js': { enable: async () => ({ accounts: { get: async () => [], subscribe: () => () => undefined }, signer: {} }) } };
  await assert.rejects(enableWallet(empty, 'subwallet-js', 'test'), /SubWallet shares no account/);
  const one = { 'polkadot-js': { enable: async () => ({ accounts: { get: async () => accounts, subscribe: () => () => undefined }, signer: {} }) } };
  assert.equal((await enableWallet(one, 'polkadot-js', 'test')).list.length, 2);
});

test('routes', () => {
  assert.deepEqual(routeOf(''), { page: 'registry' });
  assert.deepEqual(routeOf('#/'), { page: 'registry' });
  assert.deepEqual(routeOf(`#/c/${ALICE}`), { page: 'fan', creator: ALICE });
  assert.deepEqual(routeOf(`#/c/${ALICE}/manage`), { page: 'creator', creator: ALICE });
  assert.deepEqual(routeOf('#/c/not-an-address'), { page: 'registry' });
});

test("proof of work: the contract's preimage (challenge, miner, nonce little-endian) and target rule", () => {
  const challenge = hexToU8a(`0x${'11'.repeat(32)}`);
  const miner = hexToU8a(`0x${'22'.repeat(32)}`);
  const bytes = preimage(challenge, miner);
  setNonce(bytes, 0x0102n);
  assert.deepEqual([...bytes.slice(64, 67)], [2, 1, 0]);
  setNonce(bytes, 2n ** 128n - 1n);
  assert.ok(bytes.slice(64).every((b) => b === 255));
  assert.deepEqual(digest(challenge, miner, 5n), keccakAsU8a(new Uint8Array([...challenge, ...miner, 5, ...new Array(15).fill(0)])));
  assert.equal(leading(new Uint8Array(32).fill(0xff)), 2n ** 128n - 1n);
  assert.ok(solves(challenge, miner, 9n, 2n ** 128n - 1n), 'everything meets the largest target');
  assert.throws(() => preimage(new Uint8Array(31), miner), RangeError);
  // An easy target (1 in 16 hashes): the search finds the first solution, and only a solution.
  const target = (2n ** 128n - 1n) / 16n;
  const found = search(challenge, miner, target, 1_000n, 10_000);
  assert.ok(found.nonce !== undefined);
  assert.ok(solves(challenge, miner, found.nonce, target));
  for (let n = 1_000n; n < found.nonce; n += 1n) assert.ok(!solves(challenge, miner, n, target));
  assert.equal(found.hashes, Number(found.nonce - 1_000n) + 1);
  assert.deepEqual(search(challenge, miner, 0n, 0n, 50), { hashes: 50 });
});
