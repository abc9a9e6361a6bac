/**
 * A fan's and a creator's actions on one suite, on dedot and the typed APIs: token balances
 * and metadata, approve and buy in a drop, stake and claim rewards, claim mined tokens,
 * submit a creation, buy and sell on the market, and every suite event as it happens.
 *
 * Every transaction is dry-run first, as the signer: a refusal throws a `SuiteError` (the
 * typed error and its words) before anything is signed, and the dry run's gas and storage
 * deposit become the transaction's limits. Approvals are sent only when the allowance is
 * short. Market trades carry a minimum out (the quote less a slippage) and a deadline.
 */
import type { ISubstrateClient } from 'dedot';
import type { Contract, ContractEvent } from 'dedot/contracts';
import type { IEventRecord, IKeyringPair, InjectedSigner } from 'dedot/types';
import { decodeAddress, u8aToHex } from 'dedot/utils';

import { errorText, type ContractErrorValue } from './errors.js';
import type { CreatorTokenContractApi } from './generated/creator-token/index.js';
import type { CreatorMarketCurveBuyQuote, CreatorMarketCurveSellQuote, CreatorMarketMarketState } from './generated/creator-market/types.js';
import type { CreatorNftDrop, CreatorNftDropConfigLike } from './generated/creator-nft/types.js';
import type { ProofOfWorkPowState } from './generated/proof-of-work/types.js';
import type { RewardDistributorAssetLike } from './generated/reward-distributor/types.js';
import { contractAt, openSuite, SUITE_ROLES, type Suite, type SuiteRole } from './index.js';

/** Who signs: a keyring pair (`//Alice`, a mnemonic), or a browser wallet's account and signer. */
export type Account = IKeyringPair | { address: string; signer: InjectedSigner };

/** The Rust error type each suite contract answers with. */
export const ERROR_TYPES: Readonly<Record<SuiteRole | 'factory', string>> = {
  token: 'PSP22Error',
  collection: 'CollectionError',
  distributor: 'DistributorError',
  pool: 'PoolError',
  vesting: 'VestingError',
  market: 'MarketError',
  pow: 'PowError',
  creations: 'CreationError',
  factory: 'FactoryError',
};

/** A refusal: a message answered `Err` in its dry run (nothing was signed), or the chain refused. */
export class SuiteError extends Error {
  constructor(
    /** The contract that refused. */
    readonly contract: SuiteRole | 'factory',
    /** The message, as the typed API names it. */
    readonly call: string,
    /** The typed error value (`'Slippage'`, `{ type: 'Token', value: ... }`), or the chain's error name. */
    readonly error: ContractErrorValue,
    /** The error in words. */
    readonly text: string,
  ) {
    super(`${contract}.${call}: ${text}`);
    this.name = 'SuiteError';
  }
}

/** The states a transaction goes through, for a UI. */
export type TxState = 'dry-run' | 'signing' | 'in-block' | 'finalized';

/** A suite contract's event, decoded with its contract's metadata. */
export interface SuiteEvent {
  contract: SuiteRole;
  address: string;
  name: string;
  data: unknown;
}

/** What a transaction did. */
export interface Receipt<T> {
  /** The message's answer (the `Ok` value) in the dry run. */
  value: T;
  /** Every event of the suite's contracts the transaction emitted. */
  events: SuiteEvent[];
  blockHash: string;
  blockNumber: number;
  txHash: string;
}

/** Options of every action. */
export interface SendOptions {
  /** Called as the transaction moves on. */
  onState?: (state: TxState) => void;
  /** Resolve when finalized instead of when in a block. */
  finalized?: boolean;
}

/** Options of a token action: `token` is another PSP22 than the suite's (a drop's payment token). */
export type TokenOptions = SendOptions & { token?: Contract<CreatorTokenContractApi> };

