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
    /// The token cap is below the creator's allocation plus the mining pool's cap.
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
    /// Market parameters out of range (decimals above 38, a free curve, fees above 100 %).
    InvalidMarket,
    /// A counter does not fit.
    Overflow,
    /// The registered code hashes are not the ones the creator expected.
    UnexpectedCodeHashes,
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
    /// pool's cap, per-account and per-attester limits per epoch, dispute window (ms).
    pub epoch_length: u64,
    pub initial_emission: u128,
    pub halving_interval: u32,
    pub mining_cap: u128,
    pub max_points_per_account: u128,
    pub attester_budget: u128,
    pub dispute_window: u64,
    /// The bonding-curve market: price of the first whole token and its rise per whole
    /// token minted (native smallest units), the creator's fee, the launch fee decaying
    /// over `launch_period` ms, and an optional cap on tokens per buy.
    pub base_price: u128,
    pub price_slope: u128,
    pub market_fee_bps: u16,
    pub launch_fee_bps: u16,
    pub launch_period: u64,
    pub max_tokens_per_call: Option<u128>,
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
