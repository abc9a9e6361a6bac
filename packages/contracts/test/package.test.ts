// The package's own parts, without a chain: its contract list against the repository's, its
// metadata, the event topic table, every error variant's words, the parameters file, and the
// client's pure helpers.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { CONTRACTS, EVENT_TOPICS, errorText, SUITE_ROLES } from '../src/index.js';
import { CUSTOM_REASONS, ERROR_DOCS } from '../src/errors.js';
import { lessSlippage, limitsOf } from '../src/client.js';
import { defaults, describe, FIELDS, ParamsError, toCreatorParams } from '../src/params.js';
import { isAddress } from '../src/deploy.js';

const list = new URL('../../../../contracts/LIST', import.meta.url);

test('CONTRACTS is contracts/LIST, in its order', { skip: existsSync(list) ? false : 'not inside the repository' }, () => {
  const rows = readFileSync(list, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/));
  assert.deepEqual(
    CONTRACTS.map((c) => [c.crate, c.role]),
    rows.map(([dir, role]) => [dir!.replaceAll('-', '_'), role]),
  );
  assert.deepEqual([...SUITE_ROLES].sort(), CONTRACTS.map((c) => c.role).filter((r) => r !== 'factory').sort());
});

test('the metadata is ink! 5, carries no code hash (it depends on the build path), and names its contract', () => {
  for (const { crate, metadata } of CONTRACTS) {
    assert.equal(metadata.version, 5, crate);
    assert.equal(metadata.source.hash, undefined, crate);
    assert.equal(metadata.contract.name, crate);
  }
});

test('EVENT_TOPICS lists every event of every contract once, with its metadata topic', () => {
  for (const { crate, metadata } of CONTRACTS) {
    const events = metadata.spec.events as { label: string; signature_topic: string }[];
    const listed = EVENT_TOPICS.filter((t) => t.contract === crate);
    assert.equal(listed.length, events.length, crate);
    // (A contract's metadata also lists the events of the contracts it links, so two may share
    // a label, e.g. the factory's two Approval events, PSP22's and PSP34's: topics tell them apart.)
    for (const event of events) {
      assert.ok(listed.some((t) => t.event === event.label && t.topic === event.signature_topic), `${crate} ${event.label}`);
    }
    assert.equal(new Set(listed.map((t) => t.topic)).size, listed.length, `${crate}: topics are unique`);
  }
});

/** Every error enum of every contract's metadata (a type named *Error with variants). */
function errorTypes() {
  const found = new Map<string, string[]>();
  for (const { metadata } of CONTRACTS) {
    for (const { type } of metadata.types as { type: { path?: string[]; def: { variant?: { variants?: { name: string }[] } } } }[]) {
      const name = type.path?.at(-1);
      if (!name?.endsWith('Error') || !type.def.variant || name === 'LangError') continue;
      found.set(name, (type.def.variant.variants ?? []).map((v) => v.name));
    }
  }
  return found;
}

test('every error variant the contracts answer has its Rust doc as words', () => {
  const types = errorTypes();
  assert.ok(types.size >= 12, `error types found: ${[...types.keys()].join(', ')}`);
  for (const [type, variants] of types) {
    for (const variant of variants) {
      const doc = ERROR_DOCS[type]?.[variant];
      assert.ok(doc && doc.length > 5, `${type}::${variant} has no doc`);
    }
  }
});

test('errorText: unit variants, nested errors and the Custom reasons in words', () => {
  assert.equal(errorText('Slippage', 'MarketError'), "Fewer tokens (buy) or less native (sell) than the caller's minimum.");
  assert.equal(errorText('InsufficientBalance'), 'The account does not hold enough tokens.');
  assert.equal(
    errorText({ type: 'Payment', value: { type: 'Custom', value: 'P::Paused' } }, 'CollectionError'),
    'The payment token refused the transfer (e.g. insufficient balance or allowance).: An implementation-specific refusal; see the `PSP22Error::*` string constants.: The token is paused.',
  );
  assert.equal(errorText({ type: 'Token', value: { type: 'Custom', value: 'Cap exceeded' } }, 'MarketError').endsWith('Minting would exceed the supply cap.'), true);
  assert.equal(errorText({ type: 'Custom', value: 'something else' }, 'PSP22Error').endsWith(': something else'), true);
  assert.equal(errorText('NoSuchVariant'), 'NoSuchVariant');
  for (const reason of ['P::Paused', 'AC::MissingRole', 'Cap exceeded']) assert.ok(CUSTOM_REASONS[reason], reason);
});

const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

