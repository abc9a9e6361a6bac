// The client's flows on recorded bytes: a stand-in for dedot's client answers every dry run
// with the output the compiled contract gave for the same input (test/fixtures/events.json),
// and every sent transaction with the events that call emitted. So each test checks that the
// client sends exactly the bytes the contract received, approves only when short, bounds
// trades by the quote less the slippage, signs nothing after a refusal, puts the dry run's
// limits on the transaction, and decodes the events of every suite contract.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AccountId32 } from 'dedot/codecs';
import type { ISubstrateClient } from 'dedot';

import { SuiteClient, SuiteError, type TxState } from '../src/client.js';
import { CONTRACTS } from '../src/index.js';
import { fixtures, type RecordedCall } from './helpers.js';

const GAS = { refTime: 1_234_567n, proofSize: 8_910n };
const DEPOSIT = 4_200n;
const NOW = 1_767_225_600_000n;

/** What the stand-in saw sent. */
interface Sent {
  address: string;
  value: bigint;
  gasLimit: unknown;
  storageDepositLimit: unknown;
  input: string;
  signer: string;
}

/** A stand-in for a connected dedot client, replaying the fixtures. */
function recordedChain() {
  const queues = new Map<string, RecordedCall[]>();
  for (const call of fixtures.calls) {
    const key = `${call.address}:${call.input}`;
    queues.set(key, [...(queues.get(key) ?? []), call]);
  }
  const mutating = new Set<string>();
  for (const { metadata } of CONTRACTS) {
    for (const m of metadata.spec.messages as { selector: string; mutates: boolean }[]) if (m.mutates) mutating.add(m.selector);
  }
  const hex = (address: unknown) => new AccountId32(address as string).raw;
  const sent: Sent[] = [];
  const peek = (address: string, input: string) => {
    const call = queues.get(`${hex(address)}:${input}`)?.[0];
    if (!call) throw new Error(`no recorded call to ${hex(address)} with ${input}`);
    return call;
  };
  // A transaction consumes its recorded call; a read consumes one unless it is the last (the
  // last answer stays the state until something changes it).
  const take = (address: string, input: string, read = false) => {
    const call = peek(address, input);
    const queue = queues.get(`${hex(address)}:${input}`)!;
    if (!read || queue.length > 1) queue.shift();
    return call;
  };
  const client = {
    registry: { findErrorMeta: () => undefined },
    query: {
      contracts: { contractInfoOf: async () => ({}) },
      timestamp: { now: async () => NOW },
    },
    call: {
      contractsApi: {
        call: async (_caller: string, address: string, _value: bigint, _gas: unknown, _deposit: unknown, input: string) => {
          const mutates = mutating.has(input.slice(0, 10));
          const call = mutates ? peek(address, input) : take(address, input, true);
          return {
            gasConsumed: GAS,
            gasRequired: GAS,
            storageDeposit: { type: 'Charge', value: DEPOSIT },
            result: { isOk: true, value: { flags: { bits: call.reverted ? 1 : 0 }, data: call.output } },
          };
        },
      },
    },
    tx: {
      contracts: {
        call: (address: string, value: bigint, gasLimit: unknown, storageDepositLimit: unknown, input: string) => ({
          withHooks: () => {},
          signAndSend: (account: { address: string } | string, ...rest: unknown[]) => {
            const callback = rest.at(-1) as (result: { status: { type: string } }) => void;
            const call = take(address, input);
            sent.push({ address: hex(address), value, gasLimit, storageDepositLimit, input, signer: typeof account === 'string' ? account : account.address });
            const events = fixtures.events
              .filter((e) => e.call === call.name)
              .map((e) => ({
                event: { pallet: 'Contracts', palletEvent: { name: 'ContractEmitted', data: { contract: new AccountId32(e.address), data: e.data } } },
                topics: e.topics,
              }));
            const result = (type: string) => ({ status: { type, value: { blockHash: '0xb10c', blockNumber: 7 } }, events, txHash: '0x7e', dispatchError: undefined });
            callback(result('BestChainBlockIncluded'));
            return { untilBestChainBlockIncluded: async () => result('BestChainBlockIncluded'), untilFinalized: async () => result('Finalized') };
          },
        }),
      },
    },
  };
  return { client: client as unknown as ISubstrateClient, sent };
}

const { accounts, contracts } = fixtures;
const address = (hexAccount: string) => new AccountId32(hexAccount).address();
/** A signer with the fixture account's address (the stand-in checks no signature). */
const signer = (hexAccount: string) => ({ address: address(hexAccount), publicKey: new Uint8Array(32), sign: () => new Uint8Array(64) }) as any;
const TOKEN = 10n ** 18n;
const DEADLINE = 1_769_817_600_000n;

// The fixtures' calls in their recorded order: the recorded outputs of one input are consumed
// in turn. Calls of other roles (the creator's mint, drop and project; a curator's review) stay
// unconsumed.
const chain = recordedChain();
const [alice, bob, dave] = [signer(accounts.alice!), address(accounts.bob!), signer(accounts.dave!)];
let suite: SuiteClient;
const lastSent = () => chain.sent.at(-1)!;
const names = (events: { contract: string; name: string }[]) => events.map((e) => `${e.contract}.${e.name}`);