type Limits = { gasLimit: { refTime: bigint; proofSize: bigint }; storageDepositLimit: bigint };
type Answer<T> = { isOk: true; value: T } | { isOk?: false; isErr: true; err: ContractErrorValue };
type DryRun<T> = { data: Answer<T> | T; raw: { gasRequired: Limits['gasLimit']; storageDeposit: { type: string; value: bigint } } };

const BPS = 10_000n;

/** `amount` less `slippageBps` basis points, rounded down: the least a trade may return. */
export function lessSlippage(amount: bigint, slippageBps: number): bigint {
  if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000) {
    throw new RangeError(`slippage: 0 to 10,000 basis points, not ${slippageBps}`);
  }
  return (amount * (BPS - BigInt(slippageBps))) / BPS;
}

/**
 * The transaction limits of a dry run: its gas plus a fifth (measured on a node: the dry run's
 * own `gasRequired` ran a market buy out of gas; the unused weight is refunded, so the margin
 * costs nothing) and its charged storage deposit exactly (0 when it refunds).
 */
export function limitsOf(raw: DryRun<unknown>['raw']): Limits {
  const margin = (value: bigint) => value + value / 5n;
  return {
    gasLimit: { refTime: margin(raw.gasRequired.refTime), proofSize: margin(raw.gasRequired.proofSize) },
    storageDepositLimit: raw.storageDeposit.type === 'Charge' ? raw.storageDeposit.value : 0n,
  };
}

function isAnswer<T>(data: Answer<T> | T): data is Answer<T> {
  return typeof data === 'object' && data !== null && ('isOk' in data || 'isErr' in data);
}

function hex(address: string): string {
  return u8aToHex(decodeAddress(address));
}

/** One creator's suite, for fans and the creator. */
export class SuiteClient {
  private constructor(
    readonly client: ISubstrateClient,
    readonly suite: Suite,
  ) {}

  /** The suite the factory registered for `creator`, or `undefined` if it has none. */
  static async open(client: ISubstrateClient, factory: string, creator: string): Promise<SuiteClient | undefined> {
    const suite = await openSuite(client, factory, creator);
    return suite && new SuiteClient(client, suite);
  }

  /** The address of the suite's `role` contract. */
  address(role: SuiteRole): string {
    return this.suite[role].address;
  }

  // ---- the core: read, send, events ----

  /** A message's answer (the `Ok` value for `Result` messages), or a `SuiteError`. */
  private unwrap<T>(contract: SuiteRole, call: string, data: Answer<T> | T): T {
    if (!isAnswer(data)) return data;
    if (data.isOk) return data.value;
    throw new SuiteError(contract, call, data.err, errorText(data.err, ERROR_TYPES[contract]));
  }

  /**
   * Dry-runs a message as the signer, then signs and sends it with the dry run's limits.
   * `query` and `tx` are the same message of the typed API, given the options.
   */
  async send<T>(
    account: Account,
    contract: SuiteRole,
    call: string,
    query: (options: { caller: string; value: bigint }) => Promise<DryRun<T>>,
    tx: (options: Limits & { value: bigint }) => { signAndSend: (...args: any[]) => any },
    { value = 0n, onState, finalized = false }: SendOptions & { value?: bigint } = {},
  ): Promise<Receipt<T>> {
    onState?.('dry-run');
    const dry = await query({ caller: account.address, value });
    const answer = this.unwrap(contract, call, dry.data);
    const extrinsic = tx({ ...limitsOf(dry.raw), value });
    onState?.('signing');
    const onStatus = ({ status }: { status: { type: string } }) => {
      if (status.type === 'BestChainBlockIncluded') onState?.('in-block');
      if (status.type === 'Finalized') onState?.('finalized');
    };
    const sent = 'signer' in account ? extrinsic.signAndSend(account.address, { signer: account.signer }, onStatus) : extrinsic.signAndSend(account, onStatus);
    const result = await (finalized ? sent.untilFinalized() : sent.untilBestChainBlockIncluded());
    if (result.dispatchError) {
      const meta = this.client.registry.findErrorMeta(result.dispatchError);
      const name = meta ? `${meta.pallet}.${meta.name}` : 'DispatchError';
      throw new SuiteError(contract, call, name, meta ? `${name}: ${meta.docs.join(' ')}` : JSON.stringify(result.dispatchError));
    }
    return {
      value: answer,
      events: this.decodeEvents(result.events),
      blockHash: result.status.value.blockHash,
      blockNumber: result.status.value.blockNumber,
      txHash: result.txHash,
    };
  }

