// The suite's user actions over Polkadot.js: read a creator's suite from the factory, token
// balances and metadata, approve + buy an NFT, stake, claim rewards, claim mined tokens, buy
// and sell on the market. Every transaction is dry-run first: a refusal is reported as a
// typed `ContractError` before anything is signed, and the dry-run's `gasRequired` and
// storage deposit become the transaction's limits.

import { ContractPromise } from '@polkadot/api-contract';
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';

import * as calls from './calls.js';
import {
  CONTRACTS,
  ContractError,
  decodeEventBytes,
  decodeOutput,
  describeError,
  encodeCall,
  makeAbis,
} from './codec.js';

/** @typedef {import('./codec.js').Call} Call */
/** @typedef {import('./codec.js').ContractName} ContractName */
/** @typedef {import('./codec.js').Plain} Plain */
/** @typedef {import('./codec.js').DecodedEvent} DecodedEvent */
/** @typedef {import('./calls.js').Address} Address */
/** @typedef {import('./calls.js').Amount} Amount */
/** @typedef {import('./calls.js').Asset} Asset */
/** @typedef {import('@polkadot/api-contract').Abi} Abi */
/** @typedef {import('@polkadot/api').ApiPromise} ApiPromise */

/**
 * Who signs: a keyring pair (e.g. from `//Alice` or a mnemonic), or a browser wallet's
 * account with the extension's signer (`web3FromAddress(address).signer`).
 * @typedef {import('@polkadot/keyring/types').KeyringPair | { address: string, signer: import('@polkadot/types/types').Signer }} Account
 */

/** @typedef {{ refTime: bigint, proofSize: bigint }} Gas */

/**
 * What a dry run of a call reported.
 * @typedef {object} DryRun
 * @property {Uint8Array} output the contract's return data (starts with ink!'s LangError tag)
 * @property {boolean} reverted the contract reverted (refused): its changes would roll back
 * @property {Gas} gasRequired the weight the call needs (use it as the gas limit)
 * @property {bigint} storageDeposit the storage deposit the call charges (0 if it refunds)
 * @property {string} [dispatchError] set when the runtime refused or the contract trapped
 */

/**
 * A transaction included in a block.
 * @typedef {object} Submitted
 * @property {string} blockHash
 * @property {string} txHash
 * @property {{ address: string, topics: string[], data: string }[]} events every `ContractEmitted` of the extrinsic
 */

/**
 * A call as the backend sees it.
 * @typedef {object} Request
 * @property {string} address the contract's address
 * @property {Call} call
 * @property {Uint8Array} data the call data (selector + SCALE arguments)
 * @property {string} caller
 * @property {bigint} value native value sent along (payable messages)
 */

/**
 * How calls reach a chain. `PolkadotBackend` talks to a node through an `ApiPromise`; tests
 * substitute one that answers from recorded contract outputs.
 * @typedef {object} Backend
 * @property {(request: Request) => Promise<DryRun>} dryRun
 * @property {(request: Request & { gasLimit: Gas, storageDepositLimit: bigint | null }, account: Account) => Promise<Submitted>} submit
 * @property {() => Promise<bigint>} now the latest block's timestamp (ms)
 */

/**
 * What a transaction did.
 * @typedef {object} Receipt
 * @property {Plain} value the message's answer (the `Ok` value for `Result` messages)
 * @property {DecodedEvent[]} events the contract events the transaction emitted, decoded
 * @property {(DecodedEvent & { contract: string, address: string })[]} contractEvents the same, with where they came from
 * @property {string} blockHash
 * @property {string} txHash
 * @property {Gas} gasLimit
 * @property {bigint | null} storageDepositLimit
 */

/**
 * The addresses of one creator's suite, as the factory's registry stores them (hex).
 * @typedef {{ token: string, collection: string, distributor: string, pool: string, vesting: string, market: string, pow: string, creations: string, mode: 'Fair' | 'Custom' }} Suite
 */

/** @param {Address} address @returns {string} the account's 32 bytes as hex */
export function accountHex(address) {
  return u8aToHex(decodeAddress(address));
}

/** @param {Plain} value @returns {bigint} */
const big = (value) => BigInt(/** @type {string} */ (value));

