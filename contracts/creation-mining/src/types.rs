//! The desk's errors and events, outside the contract module so that off-chain code (tests,
//! tools, the factory) can use them without building the contract.

// parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
#![allow(clippy::cast_possible_truncation)]

use crate::rules::Rules;
use creator_nft::CollectionError;
use ink::{prelude::string::String, primitives::AccountId};
use mining_pool::PoolError;
use psp::{CallError, Id};

/// Why a desk message was refused. Every refusal leaves no trace.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CreationError {
    /// The caller lacks the role (`CURATOR` to review, the admin to change the rules).
    MissingRole,
    /// Inconsistent rules (see `Rules::check`).
    InvalidRules,
    /// The metadata URI is longer than [`crate::rules::MAX_URI`] bytes.
    UriTooLong,
    /// The content hash is waiting for review already (by anyone).
    ContentPending,
    /// The content hash was minted already: a creation is mined once.
    ContentMinted,
    /// The caller has as many submissions waiting as the rules allow.
    TooManyPending,
    /// Open mode: the caller's last creation was accepted less than the interval ago.
    TooSoon,
    /// No submission waits under that id.
    UnknownSubmission,
    /// The review window of the submission is over (it can only expire now).
    ReviewClosed,
    /// The review window of the submission is still open (it cannot expire yet).
    ReviewOpen,
    /// The collection refused to mint (e.g. the desk lost its `MINTER` role).
    Mint(CollectionError),
    /// The pool refused the points (the creations project's budget or the fan's cap for the
    /// epoch is spent, the project is closed, or the pool has not started).
    Credit(PoolError),
    /// The collection or the pool could not be called.
    CallFailed,
    /// A number does not fit.
    Overflow,
}

impl From<CallError<CollectionError>> for CreationError {
    fn from(error: CallError<CollectionError>) -> Self {
        match error {
            CallError::Refused(reason) => Self::Mint(reason),
            CallError::Failed(_) => Self::CallFailed,
        }
    }
}

impl From<CallError<PoolError>> for CreationError {
    fn from(error: CallError<PoolError>) -> Self {
        match error {
            CallError::Refused(reason) => Self::Credit(reason),
            CallError::Failed(_) => Self::CallFailed,
        }
    }
}

/// The contracts the desk mints and credits through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Links {
    /// The creator's collection; the desk holds its `MINTER` role.
    pub collection: AccountId,
    /// The mining pool; the desk leads `project` there.
    pub pool: AccountId,
    /// The pool's creations project.
    pub project: u32,
}

/// Emitted when a fan submits a creation.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Submitted {
    #[ink(topic)]
    pub id: u64,
    #[ink(topic)]
    pub creator: AccountId,
    pub content_hash: [u8; 32],
    pub uri: String,
}

/// Emitted when a creation is accepted: minted to its creator, its points credited.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Accepted {
    #[ink(topic)]
    pub id: u64,
    #[ink(topic)]
    pub creator: AccountId,
    /// The NFT: `Id::Bytes` of the content hash.
    pub item: Id,
    pub points: u128,
    /// The curator who accepted it; `None` in open mode.
    pub curator: Option<AccountId>,
}

/// Emitted when a curator rejects a submission (its content hash is free again).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Rejected {
    #[ink(topic)]
    pub id: u64,
    #[ink(topic)]
    pub creator: AccountId,
    pub curator: AccountId,
}

/// Emitted when a submission's review window passed without a review (anyone may expire it).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Expired {
    #[ink(topic)]
    pub id: u64,
    #[ink(topic)]
    pub creator: AccountId,
}

/// Emitted when the admin changes the rules.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RulesChanged {
    pub rules: Rules,
}
