// The client's flows without a node: every call the helpers build is checked byte for byte
// against the input the contracts received in the sandbox (fixtures/events.json, written by
// e2e-tests/tests/event_fixtures.rs), and answered with the output the contracts returned,
// so result decoding, typed errors, gas limits and event decoding run on real bytes.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';

import { ContractError, SuiteClient, calls, decodeOutput, describeError, encodeCall, makeAbis, txLimits } from '../src/index.js';
import { loadMetadata } from '../src/node.js';
import { camelKeys, fixtures } from './helpers.js';

/** @typedef {import('../src/client.js').Backend} Backend */
/** @typedef {import('../src/client.js').Request} Request */
/** @typedef {import('../src/client.js').Account} Account */

const abis = /** @type {Record<import('../src/codec.js').ContractName, import('@polkadot/api-contract').Abi>} */ (makeAbis(loadMetadata()));
const { accounts, contracts } = fixtures;
const ONE = 10n ** 18n;
const NATIVE = 10_000_000_000n;
const GAS = { refTime: 1_789_940_180n, proofSize: 35_240n };

/** @param {string} name @returns {any} */
const recorded = (name) => {
  const found = fixtures.calls.find((/** @type {any} */ c) => c.name === name);
  assert.ok(found, `fixture call ${name}`);
  return found;
};

/** A fake signer: the recorded backend never signs, it only checks who would. */
/** @param {string} hex @returns {Account} */
const signer = (hex) => /** @type {Account} */ ({ address: encodeAddress(hex, 42), signer: {} });

/**
 * A backend that answers dry runs with the recorded output of the call with the same
 * contract, input bytes and value (each recording used once, in order), and "submits" by
 * returning the events that call emitted.
 * @implements {Backend}
 */
class RecordedBackend {
  constructor() {
    this.used = new Set();
    /** @type {(Request & { gasLimit: any, storageDepositLimit: bigint | null, signer: string })[]} */
    this.submitted = [];
    /** @type {Request[]} */
    this.dryRuns = [];
  }

  /** @param {Request} request */
  find(request) {
    const input = u8aToHex(request.data);
    const index = fixtures.calls.findIndex(
      (/** @type {any} */ c, /** @type {number} */ i) =>
        !this.used.has(i) && c.address === request.address && c.input === input && BigInt(c.value) === request.value,
    );
    if (index < 0) throw new Error(`no recorded call ${request.call.message} ${input} on ${request.address}`);
    return { index, call: fixtures.calls[index] };
  }

  /** @param {Request} request */
  async dryRun(request) {
    this.dryRuns.push(request);
    const { call } = this.find(request);
    return { output: hexToU8a(call.output), reverted: call.reverted, gasRequired: GAS, storageDeposit: 17n };
  }

  /** @param {Request & { gasLimit: any, storageDepositLimit: bigint | null }} request @param {Account} account */
  async submit(request, account) {
    const { index, call } = this.find(request);
    this.used.add(index);
    assert.equal(call.caller, u8aToHex(hexToU8a(request.caller)), 'signed by the recorded caller');
    this.submitted.push({ ...request, signer: account.address });
    const events = fixtures.events
      .filter((/** @type {any} */ e) => e.call === call.name)
      .map((/** @type {any} */ e) => ({ address: e.address, topics: e.topics, data: e.data }));
    return { blockHash: `0x${'11'.repeat(32)}`, txHash: `0x${'22'.repeat(32)}`, events };
  }

  async now() {
    return 0n;
  }
}

