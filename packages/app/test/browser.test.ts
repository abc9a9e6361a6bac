// The built app in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
//
// Always: every page loads and renders, a node that does not answer is said in words (the URL
// from the page's address or from config.json), a URL that is not a node URL too, and no page
// throws. With CONTRACTS_NODE (a substrate-contracts-node binary) and the contracts built: a
// dev node is started, a suite deployed with scripts/deploy, a dev-account wallet injected as
// an extension injects itself (window.injectedWeb3; it signs in this process), and the fan's
// and the creator's flows are driven through the pages, each result checked against the chain;
// screenshots go to target/app-screenshots.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { DedotClient, ExtraSignedExtension, WsProvider } from 'dedot';
import type { SignerPayloadJSON } from 'dedot/types';
import { blake2AsU8a, hexToU8a, u8aToHex } from 'dedot/utils';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

import { defaults } from '@creator-suite/contracts/params';
import { SuiteClient } from '@creator-suite/contracts/client';

import { formatUnits } from '../src/lib/format.js';

const app = new URL('../../', import.meta.url).pathname;
const root = join(app, '../..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The flags this machine needs: no sandbox as root, no GPU, and nothing that reaches out.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

let server: PreviewServer;
let browser: Browser;
let base = '';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A page that fails the test on any uncaught error. */
async function openPage(errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && process.stderr.write(`browser console: ${message.text()}\n`));
  page.setDefaultTimeout(30_000);
  return page;
}