/**
 * The options of the transaction that follows a dry run: `gasRequired` as the gas limit and
 * the charged storage deposit as the deposit limit (`null`, no limit, when it refunds).
 * @param {DryRun} dry
 * @returns {{ gasLimit: Gas, storageDepositLimit: bigint | null }}
 */
export function txLimits(dry) {
  return {
    gasLimit: dry.gasRequired,
    storageDepositLimit: dry.storageDeposit > 0n ? dry.storageDeposit : null,
  };
}

/** Sends calls through an `ApiPromise` (`@polkadot/api-contract`'s `ContractPromise`). */
export class PolkadotBackend {
  /**
   * @param {ApiPromise} api a connected API (`await ApiPromise.create({ provider })`)
   * @param {Partial<Record<ContractName, Abi>>} abis
   */
  constructor(api, abis) {
    this.api = api;
    this.abis = abis;
    /** @type {Map<string, ContractPromise>} */
    this.contracts = new Map();
  }

  /** @param {string} address @param {ContractName} name @returns {ContractPromise} */
  contract(address, name) {
    const key = `${name}@${address}`;
    let contract = this.contracts.get(key);
    if (!contract) {
      const abi = this.abis[name];
      if (!abi) throw new Error(`no metadata for ${name}`);
      contract = new ContractPromise(this.api, abi, address);
      this.contracts.set(key, contract);
    }
    return contract;
  }

  /**
   * The most a dry run may use: the block's maximum weight (the dry run reports what the call
   * really needs).
   */
  maxGas() {
    const { api } = this;
    const max = /** @type {any} */ (api.consts.system?.blockWeights)?.maxBlock;
    return /** @type {import('@polkadot/types/interfaces').WeightV2} */ (
      api.registry.createType('WeightV2', max ?? { refTime: 2_000_000_000_000n, proofSize: 5n * 1024n * 1024n })
    );
  }

  /** @param {Request} request @returns {Promise<DryRun>} */
  async dryRun({ address, call, caller, value }) {
    const contract = this.contract(address, call.contract);
    const method = contract.abi.findMessage(call.message).method;
    const query = contract.query[method];
    const { result, gasRequired, storageDeposit } = await query(
      caller,
      { gasLimit: this.maxGas(), storageDepositLimit: null, value },
      ...call.args,
    );
    const gas = {
      refTime: BigInt(gasRequired.refTime.toString()),
      proofSize: BigInt(gasRequired.proofSize.toString()),
    };
    const deposit = storageDeposit.isCharge ? BigInt(storageDeposit.asCharge.toString()) : 0n;
    if (result.isErr) {
      return {
        output: new Uint8Array(),
        reverted: true,
        gasRequired: gas,
        storageDeposit: deposit,
        dispatchError: this.describeDispatchError(result.asErr),
      };
    }
    const ok = result.asOk;
    return { output: ok.data.toU8a(true), reverted: ok.flags.isRevert, gasRequired: gas, storageDeposit: deposit };
  }

  /** @param {import('@polkadot/types/interfaces').DispatchError} error */
  describeDispatchError(error) {
    if (error.isModule) {
      const meta = this.api.registry.findMetaError(error.asModule);
      return `${meta.section}.${meta.name}`;
    }
    return error.type;
  }