/** The call builder for each recorded call: what the client sends for that action. */
const builders = {
  suite_of: () => calls.factory.suiteOf(accounts.creator),
  creator_count: () => calls.factory.creatorCount(),
  'PSP22Metadata::token_name': () => calls.token.name(),
  'PSP22Metadata::token_symbol': () => calls.token.symbol(),
  'PSP22Metadata::token_decimals': () => calls.token.decimals(),
  'PSP22::total_supply': () => calls.token.totalSupply(),
  'PSP22Capped::cap': () => calls.token.cap(),
  'mint to alice': () => ({ contract: 'creator_token', message: 'PSP22Mintable::mint', args: [accounts.alice, 10_000n * ONE] }),
  transfer: () => calls.token.transfer(encodeAddress(accounts.bob), 250n * ONE, '0xcafe'),
  'transfer refused': () => calls.token.transfer(accounts.alice, (1_000n * ONE).toString()),
  balance_of: () => calls.token.balanceOf(accounts.bob),
  'allowance collection': () => calls.token.allowance(accounts.alice, contracts.collection),
  'approve collection': () => calls.token.approve(contracts.collection, 150n * ONE),
  configure_drop: () => ({ contract: 'creator_nft', message: 'configure_drop', args: recorded('configure_drop').args }),
  drop_info: () => calls.collection.dropInfo(),
  'nft buy': () => calls.collection.buy(0, 3, 150n * ONE),
  'nft transfer': () => calls.collection.transfer(accounts.bob, { U64: 2 }),
  staking_token: () => calls.distributor.stakingToken(),
  'allowance distributor': () => calls.token.allowance(accounts.alice, contracts.distributor),
  'approve distributor': () => calls.token.approve(contracts.distributor, 1_000n * ONE),
  stake: () => calls.distributor.stake(1_000n * ONE),
  deposit_native: () => ({ contract: 'reward_distributor', message: 'deposit_native', args: [80n * NATIVE] }),
  pending: () => calls.distributor.pending(accounts.alice, 'Native'),
  'claim native': () => calls.distributor.claim('Native'),
  unstake: () => calls.distributor.unstake(400n * ONE),
  'register project': () => calls.pool.registerProject('ipfs://docs', accounts.creator, 1_000n),
  attest: () => calls.pool.attest(1, accounts.dave, 30n, recorded('attest').args[3]),
  'submit creation': () => calls.creations.submit(recorded('submit creation').args[0], 'ipfs://dave/art'),
  'review creation': () => calls.creations.review(0, true),
  claimable: () => calls.pool.claimable(accounts.dave, 1),
  'pool claim': () => calls.pool.claim(1),
  quote_buy: () => calls.market.quoteBuy(50n * NATIVE),
  'market buy refused': () => calls.market.buy(BigInt(recorded('market buy refused').args[0]), BigInt(recorded('market buy').args[1])),
  'market buy': () => calls.market.buy(recorded('market buy').args[0], recorded('market buy').args[1], recorded('market buy').args[2]),
  quote_sell: () => calls.market.quoteSell(recorded('quote_sell').args[0]),
  'market sell': () => calls.market.sell(recorded('market sell').args[0], 0, recorded('market sell').args[2]),
};

for (const call of fixtures.calls) {
  test(`call "${call.name}": the client encodes ${call.message} as the contract received it and decodes its output`, () => {
    const build = /** @type {Record<string, () => any>} */ (builders)[call.name];
    assert.ok(build, `a builder for ${call.name}`);
    const built = build();
    assert.equal(built.contract, call.contract);
    assert.equal(built.message, call.message);
    const abi = abis[/** @type {import('../src/codec.js').ContractName} */ (call.contract)];
    assert.equal(u8aToHex(encodeCall(abi, built)), call.input, 'call data');
    // The fixture's own arguments (plain JSON) encode the same way.
    assert.equal(u8aToHex(encodeCall(abi, { message: call.message, args: call.args })), call.input);
    const answer = decodeOutput(abi, call.message, call.output);
    const expected = camelKeys(call.decoded);
    if (expected && typeof expected === 'object' && ('Ok' in expected || 'Err' in expected) && Object.keys(expected).length === 1) {
      assert.deepEqual(answer, 'Ok' in expected ? { ok: true, value: expected.Ok } : { ok: false, error: expected.Err });
      assert.equal(call.reverted, 'Err' in expected, 'ink! reverts exactly the Err answers');
    } else {
      assert.deepEqual(answer, { ok: true, value: expected });
    }
  });
}

test('every recorded call has a builder', () => {
  for (const call of fixtures.calls) assert.ok(call.name in builders, call.name);
});

test('typed errors: describeError and a lang error', () => {
  assert.equal(describeError('InsufficientBalance'), 'InsufficientBalance');
  assert.equal(describeError({ Payment: 'InsufficientAllowance' }), 'Payment(InsufficientAllowance)');
  assert.equal(describeError({ Custom: 'P::Paused' }), 'Custom("P::Paused")');
  assert.equal(describeError({ Token: { Custom: 'Cap exceeded' } }), 'Token(Custom("Cap exceeded"))');
  // ink!'s Err(LangError::CouldNotReadInput) for a bad selector.
  assert.throws(
    () => decodeOutput(abis.creator_token, 'PSP22::transfer', '0x0101'),
    (/** @type {any} */ error) => error instanceof ContractError && error.kind === 'lang' && error.error === 'CouldNotReadInput',
  );
});

