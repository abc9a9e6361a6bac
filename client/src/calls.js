// The calls behind each user action, as data: which contract, which message, which
// arguments. The client sends them; tests compare their encoding with what the contracts saw.

/** @typedef {import('./codec.js').Call} Call */
/** @typedef {string | Uint8Array} Address SS58 or hex */
/** @typedef {bigint | number | string | import('@polkadot/util').BN} Amount integer, in the smallest unit */
/** @typedef {'Native' | { Token: Address }} Asset a reward asset of the distributor */
/** @typedef {{ U8: Amount } | { U16: Amount } | { U32: Amount } | { U64: Amount } | { U128: Amount } | { Bytes: string | Uint8Array }} NftId */

/**
 * @param {Call['contract']} contract
 * @param {string} message
 * @param {unknown[]} [args]
 * @param {boolean} [payable]
 * @returns {Call}
 */
const call = (contract, message, args = [], payable = false) =>
  payable ? { contract, message, args, payable } : { contract, message, args };

/** The factory's registry (`creator_factory`). */
export const factory = {
  /** @param {Address} creator @returns {Call} `Option<Suite>` */
  suiteOf: (creator) => call('creator_factory', 'suite_of', [creator]),
  /** @param {number} start @param {number} count at most 100 @returns {Call} `Vec<AccountId>` */
  creators: (start, count) => call('creator_factory', 'creators', [start, count]),
  /** @returns {Call} `u32` */
  creatorCount: () => call('creator_factory', 'creator_count'),
  /** @param {Address} creator @returns {Call} `u32` */
  nonceOf: (creator) => call('creator_factory', 'nonce_of', [creator]),
};

/** The creator token (`creator_token`), standard PSP22 selectors. */
export const token = {
  /** @returns {Call} */
  totalSupply: () => call('creator_token', 'PSP22::total_supply'),
  /** @param {Address} owner @returns {Call} */
  balanceOf: (owner) => call('creator_token', 'PSP22::balance_of', [owner]),
  /** @param {Address} owner @param {Address} spender @returns {Call} */
  allowance: (owner, spender) => call('creator_token', 'PSP22::allowance', [owner, spender]),
  /** @param {Address} to @param {Amount} value @param {string | Uint8Array} [data] @returns {Call} */
  transfer: (to, value, data = '0x') => call('creator_token', 'PSP22::transfer', [to, value, data]),
  /** @param {Address} from @param {Address} to @param {Amount} value @param {string | Uint8Array} [data] @returns {Call} */
  transferFrom: (from, to, value, data = '0x') =>
    call('creator_token', 'PSP22::transfer_from', [from, to, value, data]),
  /** @param {Address} spender @param {Amount} value @returns {Call} */
  approve: (spender, value) => call('creator_token', 'PSP22::approve', [spender, value]),
  /** @param {Address} spender @param {Amount} delta @returns {Call} */
  increaseAllowance: (spender, delta) => call('creator_token', 'PSP22::increase_allowance', [spender, delta]),
  /** @param {Address} spender @param {Amount} delta @returns {Call} */
  decreaseAllowance: (spender, delta) => call('creator_token', 'PSP22::decrease_allowance', [spender, delta]),
  /** @returns {Call} */
  name: () => call('creator_token', 'PSP22Metadata::token_name'),
  /** @returns {Call} */
  symbol: () => call('creator_token', 'PSP22Metadata::token_symbol'),
  /** @returns {Call} */
  decimals: () => call('creator_token', 'PSP22Metadata::token_decimals'),
  /** @returns {Call} */
  cap: () => call('creator_token', 'PSP22Capped::cap'),
};