test('open: the creator suite from the factory registry, and the token as a wallet shows it', async () => {
  suite = (await SuiteClient.open(chain.client, contracts.factory!, address(accounts.creator!)))!;
  assert.ok(suite);
  assert.equal(new AccountId32(suite.address('market')).raw, contracts.market);
  assert.deepEqual(await suite.tokenInfo(), { name: 'MIRA Coin', symbol: 'MIRA', decimals: 18, totalSupply: 2_000_000n * TOKEN, cap: 21_000_000n * TOKEN });
});

test("transfer: the dry run's limits on the transaction, its states, its events decoded", async () => {
  const states: TxState[] = [];
  const receipt = await suite.transfer(alice, bob, 250n * TOKEN, { data: '0xcafe', onState: (s) => states.push(s) });
  assert.deepEqual(states, ['dry-run', 'signing', 'in-block']);
  assert.deepEqual(lastSent().gasLimit, { refTime: GAS.refTime + GAS.refTime / 5n, proofSize: GAS.proofSize + GAS.proofSize / 5n });
  assert.equal(lastSent().storageDepositLimit, DEPOSIT);
  assert.equal(lastSent().signer, alice.address);
  assert.deepEqual(names(receipt.events), ['token.Transfer']);
  assert.deepEqual([receipt.blockNumber, receipt.blockHash, receipt.txHash], [7, '0xb10c', '0x7e']);
});

test('a refused transfer is a SuiteError in words, and nothing is signed', async () => {
  const before = chain.sent.length;
  const error = await suite.transfer(alice, alice.address, 1_000n * TOKEN).catch((e: unknown) => e);
  assert.ok(error instanceof SuiteError);
  assert.deepEqual([error.contract, error.call, error.error], ['token', 'psp22Transfer', { type: 'InsufficientBalance' }]);
  assert.equal(error.message, 'token.psp22Transfer: The account does not hold enough tokens.');
  assert.equal(chain.sent.length, before);
  assert.equal(await suite.balanceOf(bob), 250n * TOKEN);
});

test('buy NFTs: the allowance was short, so approve; then buy bound to the drop and its total', async () => {
  const { drop, total, approval, receipt } = await suite.buyNft(alice, 3);
  assert.equal(drop.id, 0);
  assert.equal(total, 150n * TOKEN);
  assert.deepEqual(names(approval!.events), ['token.Approval']);
  assert.deepEqual(receipt.value.map((id) => id), [{ type: 'U64', value: 1n }, { type: 'U64', value: 2n }, { type: 'U64', value: 3n }]);
  assert.ok(names(receipt.events).includes('collection.Purchased'));
  assert.ok(names(receipt.events).includes('token.Transfer'));
});

test('stake: approve when short, then stake; pending rewards, claim, unstake', async () => {
  const { approval, receipt } = await suite.stake(alice, 1_000n * TOKEN);
  assert.ok(approval);
  assert.deepEqual(names(receipt.events), ['token.Approval', 'token.Transfer', 'distributor.RewardDeposited', 'distributor.Staked']);
  assert.equal(await suite.pendingRewards(alice.address), 799_999_999_999n);
  const claim = await suite.claimRewards(alice);
  assert.equal(claim.value, 799_999_999_999n);
  assert.deepEqual(names(claim.events), ['distributor.RewardClaimed']);
  const unstake = await suite.unstake(alice, 400n * TOKEN);
  assert.deepEqual(names(unstake.events), ['distributor.Unstaked', 'token.Transfer']);
});

test('mining: submit a creation; claim the mined tokens of an epoch', async () => {
  const submitted = await suite.submitCreation(dave, `0x${'c5'.repeat(32)}`, 'ipfs://dave/art');
  assert.equal(submitted.value, 0n);
  assert.deepEqual(names(submitted.events), ['creations.Submitted']);
  assert.equal(await suite.claimableMined(dave.address, 1), 100_000n * TOKEN);
  const claim = await suite.claimMined(dave, 1);
  assert.equal(claim.value, 100_000n * TOKEN);
  assert.deepEqual(names(claim.events), ['pool.Claimed', 'token.Transfer']);
});

test('market: a buy below its minimum is refused unsigned; a buy at the quote; a sell', async () => {
  const quote = await suite.quoteBuy(500_000_000_000n);
  const before = chain.sent.length;
  const refused = await suite.marketBuy(alice, 500_000_000_000n, { minTokensOut: quote.tokens + 1n, deadline: DEADLINE }).catch((e: unknown) => e);
  assert.ok(refused instanceof SuiteError);
  assert.deepEqual(refused.error, { type: 'Slippage' });
  assert.equal(refused.text, "Fewer tokens (buy) or less native (sell) than the caller's minimum.");
  assert.equal(chain.sent.length, before);

  // The recorded buy was at the quote exactly (no slippage) and named a referrer.
  const bought = await suite.marketBuy(alice, 500_000_000_000n, { slippageBps: 0, deadline: DEADLINE, referrer: bob });
  assert.equal(bought.minTokensOut, quote.tokens);
  assert.equal(lastSent().value, 500_000_000_000n, 'the native value goes with the buy');
  assert.deepEqual(names(bought.receipt.events), ['market.Bought', 'token.Transfer']);

  const sold = await suite.marketSell(alice, 1_136_210_397_844_518_935_645n, { slippageBps: 10_000, deadline: DEADLINE });
  assert.equal(sold.minNativeOut, 0n);
  assert.equal(sold.receipt.value.payout, 253_287_258n);
  assert.deepEqual(names(sold.receipt.events), ['market.Sold', 'token.Transfer']);
});

test('the default deadline is ten minutes after the latest block', async () => {
  assert.equal(await suite.deadline(), NOW + 600_000n);
});