  /** The suite's events among `records`, each decoded with its contract's metadata. */
  decodeEvents(records: IEventRecord[]): SuiteEvent[] {
    const roles = new Map(SUITE_ROLES.map((role) => [hex(this.address(role)), role] as const));
    const events: SuiteEvent[] = [];
    for (const record of records) {
      const event = record.event as { pallet: string; palletEvent: { name: string; data: { contract: { address(): string } } } };
      if (event.pallet !== 'Contracts' || event.palletEvent.name !== 'ContractEmitted') continue;
      const address = event.palletEvent.data.contract.address();
      const role = roles.get(hex(address));
      if (!role) continue;
      const decoded = this.suite[role].decodeEvent(record) as ContractEvent;
      events.push({ contract: role, address, name: decoded.name, data: 'data' in decoded ? decoded.data : undefined });
    }
    return events;
  }

  /** Calls `callback` with the suite's events of every new block; resolves with the unsubscribe. */
  async watch(callback: (events: SuiteEvent[]) => void): Promise<() => Promise<void>> {
    const unsubscribe = await this.client.query.system.events((records: IEventRecord[]) => {
      const events = this.decodeEvents(records);
      if (events.length > 0) callback(events);
    });
    return unsubscribe;
  }

  /** The latest block's timestamp (ms). */
  async now(): Promise<bigint> {
    return BigInt(await this.client.query.timestamp.now());
  }

  /** A deadline `ms` after the latest block (default 10 minutes). */
  async deadline(ms = 600_000): Promise<bigint> {
    return (await this.now()) + BigInt(ms);
  }

  // ---- the token ----

  /** What a wallet shows: name, symbol, decimals, supply and cap. */
  async tokenInfo(): Promise<{ name?: string; symbol?: string; decimals: number; totalSupply: bigint; cap: bigint }> {
    const token = this.suite.token.query;
    const [name, symbol, decimals, totalSupply, cap] = await Promise.all([
      token.psp22MetadataTokenName(),
      token.psp22MetadataTokenSymbol(),
      token.psp22MetadataTokenDecimals(),
      token.psp22TotalSupply(),
      token.psp22CappedCap(),
    ]);
    return {
      ...(name.data === undefined ? {} : { name: name.data }),
      ...(symbol.data === undefined ? {} : { symbol: symbol.data }),
      decimals: decimals.data,
      totalSupply: totalSupply.data,
      cap: cap.data,
    };
  }

  /** The tokens `owner` holds. */
  async balanceOf(owner: string): Promise<bigint> {
    return (await this.suite.token.query.psp22BalanceOf(owner)).data;
  }

  /** What `spender` may still move of `owner`'s tokens. */
  async allowance(owner: string, spender: string): Promise<bigint> {
    return (await this.suite.token.query.psp22Allowance(owner, spender)).data;
  }

  /** Sends `amount` tokens to `to` (with `data` for the receiver, default none). */
  transfer(account: Account, to: string, amount: bigint, { data = '0x', ...options }: SendOptions & { data?: `0x${string}` } = {}) {
    const token = this.suite.token;
    return this.send(account, 'token', 'psp22Transfer', (o) => token.query.psp22Transfer(to, amount, data, o), (o) => token.tx.psp22Transfer(to, amount, data, o), options);
  }