/** The NFT collection (`creator_nft`). */
export const collection = {
  /** @returns {Call} `Option<Drop>` */
  dropInfo: () => call('creator_nft', 'drop_info'),
  /** @param {number} dropId @param {Address} account @returns {Call} */
  boughtInDrop: (dropId, account) => call('creator_nft', 'bought_in_drop', [dropId, account]),
  /**
   * @param {number} dropId the drop the buyer agreed to (`WrongDrop` if it was replaced)
   * @param {number} quantity
   * @param {Amount} maxTotalPrice the most the buyer pays (`PriceAboveMax` above it)
   * @param {number} [allowance] the allowlist leaf's allowance (0 without an allowlist)
   * @param {(string | Uint8Array)[]} [proof] the Merkle proof of `(buyer, allowance)`
   * @returns {Call} `Result<Vec<Id>, CollectionError>`
   */
  buy: (dropId, quantity, maxTotalPrice, allowance = 0, proof = []) =>
    call('creator_nft', 'buy', [dropId, quantity, maxTotalPrice, allowance, proof]),
  /** @param {Address} owner @returns {Call} */
  balanceOf: (owner) => call('creator_nft', 'PSP34::balance_of', [owner]),
  /** @param {NftId} id @returns {Call} */
  ownerOf: (id) => call('creator_nft', 'PSP34::owner_of', [id]),
  /** @param {Address} to @param {NftId} id @param {string | Uint8Array} [data] @returns {Call} */
  transfer: (to, id, data = '0x') => call('creator_nft', 'PSP34::transfer', [to, id, data]),
  /** @param {Address} owner @param {Amount} index @returns {Call} */
  ownersTokenByIndex: (owner, index) => call('creator_nft', 'PSP34Enumerable::owners_token_by_index', [owner, index]),
};

/** The reward distributor (`reward_distributor`). */
export const distributor = {
  /** @returns {Call} */
  stakingToken: () => call('reward_distributor', 'staking_token'),
  /** @param {Amount} amount @returns {Call} pulls the token with `transfer_from`: approve first */
  stake: (amount) => call('reward_distributor', 'stake', [amount]),
  /** @param {Amount} amount @returns {Call} */
  unstake: (amount) => call('reward_distributor', 'unstake', [amount]),
  /** @returns {Call} after the cooldown */
  withdraw: () => call('reward_distributor', 'withdraw'),
  /** @param {Address} account @returns {Call} */
  stakeOf: (account) => call('reward_distributor', 'stake_of', [account]),
  /** @param {Address} account @param {Asset} asset @returns {Call} */
  pending: (account, asset) => call('reward_distributor', 'pending', [account, asset]),
  /** @param {Asset} asset @returns {Call} `Result<u128, DistributorError>` */
  claim: (asset) => call('reward_distributor', 'claim', [asset]),
  /** @returns {Call} `Result<Vec<(Asset, u128)>, DistributorError>` */
  claimAll: () => call('reward_distributor', 'claim_all'),
  /** @returns {Call} */
  rewardAssets: () => call('reward_distributor', 'reward_assets'),
};

/** The mining pool (`mining_pool`). */
export const pool = {
  /** @returns {Call} `Option<u32>` */
  currentEpoch: () => call('mining_pool', 'current_epoch'),
  /** @param {Address} account @param {number} epoch @returns {Call} */
  claimable: (account, epoch) => call('mining_pool', 'claimable', [account, epoch]),
  /** @param {number} epoch @returns {Call} `Option<u64>`: when the epoch becomes claimable */
  claimableAt: (epoch) => call('mining_pool', 'claimable_at', [epoch]),
  /** @param {number} epoch @returns {Call} `Result<u128, PoolError>` */
  claim: (epoch) => call('mining_pool', 'claim', [epoch]),
  /** @param {number[]} epochs at most 32 @returns {Call} */
  claimEpochs: (epochs) => call('mining_pool', 'claim_epochs', [epochs]),
  /** @param {number} id @returns {Call} `Option<Project>`: uri, lead, budget per epoch, active */
  project: (id) => call('mining_pool', 'project', [id]),
  /** @returns {Call} `u32`: projects are numbered from 0 */
  projectCount: () => call('mining_pool', 'project_count'),
  /** @param {number} project @param {number} epoch @returns {Call} `u128` of its budget */
  projectUsed: (project, epoch) => call('mining_pool', 'project_used', [project, epoch]),
  /**
   * Admin only.
   * @param {string} uri name or URI, at most 128 bytes @param {Address} lead @param {Amount} budget
   * @returns {Call} `Result<u32, PoolError>`: the project id
   */
  registerProject: (uri, lead, budget) => call('mining_pool', 'register_project', [uri, lead, budget]),
  /**
   * The project's lead only.
   * @param {number} project @param {Address} contributor @param {Amount} points
   * @param {string} reference 0x + 32 bytes: hash of the evidence
   * @returns {Call} `Result<u64, PoolError>`: the attestation id
   */
  attest: (project, contributor, points, reference) =>
    call('mining_pool', 'attest', [project, contributor, points, reference]),
  /**
   * Anyone submits a voucher its project's lead signed (`e2e-tests/src/bin/voucher.rs` prints one).
   * @param {object} voucher project, contributor, epoch, points, reference, nonce, deadline
   * @param {string} signature 0x + 65 bytes
   * @returns {Call} `Result<u64, PoolError>`
   */
  submitVoucher: (voucher, signature) => call('mining_pool', 'submit_voucher', [voucher, signature]),
};