  /**
   * @param {Request & { gasLimit: Gas, storageDepositLimit: bigint | null }} request
   * @param {Account} account
   * @returns {Promise<Submitted>}
   */
  async submit({ address, call, value, gasLimit, storageDepositLimit }, account) {
    const contract = this.contract(address, call.contract);
    const method = contract.abi.findMessage(call.message).method;
    const tx = contract.tx[method](
      {
        gasLimit: /** @type {import('@polkadot/types/interfaces').WeightV2} */ (this.api.registry.createType('WeightV2', gasLimit)),
        storageDepositLimit,
        value,
      },
      ...call.args,
    );
    return new Promise((resolve, reject) => {
      /** @type {(() => void) | undefined} */
      let unsubscribe;
      let done = false;
      /** @param {import('@polkadot/api').SubmittableResult} result */
      const onStatus = (result) => {
        if (done) return;
        if (result.dispatchError) {
          done = true;
          unsubscribe?.();
          const error = this.describeDispatchError(result.dispatchError);
          reject(new ContractError(`${call.message}: the extrinsic failed: ${error}`, { kind: 'module', call, error }));
        } else if (result.status.isInBlock || result.status.isFinalized) {
          done = true;
          unsubscribe?.();
          const events = result.events
            .filter(({ event }) => this.api.events.contracts.ContractEmitted.is(event))
            .map((record) => ({
              address: u8aToHex(decodeAddress(record.event.data[0].toString())),
              topics: record.topics.map((topic) => topic.toHex()),
              data: u8aToHex(/** @type {Uint8Array} */ (/** @type {unknown} */ (record.event.data[1]))),
            }));
          const blockHash = result.status.isInBlock ? result.status.asInBlock.toHex() : result.status.asFinalized.toHex();
          resolve({ blockHash, txHash: tx.hash.toHex(), events });
        } else if (result.isError) {
          done = true;
          unsubscribe?.();
          reject(new ContractError(`${call.message}: the transaction was ${result.status.type}`, { kind: 'dispatch', call, error: result.status.type }));
        }
      };
      const sent = 'sign' in account
        ? tx.signAndSend(account, onStatus)
        : tx.signAndSend(account.address, { signer: account.signer }, onStatus);
      sent.then((unsub) => {
        unsubscribe = unsub;
        if (done) unsub();
      }, reject);
    });
  }

  async now() {
    const now = await /** @type {any} */ (this.api.query).timestamp.now();
    return BigInt(now.toString());
  }
}

/** The creator suite's user actions. */
export class SuiteClient {
  /**
   * A client over a connected `ApiPromise`.
   * @param {ApiPromise} api
   * @param {Partial<Record<ContractName, Record<string, unknown> | string>>} metadata the
   *   contracts' metadata (`.contract` or `.json` files, parsed), by crate name
   */
  static fromApi(api, metadata) {
    const abis = makeAbis(metadata, api.registry.getChainProperties());
    return new SuiteClient(new PolkadotBackend(api, abis), abis);
  }

  /**
   * @param {Backend} backend
   * @param {Partial<Record<ContractName, Abi>>} abis
   */
  constructor(backend, abis) {
    this.backend = backend;
    this.abis = abis;
    /** @type {Map<string, ContractName>} contract addresses (hex) the client knows */
    this.known = new Map();
  }

  /** @param {ContractName} name @returns {Abi} */
  abi(name) {
    const abi = this.abis[name];
    if (!abi) throw new Error(`no metadata for ${name}`);
    return abi;
  }

  /**
   * Remembers which contract lives at `address`, to decode its events.
   * @param {Address} address @param {ContractName} name
   */
  track(address, name) {
    this.known.set(accountHex(address), name);
  }

  /**
   * Dry-runs `call` on `address` as `caller` and decodes the answer.
   * @param {Address} address
   * @param {Call} call
   * @param {{ caller?: Address, value?: Amount }} [options] `caller` defaults to the contract itself
   * @returns {Promise<{ answer: import('./codec.js').Answer, dry: DryRun, data: Uint8Array }>}
   */
  async dryRun(address, call, { caller, value = 0n } = {}) {
    const abi = this.abi(call.contract);
    const data = encodeCall(abi, call);
    const hex = accountHex(address);
    this.known.set(hex, call.contract);
    const request = { address: hex, call, data, caller: accountHex(caller ?? address), value: BigInt(value.toString()) };
    const dry = await this.backend.dryRun(request);
    if (dry.dispatchError) {
      throw new ContractError(`${call.message}: ${dry.dispatchError}`, { kind: 'dispatch', call, error: dry.dispatchError });
    }
    return { answer: decodeOutput(abi, call.message, dry.output), dry, data };
  }

  /**
   * Reads a message's answer (a dry run; nothing is signed).
   * @param {Address} address @param {Call} call @param {{ caller?: Address, value?: Amount }} [options]
   * @returns {Promise<Plain>} the value, or the `Ok` value of a `Result`
   * @throws {ContractError} the message returned `Err` (`error` holds it), or the call failed
   */
  async read(address, call, options) {
    const { answer } = await this.dryRun(address, call, options);
    if (!answer.ok) {
      throw new ContractError(`${call.message}: ${describeError(answer.error)}`, { kind: 'contract', call, error: answer.error });
    }
    return answer.value;
  }

