// The built bundles as @polkadot/api-contract sees them: every `.contract` loads, the PSP22 /
// PSP34 messages have the standard selectors, calls encode as the standard says, and the
// events recorded on the compiled Wasm (fixtures/events.json) decode to the same fields.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { Abi } from '@polkadot/api-contract';
import { stringCamelCase, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

import { CONTRACTS, decodeEventBytes, encodeCall } from '../src/index.js';
import { bundlePath, bundlesDir } from '../src/node.js';
import { camelKeys, fixtures } from './helpers.js';

/** @typedef {import('../src/codec.js').ContractName} ContractName */


/** @type {Partial<Record<ContractName, Abi>>} */
const abis = {};
/** @param {ContractName} name @returns {Abi} */
function abi(name) {
  abis[name] ??= new Abi(JSON.parse(readFileSync(bundlePath(name), 'utf8')));
  return /** @type {Abi} */ (abis[name]);
}

for (const name of CONTRACTS) {
  test(`${name}.contract loads with new Abi() (ink! 5 metadata v5)`, () => {
    const path = bundlePath(name);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    const loaded = new Abi(json);
    assert.equal(loaded.metadata.version.toString(), '5', `${path}: metadata version`);
    assert.ok(loaded.messages.length > 0, 'messages');
    assert.ok(loaded.constructors.some((c) => c.identifier === 'new'), 'constructor new');
    assert.ok(json.source.wasm.startsWith('0x0061736d'), 'the bundle holds the Wasm');
    // Every event has a signature topic, which is how decodeEvent finds it.
    for (const event of loaded.events) {
      assert.match(event.signatureTopic ?? '', /^0x[0-9a-f]{64}$/, `${event.identifier} signature topic`);
    }
  });
}

// The selectors as the PSP22 and PSP34 texts list them (w3f/PSPs psp-22.md, psp-34.md),
// written out by hand; each is also the first 4 bytes of blake2b-256 of the label.
/** @type {Record<string, [string, string[]]>} */
const PSP22 = {
  'PSP22::total_supply': ['0x162df8c2', []],
  'PSP22::balance_of': ['0x6568382f', ['owner']],
  'PSP22::allowance': ['0x4d47d921', ['owner', 'spender']],
  'PSP22::transfer': ['0xdb20f9f5', ['to', 'value', 'data']],
  'PSP22::transfer_from': ['0x54b3c76e', ['from', 'to', 'value', 'data']],
  'PSP22::approve': ['0xb20f1bbd', ['spender', 'value']],
  'PSP22::increase_allowance': ['0x96d6b57a', ['spender', 'delta_value']],
  'PSP22::decrease_allowance': ['0xfecb57d5', ['spender', 'delta_value']],
  'PSP22Metadata::token_name': ['0x3d261bd4', []],
  'PSP22Metadata::token_symbol': ['0x34205be5', []],
  'PSP22Metadata::token_decimals': ['0x7271b782', []],
};
/** @type {Record<string, [string, string[]]>} */
const PSP34 = {
  'PSP34::collection_id': ['0xffa27a5f', []],
  'PSP34::balance_of': ['0xcde7e55f', ['owner']],
  'PSP34::owner_of': ['0x1168624d', ['id']],
  'PSP34::allowance': ['0x4790f55a', ['owner', 'operator', 'id']],
  'PSP34::approve': ['0x1932a8b0', ['operator', 'id', 'approved']],
  'PSP34::transfer': ['0x3128d61b', ['to', 'id', 'data']],
  'PSP34::total_supply': ['0x628413fe', []],
  'PSP34Metadata::get_attribute': ['0xf19d48d1', ['id', 'key']],
};

/**
 * @param {ContractName} name
 * @param {Record<string, [string, string[]]>} table
 */
function checkSelectors(name, table) {
  for (const [label, [selector, args]] of Object.entries(table)) {
    assert.equal(u8aToHex(blake2AsU8a(label, 256).subarray(0, 4)), selector, `${label}: blake2b-256 of the label`);
    const message = abi(name).findMessage(label);
    assert.equal(message.selector.toHex(), selector, `${name} ${label} selector`);
    assert.deepEqual(message.args.map((arg) => arg.name), args.map((arg) => stringCamelCase(arg)), `${label} arguments`);
  }
}

test('creator_token: PSP22 and PSP22Metadata messages have the standard selectors', () => {
  checkSelectors('creator_token', PSP22);
  const decimals = abi('creator_token').findMessage('PSP22Metadata::token_decimals');
  assert.equal(decimals.returnType?.sub && JSON.stringify(decimals.returnType.sub).includes('"u8"'), true, 'token_decimals returns u8');
});

test('creator_nft: PSP34 messages have the standard selectors', () => {
  checkSelectors('creator_nft', PSP34);
});

test('PSP22::transfer encodes as selector + SCALE(to, value, data)', () => {
  const bob = `0x${'04'.repeat(32)}`;
  const data = encodeCall(abi('creator_token'), { message: 'PSP22::transfer', args: [bob, 250n * 10n ** 18n, '0xcafe'] });
  const expected =
    '0xdb20f9f5' + // selector
    '04'.repeat(32) + // to: AccountId, 32 raw bytes
    '0000a877716b728d0d00000000000000' + // value: u128 250e18 = 0x0d8d726b7177a80000, 16 bytes little-endian
    '08' + // data: Vec<u8>, compact length 2 (2 << 2)
    'cafe';
  assert.equal(u8aToHex(data), expected);
  // The same bytes the contract received in the sandbox.
  assert.equal(expected, fixtures.calls.find((/** @type {any} */ c) => c.name === 'transfer').input);
});

test('PSP34::transfer encodes as selector + SCALE(to, Id::U64(2), data)', () => {
  const bob = `0x${'04'.repeat(32)}`;
  const data = encodeCall(abi('creator_nft'), { message: 'PSP34::transfer', args: [bob, { U64: 2 }, []] });
  const expected =
    '0x3128d61b' + // selector
    '04'.repeat(32) + // to
    '03' + // Id::U64 is variant 3 (U8, U16, U32, U64, U128, Bytes)
    '0200000000000000' + // u64 2, little-endian
    '00'; // data: empty Vec<u8>, compact length 0
  assert.equal(u8aToHex(data), expected);
  assert.equal(expected, fixtures.calls.find((/** @type {any} */ c) => c.name === 'nft transfer').input);
});

for (const [index, recorded] of fixtures.events.entries()) {
  test(`event ${index} (${recorded.call}): ${recorded.contract} ${recorded.event} decodes with abi.decodeEvent`, () => {
    const contract = /** @type {ContractName} */ (recorded.contract);
    const decoded = decodeEventBytes(abi(contract), recorded.topics, recorded.data);
    assert.equal(decoded.event, recorded.event);
    assert.deepEqual(decoded.fields, camelKeys(recorded.fields));
    // The signature topic is the metadata's.
    const spec = abi(contract).events.find((e) => e.identifier === decoded.identifier);
    assert.equal(spec?.signatureTopic, recorded.topics[0]);
  });
}

test('the fixtures cover every user-facing event', () => {
  const seen = new Set(fixtures.events.map((/** @type {any} */ e) => `${e.contract}.${e.event}`));
  for (const name of [
    'creator_factory.CreatorRegistered',
    'creator_token.Transfer',
    'creator_token.Approval',
    'creator_nft.Transfer',
    'creator_nft.Purchased',
    'reward_distributor.Staked',
    'reward_distributor.Unstaked',
    'reward_distributor.RewardClaimed',
    'mining_pool.Claimed',
    'creator_market.Bought',
    'creator_market.Sold',
  ]) {
    assert.ok(seen.has(name), `${name} is in fixtures/events.json`);
  }
  assert.ok(bundlesDir());
});
