//! The factory's public types: what a creator passes, what the factory answers and emits.
// parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
#![allow(clippy::cast_possible_truncation)]
use ink::{
    prelude::string::String,
    primitives::{AccountId, Hash},
};

/// Why the factory refused. Nothing is instantiated on a refusal.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum FactoryError {
    /// The caller lacks the admin role.
    MissingRole,
    /// The admin has not registered the code hashes yet.
    CodeHashesNotSet,
    /// Name or symbol (of the token or the collection) is empty.
    EmptyName,
    /// The token cap is below the creator's allocation plus the mining pool's and the
    /// proof-of-work contract's caps.
    CapBelowAllocation,
    /// Treasury and distributor shares do not sum to 10,000 basis points.
    InvalidShares,
    /// A zero epoch length or halving interval, a reward duration under a day or above a
    /// year, or an unstaking cooldown above 24 hours (`psp::limits`).
    InvalidSchedule,
    /// Instantiating a contract of the suite failed.
    InstantiationFailed,
    /// Wiring the suite failed (a call to one of its contracts was refused).
    WiringFailed,
    /// Market parameters out of range (decimals above 38, a free curve, fees beyond the
    /// bounds: 10 % in all, a launch fee of at most 25 % for at most 7 days).
    InvalidMarket,
    /// A counter does not fit.
    Overflow,
    /// The registered code hashes are not the ones the creator expected.
    UnexpectedCodeHashes,
    /// Proof-of-work parameters out of range (see [`PowParams`]).
    InvalidProofOfWork,
    /// Creation-mining parameters out of range (see [`CreationParams`]).
    InvalidCreations,
}

/// The code hashes of the suite's contracts (uploaded beforehand).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CodeHashes {
    pub token: Hash,
    pub collection: Hash,
    pub distributor: Hash,
    pub pool: Hash,
    pub vesting: Hash,
    pub market: Hash,
    pub pow: Hash,
    pub creations: Hash,
}

/// The market's fee rates (basis points of the amount traded), as `creator_market::FeeConfig`
/// (the market crate's types carry no metadata here: see `Cargo.toml`). At most 10 % in all,
/// a launch fee of at most 25 % decaying within 7 days.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct MarketFees {
    /// The creator's share.
    pub creator_bps: u16,
    /// The stakers' share, sent to the suite's distributor with every trade.
    pub stakers_bps: u16,
    /// The share of a referrer named in a trade (the stakers' when none is).
    pub referrer_bps: u16,
    /// A platform's recipient and share, if any.
    pub platform: Option<(AccountId, u16)>,
    /// The total fee at launch, decaying to the normal total over `launch_period` ms (the
    /// excess to the stakers).
    pub launch_bps: u16,
    pub launch_period: u64,
}

/// Proof-of-work mining, as `proof_of_work::PowConfig` without the token and the start (the
/// suite's token, from its creation). Valid when every count and time is non-zero, the
/// retarget interval at most 10,000 solutions, the solution time at most a year, and
/// `1 <= min_difficulty <= initial_difficulty <= max_difficulty`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct PowParams {
    /// The reward of each solution in era 0, and solutions per era (the reward halves).
    pub initial_reward: u128,
    pub halving_interval: u64,
    /// The most proof of work may ever mint.
    pub cap: u128,
    /// Expected hashes per solution at the start, the floor and the ceiling.
    pub initial_difficulty: u128,
    pub min_difficulty: u128,
    pub max_difficulty: u128,
    /// The aimed time per solution (ms) and the solutions between two retargets.
    pub solution_time: u64,
    pub retarget_interval: u32,
}