test('txLimits: gasRequired and the charged storage deposit become the limits', () => {
  assert.deepEqual(txLimits({ output: new Uint8Array(), reverted: false, gasRequired: GAS, storageDeposit: 17n }), {
    gasLimit: GAS,
    storageDepositLimit: 17n,
  });
  assert.deepEqual(txLimits({ output: new Uint8Array(), reverted: false, gasRequired: GAS, storageDeposit: 0n }), {
    gasLimit: GAS,
    storageDepositLimit: null,
  });
  // The WeightV2 the transaction carries.
  const weight = /** @type {import('@polkadot/types/interfaces').WeightV2} */ (new TypeRegistry().createType('WeightV2', GAS));
  assert.equal(weight.refTime.toString(), GAS.refTime.toString());
});

test('flow: read a creator suite from the factory, token metadata and a balance', async () => {
  const client = new SuiteClient(new RecordedBackend(), abis);
  const suite = await client.getSuite(encodeAddress(contracts.factory), encodeAddress(accounts.creator));
  assert.deepEqual(suite, {
    token: contracts.token,
    collection: contracts.collection,
    distributor: contracts.distributor,
    pool: contracts.pool,
    vesting: contracts.vesting,
    market: contracts.market,
    pow: contracts.pow,
    creations: contracts.creations,
    mode: 'Custom',
  });
  assert.equal(await client.creatorCount(contracts.factory), 1);
  const info = await client.tokenInfo(contracts.token);
  assert.deepEqual(info, { name: 'MIRA Coin', symbol: 'MIRA', decimals: 18, totalSupply: BigInt(recorded('PSP22::total_supply').decoded), cap: 21_000_000n * ONE });
  assert.equal(await client.balanceOf(contracts.token, accounts.bob), 250n * ONE);
});

test('flow: transfer, and a refused transfer is a typed error before anything is signed', async () => {
  const backend = new RecordedBackend();
  const client = new SuiteClient(backend, abis);
  client.track(contracts.token, 'creator_token');
  const receipt = await client.send(signer(accounts.alice), contracts.token, calls.token.transfer(accounts.bob, 250n * ONE, '0xcafe'));
  assert.equal(receipt.value, null);
  assert.deepEqual(receipt.gasLimit, GAS, 'the dry run gas is the limit');
  assert.equal(receipt.storageDepositLimit, 17n);
  assert.deepEqual(receipt.events, [
    {
      event: 'Transfer',
      identifier: 'psp::psp22::token::Transfer',
      fields: { from: accounts.alice, to: accounts.bob, value: (250n * ONE).toString() },
    },
  ]);
  await assert.rejects(
    client.transfer(signer(accounts.bob), contracts.token, accounts.alice, 1_000n * ONE),
    (/** @type {any} */ error) => error instanceof ContractError && error.kind === 'contract' && error.error === 'InsufficientBalance',
  );
  assert.equal(backend.submitted.length, 1, 'the refused transfer was not submitted');
});

test('flow: approve + buy NFTs from a drop', async () => {
  const backend = new RecordedBackend();
  const client = new SuiteClient(backend, abis);
  client.track(contracts.token, 'creator_token');
  const { ids, approval, receipt } = await client.buyNft(signer(accounts.alice), contracts.collection, 3);
  assert.deepEqual(ids, [{ U64: '1' }, { U64: '2' }, { U64: '3' }]);
  assert.ok(approval, 'the collection was approved for 3 * 50 MIRA');
  assert.deepEqual(approval.events.map((e) => e.event), ['Approval']);
  assert.deepEqual(
    backend.submitted.map((s) => s.call.message),
    ['PSP22::approve', 'buy'],
  );
  const purchased = receipt.contractEvents.find((e) => e.event === 'Purchased');
  assert.deepEqual(purchased?.fields, {
    buyer: accounts.alice,
    dropId: '0',
    quantity: '3',
    firstId: '1',
    treasuryAmount: (105n * ONE).toString(),
    distributorAmount: (45n * ONE).toString(),
  });
  assert.equal(purchased?.contract, 'creator_nft');
  const tokenEvents = receipt.contractEvents.filter((e) => e.contract === 'creator_token').map((e) => e.event);
  assert.deepEqual(tokenEvents, ['Approval', 'Transfer', 'Approval', 'Transfer']);
});