before(async () => {
  if (!existsSync(join(app, 'dist/index.html'))) throw new Error('build the app first (npm run build -w packages/app)');
  server = await preview({ root: app, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  base = server.resolvedUrls!.local[0]!;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(join(app, 'dist/config.json'), { force: true });
});

test('every page renders and says in words that no node answers at the URL', async () => {
  const port = await closedPort();
  const url = `ws://127.0.0.1:${port}`;
  const errors: string[] = [];
  const page = await openPage(errors);
  for (const [hash, heading] of [
    ['#/', 'registry'],
    [`#/c/${ALICE}`, 'fan'],
    [`#/c/${ALICE}/manage`, 'creator'],
  ] as const) {
    await page.goto(`${base}?node=${encodeURIComponent(url)}&factory=${ALICE}${hash}`);
    await page.locator(`h1[data-page="${heading}"]`).waitFor();
    const problem = page.locator('[data-problem="node"]');
    await problem.waitFor({ timeout: 15_000 });
    assert.match(await problem.innerText(), new RegExp(`No node answers at ${url}\\. Start one`));
    assert.equal(await page.locator('input[name="node"]').inputValue(), url, 'the settings show the URL to change');
  }
  await page.goto(`${base}?node=http://example.org#/`);
  assert.match(await page.locator('[data-problem="node"]').innerText(), /is not a node URL: it starts with ws:\/\/ or wss:\/\//);
  await page.close();
  assert.deepEqual(errors, []);
});

test('the node URL comes from config.json when the address names none', async () => {
  const port = await closedPort();
  writeFileSync(join(app, 'dist/config.json'), JSON.stringify({ node: `ws://127.0.0.1:${port}`, factory: ALICE }));
  const errors: string[] = [];
  const page = await openPage(errors);
  await page.goto(`${base}#/`);
  const problem = page.locator('[data-problem="node"]');
  await problem.waitFor({ timeout: 15_000 });
  assert.match(await problem.innerText(), new RegExp(`No node answers at ws://127.0.0.1:${port}`));
  await page.close();
  rmSync(join(app, 'dist/config.json'));
  assert.deepEqual(errors, []);
});

const node = process.env.CONTRACTS_NODE;
const bundles = join(root, 'target/ink');
const skip = !node ? 'set CONTRACTS_NODE to a substrate-contracts-node binary' : !existsSync(bundles) ? 'run scripts/build first' : false;

async function startNode(binary: string, log: string) {
  const port = await closedPort();
  const child = spawn(binary, ['--dev', '--tmp', '--rpc-port', String(port)], { stdio: ['ignore', 'ignore', openSync(log, 'w')] });
  const url = `ws://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const client = await DedotClient.new({ provider: new WsProvider({ endpoint: url, retryDelayMs: 0 }), rpcVersion: 'legacy', stalingDetectionTimeout: 0 });
      return { url, client, stop: () => child.kill() };
    } catch (error) {
      if (attempt > 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

test("a fan's and the creator's flows through the pages on a real node", { skip, timeout: 900_000 }, async (t) => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const pairs = { Alice: keyring.addFromUri('//Alice'), Bob: keyring.addFromUri('//Bob') };
  const shots = join(root, 'target/app-screenshots');
  mkdirSync(shots, { recursive: true });
  const { url, client, stop } = await startNode(node!, join(shots, 'node.log'));
  try {
    // The suite, as a creator deploys it: scripts/deploy with a parameters file. Short epochs
    // and an easy puzzle, so mined tokens are claimable and a browser finds a solution in time.
    const dir = mkdtempSync(join(tmpdir(), 'creator-app-'));
    const params = join(dir, 'alc.json');
    const alc = defaults('ALC');
    writeFileSync(params, JSON.stringify({ ...alc, epochLength: '30s', disputeWindow: '1s', pow: { ...(alc.pow as object), initialDifficulty: '4096', minDifficulty: '4096' } }));
    const deployed = spawnSync(join(root, 'scripts/deploy'), ['--no-build', '--url', url, '--params', params, '--record', join(dir, 'record.json'), '--account', ALICE], {
      env: { ...process.env, SURI: '//Alice' },
      encoding: 'utf8',
    });
    assert.equal(deployed.status, 0, deployed.stderr);
    const record = JSON.parse(deployed.stdout) as { factory: { address: string } };
    const factory = record.factory.address;
    const suite = (await SuiteClient.open(client, factory, ALICE))!;
    const { decimals, symbol } = await suite.tokenInfo();
    const tokens = (value: bigint) => `${formatUnits(value, decimals)} ${symbol}`;

    const errors: string[] = [];
    const page = await openPage(errors);
    // The wallet extension: its accounts, and a signer that signs the payload here, as an
    // extension signs in its own process. The payload is rebuilt from the chain's metadata.
    await page.exposeFunction('__signPayload', async (payload: SignerPayloadJSON) => {
      const pair = Object.values(pairs).find((p) => p.address === payload.address);
      if (!pair) throw new Error(`the wallet has no account ${payload.address}`);
      const extra = new ExtraSignedExtension(client, { signerAddress: payload.address });
      await extra.fromPayload(payload);
      const raw = hexToU8a(extra.toRawPayload(payload.method).data);
      return { id: 1, signature: u8aToHex(pair.sign(raw.length > 256 ? blake2AsU8a(raw, 256) : raw, { withType: true })) };
    });
    await page.addInitScript((accounts) => {
      const signer = { signPayload: (payload: unknown) => (window as unknown as { __signPayload: (p: unknown) => Promise<unknown> }).__signPayload(payload) };
      (window as unknown as { injectedWeb3: unknown }).injectedWeb3 = {
        'polkadot-js': { version: 'test', enable: async () => ({ accounts: { get: async () => accounts, subscribe: () => () => undefined }, signer }) },
      };
    }, Object.entries(pairs).map(([name, pair]) => ({ address: pair.address, name, type: 'sr25519' })));

    const open = async (hash: string, as: keyof typeof pairs) => {
      await page.goto('about:blank'); // a new document: a hash change alone keeps the page (and its wallet)
      await page.goto(`${base}?node=${encodeURIComponent(url)}&factory=${factory}${hash}`);
      await page.getByRole('button', { name: 'Connect Polkadot.js extension' }).click();
      await page.locator('select[name="account"]').selectOption(pairs[as].address);
      await page.locator('.lead').waitFor();
    };
    /** Clicks `button` and waits for its transaction `tx` to be finalized (or fails with the refusal). */
    const send = async (button: string, tx: string) => {
      const status = page.locator(`[data-tx="${tx}"]`);
      await page.locator(`button[name="${button}"]`).click();
      await page.locator(`[data-tx="${tx}"][data-phase="finalized"], [data-tx="${tx}"][data-phase="failed"]`).waitFor({ timeout: 60_000 });
      assert.equal(await status.getAttribute('data-phase'), 'finalized', await status.innerText());
      return status.innerText();
    };
    const stat = (name: string) => page.locator(`[data-stat="${name}"]`).first();
    const statIs = async (name: string, expected: string) => {
      await page.waitForFunction(([n, e]) => document.querySelector(`[data-stat="${n}"]`)?.textContent === e, [name, expected] as const, { timeout: 20_000 }).catch(() => undefined);
      assert.equal(await stat(name).innerText(), expected, name);
    };
    const bob = pairs.Bob.address;

    await t.test('the registry lists the creator', async () => {
      await page.goto(`${base}?node=${encodeURIComponent(url)}&factory=${factory}#/`);
      await page.locator(`tr[data-creator="${ALICE}"]`).waitFor();
      assert.match(await page.locator(`tr[data-creator="${ALICE}"]`).innerText(), /ALC/);
      await page.screenshot({ path: join(shots, 'registry.png'), fullPage: true });
    });

    await t.test('a fan buys on the market: the quote, the slippage, the refund; the balance shown is the chain’s', async () => {
      await open(`#/c/${ALICE}`, 'Bob');
      await page.locator('input[name="buy-pay"]').fill('2');
      await page.locator('[data-quote="buy"]').waitFor();
      assert.match(await stat('buy-refund').innerText(), /UNIT/);
      const said = await send('buy', 'buy');
      assert.match(said, /^Bought [\d,.]+ ALC, [\d,.]+ UNIT refunded \(block #\d+, finalized\)\.$/);
      await statIs('token-balance', tokens(await suite.balanceOf(bob)));
      assert.ok((await suite.balanceOf(bob)) > 0n);
      await page.screenshot({ path: join(shots, 'fan-after-market-buy.png'), fullPage: true });
    });

    await t.test('refusals in words: a quote beyond the supply; a sale beyond what the fan holds, refused in its dry run', async () => {
      await page.locator('input[name="sell-amount"]').fill('100000000');
      await page.locator('#market .notice.error').waitFor();
      assert.match(await page.locator('#market .notice.error').innerText(), /Selling more than the token's whole supply\./);
      const held = await suite.balanceOf(bob);
      await page.locator('input[name="sell-amount"]').fill(formatUnits(held + 10n ** BigInt(decimals), decimals, decimals).replace(/,/g, ''));
      await page.locator('[data-quote="sell"]').waitFor();
      await page.locator('button[name="sell"]').click();
      await page.locator('[data-tx="sell"][data-phase="failed"]').waitFor();
      assert.match(await page.locator('[data-tx="sell"]').innerText(), /^The token refused to mint or burn .*: The account does not hold enough tokens\.$/);
      assert.equal(await suite.balanceOf(bob), held, 'nothing was sent');
      await page.locator('input[name="sell-amount"]').fill('');
    });

    await t.test('the creator opens a drop; the fan buys in it', async () => {
      await open(`#/c/${ALICE}/manage`, 'Alice');
      await page.locator('input[name="drop-price"]').fill('1');
      assert.match(await send('open-drop', 'drops'), /Drop opened/);
      await open(`#/c/${ALICE}`, 'Bob');
      await page.locator('input[name="drop-quantity"]').fill('2');
      assert.match(await send('buy-nft', 'buy-nft'), /^Bought 2 items \(#\d+, #\d+\) for 2 ALC/);
      const held = (await suite.suite.collection.query.psp34BalanceOf(bob)).data;
      assert.equal(held, 2);
      await statIs('nft-count', String(held));
      await statIs('token-balance', tokens(await suite.balanceOf(bob)));
      await page.screenshot({ path: join(shots, 'fan-after-nft-buy.png'), fullPage: true });
    });

    await t.test('the fan stakes; a trade’s fee streams to the stakers; the fan claims', async () => {
      await page.locator('input[name="stake-amount"]').fill('10');
      await send('stake', 'staking');
      await statIs('staked', tokens(await suite.stakeOf(bob)));
      assert.equal(await suite.stakeOf(bob), 10n * 10n ** BigInt(decimals));
      // Another fan's trade pays the stakers' fee; the next blocks stream it.
      await suite.marketBuy(pairs.Alice, 10n ** 15n);
      await suite.transfer(pairs.Alice, ALICE, 1n);
      await open(`#/c/${ALICE}`, 'Bob');
      await page.locator('[data-stat="pending-rewards"]').waitFor();
      assert.ok((await suite.pendingRewards(bob)) > 0n);
      // The rewards stream: a new block (anyone's transaction) moves the amount shown, no reload.
      const shown = await stat('pending-rewards').innerText();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await suite.transfer(pairs.Alice, ALICE, 1n);
      await statIs('pending-rewards', `${formatUnits(await suite.pendingRewards(bob), 12)} UNIT`);
      assert.notEqual(await stat('pending-rewards').innerText(), shown);
      assert.match(await send('claim-rewards', 'staking'), /^Claimed [\d,.]+ UNIT of rewards \(block/);
      assert.equal(await suite.pendingRewards(bob), 0n);
      await page.screenshot({ path: join(shots, 'fan-after-reward-claim.png'), fullPage: true });
    });

    await t.test('the fan submits a creation; the creator accepts it: minted to the fan, points credited', async () => {
      await page.locator('input[name="creation-content"]').fill('a song about the creator');
      await page.locator('input[name="creation-uri"]').fill('ipfs://song');
      assert.match(await send('submit-creation', 'creation'), /Creation #0 submitted/);
      await open(`#/c/${ALICE}/manage`, 'Alice');
      await page.locator('tr[data-submission="0"] button[name="accept"]').click();
      await page.locator('[data-tx="creations"][data-phase="finalized"]').waitFor({ timeout: 60_000 });
      assert.equal((await suite.suite.collection.query.psp34BalanceOf(bob)).data, 3);
    });

    await t.test('the creator registers a project and attests a contribution', async () => {
      await page.locator('input[name="project-uri"]').fill('https://example.org/wiki');
      assert.match(await send('register-project', 'projects'), /registered/);
      const projectId = (await suite.suite.pool.query.projectCount()).data - 1;
      await page.locator('input[name="attest-project"]').fill(String(projectId));
      await page.locator('input[name="attest-contributor"]').fill(bob);
      await page.locator('input[name="attest-points"]').fill('25');
      await page.locator('input[name="attest-reference"]').fill('fixed the docs');
      assert.match(await send('attest', 'projects'), /25 points attested/);
      const epoch = (await suite.currentEpoch())!;
      assert.ok((await suite.suite.pool.query.pointsOf(bob, epoch)).data >= 25n);
    });

    await t.test('the creator sees the market fees and withdraws them', async () => {
      const owed = await suite.feesOf(ALICE);
      assert.ok(owed > 0n);
      await page.locator('button[name="withdraw-fees"]').waitFor();
      assert.match(await send('withdraw-fees', 'fees'), /Paid [\d,.]+ UNIT to the creator/);
      assert.equal(await suite.feesOf(ALICE), 0n);
      await page.screenshot({ path: join(shots, 'creator-page.png'), fullPage: true });
    });

    await t.test('the fan mines with proof of work in a Web Worker; the solution is paid', async () => {
      await open(`#/c/${ALICE}`, 'Bob');
      const before = await suite.balanceOf(bob);
      await page.locator('button[name="mine"]').click();
      await page.locator('[data-stat="hash-rate"]').waitFor();
      // The first solution is paid; a second found in its block waits for the next block.
      await page.waitForFunction(() => /solutions found: [1-9]/.test(document.querySelector('[data-stat="hash-rate"]')?.textContent ?? ''), undefined, { timeout: 120_000 });
      await page.screenshot({ path: join(shots, 'fan-after-pow-solution.png'), fullPage: true });
      process.stderr.write(`mined in the browser: ${await page.locator('[data-stat="hash-rate"]').innerText()}\n`);
      await page.locator('button[name="mine"]').click();
      const solutions = (await suite.powState()).solutions;
      assert.ok(solutions >= 1n);
      assert.equal(await suite.balanceOf(bob), before + solutions * 50n * 10n ** BigInt(decimals));
    });

    await t.test('after the epoch, the fan claims the mined tokens', async () => {
      const epoch = (await suite.currentEpoch())!;
      for (let wait = 0; (await suite.currentEpoch())! <= epoch && wait < 60; wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await suite.transfer(pairs.Alice, ALICE, 1n); // a dev node makes a block only for a transaction
      }
      // Past the dispute window (1 s after the epoch's end), in a block of its own.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await suite.transfer(pairs.Alice, ALICE, 1n);
      await open(`#/c/${ALICE}`, 'Bob');
      await page.waitForFunction(() => document.querySelector('button[name="claim-mined"]')?.hasAttribute('disabled') === false, undefined, { timeout: 20_000 });
      const before = await suite.balanceOf(bob);
      assert.match(await send('claim-mined', 'claim-mined'), /^Claimed [\d,.]+ ALC mined/);
      assert.ok((await suite.balanceOf(bob)) > before);
      await statIs('token-balance', tokens(await suite.balanceOf(bob)));
      await page.screenshot({ path: join(shots, 'fan-after-mined-claim.png'), fullPage: true });
    });
    await page.close();
    assert.deepEqual(errors, []);
  } finally {
    await client.disconnect();
    stop();
  }
});