/** The creation-mining desk (`creation_mining`): fans submit creations, curators review them. */
export const creations = {
  /**
   * The caller's creation; accepted at once in open mode.
   * @param {string} contentHash 0x + 32 bytes @param {string} uri at most 256 bytes
   * @returns {Call} `Result<u64, CreationError>`: the submission id
   */
  submit: (contentHash, uri) => call('creation_mining', 'submit', [contentHash, uri]),
  /** `CURATOR` only. @param {number | bigint} id @param {boolean} accept @returns {Call} `Result<(), CreationError>` */
  review: (id, accept) => call('creation_mining', 'review', [id, accept]),
  /** Anyone, once the review window passed. @param {number | bigint} id @returns {Call} */
  expire: (id) => call('creation_mining', 'expire', [id]),
  /** @param {number | bigint} id @returns {Call} `Option<Submission>` while it waits */
  submission: (id) => call('creation_mining', 'submission', [id]),
  /** @param {string} contentHash @returns {Call} `Option<ContentState>`: Pending(id) or Minted */
  contentState: (contentHash) => call('creation_mining', 'content_state', [contentHash]),
  /** @param {Address} account @returns {Call} `u32` submissions waiting */
  pendingOf: (account) => call('creation_mining', 'pending_of', [account]),
  /** @returns {Call} `Rules`: points, review window, pending cap, mode */
  rules: () => call('creation_mining', 'rules'),
};

/** The creator market (`creator_market`): every holder can sell back; fees reward the community. */
export const market = {
  /** @param {Amount} nativeIn @returns {Call} `Result<BuyQuote, MarketError>` */
  quoteBuy: (nativeIn) => call('creator_market', 'quote_buy', [nativeIn]),
  /** @param {Amount} amount @returns {Call} `Result<SellQuote, MarketError>` */
  quoteSell: (amount) => call('creator_market', 'quote_sell', [amount]),
  /**
   * @param {Amount} minTokensOut @param {Amount} deadline ms
   * @param {Address | null} [referrer] receives the referrer's share of the fee
   * @returns {Call} payable: send the native value
   */
  buy: (minTokensOut, deadline, referrer = null) =>
    call('creator_market', 'buy', [minTokensOut, deadline, referrer], true),
  /**
   * @param {Amount} amount @param {Amount} minNativeOut @param {Amount} deadline ms
   * @param {Address | null} [referrer]
   * @returns {Call}
   */
  sell: (amount, minNativeOut, deadline, referrer = null) =>
    call('creator_market', 'sell', [amount, minNativeOut, deadline, referrer]),
  /** @param {Address} recipient anyone may pay a recipient its accrued fees @returns {Call} */
  withdrawFees: (recipient) => call('creator_market', 'withdraw_fees', [recipient]),
  /** @param {Address} recipient @returns {Call} `u128` */
  feesOf: (recipient) => call('creator_market', 'fees_of', [recipient]),
  /** @returns {Call} `Result<MarketState, MarketError>`: reserve, supply, sold, fees_owed, exit_price, buy_price */
  state: () => call('creator_market', 'state'),
  /** @returns {Call} */
  feeBps: () => call('creator_market', 'fee_bps'),
};

/** The vesting wallet (`creator_vesting`). */
export const vesting = {
  /** @returns {Call} */
  releasable: () => call('creator_vesting', 'releasable'),
  /** @returns {Call} */
  release: () => call('creator_vesting', 'release'),
};