test('params: the defaults are a valid suite, in the units of the chain', () => {
  const params = toCreatorParams(defaults('MIRA'), isAddress);
  assert.equal(params.name, 'MIRA Coin');
  assert.equal(params.collectionSymbol, 'MIRAD');
  assert.equal(params.cap, 21_000_000n * 10n ** 18n);
  assert.equal(params.vestingCliff, 30n * 86_400_000n);
  assert.equal(params.fees.launchPeriod, 600_000n);
  assert.equal(params.pow.maxDifficulty, 2n ** 64n);
  assert.equal(params.creations.openInterval, undefined);
  assert.equal(params.mode, 'Fair');
  const minimal = toCreatorParams({ name: 'Zed', symbol: 'ZED', decimals: 6, cap: '10000000.5', fees: { platform: { account: alice, bps: 50 } } }, isAddress);
  assert.equal(minimal.cap, 10_000_000_500_000n);
  assert.deepEqual(minimal.fees.platform, [alice, 50]);
  assert.equal(minimal.baseUri, 'ipfs://zed/');
});

test('params: every problem is named before anything is sent', () => {
  const problems = (file: unknown) => {
    try {
      toCreatorParams(file, isAddress);
      return [];
    } catch (error) {
      assert.ok(error instanceof ParamsError);
      return error.problems;
    }
  };
  assert.deepEqual(problems([]), ['the file is not a JSON object']);
  assert.ok(problems({ symbol: 'X' }).some((p) => p.startsWith('name: required')));
  assert.ok(problems({ name: 'X', symbol: 'X', colour: 'red' }).includes('colour: no such field'));
  assert.ok(problems({ name: 'X', symbol: 'X', fees: { tip: 1 } }).includes('fees.tip: no such field'));
  assert.ok(problems({ name: 'X', symbol: ' ' }).some((p) => p.startsWith('symbol: a non-blank string')));
  assert.ok(problems({ name: 'X', symbol: 'X', cap: '1.5', decimals: 0 }).some((p) => p.startsWith('cap: whole tokens')));
  assert.ok(problems({ name: 'X', symbol: 'X', decimals: 39 }).includes('decimals: at most 38'));
  assert.ok(problems({ name: 'X', symbol: 'X', vestingCliff: '3 weeks' }).some((p) => p.startsWith('vestingCliff: milliseconds')));
  assert.ok(problems({ name: 'X', symbol: 'X', treasuryBps: 10_001 }).some((p) => p.startsWith('treasuryBps: basis points')));
  assert.ok(problems({ name: 'X', symbol: 'X', halvingInterval: 2 ** 32 }).some((p) => p.startsWith('halvingInterval: an integer that fits a u32')));
  assert.ok(problems({ name: 'X', symbol: 'X', mode: 'fair' }).some((p) => p.startsWith('mode:')));
  assert.ok(problems({ name: 'X', symbol: 'X', fees: { platform: { account: 'nobody', bps: 1 } } }).some((p) => p.startsWith('fees.platform:')));
  assert.deepEqual(problems({ name: 'X', symbol: 'X', treasuryBps: 5000 }), ['treasuryBps + distributorBps: must be 10,000']);
  assert.deepEqual(problems({ name: 'X', symbol: 'X', cap: '100' }), ['cap: below creatorAllocation + miningCap + pow.cap']);
  assert.deepEqual(problems({ name: 'X', symbol: 'X', basePrice: 0, priceSlope: 0 }), ['basePrice, priceSlope: the curve must price something']);
  assert.deepEqual(problems({ name: 'X', symbol: 'X', fees: { creatorBps: 901 } }), ['fees: the four shares add up to more than 1,000 bps (10 %)']);
  assert.deepEqual(problems({ name: 'X', symbol: 'X', creations: { points: 2000 } }), ['creations.points: positive and at most creations.budget']);
  assert.deepEqual(problems({ name: 'X', symbol: 'X', pow: { minDifficulty: '2000000' } }), ['pow: 1 <= minDifficulty <= initialDifficulty <= maxDifficulty']);
});

const guide = new URL('../../../../docs/launch.md', import.meta.url);

test('params: the description names every field with its default, and the launch guide has it', () => {
  const table = describe();
  for (const field of FIELDS) assert.ok(table.includes(`| \`${field.path}\` |`), field.path);
  if (existsSync(guide)) assert.ok(readFileSync(guide, 'utf8').includes(table), 'docs/launch.md has the current table (scripts/deploy --describe-params)');
});

test('lessSlippage and limitsOf', () => {
  assert.equal(lessSlippage(10_000n, 100), 9_900n);
  assert.equal(lessSlippage(999n, 1), 998n);
  assert.equal(lessSlippage(5n, 0), 5n);
  assert.throws(() => lessSlippage(1n, 10_001), RangeError);
  assert.throws(() => lessSlippage(1n, 0.5), RangeError);
  const gas = { refTime: 5_000n, proofSize: 600n };
  const margin = { refTime: 6_000n, proofSize: 720n };
  assert.deepEqual(limitsOf({ gasRequired: gas, storageDeposit: { type: 'Charge', value: 7n } }), { gasLimit: margin, storageDepositLimit: 7n });
  assert.deepEqual(limitsOf({ gasRequired: gas, storageDeposit: { type: 'Refund', value: 7n } }), { gasLimit: margin, storageDepositLimit: 0n });
});