/// Creation mining, as `creation_mining::rules::Rules` (whose types carry no metadata here:
/// see `Cargo.toml`) plus the creations project's budget in the pool. Valid when `points` is
/// positive and at most `budget`, the review window 1 ms to 30 days, `max_pending` 1 to 16,
/// and an open mode's interval at least an hour.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct CreationParams {
    /// Mining points an accepted creation earns its creator.
    pub points: u128,
    /// The most points all creations may earn in one epoch (the per-collection budget).
    pub budget: u128,
    /// How long a curator has to review a submission (ms).
    pub review_window: u64,
    /// Most submissions one account may have waiting.
    pub max_pending: u32,
    /// `None`: curated (the creator is the first curator). `Some(interval)`: open, without a
    /// curator, at most one creation per account per `interval` ms.
    pub open_interval: Option<u64>,
}

/// Who holds power over the creator's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum LaunchMode {
    /// The default: nobody can create tokens outside the mining pool's and proof of work's
    /// schedules, the market's curve and the vesting allocation, nor burn tokens they do not
    /// hold. `MINTER` stays with the pool, proof of work and the market, `BURNER` with the market (which burns only what a seller
    /// sells), `PAUSER` with the creator (a pause ends within 24 hours); the token has no admin,
    /// so no role changes and no upgrade, ever.
    #[default]
    Fair,
    /// Today's powers for creators who want them, a trust cost their fans should see: the
    /// creator holds the token's admin role, `MINTER` (up to the cap), `BURNER` (from any
    /// account), `PAUSER`, and may upgrade the token after the 48-hour delay.
    Custom,
}

/// What a creator chooses for their economy.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct CreatorParams {
    /// Token name and symbol (non-empty), decimals, and supply cap.
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub cap: u128,
    /// Minted to the vesting wallet at creation.
    pub creator_allocation: u128,
    /// Vesting cliff and duration from creation (ms).
    pub vesting_cliff: u64,
    pub vesting_duration: u64,
    /// The NFT collection's name, symbol (non-empty) and base URI.
    pub collection_name: String,
    pub collection_symbol: String,
    pub base_uri: String,
    /// Split of NFT sales between the creator and the distributor (sum 10,000).
    pub treasury_bps: u16,
    pub distributor_bps: u16,
    /// How long the distributor streams each deposit (ms) and the unstaking cooldown (ms).
    pub reward_duration: u64,
    pub unstake_cooldown: u64,
    /// The mining pool: epoch length (ms), emission of epoch 0, epochs per halving, the
    /// pool's cap, the most points one account may earn per epoch, dispute window (ms).
    /// Projects and their budgets are registered after creation (`register_project`).
    pub epoch_length: u64,
    pub initial_emission: u128,
    pub halving_interval: u32,
    pub mining_cap: u128,
    pub max_points_per_account: u128,
    pub dispute_window: u64,
    /// The market's launch floor: the price of the first whole token it sells and its rise
    /// per whole token sold (native smallest units); its fees (shares of every trade for the
    /// creator, the stakers, a referrer and a platform, and the decaying launch fee); an
    /// optional cap on tokens per buy.
    pub base_price: u128,
    pub price_slope: u128,
    pub fees: MarketFees,
    pub max_tokens_per_call: Option<u128>,
    /// Proof-of-work mining (starts at creation).
    pub pow: PowParams,
    /// Creation mining: fans' accepted creations are minted in the collection and earn points
    /// in the pool's project 0, which the creation desk leads.
    pub creations: CreationParams,
    /// Fair launch (the default) or the creator's custom powers over the token.
    pub mode: LaunchMode,
}

/// The addresses of one creator's suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Suite {
    pub token: AccountId,
    pub collection: AccountId,
    pub distributor: AccountId,
    pub pool: AccountId,
    pub vesting: AccountId,
    pub market: AccountId,
    /// The proof-of-work miner's contract.
    pub pow: AccountId,
    /// The creation-mining desk (fans submit creations, curators review them).
    pub creations: AccountId,
    /// How the token was launched.
    pub mode: LaunchMode,
}

/// Emitted when the admin registers code hashes.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct CodeHashesChanged {
    pub hashes: CodeHashes,
}

/// Emitted when a creator's suite is created.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct CreatorRegistered {
    #[ink(topic)]
    pub creator: AccountId,
    pub nonce: u32,
    pub suite: Suite,
}