  /**
   * Dry-runs `call` as the signer, then signs and sends it with the dry run's gas and
   * storage deposit as limits; waits until it is in a block.
   * @param {Account} account @param {Address} address @param {Call} call
   * @param {{ value?: Amount }} [options]
   * @returns {Promise<Receipt>}
   * @throws {ContractError} the dry run was refused (nothing was signed), or the extrinsic failed
   */
  async send(account, address, call, { value = 0n } = {}) {
    const { answer, dry, data } = await this.dryRun(address, call, { caller: account.address, value });
    if (!answer.ok) {
      throw new ContractError(`${call.message}: ${describeError(answer.error)}`, { kind: 'contract', call, error: answer.error });
    }
    if (dry.reverted) {
      throw new ContractError(`${call.message}: the contract reverted`, { kind: 'dispatch', call, error: 'reverted' });
    }
    const limits = txLimits(dry);
    const request = {
      address: accountHex(address),
      call,
      data,
      caller: accountHex(account.address),
      value: BigInt(value.toString()),
      ...limits,
    };
    const submitted = await this.backend.submit(request, account);
    const contractEvents = submitted.events.map((event) => ({ ...this.decodeEvent(event), address: event.address }));
    return {
      value: answer.value,
      events: contractEvents.map(({ event, identifier, fields }) => ({ event, identifier, fields })),
      contractEvents,
      blockHash: submitted.blockHash,
      txHash: submitted.txHash,
      ...limits,
    };
  }

  /**
   * Decodes a contract event with the metadata of the contract that emitted it (or, for an
   * address the client has not seen, the first contract whose metadata matches).
   * @param {{ address: string, topics: string[], data: string }} event
   * @returns {DecodedEvent & { contract: string }}
   */
  decodeEvent({ address, topics, data }) {
    const known = this.known.get(accountHex(address));
    const names = known ? [known] : CONTRACTS.filter((name) => this.abis[name]);
    for (const name of names) {
      try {
        return { contract: name, ...decodeEventBytes(this.abi(name), topics, data) };
      } catch {
        // not this contract's event
      }
    }
    return { contract: known ?? 'unknown', event: 'Unknown', identifier: '', fields: { topics, data } };
  }

  // ---- the factory's registry ----

  /**
   * A creator's suite, or `null` if the creator has none; remembers its addresses.
   * @param {Address} factory @param {Address} creator @returns {Promise<Suite | null>}
   */
  async getSuite(factory, creator) {
    const suite = /** @type {Suite | null} */ (await this.read(factory, calls.factory.suiteOf(creator)));
    if (suite) {
      this.track(suite.token, 'creator_token');
      this.track(suite.collection, 'creator_nft');
      this.track(suite.distributor, 'reward_distributor');
      this.track(suite.pool, 'mining_pool');
      this.track(suite.vesting, 'creator_vesting');
      this.track(suite.market, 'creator_market');
      this.track(suite.pow, 'proof_of_work');
      this.track(suite.creations, 'creation_mining');
    }
    return suite;
  }

  /** @param {Address} factory @param {number} [start] @param {number} [count] at most 100 @returns {Promise<string[]>} */
  async listCreators(factory, start = 0, count = 100) {
    return /** @type {string[]} */ (await this.read(factory, calls.factory.creators(start, count)));
  }

  /** @param {Address} factory @returns {Promise<number>} */
  async creatorCount(factory) {
    return Number(await this.read(factory, calls.factory.creatorCount()));
  }

  // ---- the token ----

  /**
   * What a wallet shows: name, symbol, decimals, supply and cap.
   * @param {Address} token
   * @returns {Promise<{ name: string | null, symbol: string | null, decimals: number, totalSupply: bigint, cap: bigint }>}
   */
  async tokenInfo(token) {
    const [name, symbol, decimals, totalSupply, cap] = await Promise.all([
      this.read(token, calls.token.name()),
      this.read(token, calls.token.symbol()),
      this.read(token, calls.token.decimals()),
      this.read(token, calls.token.totalSupply()),
      this.read(token, calls.token.cap()),
    ]);
    return {
      name: /** @type {string | null} */ (name),
      symbol: /** @type {string | null} */ (symbol),
      decimals: Number(decimals),
      totalSupply: big(totalSupply),
      cap: big(cap),
    };
  }

  /** @param {Address} token @param {Address} owner @returns {Promise<bigint>} */
  async balanceOf(token, owner) {
    return big(await this.read(token, calls.token.balanceOf(owner)));
  }

