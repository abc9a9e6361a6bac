// The client against a real node. Runs only when CONTRACTS_NODE_URL (a ws:// URL) or
// CONTRACTS_NODE (a ws:// URL, or as for ink_e2e the path of a substrate-contracts-node
// binary, started here with --dev) is set; skipped otherwise.
//
// The suite comes from CLIENT_DEPLOYMENT (the JSON `scripts/deploy` writes) when set;
// otherwise the test uploads the bundles, instantiates the factory and creates a suite with
// SURI (default //Alice, a dev-chain account). Then: read the suite back, token metadata,
// transfer, stake (with approval), buy on the market, sell back.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { hexToU8a } from '@polkadot/util';

import { SuiteClient } from '../src/index.js';
import { accountFromSuri, connect, loadMetadata } from '../src/node.js';

const target = process.env.CONTRACTS_NODE_URL || process.env.CONTRACTS_NODE;
const skip = target ? false : 'set CONTRACTS_NODE_URL (or CONTRACTS_NODE) to run against a node';

/**
 * The node's URL, starting the binary first when `target` is a path.
 * @param {string} target
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
async function startNode(target) {
  if (/^wss?:\/\//.test(target)) return { url: target, stop: () => {} };
  const port = 20_000 + Math.floor(Math.random() * 10_000);
  const child = spawn(target, ['--dev', '--tmp', '--rpc-port', String(port)], { stdio: 'ignore' });
  return { url: `ws://127.0.0.1:${port}`, stop: () => child.kill() };
}

/**
 * Signs and sends `tx`, resolving when it is in a block (rejecting on a dispatch error).
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {any} tx
 * @param {import('@polkadot/keyring/types').KeyringPair} pair
 */
function inBlock(api, tx, pair) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, (/** @type {any} */ result) => {
      if (result.dispatchError) {
        const error = result.dispatchError.isModule ? api.registry.findMetaError(result.dispatchError.asModule) : result.dispatchError;
        reject(new Error(`dispatch error: ${error.section ?? ''}.${error.name ?? error.toString()}`));
      } else if (result.status.isInBlock) {
        resolve(result);
      }
    }).catch(reject);
  });
}

/**
 * Uploads the suite's code, instantiates the factory (signer = admin), registers the code
 * hashes and creates the signer's suite.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {SuiteClient} client
 * @param {import('@polkadot/keyring/types').KeyringPair} pair
 * @param {Record<string, any>} metadata
 */