  /** Lets `spender` move up to `amount` of the signer's tokens (of `token`: default the suite's). */
  approve(account: Account, spender: string, amount: bigint, { token = this.suite.token, ...options }: TokenOptions = {}) {
    return this.send(account, 'token', 'psp22Approve', (o) => token.query.psp22Approve(spender, amount, o), (o) => token.tx.psp22Approve(spender, amount, o), options);
  }

  /** Approves `spender` for `amount` unless its allowance covers it already; `undefined` when none was needed. */
  async ensureAllowance(account: Account, spender: string, amount: bigint, options: TokenOptions = {}) {
    const token = options.token ?? this.suite.token;
    if ((await token.query.psp22Allowance(account.address, spender)).data >= amount) return undefined;
    return this.approve(account, spender, amount, options);
  }

  // ---- NFT drops ----

  /** The current drop, or `undefined` if there is none. */
  async dropInfo(): Promise<CreatorNftDrop | undefined> {
    return (await this.suite.collection.query.dropInfo()).data;
  }

  /**
   * Buys `quantity` items of the current drop: approves the collection for the price if the
   * allowance is short, then buys bound to that drop and that total, so a drop replaced in
   * between refuses instead of charging more.
   */
  async buyNft(account: Account, quantity: number, allowlist: { allowance?: number; proof?: `0x${string}`[] } = {}, options?: SendOptions) {
    const drop = await this.dropInfo();
    if (!drop) throw new SuiteError('collection', 'buy', 'NoActiveDrop', errorText('NoActiveDrop', ERROR_TYPES.collection));
    const total = drop.config.price * BigInt(quantity);
    // The drop is priced in a PSP22 token: the suite's own, or another the creator chose.
    const payment = drop.config.paymentToken.address();
    const token = hex(payment) === hex(this.address('token')) ? this.suite.token : contractAt(this.client, 'token', payment, this.suite.token.options);
    const approval = total > 0n ? await this.ensureAllowance(account, this.address('collection'), total, { ...options, token }) : undefined;
    const { allowance = 0, proof = [] } = allowlist;
    const nft = this.suite.collection;
    const receipt = await this.send(
      account,
      'collection',
      'buy',
      (o) => nft.query.buy(drop.id, quantity, total, allowance, proof, o),
      (o) => nft.tx.buy(drop.id, quantity, total, allowance, proof, o),
      options,
    );
    return { drop, total, approval, receipt };
  }

  // ---- staking and rewards ----

  /** Stakes `amount` (approving the distributor first if the allowance is short). */
  async stake(account: Account, amount: bigint, options?: SendOptions) {
    const approval = await this.ensureAllowance(account, this.address('distributor'), amount, options);
    const distributor = this.suite.distributor;
    const receipt = await this.send(account, 'distributor', 'stake', (o) => distributor.query.stake(amount, o), (o) => distributor.tx.stake(amount, o), options);
    return { approval, receipt };
  }

  /** Unstakes `amount` (withdrawable after the cooldown, at once without one). */
  unstake(account: Account, amount: bigint, options?: SendOptions) {
    const distributor = this.suite.distributor;
    return this.send(account, 'distributor', 'unstake', (o) => distributor.query.unstake(amount, o), (o) => distributor.tx.unstake(amount, o), options);
  }

  /** Withdraws what the signer unstaked once its cooldown is over; answers the amount. */
  withdrawUnstaked(account: Account, options?: SendOptions) {
    const distributor = this.suite.distributor;
    return this.send(account, 'distributor', 'withdraw', (o) => distributor.query.withdraw(o), (o) => distributor.tx.withdraw(o), options);
  }

  /** What `account` unstaked and when it can be withdrawn (ms timestamp). */
  async withdrawalOf(account: string): Promise<{ amount: bigint; unlockAt: bigint }> {
    return (await this.suite.distributor.query.withdrawalOf(account)).data;
  }

  /** What `account` has staked. */
  async stakeOf(account: string): Promise<bigint> {
    return (await this.suite.distributor.query.stakeOf(account)).data;
  }

