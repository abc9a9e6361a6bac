/**
 * A fan's page for one creator: balances (token, native, NFTs), the market (buy and sell with
 * the quote, slippage and refund), the current drop, staking and its rewards, and mining in its
 * three forms (points from projects and creations, a creation's submission, proof of work).
 */
import { useEffect, useRef, useState } from 'preact/hooks';

import { SuiteError, type SuiteClient } from '@creator-suite/contracts/client';
import { blake2AsHex, decodeAddress, u8aToHex } from 'dedot/utils';

import { nativeBalance, type Chain } from '../chain.js';
import { formatDuration, formatRate, parseCount, parseSlippage, parseUnits, shortAddress } from '../lib/format.js';
import { buyPreview, feeShare, sellPreview } from '../lib/quote.js';
import { Card, Field, Notice, Stat, TxStatus, useAct, useLoad, useTx, type Signer } from '../ui.js';
import { useBestBlock, useSuite, type OpenSuite } from './suite.js';

/** Epochs back from the current one whose mined tokens the page looks for (the pool claims 32 at most at once). */
const CLAIM_LOOKBACK = 8;
/** The NFTs listed per fan. */
const NFTS_SHOWN = 12;
/** Hashes per second the browser miner holds itself to: a modest share of one core. */
const MINING_RATE = 50_000;

interface FanData {
  native: bigint;
  balance: bigint;
  nfts: { count: number; ids: string[] };
  staked: bigint;
  withdrawal: { amount: bigint; unlockAt: bigint };
  epoch?: number;
  points: bigint;
  claimable: { epoch: number; amount: bigint }[];
  pendingCreations: number;
  now: bigint;
}

async function loadFan(chain: Chain, s: SuiteClient, who: string): Promise<FanData> {
  const { collection, pool, creations } = s.suite;
  const [native, balance, count, staked, withdrawal, epoch, pendingCreations, now] = await Promise.all([
    nativeBalance(chain.client, who),
    s.balanceOf(who),
    collection.query.psp34BalanceOf(who).then((r) => r.data),
    s.stakeOf(who),
    s.withdrawalOf(who),
    s.currentEpoch(),
    creations.query.pendingOf(who).then((r) => r.data),
    s.now(),
  ]);
  const ids = await Promise.all(
    Array.from({ length: Math.min(count, NFTS_SHOWN) }, async (_, i) => {
      const id = (await collection.query.psp34EnumerableOwnersTokenByIndex(who, BigInt(i))).data;
      return id.isOk ? shortAddress(String(id.value.value)) : '?';
    }),
  );
  const past = epoch === undefined ? [] : Array.from({ length: Math.min(epoch, CLAIM_LOOKBACK) }, (_, i) => epoch - 1 - i);
  const amounts = await Promise.all(past.map(async (e) => ({ epoch: e, amount: await s.claimableMined(who, e) })));
  const points = epoch === undefined ? 0n : (await pool.query.pointsOf(who, epoch)).data;
  return {
    native,
    balance,
    nfts: { count, ids },
    staked,
    withdrawal,
    ...(epoch === undefined ? {} : { epoch }),
    points,
    claimable: amounts.filter((c) => c.amount > 0n),
    pendingCreations,
    now,
  };
}

