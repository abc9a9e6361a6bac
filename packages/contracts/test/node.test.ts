// The deploy and the client against a real node. Runs only when CONTRACTS_NODE names a
// substrate-contracts-node binary (started here with --dev in a temporary directory) and the
// contracts are built (target/ink); skipped otherwise.
//
// The deploy, through its CLI as a creator runs it: a parameters file the chain refuses stops
// after the code and the factory are on chain, with the factory's refusal in words; the fixed
// file resumes from the record (no second upload, the same factory); a second creator joins the
// factory with --factory; a rerun changes nothing; a signer that is not --account and a bad
// parameters file are refused before anything is sent. Then a fan's path on the first suite
// with the typed client: market buy, transfer, stake, an NFT from a drop, a reward claim.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { DedotClient, WsProvider } from 'dedot';

import { SuiteClient } from '../src/client.js';
import type { DeploymentRecord } from '../src/deploy.js';
import { contractAt, listCreators } from '../src/index.js';
import { defaults } from '../src/params.js';

const node = process.env.CONTRACTS_NODE;
const root = new URL('../../../../', import.meta.url).pathname;
const bundles = join(root, 'target/ink');
const cli = new URL('../src/cli/deploy.js', import.meta.url).pathname;
const skip = !node ? 'set CONTRACTS_NODE to a substrate-contracts-node binary' : !existsSync(bundles) ? 'run scripts/build first' : false;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], suri: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '--bundles', bundles, ...args], { env: { ...process.env, SURI: suri } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function startNode(binary: string) {
  const port = 20_000 + Math.floor(Math.random() * 10_000);
  const child = spawn(binary, ['--dev', '--tmp', '--rpc-port', String(port)], { stdio: 'ignore' });
  const url = `ws://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const client = await DedotClient.new({ provider: new WsProvider({ endpoint: url, retryDelayMs: 0 }), rpcVersion: 'legacy' });
      return { url, client, stop: () => child.kill() };
    } catch (error) {
      if (attempt > 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

test('deploy twice on one factory, resuming after a refusal; a fan buys, collects, stakes and claims', { skip, timeout: 900_000 }, async (t) => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const [alice, bob] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')];
  const { url, client, stop } = await startNode(node!);
  try {
    const dir = mkdtempSync(join(tmpdir(), 'creator-suite-'));
    const record = join(dir, 'record.json');
    const file = (name: string, params: Record<string, unknown>) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(params));
      return path;
    };
    const alc = defaults('ALC');
    const refused = file('alc-refused.json', { ...alc, rewardDuration: '1h' });
    const good = file('alc.json', { ...alc, rewardDuration: '1d', creations: { ...(alc.creations as object), reviewWindow: '1h' } });
    const bobs = file('bob.json', defaults('BOB'));

    await t.test('--check-chain: pallet-contracts, its deposits and the token, read from the metadata', async () => {
      const checked = await run(['--url', url, '--check-chain'], '');
      assert.equal(checked.code, 0, checked.stderr);
      const report = JSON.parse(checked.stdout);
      assert.equal(report.contracts, true);
      assert.equal(report.genesisHash, client.genesisHash);
      assert.ok(BigInt(report.deposits.perByte) > 0n && BigInt(report.deposits.perItem) > 0n);
      assert.equal(report.ss58Prefix, 42);
    });

    await t.test('refused before anything is sent: a bad parameters file, a signer that is not --account', async () => {
      const bad = await run(['--url', url, '--params', file('bad.json', { name: 'X', symbol: 'X', treasuryBps: 1 }), '--record', record], '//Alice');
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, /treasuryBps \+ distributorBps: must be 10,000/);
      const mismatch = await run(['--url', url, '--params', good, '--record', record, '--account', bob.address], '//Alice');
      assert.equal(mismatch.code, 3, mismatch.stderr);
      assert.match(mismatch.stderr, /the signer is 5Grw.*not --account 5FHn/);
      assert.equal(existsSync(record), false, 'no record: nothing was sent');
    });

    let factory = '';
    await t.test('the chain refuses the parameters: code and factory stay in the record, the reason in words', async () => {
      const first = await run(['--url', url, '--params', refused, '--record', record], '//Alice');
      assert.equal(first.code, 1, first.stderr);
      assert.match(first.stderr, /create_creator would be refused: A zero epoch length or halving interval, a reward duration under a day/);
      const saved: DeploymentRecord = JSON.parse(readFileSync(record, 'utf8'));
      assert.ok(saved.factory?.address);
      assert.equal(Object.keys(saved.codes).length, 9);
      assert.ok(saved.codes.token?.fullHash, 'the token is split: its full code is recorded');
      assert.equal(saved.network.genesisHash, client.genesisHash);
      factory = saved.factory.address;
    });

    let done: DeploymentRecord;
    await t.test('the fixed file resumes: nothing uploaded twice, the same factory, the suite created', async () => {
      const resumed = await run(['--url', url, '--params', good, '--record', record], '//Alice');
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.doesNotMatch(resumed.stderr, /upload .*: signing/);
      assert.match(resumed.stderr, /create the ALC suite: finalized in block \d+/);
      done = JSON.parse(resumed.stdout);
      assert.equal(done.factory?.address, factory);
      assert.ok(done.creators[alice.address]?.suite.token);
    });

    await t.test('a second creator joins the factory with --factory; a rerun sends nothing', async () => {
      const second = await run(['--url', url, '--params', bobs, '--record', record, '--factory', factory], '//Bob');
      assert.equal(second.code, 0, second.stderr);
      assert.doesNotMatch(second.stderr, /upload|register the code hashes/, 'joining a factory uploads and registers nothing');
      done = JSON.parse(second.stdout);
      assert.deepEqual(Object.keys(done.creators).sort(), [alice.address, bob.address].sort());
      assert.notEqual(done.creators[alice.address]!.suite.token, done.creators[bob.address]!.suite.token);
      const registry = contractAt(client, 'factory', factory, { defaultCaller: alice.address });
      assert.equal((await registry.query.creatorCount()).data, 2);
      assert.deepEqual(await listCreators(client, factory), { creators: [alice.address, bob.address], total: 2 });
      const again = await run(['--url', url, '--params', bobs, '--record', record, '--factory', factory], '//Bob');
      assert.equal(again.code, 0, again.stderr);
      assert.doesNotMatch(again.stderr, /signing/);
      assert.match(again.stderr, /registered already/);
      assert.ok(BigInt(done.creators[bob.address]!.cost!.deposits) > 0n, 'the record says what the suite cost');
      process.stderr.write(`two suites on factory ${factory}:\n${JSON.stringify(done, null, 2)}\n`);
    });

    await t.test('--verify: the suite runs the code of this build; a different build is named', async () => {
      const same = await run(['--url', url, '--factory', factory, '--verify', alice.address], '');
      assert.equal(same.code, 0, same.stderr);
      assert.match(same.stderr, /all 9 contracts run the code of this build/);
      // Another build of the market: every bundle linked but the market's, one byte changed.
      const other = join(dir, 'bundles');
      mkdirSync(other);
      for (const crate of readdirSync(bundles)) {
        if (crate === 'creator_market') {
          mkdirSync(join(other, crate), { recursive: true });
          const wasm = readFileSync(join(bundles, crate, `${crate}.wasm`));
          wasm.writeUInt8(wasm.readUInt8(wasm.length - 1) ^ 1, wasm.length - 1);
          writeFileSync(join(other, crate, `${crate}.wasm`), wasm);
        } else {
          symlinkSync(join(bundles, crate), join(other, crate));
        }
      }
      const child = spawn(process.execPath, [cli, '--bundles', other, '--url', url, '--factory', factory, '--verify', alice.address]);
      const code = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(code, 1);
    });

    await t.test("a fan's path on the first suite, with the typed client", async () => {
      const suite = (await SuiteClient.open(client, factory, alice.address))!;
      assert.equal((await suite.tokenInfo()).symbol, 'ALC');
      const watched: string[] = [];
      const unwatch = await suite.watch((events) => watched.push(...events.map((e) => `${e.contract}.${e.name}`)));
      // Alice buys on the market; Bob gets tokens from her and stakes them.
      const bought = await suite.marketBuy(alice, 10n ** 15n, { slippageBps: 100 });
      assert.ok(bought.receipt.events.some((e) => e.contract === 'market' && e.name === 'Bought'));
      const held = await suite.balanceOf(alice.address);
      assert.ok(held >= bought.minTokensOut && held > 0n);
      await suite.transfer(alice, bob.address, held / 2n);
      assert.equal(await suite.balanceOf(bob.address), held / 2n);
      for (let wait = 0; !watched.includes('token.Transfer') && wait < 50; wait += 1) await new Promise((r) => setTimeout(r, 100));
      await unwatch();
      assert.ok(watched.includes('market.Bought') && watched.includes('token.Transfer'), `watched: ${watched.join(', ')}`);
      const stake = held / 4n;
      const staked = await suite.stake(bob, stake);
      assert.ok(staked.approval, 'Bob approved the distributor first');
      assert.equal(await suite.stakeOf(bob.address), stake);

      // The creator opens a drop priced in the token; Bob buys two.
      const now = await suite.now();
      const price = held / 100n;
      await suite.configureDrop(alice, { paymentToken: suite.address('token'), price, start: now, end: now + 86_400_000n, maxSupply: 100, maxPerAccount: 5, maxPerCall: 5 });
      const before = await suite.balanceOf(bob.address);
      const nft = await suite.buyNft(bob, 2);
      assert.equal(nft.receipt.value.length, 2);
      assert.equal(await suite.balanceOf(bob.address), before - 2n * price);
      assert.equal((await suite.suite.collection.query.psp34BalanceOf(bob.address)).data, 2);

      // Every trade's stakers fee streams to Bob, the only staker: another buy, then claim.
      await suite.marketBuy(alice, 10n ** 15n);
      await suite.transfer(alice, alice.address, 1n); // one more block of streaming
      const pending = await suite.pendingRewards(bob.address);
      assert.ok(pending > 0n, 'rewards stream to the staker');
      const claim = await suite.claimRewards(bob);
      assert.ok(claim.value >= pending);
      assert.ok(claim.events.some((e) => e.name === 'RewardClaimed'));
    });
  } finally {
    await client.disconnect();
    stop();
  }
});