  /** The rewards `account` can claim now in `asset` (default: the native currency). */
  async pendingRewards(account: string, asset: RewardDistributorAssetLike = { type: 'Native' }): Promise<bigint> {
    return (await this.suite.distributor.query.pending(account, asset)).data;
  }

  /** Claims the signer's rewards in `asset`. */
  claimRewards(account: Account, asset: RewardDistributorAssetLike = { type: 'Native' }, options?: SendOptions) {
    const distributor = this.suite.distributor;
    return this.send(account, 'distributor', 'claim', (o) => distributor.query.claim(asset, o), (o) => distributor.tx.claim(asset, o), options);
  }

  // ---- mining ----

  /** The pool's current epoch, or `undefined` before it starts. */
  async currentEpoch(): Promise<number | undefined> {
    return (await this.suite.pool.query.currentEpoch()).data;
  }

  /** The tokens `account` can claim for `epoch`. */
  async claimableMined(account: string, epoch: number): Promise<bigint> {
    return (await this.suite.pool.query.claimable(account, epoch)).data;
  }

  /** Claims the tokens mined in `epoch`, or in each of `epochs` (at most 32). */
  claimMined(account: Account, epochs: number | number[], options?: SendOptions) {
    const pool = this.suite.pool;
    if (Array.isArray(epochs)) {
      return this.send(account, 'pool', 'claimEpochs', (o) => pool.query.claimEpochs(epochs, o), (o) => pool.tx.claimEpochs(epochs, o), options);
    }
    return this.send(account, 'pool', 'claim', (o) => pool.query.claim(epochs, o), (o) => pool.tx.claim(epochs, o), options);
  }

  /** The proof-of-work puzzle now: challenge, target, difficulty, reward, solutions, era, minted. */
  async powState(): Promise<ProofOfWorkPowState> {
    return (await this.suite.pow.query.state()).data;
  }

  /** Submits a proof-of-work solution for `challenge` (a stale one is refused); answers the reward minted. */
  mine(account: Account, challenge: `0x${string}`, nonce: bigint, options?: SendOptions) {
    const pow = this.suite.pow;
    return this.send(account, 'pow', 'mine', (o) => pow.query.mine(challenge, nonce, o), (o) => pow.tx.mine(challenge, nonce, o), options);
  }

  /** Submits a creation (its content hash and metadata URI) for the curators' review; answers its id. */
  submitCreation(account: Account, contentHash: `0x${string}`, uri: string, options?: SendOptions) {
    const desk = this.suite.creations;
    return this.send(account, 'creations', 'submit', (o) => desk.query.submit(contentHash, uri, o), (o) => desk.tx.submit(contentHash, uri, o), options);
  }

  // ---- the market ----

  /** The market now: its reserve, the supply it backs, the buy and exit prices of one token, fees owed. */
  async marketState(): Promise<CreatorMarketMarketState> {
    return this.unwrap('market', 'state', (await this.suite.market.query.state()).data);
  }

  /** What `nativeIn` buys now: tokens, cost, fee and refund. */
  async quoteBuy(nativeIn: bigint): Promise<CreatorMarketCurveBuyQuote> {
    return this.unwrap('market', 'quoteBuy', (await this.suite.market.query.quoteBuy(nativeIn)).data);
  }

  /** What selling `amount` pays now: gross, fee and payout. */
  async quoteSell(amount: bigint): Promise<CreatorMarketCurveSellQuote> {
    return this.unwrap('market', 'quoteSell', (await this.suite.market.query.quoteSell(amount)).data);
  }