function Balances({ open, data }: { open: OpenSuite; data: FanData }) {
  return (
    <Card title="Your balances" id="balances">
      <Stat label={open.token.symbol ?? 'Token'} value={open.tokens(data.balance)} name="token-balance" />
      <Stat label="Native" value={open.native(data.native)} name="native-balance" />
      <Stat label="NFTs" value={data.nfts.count} name="nft-count" />
      {data.nfts.ids.length > 0 && <p data-stat="nft-ids">Items #{data.nfts.ids.join(', #')}</p>}
    </Card>
  );
}

function Market({ chain, open, signer }: { chain: Chain; open: OpenSuite; signer?: Signer }) {
  const { suite, version } = open;
  const [pay, setPay] = useState('1');
  const [sell, setSell] = useState('');
  const [slippage, setSlippage] = useState('1');
  const buyTx = useTx(open.reload);
  const sellTx = useTx(open.reload);
  const state = useLoad(() => suite.marketState(), [suite, version]);
  const buyQuote = useLoad(async () => {
    const amount = parseUnits(pay, chain.native.decimals);
    return buyPreview(amount, await suite.quoteBuy(amount), parseSlippage(slippage));
  }, [suite, version, pay, slippage]);
  const sellQuote = useLoad(async () => {
    if (!sell.trim()) return undefined;
    const amount = parseUnits(sell, open.token.decimals);
    return sellPreview(amount, await suite.quoteSell(amount), parseSlippage(slippage));
  }, [suite, version, sell, slippage]);
  return (
    <Card title="Market" id="market">
      {state.value && (
        <>
          <Stat label="Buy price (per token)" value={open.native(state.value.buyPrice)} name="buy-price" />
          <Stat label="Exit price (per token)" value={open.native(state.value.exitPrice)} name="exit-price" />
          <Stat label="Reserve backing every holder" value={open.native(state.value.reserve)} name="reserve" />
        </>
      )}
      <Field label="Slippage (%)" name="slippage" value={slippage} onInput={setSlippage} />
      <h3>Buy</h3>
      <Field label={`Pay (${chain.native.symbol})`} name="buy-pay" value={pay} onInput={setPay} />
      {buyQuote.error && <Notice kind="error">{buyQuote.error}</Notice>}
      {buyQuote.value && (
        <div class="quote" data-quote="buy">
          <Stat label="You get" value={open.tokens(buyQuote.value.tokens)} name="buy-tokens" />
          <Stat label="At least (after slippage)" value={open.tokens(buyQuote.value.minTokens)} name="buy-min" />
          <Stat label="Fee (rewards the community)" value={`${open.native(buyQuote.value.fee)} (${feeShare(buyQuote.value.fee, buyQuote.value.pay)})`} name="buy-fee" />
          <Stat label="Refunded to you" value={open.native(buyQuote.value.refund)} name="buy-refund" />
        </div>
      )}
      <button
        name="buy"
        disabled={!signer || !buyQuote.value || buyTx.busy}
        onClick={() =>
          signer &&
          buyQuote.value &&
          buyTx.run(async (progress) => {
            const { receipt } = await suite.marketBuy(signer, buyQuote.value!.pay, { slippageBps: parseSlippage(slippage), ...progress });
            return { summary: `Bought ${open.tokens(receipt.value.tokens)}, ${open.native(receipt.value.refund)} refunded`, blockNumber: receipt.blockNumber };
          })
        }
      >
        Buy
      </button>
      <TxStatus view={buyTx.view} name="buy" />
      <h3>Sell</h3>
      <Field label={`Sell (${open.token.symbol ?? 'tokens'})`} name="sell-amount" value={sell} onInput={setSell} />
      {sellQuote.error && <Notice kind="error">{sellQuote.error}</Notice>}
      {sellQuote.value && (
        <div class="quote" data-quote="sell">
          <Stat label="You receive" value={open.native(sellQuote.value.payout)} name="sell-payout" />
          <Stat label="At least (after slippage)" value={open.native(sellQuote.value.minPayout)} name="sell-min" />
          <Stat label="Fee" value={open.native(sellQuote.value.fee)} name="sell-fee" />
        </div>
      )}
      <button
        name="sell"
        disabled={!signer || !sellQuote.value || sellTx.busy}
        onClick={() =>
          signer &&
          sellQuote.value &&
          sellTx.run(async (progress) => {
            const { receipt } = await suite.marketSell(signer, sellQuote.value!.amount, { slippageBps: parseSlippage(slippage), ...progress });
            return { summary: `Sold for ${open.native(receipt.value.payout)}`, blockNumber: receipt.blockNumber };
          })
        }
      >
        Sell
      </button>
      <TxStatus view={sellTx.view} name="sell" />
    </Card>
  );
}

function Drop({ open, signer, now }: { open: OpenSuite; signer?: Signer; now: bigint }) {
  const { suite, version } = open;
  const [quantity, setQuantity] = useState('1');
  const tx = useTx(open.reload);
  const drop = useLoad(() => suite.dropInfo(), [suite, version]);
  const own = suite.address('token');
  const d = drop.value;
  return (
    <Card title="The current drop" id="drop">
      {drop.error && <Notice kind="error">{drop.error}</Notice>}
      {drop.value === undefined && !drop.error && <Notice>No drop is open.</Notice>}
      {d && (
        <>
          <Stat label="Price" value={d.config.paymentToken.address() === own ? open.tokens(d.config.price) : `${d.config.price} of token ${d.config.paymentToken.address()}`} name="drop-price" />
          <Stat label="Sold" value={`${d.sold} of ${d.config.maxSupply}`} name="drop-sold" />
          <Stat label="Limits" value={`${d.config.maxPerAccount} per fan, ${d.config.maxPerCall} per purchase`} name="drop-limits" />
          <Stat label={now < d.config.start ? 'Opens in' : 'Closes in'} value={formatDuration(now < d.config.start ? d.config.start - now : d.config.end - now)} name="drop-window" />
          <Field label="Quantity" name="drop-quantity" value={quantity} onInput={setQuantity} />
          <button
            name="buy-nft"
            disabled={!signer || tx.busy}
            onClick={() =>
              signer &&
              tx.run(async (progress) => {
                const count = parseCount(quantity, 1, d.config.maxPerCall);
                const { total, receipt } = await suite.buyNft(signer, count, {}, progress);
                return { summary: `Bought ${count} item${count === 1 ? '' : 's'} (#${receipt.value.map((id) => String(id.value)).join(', #')}) for ${open.tokens(total)}`, blockNumber: receipt.blockNumber };
              })
            }
          >
            Buy in the drop
          </button>
          <TxStatus view={tx.view} name="buy-nft" />
        </>
      )}
    </Card>
  );
}

function Staking({ open, signer, data, block }: { open: OpenSuite; signer?: Signer; data: FanData; block: number }) {
  const { suite } = open;
  const [stake, setStake] = useState('');
  const [unstake, setUnstake] = useState('');
  const tx = useAct(open.reload, signer);
  const act = tx.act;
  // Rewards stream by the block: read at every new one (and after every reload of the page's data).
  const streamed = useLoad(() => (signer ? suite.pendingRewards(signer.address) : Promise.resolve(0n)), [suite, block, data, signer?.address]);
  const pending = streamed.value;
  const { withdrawal } = data;
  const unlocked = withdrawal.unlockAt <= data.now;
  return (
    <Card title="Stake and earn" id="staking">
      <Stat label="Staked" value={open.tokens(data.staked)} name="staked" />
      <Stat label="Rewards you can claim" value={pending === undefined ? '…' : open.native(pending)} name="pending-rewards" />
      {withdrawal.amount > 0n && (
        <Stat label="Unstaked" value={`${open.tokens(withdrawal.amount)}, ${unlocked ? 'ready to withdraw' : `withdrawable in ${formatDuration(withdrawal.unlockAt - data.now)}`}`} name="withdrawal" />
      )}
      <Field label="Stake" name="stake-amount" value={stake} onInput={setStake} />
      <button name="stake" disabled={!signer || tx.busy} onClick={() => act(`Staked ${stake} ${open.token.symbol ?? ''}`, async (s, p) => (await suite.stake(s, parseUnits(stake, open.token.decimals), p)).receipt)}>
        Stake
      </button>
      <Field label="Unstake" name="unstake-amount" value={unstake} onInput={setUnstake} />
      <button name="unstake" disabled={!signer || tx.busy} onClick={() => act(`Unstaked ${unstake} ${open.token.symbol ?? ''}`, (s, p) => suite.unstake(s, parseUnits(unstake, open.token.decimals), p))}>
        Unstake
      </button>
      <button name="withdraw" disabled={!signer || tx.busy || withdrawal.amount === 0n || !unlocked} onClick={() => act(`Withdrew ${open.tokens(withdrawal.amount)}`, (s, p) => suite.withdrawUnstaked(s, p))}>
        Withdraw unstaked
      </button>
      <button name="claim-rewards" disabled={!signer || tx.busy || !pending} onClick={() => act((claimed: bigint) => `Claimed ${open.native(claimed)} of rewards`, (s, p) => suite.claimRewards(s, { type: 'Native' }, p))}>
        Claim rewards
      </button>
      <TxStatus view={tx.view} name="staking" />
    </Card>
  );
}

/**
 * Proof of work in a Web Worker at a modest rate; each solution is submitted as the signer.
 * The contract takes one solution per block, so a solution found in the block of the last one
 * waits for the next block (the worker meanwhile mines the new challenge).
 */
function ProofOfWork({ open, signer, block }: { open: OpenSuite; signer: Signer; block: number }) {
  const { suite, version } = open;
  const [mining, setMining] = useState(false);
  const [rate, setRate] = useState(0);
  const [found, setFound] = useState(0);
  const [problem, setProblem] = useState('');
  const [held, setHeld] = useState<{ challenge: `0x${string}`; nonce: bigint }>();
  const lastBlock = useRef(-1);
  const tx = useTx(open.reload);
  const pow = useLoad(() => suite.powState(), [suite, version]);
  const worker = useRef<Worker>();
  useEffect(() => () => worker.current?.terminate(), []);
  // Submit a held solution once its block is not the last solution's.
  useEffect(() => {
    if (!held || block <= lastBlock.current) return;
    setHeld(undefined);
    tx.run(async (progress) => {
      let receipt;
      try {
        receipt = await suite.mine(signer, held.challenge, held.nonce, progress);
      } catch (error) {
        // Refused only for its block: keep it for the next one (nothing was signed).
        if (error instanceof SuiteError && error.error === 'OnePerBlock') {
          lastBlock.current = block;
          setHeld(held);
        }
        throw error;
      }
      lastBlock.current = receipt.blockNumber;
      setFound((n) => n + 1);
      return { summary: `Solution ${held.nonce} earned ${open.tokens(receipt.value)}`, blockNumber: receipt.blockNumber };
    });
  }, [held, block]);
  useEffect(() => {
    const state = pow.value;
    if (!mining || !state) {
      worker.current?.postMessage('stop');
      return;
    }
    worker.current ??= new Worker(new URL('../pow.worker.ts', import.meta.url), { type: 'module' });
    worker.current.onerror = (event) => {
      setMining(false);
      setProblem(`The miner stopped: ${event.message || 'its worker failed to load'}.`);
    };
    const challenge = state.challenge as `0x${string}`;
    worker.current.onmessage = (event: MessageEvent<{ rate?: number; nonce?: string }>) => {
      if (event.data.rate !== undefined) setRate(event.data.rate);
      if (event.data.nonce !== undefined) setHeld({ challenge, nonce: BigInt(event.data.nonce) });
    };
    const start = BigInt(Math.floor(Math.random() * 2 ** 48)) << 64n;
    worker.current.postMessage({ challenge, miner: u8aToHex(decodeAddress(signer.address)), target: state.target.toString(), start: start.toString(), rate: MINING_RATE });
  }, [mining, pow.value?.challenge, signer.address]);
  const state = pow.value;
  return (
    <div class="pow">
      <h3>Proof of work</h3>
      {state && (
        <>
          <Stat label="Reward per solution" value={open.tokens(state.reward)} name="pow-reward" />
          <Stat label="Difficulty (expected hashes)" value={state.difficulty.toLocaleString('en-US')} name="pow-difficulty" />
          <Stat label="Solutions so far" value={state.solutions.toString()} name="pow-solutions" />
        </>
      )}
      <button
        name="mine"
        onClick={() => {
          setProblem('');
          setMining(!mining);
        }}
      >
        {mining ? 'Stop mining' : 'Mine in this browser'}
      </button>
      {mining && (
        <p data-stat="hash-rate">
          Mining at {formatRate(rate)} (at most {formatRate(MINING_RATE)}); solutions found: {found}
          {held ? '; one waits for the next block' : ''}
        </p>
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <TxStatus view={tx.view} name="pow" />
    </div>
  );
}

function Mining({ open, signer, data, block }: { open: OpenSuite; signer?: Signer; data: FanData; block: number }) {
  const { suite } = open;
  const [content, setContent] = useState('');
  const [uri, setUri] = useState('');
  const claimTx = useTx(open.reload);
  const creationTx = useTx(open.reload);
  const total = data.claimable.reduce((sum, c) => sum + c.amount, 0n);
  return (
    <Card title="Mine" id="mining">
      <Stat label="Epoch" value={data.epoch === undefined ? 'not started' : data.epoch} name="epoch" />
      <Stat label="Your points this epoch" value={data.points.toString()} name="points" />
      <Stat label="Mined tokens to claim" value={open.tokens(total)} name="claimable-mined" />
      <button
        name="claim-mined"
        disabled={!signer || total === 0n || claimTx.busy}
        onClick={() =>
          signer &&
          claimTx.run(async (progress) => {
            const receipt = await suite.claimMined(
              signer,
              data.claimable.map((c) => c.epoch),
              progress,
            );
            return { summary: `Claimed ${open.tokens(receipt.value)} mined`, blockNumber: receipt.blockNumber };
          })
        }
      >
        Claim mined tokens
      </button>
      <TxStatus view={claimTx.view} name="claim-mined" />
      <h3>Submit a creation</h3>
      <p>The curators review it; once accepted it is minted to you as an NFT with you as its royalty receiver, and earns you points.</p>
      <Field label="Content (its hash is what is registered: the same content is minted once)" name="creation-content" value={content} onInput={setContent} />
      <Field label="Metadata URI" name="creation-uri" value={uri} onInput={setUri} placeholder="ipfs://…" />
      {data.pendingCreations > 0 && <p data-stat="pending-creations">{data.pendingCreations} of your creations await review.</p>}
      <button
        name="submit-creation"
        disabled={!signer || !content || !uri || creationTx.busy}
        onClick={() =>
          signer &&
          creationTx.run(async (progress) => {
            const receipt = await suite.submitCreation(signer, blake2AsHex(content), uri.trim(), progress);
            return { summary: `Creation #${receipt.value} submitted for review`, blockNumber: receipt.blockNumber };
          })
        }
      >
        Submit
      </button>
      <TxStatus view={creationTx.view} name="creation" />
      {signer && <ProofOfWork open={open} signer={signer} block={block} />}
    </Card>
  );
}

export function FanPage({ chain, factory, creator, signer }: { chain: Chain; factory: string; creator: string; signer?: Signer }) {
  const { open, problem } = useSuite(chain, factory, creator);
  const data = useLoad(async () => (open && signer ? loadFan(chain, open.suite, signer.address) : undefined), [open?.suite, open?.version, signer?.address]);
  // One subscription to the best block for what moves by the block: the rewards, the miner.
  const block = useBestBlock(open?.suite);
  if (problem) return <Notice kind="error">{problem}</Notice>;
  if (!open) return <Notice>Opening the creator's suite…</Notice>;
  return (
    <div class="page" data-symbol={open.token.symbol}>
      <p class="lead">
        <strong>{open.token.name}</strong> ({open.token.symbol}): {open.tokens(open.token.totalSupply)} in circulation of a cap of {open.tokens(open.token.cap)}.
      </p>
      {!signer && <Notice>Connect a wallet to see your balances and to trade, stake and mine.</Notice>}
      {data.error && <Notice kind="error">{data.error}</Notice>}
      {data.value && <Balances open={open} data={data.value} />}
      <Market chain={chain} open={open} {...(signer ? { signer } : {})} />
      <Drop open={open} {...(signer ? { signer } : {})} now={data.value?.now ?? BigInt(Date.now())} />
      {data.value && <Staking open={open} {...(signer ? { signer } : {})} data={data.value} block={block} />}
      {data.value && <Mining open={open} {...(signer ? { signer } : {})} data={data.value} block={block} />}
    </div>
  );
}