async function deploySuite(api, client, pair, metadata) {
  /** @type {Record<string, string>} */
  const hashes = {};
  for (const [role, name] of /** @type {const} */ ([
    ['token', 'creator_token'],
    ['collection', 'creator_nft'],
    ['distributor', 'reward_distributor'],
    ['pool', 'mining_pool'],
    ['vesting', 'creator_vesting'],
    ['market', 'creator_market'],
    ['pow', 'proof_of_work'],
    ['creations', 'creation_mining'],
    ['factory', 'creator_factory'],
  ])) {
    const wasm = hexToU8a(metadata[name].source.wasm);
    hashes[role] = blake2AsHex(wasm, 256);
    const known = await api.query.contracts.pristineCode(hashes[role]);
    if (/** @type {any} */ (known).isNone) await inBlock(api, api.tx.contracts.uploadCode(wasm, null, 'Enforced'), pair);
  }
  const abi = client.abi('creator_factory');
  const data = abi.findConstructor('new').toU8a([pair.address, 42]);
  const salt = blake2AsHex(`${pair.address}${Date.now()}`, 256);
  const dry = /** @type {any} */ (await api.call.contractsApi.instantiate(pair.address, 0, null, null, { Existing: hashes.factory }, data, salt));
  assert.ok(dry.result.isOk, `factory instantiation dry run: ${dry.result.toString()}`);
  const factory = dry.result.asOk.accountId.toString();
  await inBlock(
    api,
    api.tx.contracts.instantiate(0, dry.gasRequired, dry.storageDeposit.isCharge ? dry.storageDeposit.asCharge : null, hashes.factory, data, salt),
    pair,
  );
  const { factory: _, ...codeHashes } = hashes;
  await client.send(pair, factory, { contract: 'creator_factory', message: 'set_code_hashes', args: [codeHashes] });
  const ONE = 10n ** 18n;
  const params = {
    name: 'Node Coin', symbol: 'NODE', decimals: 18, cap: 21_000_000n * ONE, creator_allocation: 2_000_000n * ONE,
    vesting_cliff: 30 * 86_400_000, vesting_duration: 365 * 86_400_000, collection_name: 'NODE Drops',
    collection_symbol: 'NODED', base_uri: 'ipfs://node/', treasury_bps: 7_000, distributor_bps: 3_000,
    reward_duration: 7 * 86_400_000, unstake_cooldown: 0, epoch_length: 7 * 86_400_000,
    initial_emission: 100_000n * ONE, halving_interval: 26, mining_cap: 5_000_000n * ONE,
    max_points_per_account: 1_000, dispute_window: 86_400_000,
    base_price: 100_000_000, price_slope: 100_000,
    fees: { creator_bps: 100, stakers_bps: 100, referrer_bps: 100, platform: null, launch_bps: 2_000, launch_period: 600_000 },
    max_tokens_per_call: null,
    pow: {
      initial_reward: 50n * ONE, halving_interval: 10_000, cap: 1_000_000n * ONE, initial_difficulty: 1n << 20n,
      min_difficulty: 1n << 12n, max_difficulty: 1n << 64n, solution_time: 60_000, retarget_interval: 16,
    },
    creations: { points: 100, budget: 1_000, review_window: 3 * 86_400_000, max_pending: 3, open_interval: null },
    mode: 'Fair',
  };
  await client.send(pair, factory, { contract: 'creator_factory', message: 'create_creator', args: [params, codeHashes] });
  return { factory, creator: pair.address };
}

test('against a node: suite, token, transfer, stake, market buy and sell', { skip, timeout: 600_000 }, async () => {
  await cryptoWaitReady();
  const node = await startNode(/** @type {string} */ (target));
  try {
    // A node binary just started needs a moment: retry the connection for up to a minute.
    let api;
    for (let attempt = 0; !api; attempt += 1) {
      try {
        api = await connect(node.url, { timeoutMs: 10_000 });
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
    try {
      const metadata = loadMetadata();
      const client = SuiteClient.fromApi(api, metadata);
      const pair = await accountFromSuri(process.env.SURI || '//Alice', { ss58Format: api.registry.chainSS58 ?? 42 });
      const bob = await accountFromSuri('//Bob');
      const deployment = process.env.CLIENT_DEPLOYMENT
        ? JSON.parse(readFileSync(process.env.CLIENT_DEPLOYMENT, 'utf8'))
        : await deploySuite(api, client, pair, metadata);
      const suite = await client.getSuite(deployment.factory, deployment.creator);
      assert.ok(suite, 'the factory knows the creator');
      const info = await client.tokenInfo(suite.token);
      assert.ok(info.symbol && info.decimals >= 0);

      // The creator (the signer, when this test deployed) mints nothing here: buy on the
      // market to hold tokens, then transfer, stake, sell.
      const bought = await client.marketBuy(pair, suite.market, 10n ** 12n);
      assert.ok(bought.quote.tokens > 0n);
      assert.ok(bought.receipt.events.some((e) => e.event === 'Bought'));
      const before = await client.balanceOf(suite.token, bob.address);
      await client.transfer(pair, suite.token, bob.address, 1_000n);
      assert.equal(await client.balanceOf(suite.token, bob.address), before + 1_000n);
      const { receipt } = await client.stake(pair, suite.distributor, 1_000n);
      assert.ok(receipt.events.some((e) => e.event === 'Staked'));
      const sold = await client.marketSell(pair, suite.market, 1_000n);
      assert.ok(sold.receipt.events.some((e) => e.event === 'Sold'));
    } finally {
      await api.disconnect();
    }
  } finally {
    node.stop();
  }
});