  /**
   * Buys with `nativeIn`: at least the quote less `slippageBps` (default 1 %), before
   * `deadline` (default 10 minutes from the latest block); the overpayment is refunded.
   */
  async marketBuy(
    account: Account,
    nativeIn: bigint,
    { slippageBps = 100, deadline, minTokensOut, referrer, ...options }: SendOptions & { slippageBps?: number; deadline?: bigint; minTokensOut?: bigint; referrer?: string } = {},
  ) {
    const quote = await this.quoteBuy(nativeIn);
    const min = minTokensOut ?? lessSlippage(quote.tokens, slippageBps);
    const until = deadline ?? (await this.deadline());
    const market = this.suite.market;
    const receipt = await this.send(
      account,
      'market',
      'buy',
      (o) => market.query.buy(min, until, referrer, o),
      (o) => market.tx.buy(min, until, referrer, o),
      { ...options, value: nativeIn },
    );
    return { quote, minTokensOut: min, receipt };
  }

  /** Sells `amount` for at least the quote's payout less `slippageBps`, before `deadline`. */
  async marketSell(
    account: Account,
    amount: bigint,
    { slippageBps = 100, deadline, minNativeOut, referrer, ...options }: SendOptions & { slippageBps?: number; deadline?: bigint; minNativeOut?: bigint; referrer?: string } = {},
  ) {
    const quote = await this.quoteSell(amount);
    const min = minNativeOut ?? lessSlippage(quote.payout, slippageBps);
    const until = deadline ?? (await this.deadline());
    const market = this.suite.market;
    const receipt = await this.send(
      account,
      'market',
      'sell',
      (o) => market.query.sell(amount, min, until, referrer, o),
      (o) => market.tx.sell(amount, min, until, referrer, o),
      options,
    );
    return { quote, minNativeOut: min, receipt };
  }

  // ---- the creator's actions (each needs its role: the contract refuses others in words) ----

  /** Opens a drop (replacing the current one); answers its id. The creator (`DROP_MANAGER`) only. */
  configureDrop(account: Account, config: CreatorNftDropConfigLike, options?: SendOptions) {
    const nft = this.suite.collection;
    return this.send(account, 'collection', 'configureDrop', (o) => nft.query.configureDrop(config, o), (o) => nft.tx.configureDrop(config, o), options);
  }

  /** Ends the current drop. */
  endDrop(account: Account, options?: SendOptions) {
    const nft = this.suite.collection;
    return this.send(account, 'collection', 'endDrop', (o) => nft.query.endDrop(o), (o) => nft.tx.endDrop(o), options);
  }

  /** Accepts (mints it to its creator, credits their points) or rejects a submitted creation. A curator only. */
  reviewCreation(account: Account, id: bigint, accept: boolean, options?: SendOptions) {
    const desk = this.suite.creations;
    return this.send(account, 'creations', 'review', (o) => desk.query.review(id, accept, o), (o) => desk.tx.review(id, accept, o), options);
  }

  /** Registers a community project (its URI, the lead who attests for it, its points per epoch); answers its id. */
  registerProject(account: Account, uri: string, lead: string, budget: bigint, options?: SendOptions) {
    const pool = this.suite.pool;
    return this.send(account, 'pool', 'registerProject', (o) => pool.query.registerProject(uri, lead, budget, o), (o) => pool.tx.registerProject(uri, lead, budget, o), options);
  }

  /** Credits `points` to `contributor` for `project` in the current epoch; answers the attestation's id. The project's lead only. */
  attest(account: Account, project: number, contributor: string, points: bigint, reference: `0x${string}`, options?: SendOptions) {
    const pool = this.suite.pool;
    return this.send(account, 'pool', 'attest', (o) => pool.query.attest(project, contributor, points, reference, o), (o) => pool.tx.attest(project, contributor, points, reference, o), options);
  }

  /** The market fees `recipient` can withdraw. */
  async feesOf(recipient: string): Promise<bigint> {
    return (await this.suite.market.query.feesOf(recipient)).data;
  }

  /** Pays `recipient` its accrued market fees (anyone may send it; the money goes to the recipient). */
  withdrawFees(account: Account, recipient: string, options?: SendOptions) {
    const market = this.suite.market;
    return this.send(account, 'market', 'withdrawFees', (o) => market.query.withdrawFees(recipient, o), (o) => market.tx.withdrawFees(recipient, o), options);
  }
}
