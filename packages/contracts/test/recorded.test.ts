// The package's metadata against bytes recorded on the compiled contracts
// (test/fixtures/events.json, written by e2e-tests/tests/event_fixtures.rs): every recorded
// call's input and output decode with dedot's codecs to the values the Rust types had, and the
// input (what a client sends) encodes back byte for byte; every recorded event decodes by its signature topic to its
// fields; a voucher signed by the repository's voucher CLI is the one a Polkadot.js ECDSA key
// makes, and its arguments encode as the pool decodes them.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { $ } from 'dedot';
import { TypinkRegistry } from 'dedot/contracts';
import { AccountId32 } from 'dedot/codecs';
import { hexToU8a, u8aToHex } from 'dedot/utils';

import { CONTRACTS, EVENT_TOPICS } from '../src/index.js';
import { fixtures, matches, type RecordedCall } from './helpers.js';

const registries = new Map(CONTRACTS.map((c) => [c.crate, new TypinkRegistry(c.metadata as any)]));
const registry = (crate: string) => registries.get(crate) ?? assert.fail(`no metadata for ${crate}`);

function messageOf(call: RecordedCall) {
  const meta = registry(call.contract).metadata.spec.messages.find((m: { label: string }) => m.label === call.message);
  return meta ?? assert.fail(`${call.contract} has no message ${call.message}`);
}

for (const [index, call] of fixtures.calls.entries()) {
  test(`call ${index} "${call.name}": ${call.contract} ${call.message} decodes, and its input re-encodes byte for byte`, () => {
    const reg = registry(call.contract);
    const meta = messageOf(call);
    const input = hexToU8a(call.input);
    assert.equal(u8aToHex(input.subarray(0, 4)), meta.selector, 'the selector');
    const $args = $.Tuple(...meta.args.map((arg: { type: { type: number } }) => reg.findCodec(arg.type.type)));
    const args = $args.decode(input.subarray(4)) as unknown[];
    assert.equal(u8aToHex($args.encode(args)), u8aToHex(input.subarray(4)), 'the arguments re-encode');
    assert.equal(args.length, call.args.length);
    args.forEach((arg, i) => assert.ok(matches(arg, call.args[i]), `argument ${i}: ${show(arg)} against ${JSON.stringify(call.args[i])}`));

    const $output = reg.findCodec(meta.returnType.type);
    const output = $output.decode(hexToU8a(call.output)) as { isOk: boolean; value: unknown };
    assert.ok(output.isOk, 'no LangError');
    assert.ok(matches(output.value, call.decoded), `output: ${show(output.value)} against ${JSON.stringify(call.decoded)}`);
  });
}

for (const [index, event] of fixtures.events.entries()) {
  test(`event ${index} (${event.call}): ${event.contract} ${event.event} decodes by its signature topic`, () => {
    const record = {
      event: { pallet: 'Contracts', palletEvent: { name: 'ContractEmitted', data: { contract: new AccountId32(event.address), data: event.data } } },
      topics: event.topics,
    };
    const decoded = registry(event.contract).decodeEvent(record as any) as { name: string; data?: unknown };
    assert.equal(decoded.name, event.event);
    assert.ok(matches(decoded.data ?? {}, event.fields), `${show(decoded.data)} against ${JSON.stringify(event.fields)}`);
    const listed = EVENT_TOPICS.find((t) => t.contract === event.contract && t.event === event.event);
    assert.equal(listed?.topic, event.topics[0], 'EVENT_TOPICS has its signature topic');
  });
}

test('the fixtures cover every user-facing message the client sends', () => {
  const recorded = new Set(fixtures.calls.map((c) => `${c.contract}.${c.message}`));
  for (const message of [
    'creator_token.PSP22::transfer',
    'creator_token.PSP22::approve',
    'creator_nft.buy',
    'reward_distributor.stake',
    'reward_distributor.claim',
    'reward_distributor.unstake',
    'mining_pool.claim',
    'creation_mining.submit',
    'creator_market.buy',
    'creator_market.sell',
  ]) {
    assert.ok(recorded.has(message), message);
  }
});

test('a voucher signed by the voucher CLI is the one a Polkadot.js ECDSA key makes', async () => {
  const { Keyring } = await import('@polkadot/keyring');
  const { blake2AsU8a, cryptoWaitReady, decodeAddress } = await import('@polkadot/util-crypto');
  await cryptoWaitReady();
  const v = fixtures.voucher;
  const pair = new Keyring({ type: 'ecdsa' }).addFromUri(v.suri);
  assert.equal(u8aToHex(pair.publicKey), v.public_key);
  assert.equal(u8aToHex(decodeAddress(pair.address)), v.signer);
  assert.equal(u8aToHex(blake2AsU8a(hexToU8a(v.signed_bytes))), v.digest);
  assert.equal(u8aToHex(pair.sign(hexToU8a(v.signed_bytes))), v.signature);
  // submit_voucher(voucher, signature): the pool's typed codecs encode the recorded bytes.
  const reg = registry('mining_pool');
  const meta = reg.metadata.spec.messages.find((m: { label: string }) => m.label === 'submit_voucher')!;
  const $args = $.Tuple(...meta.args.map((arg: { type: { type: number } }) => reg.findCodec(arg.type.type)));
  const voucher = v.voucher;
  const encoded = $args.encode([
    {
      project: voucher.project,
      contributor: voucher.contributor,
      epoch: voucher.epoch,
      points: BigInt(voucher.points),
      reference: voucher.reference,
      nonce: BigInt(voucher.nonce),
      deadline: BigInt(voucher.deadline),
    },
    v.signature,
  ]);
  assert.equal(u8aToHex(encoded), v.args);
});

function show(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof AccountId32 ? v.raw : v));
}