  /** @param {Address} token @param {Address} owner @param {Address} spender @returns {Promise<bigint>} */
  async allowance(token, owner, spender) {
    return big(await this.read(token, calls.token.allowance(owner, spender)));
  }

  /** @param {Account} account @param {Address} token @param {Address} to @param {Amount} amount */
  transfer(account, token, to, amount) {
    return this.send(account, token, calls.token.transfer(to, amount));
  }

  /** @param {Account} account @param {Address} token @param {Address} spender @param {Amount} amount */
  approve(account, token, spender, amount) {
    return this.send(account, token, calls.token.approve(spender, amount));
  }

  /**
   * Approves `spender` for `amount` unless its allowance already covers it.
   * @param {Account} account @param {Address} token @param {Address} spender @param {Amount} amount
   * @returns {Promise<Receipt | null>} the approval, or `null` when none was needed
   */
  async ensureAllowance(account, token, spender, amount) {
    const current = await this.allowance(token, account.address, spender);
    if (current >= BigInt(amount.toString())) return null;
    return this.approve(account, token, spender, amount);
  }

  // ---- NFT drops ----

  /** @param {Address} collection @returns {Promise<any>} the current drop (`{ id, config, sold }`) or `null` */
  async dropInfo(collection) {
    return this.read(collection, calls.collection.dropInfo());
  }

  /**
   * Buys `quantity` items of the collection's current drop: approves the collection on the
   * payment token for `quantity * price` if needed, then calls `buy` bound to that drop's id
   * and that price, so a drop reconfigured in between refuses instead of charging more.
   * @param {Account} account @param {Address} collection @param {number} quantity
   * @param {{ allowance?: number, proof?: string[] }} [allowlist] the leaf's allowance and proof
   * @returns {Promise<{ ids: Plain[], approval: Receipt | null, receipt: Receipt }>}
   */
  async buyNft(account, collection, quantity, { allowance = 0, proof = [] } = {}) {
    const drop = await this.dropInfo(collection);
    if (!drop) throw new ContractError('buy: the collection has no drop', { kind: 'contract', error: 'NoActiveDrop' });
    const cost = big(drop.config.price) * BigInt(quantity);
    const approval = cost > 0n ? await this.ensureAllowance(account, drop.config.paymentToken, collection, cost) : null;
    const receipt = await this.send(account, collection, calls.collection.buy(drop.id, quantity, cost, allowance, proof));
    return { ids: /** @type {Plain[]} */ (receipt.value), approval, receipt };
  }

  // ---- staking and rewards ----

  /**
   * Stakes `amount` of the staking token (approving the distributor first if needed).
   * @param {Account} account @param {Address} distributor @param {Amount} amount
   * @returns {Promise<{ approval: Receipt | null, receipt: Receipt }>}
   */
  async stake(account, distributor, amount) {
    const token = /** @type {string} */ (await this.read(distributor, calls.distributor.stakingToken()));
    this.track(token, 'creator_token');
    const approval = await this.ensureAllowance(account, token, distributor, amount);
    const receipt = await this.send(account, distributor, calls.distributor.stake(amount));
    return { approval, receipt };
  }

  /** @param {Account} account @param {Address} distributor @param {Amount} amount */
  unstake(account, distributor, amount) {
    return this.send(account, distributor, calls.distributor.unstake(amount));
  }

  /** @param {Address} distributor @param {Address} account @returns {Promise<bigint>} */
  async stakeOf(distributor, account) {
    return big(await this.read(distributor, calls.distributor.stakeOf(account)));
  }

  /** @param {Address} distributor @param {Address} account @param {Asset} [asset] @returns {Promise<bigint>} */
  async pendingRewards(distributor, account, asset = 'Native') {
    return big(await this.read(distributor, calls.distributor.pending(account, asset)));
  }

  /**
   * Claims one asset's rewards, or every asset's when `asset` is omitted.
   * @param {Account} account @param {Address} distributor @param {Asset} [asset]
   * @returns {Promise<Receipt>} `value` is the amount (one asset) or `[[asset, amount], ...]`
   */
  claimRewards(account, distributor, asset) {
    return this.send(account, distributor, asset === undefined ? calls.distributor.claimAll() : calls.distributor.claim(asset));
  }

