//! The collection's public types, outside the contract module so that off-chain code (tests,
//! tools) can use them without building the contract.

// parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::AccountId;
use psp::{CallError, PSP22Error, PSP34Error};

/// The basis-point denominator: 10,000 = 100 %.
pub const BPS: u16 = 10_000;
/// The longest attribute key.
pub const MAX_ATTRIBUTE_KEY: usize = 32;
/// The longest attribute value.
pub const MAX_ATTRIBUTE_VALUE: usize = 1_024;

/// Why a collection message was refused. Every refusal leaves no trace.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CollectionError {
    /// The caller lacks the role the message needs.
    MissingRole,
    /// No drop is configured, or it was ended.
    NoActiveDrop,
    /// The drop's window has not opened yet.
    NotStarted,
    /// The drop's window has closed.
    Ended,
    /// `quantity` is zero.
    ZeroQuantity,
    /// More items than one call may buy.
    OverCallLimit,
    /// Fewer items are left in the drop than asked for.
    SoldOut,
    /// The buyer would exceed its cap for this drop (per-account or allowlist allowance).
    OverAccountLimit,
    /// The allowlist proof does not match the drop's root.
    NotAllowlisted,
    /// The drop configuration is inconsistent (empty window, zero caps).
    InvalidDrop,
    /// Proceeds shares do not sum to 10,000 basis points.
    InvalidShares,
    /// Royalty above 10,000 basis points.
    InvalidRoyalty,
    /// Attribute key or value too long, or no such token.
    InvalidAttribute,
    /// The price of the purchase does not fit in a `u128`.
    Overflow,
    /// The payment token refused the transfer (e.g. insufficient balance or allowance).
    Payment(PSP22Error),
    /// The payment token could not be called or answered nonsense.
    PaymentCallFailed,
    /// The NFT ledger refused (e.g. an id already exists).
    Token(PSP34Error),
    /// The current drop is not the one the buyer named (it was replaced or ended since).
    WrongDrop,
    /// The purchase costs more than the buyer's `max_total_price`.
    PriceAboveMax,
}

/// A payment the token refused is `Payment` with its reason; a payment call that did not
/// complete (a trap, no contract, an undecodable answer, the collection itself) is
/// `PaymentCallFailed`.
impl From<CallError> for CollectionError {
    fn from(error: CallError) -> Self {
        match error {
            CallError::Refused(reason) => Self::Payment(reason),
            CallError::Failed(_) => Self::PaymentCallFailed,
        }
    }
}

/// What an admin sets for a drop.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct DropConfig {
    /// The PSP22 token buyers pay with (the creator's token).
    pub payment_token: AccountId,
    /// Price of one item, in the payment token's smallest unit (0 makes a free claim).
    pub price: u128,
    /// First timestamp at which `buy` works.
    pub start: u64,
    /// First timestamp at which `buy` no longer works.
    pub end: u64,
    /// How many items the drop sells in all.
    pub max_supply: u32,
    /// How many items one account may buy in the drop.
    pub max_per_account: u32,
    /// How many items one `buy` call may buy.
    pub max_per_call: u32,
    /// Merkle root of `(account, allowance)` leaves; `None` lets anyone buy.
    pub allowlist_root: Option<[u8; 32]>,
}

/// A configured drop and how far it has sold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Drop {
    /// Increases with every `configure_drop`; per-account counts are kept per drop.
    pub id: u32,
    /// The configuration.
    pub config: DropConfig,
    /// Items sold so far.
    pub sold: u32,
}

/// Where sale proceeds go.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Proceeds {
    /// The creator's treasury.
    pub treasury: AccountId,
    /// The reward distributor, sharing with stakers.
    pub distributor: AccountId,
    /// The distributor's share in basis points; the treasury gets the rest.
    pub distributor_bps: u16,
}

/// Royalty for secondary sales (EIP-2981 style).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Royalty {
    /// Who receives royalties.
    pub receiver: AccountId,
    /// The royalty in basis points of the sale price.
    pub bps: u16,
}

/// Emitted when an admin configures (or replaces) the drop.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct DropConfigured {
    #[ink(topic)]
    pub drop_id: u32,
    pub config: DropConfig,
}

/// Emitted when an admin ends the drop early, or replaces it with a new one before its end.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct DropEnded {
    #[ink(topic)]
    pub drop_id: u32,
    pub sold: u32,
}

/// Emitted when a fan buys items; `Transfer` events name the ids.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Purchased {
    #[ink(topic)]
    pub buyer: AccountId,
    #[ink(topic)]
    pub drop_id: u32,
    pub quantity: u32,
    pub first_id: u64,
    /// Paid to the treasury.
    pub treasury_amount: u128,
    /// Paid to the reward distributor.
    pub distributor_amount: u128,
}

/// Emitted when the proceeds split changes.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ProceedsChanged {
    pub proceeds: Proceeds,
}

/// Emitted when a fan's accepted creation is minted to them (`mint_creation`): the item's id
/// is `Id::Bytes` of the content hash; the fan is its creator and its royalty receiver.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct CreationMinted {
    #[ink(topic)]
    pub creator: AccountId,
    pub content_hash: [u8; 32],
    /// The metadata URI (also the item's `uri` attribute).
    pub uri: ink::prelude::string::String,
}

/// Emitted when the royalty changes.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RoyaltyChanged {
    pub royalty: Royalty,
}