test('flow: stake (approving first), claim rewards, unstake', async () => {
  const backend = new RecordedBackend();
  const client = new SuiteClient(backend, abis);
  const alice = signer(accounts.alice);
  const { approval, receipt } = await client.stake(alice, contracts.distributor, 1_000n * ONE);
  assert.ok(approval);
  assert.deepEqual(receipt.contractEvents.find((e) => e.event === 'Staked')?.fields, {
    account: accounts.alice,
    amount: (1_000n * ONE).toString(),
  });
  assert.equal(await client.pendingRewards(contracts.distributor, accounts.alice, 'Native'), 799_999_999_999n);
  const claimed = await client.claimRewards(alice, contracts.distributor, 'Native');
  assert.equal(claimed.value, '799999999999');
  assert.deepEqual(claimed.events[0].fields, { account: accounts.alice, asset: 'Native', amount: '799999999999' });
  const unstaked = await client.unstake(alice, contracts.distributor, 400n * ONE);
  assert.deepEqual(unstaked.events.map((e) => e.event), ['Unstaked', 'Transfer']);
  assert.deepEqual(backend.submitted.map((s) => s.call.message), ['PSP22::approve', 'stake', 'claim', 'unstake']);
});

test('flow: claim mined tokens', async () => {
  const client = new SuiteClient(new RecordedBackend(), abis);
  const dave = signer(accounts.dave);
  assert.equal(await client.claimableMined(contracts.pool, accounts.dave, 1), 100_000n * ONE);
  const receipt = await client.claimMined(dave, contracts.pool, 1);
  assert.equal(receipt.value, (100_000n * ONE).toString());
  assert.deepEqual(receipt.events.map((e) => e.event), ['Claimed', 'Transfer']);
  assert.deepEqual(receipt.events[1].fields, { from: null, to: accounts.dave, value: (100_000n * ONE).toString() });
});

test('flow: market buy with a quote as the slippage bound, a refused buy, and a sell', async () => {
  const backend = new RecordedBackend();
  const client = new SuiteClient(backend, abis);
  const dave = signer(accounts.dave);
  const deadline = BigInt(recorded('market buy').args[1]);
  // Demanding one token more than the quote is refused with the market's typed error.
  const quote = await client.quoteBuy(contracts.market, 50n * NATIVE);
  await assert.rejects(
    client.send(dave, contracts.market, calls.market.buy(quote.tokens + 1n, deadline), { value: 50n * NATIVE }),
    (/** @type {any} */ error) => error instanceof ContractError && error.error === 'Slippage',
  );
  const bought = await client.marketBuy(dave, contracts.market, 50n * NATIVE, { slippageBps: 0, deadline, referrer: accounts.bob });
  assert.equal(bought.minTokensOut, quote.tokens);
  assert.deepEqual(bought.quote, { tokens: quote.tokens, cost: 485_436_893_203n, fee: 14_563_106_797n, refund: 0n });
  assert.equal(backend.submitted.at(-1)?.value, 50n * NATIVE, 'the native value goes along');
  assert.deepEqual(bought.receipt.events.map((e) => e.event), ['Bought', 'Transfer']);
  const half = quote.tokens / 2n;
  const sold = await client.marketSell(dave, contracts.market, half, { minNativeOut: 0, deadline });
  // The fixture's suite holds a 2,000,000-token vesting allocation: Dave's tokens share the
  // reserve with it pro rata.
  assert.equal(sold.quote.payout, 253_287_258n);
  assert.deepEqual(sold.receipt.events[0].fields, camelKeys(fixtures.events.find((/** @type {any} */ e) => e.event === 'Sold').fields));
});

// The voucher CLI signs with the ECDSA key Polkadot.js derives: the same account, the same
// (deterministic, RFC 6979) signature over the same bytes, and submit_voucher's arguments
// encoded by the ABI as the contract decodes them.
test('a voucher signed by the voucher CLI is the one a Polkadot.js ecdsa key makes', async () => {
  const { Keyring } = await import('@polkadot/keyring');
  const { blake2AsU8a, cryptoWaitReady, decodeAddress } = await import('@polkadot/util-crypto');
  await cryptoWaitReady();
  const v = fixtures.voucher;
  const pair = new Keyring({ type: 'ecdsa' }).addFromUri(v.suri);
  assert.equal(u8aToHex(pair.publicKey), v.public_key);
  assert.equal(u8aToHex(decodeAddress(pair.address)), v.signer);
  assert.equal(u8aToHex(blake2AsU8a(hexToU8a(v.signed_bytes))), v.digest);
  assert.equal(u8aToHex(pair.sign(hexToU8a(v.signed_bytes))), v.signature);
  const built = calls.pool.submitVoucher(v.voucher, v.signature);
  const input = u8aToHex(encodeCall(abis.mining_pool, built));
  const selector = abis.mining_pool.findMessage('submit_voucher').selector.toHex();
  assert.equal(input, selector + v.args.slice(2));
});
