//! Public types, outside the contract module so off-chain code can use them.

// parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
#![allow(clippy::cast_possible_truncation)]
use ink::primitives::AccountId;
use psp::{CallError, PSP22Error};

/// A reward asset: the chain's native currency or a PSP22 token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Asset {
    /// The chain's native currency.
    Native,
    /// A PSP22 token.
    Token(AccountId),
}

/// Why a distributor message was refused. Every refusal leaves no trace.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum DistributorError {
    /// The caller lacks the admin role.
    MissingRole,
    /// A zero amount.
    ZeroAmount,
    /// Unstaking more than is staked.
    InsufficientStake,
    /// The asset is not one of the distributor's reward assets.
    UnknownAsset,
    /// The asset is already a reward asset.
    AssetExists,
    /// Already [`crate::MAX_REWARD_ASSETS`] reward assets.
    TooManyAssets,
    /// The withdrawal's cooldown has not ended.
    CooldownNotOver,
    /// No withdrawal is waiting.
    NothingToWithdraw,
    /// The native value sent does not match the amount (or was sent to a token deposit).
    ValueMismatch,
    /// A reward duration of zero or above [`crate::MAX_REWARD_DURATION`].
    InvalidDuration,
    /// The token refused the transfer (e.g. insufficient balance or allowance).
    Token(PSP22Error),
    /// The token could not be called or answered nonsense (or did not move the tokens).
    TokenCallFailed,
    /// The native transfer failed (e.g. below the existential deposit).
    NativeTransferFailed,
    /// No round with this id.
    RoundNotFound,
    /// The round's deadline has passed, or it was reclaimed.
    RoundClosed,
    /// The round is still open; it can be reclaimed after its deadline.
    RoundStillOpen,
    /// The leaf was already claimed.
    AlreadyClaimed,
    /// The Merkle proof does not match the round's root.
    InvalidProof,
    /// The claims would exceed the round's total.
    RoundOverdrawn,
    /// An amount does not fit in a `u128`.
    Overflow,
    /// An unstaking cooldown above [`crate::MAX_COOLDOWN`].
    CooldownTooLong,
    /// A round was opened with this root already.
    RootUsed,
}

impl From<CallError> for DistributorError {
    /// A token's own refusal keeps its reason; a call that did not complete (a trap, not a
    /// contract, an undecodable answer, a call to the distributor itself) is `TokenCallFailed`.
    fn from(error: CallError) -> Self {
        match error {
            CallError::Refused(reason) => Self::Token(reason),
            CallError::Failed(_) => Self::TokenCallFailed,
        }
    }
}

/// A stake on its way out.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Withdrawal {
    /// Tokens waiting.
    pub amount: u128,
    /// When they can be withdrawn (ms).
    pub unlock_at: u64,
}

/// A Merkle reward round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Round {
    /// What the round pays.
    pub asset: Asset,
    /// Root over `(index, account, amount)` leaves.
    pub root: [u8; 32],
    /// Funded up front.
    pub total: u128,
    /// Paid so far.
    pub claimed: u128,
    /// Last timestamp at which claims are accepted (ms).
    pub deadline: u64,
    /// Whether the admin reclaimed the rest.
    pub reclaimed: bool,
}

/// Emitted when an account stakes.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Staked {
    #[ink(topic)]
    pub account: AccountId,
    pub amount: u128,
}

/// Emitted when an account unstakes (`unlock_at` is when it can withdraw; now if no
/// cooldown, and then the tokens were paid back at once).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Unstaked {
    #[ink(topic)]
    pub account: AccountId,
    pub amount: u128,
    pub unlock_at: u64,
}

/// Emitted when an account withdraws unstaked tokens after the cooldown.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Withdrawn {
    #[ink(topic)]
    pub account: AccountId,
    pub amount: u128,
}

/// Emitted when rewards enter a stream (deposit or sync).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RewardDeposited {
    #[ink(topic)]
    pub asset: Asset,
    pub amount: u128,
    /// When the stream ends.
    pub finish: u64,
}

/// Emitted when an account claims rewards.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RewardClaimed {
    #[ink(topic)]
    pub account: AccountId,
    #[ink(topic)]
    pub asset: Asset,
    pub amount: u128,
}

/// Emitted when the admin adds a reward asset.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RewardAssetAdded {
    #[ink(topic)]
    pub asset: Asset,
}

/// Emitted when the admin changes the reward duration or the unstaking cooldown.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ScheduleChanged {
    pub reward_duration: u64,
    pub cooldown: u64,
}

/// Emitted when the admin opens a round.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RoundOpened {
    #[ink(topic)]
    pub round: u32,
    pub asset: Asset,
    pub root: [u8; 32],
    pub total: u128,
    pub deadline: u64,
}

/// Emitted when a round leaf is paid.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RoundClaimed {
    #[ink(topic)]
    pub round: u32,
    #[ink(topic)]
    pub account: AccountId,
    pub index: u32,
    pub amount: u128,
}

/// Emitted when the admin reclaims what is left of a round.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RoundReclaimed {
    #[ink(topic)]
    pub round: u32,
    pub amount: u128,
}