  // ---- contribution mining ----

  /** @param {Address} pool @param {Address} account @param {number} epoch @returns {Promise<bigint>} */
  async claimableMined(pool, account, epoch) {
    return big(await this.read(pool, calls.pool.claimable(account, epoch)));
  }

  /** @param {Address} pool @returns {Promise<number | null>} */
  async currentEpoch(pool) {
    const epoch = await this.read(pool, calls.pool.currentEpoch());
    return epoch === null ? null : Number(epoch);
  }

  /**
   * Claims the tokens mined in `epochs` (one epoch, or up to 32 in one call).
   * @param {Account} account @param {Address} pool @param {number | number[]} epochs
   */
  claimMined(account, pool, epochs) {
    return this.send(account, pool, Array.isArray(epochs) ? calls.pool.claimEpochs(epochs) : calls.pool.claim(epochs));
  }

  // ---- the market ----

  /**
   * @param {Address} market @param {Amount} nativeIn
   * @returns {Promise<{ tokens: bigint, cost: bigint, fee: bigint, refund: bigint }>}
   */
  async quoteBuy(market, nativeIn) {
    const quote = /** @type {Record<string, string>} */ (await this.read(market, calls.market.quoteBuy(nativeIn)));
    return { tokens: big(quote.tokens), cost: big(quote.cost), fee: big(quote.fee), refund: big(quote.refund) };
  }

  /**
   * @param {Address} market @param {Amount} amount
   * @returns {Promise<{ gross: bigint, fee: bigint, payout: bigint }>}
   */
  async quoteSell(market, amount) {
    const quote = /** @type {Record<string, string>} */ (await this.read(market, calls.market.quoteSell(amount)));
    return { gross: big(quote.gross), fee: big(quote.fee), payout: big(quote.payout) };
  }

  /**
   * The deadline `ms` after the latest block's timestamp.
   * @param {number} [ms]
   */
  async deadline(ms = 10 * 60 * 1000) {
    return (await this.backend.now()) + BigInt(ms);
  }

  /**
   * Buys tokens with `nativeIn`: quotes, then buys with at least the quote minus
   * `slippageBps` (default 1 %) before `deadline` (default 10 minutes from now).
   * @param {Account} account @param {Address} market @param {Amount} nativeIn
   * `referrer`, if given, receives the referrer's share of the fee.
   * @param {{ slippageBps?: number, deadline?: Amount, minTokensOut?: Amount, referrer?: Address | null }} [options]
   * @returns {Promise<{ quote: { tokens: bigint, cost: bigint, fee: bigint, refund: bigint }, minTokensOut: bigint, receipt: Receipt }>}
   */
  async marketBuy(account, market, nativeIn, { slippageBps = 100, deadline, minTokensOut, referrer = null } = {}) {
    const quote = await this.quoteBuy(market, nativeIn);
    const min = minTokensOut === undefined
      ? (quote.tokens * BigInt(10_000 - slippageBps)) / 10_000n
      : BigInt(minTokensOut.toString());
    const until = deadline === undefined ? await this.deadline() : BigInt(deadline.toString());
    const receipt = await this.send(account, market, calls.market.buy(min, until, referrer), { value: nativeIn });
    return { quote, minTokensOut: min, receipt };
  }

  /**
   * Sells `amount` tokens back to the market for at least the quote minus `slippageBps`.
   * @param {Account} account @param {Address} market @param {Amount} amount
   * @param {{ slippageBps?: number, deadline?: Amount, minNativeOut?: Amount, referrer?: Address | null }} [options]
   * @returns {Promise<{ quote: { gross: bigint, fee: bigint, payout: bigint }, minNativeOut: bigint, receipt: Receipt }>}
   */
  async marketSell(account, market, amount, { slippageBps = 100, deadline, minNativeOut, referrer = null } = {}) {
    const quote = await this.quoteSell(market, amount);
    const min = minNativeOut === undefined
      ? (quote.payout * BigInt(10_000 - slippageBps)) / 10_000n
      : BigInt(minNativeOut.toString());
    const until = deadline === undefined ? await this.deadline() : BigInt(deadline.toString());
    const receipt = await this.send(account, market, calls.market.sell(amount, min, until, referrer));
    return { quote, minNativeOut: min, receipt };
  }
}
