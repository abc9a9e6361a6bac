//! The pool's public types, outside the contract module so that off-chain code (tests, tools,
//! the factory) can use them without building the contract. The path `mining_pool::types::*`
//! is the one in the metadata.

// parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
#![allow(clippy::cast_possible_truncation)]
use crate::{
    points::Limits,
    schedule::{Epochs, Schedule},
};
use ink::{prelude::string::String, primitives::AccountId};
use psp::PSP22Error;

/// Why a pool message was refused. Every refusal leaves no trace.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PoolError {
    /// The caller lacks the admin role.
    MissingRole,
    /// Inconsistent configuration (zero epoch length, zero halving interval).
    InvalidConfig,
    /// Zero points.
    ZeroPoints,
    /// The contributor would exceed its points cap for the epoch.
    OverAccountCap,
    /// The project would exceed its points budget for the epoch.
    OverProjectBudget,
    /// More entries than [`crate::MAX_BATCH`] or epochs than [`crate::MAX_CLAIM_EPOCHS`].
    TooMany,
    /// The epoch is not the current one (points go to the current epoch only), or the
    /// pool has not started.
    WrongEpoch,
    /// The epoch's points are not claimable yet (epoch end plus the dispute window).
    NotClaimableYet,
    /// Already claimed.
    AlreadyClaimed,
    /// No points in that epoch.
    NothingToClaim,
    /// No such attestation.
    UnknownAttestation,
    /// The attestation was already voided.
    AlreadyVoided,
    /// The dispute window of the attestation's epoch is over.
    DisputeWindowOver,
    /// The voucher's signature does not recover to the lead of the voucher's project.
    BadSignature,
    /// The voucher's deadline has passed.
    VoucherExpired,
    /// The voucher's nonce was already used by its attester.
    NonceUsed,
    /// The token refused to mint (e.g. its own cap is reached).
    Mint(PSP22Error),
    /// The token could not be called.
    MintCallFailed,
    /// A number does not fit.
    Overflow,
    /// No project has that id.
    UnknownProject,
    /// The caller is not the project's lead.
    NotProjectLead,
    /// The project is closed: it takes no new attestations.
    ProjectClosed,
    /// A project's name or URI is longer than [`crate::MAX_PROJECT_URI`] bytes.
    UriTooLong,
}

/// The pool's settings, fixed at construction (limits can change later).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PoolConfig {
    /// The creator token the pool mints.
    pub token: AccountId,
    /// Start of epoch 0 (ms).
    pub genesis: u64,
    /// Length of an epoch (ms).
    pub epoch_length: u64,
    /// Emission of epoch 0.
    pub initial_emission: u128,
    /// Epochs between halvings.
    pub halving_interval: u32,
    /// The most the pool may ever mint.
    pub cap: u128,
    /// Most points one account may earn in an epoch, over all projects.
    pub max_points_per_account: u128,
    /// How long after an epoch ends its points can still be voided (ms).
    pub dispute_window: u64,
    /// Chain or deployment id bound into vouchers.
    pub domain: u32,
}

/// The configuration as the pool keeps it: once, each part beside the rule that reads it.
/// (Its encoding is the fields of [`PoolConfig`] in the order the pool stored them unpacked.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Settings {
    /// The creator token the pool mints.
    pub token: AccountId,
    /// Genesis, epoch length and dispute window.
    pub epochs: Epochs,
    /// Chain or deployment id bound into vouchers.
    pub domain: u32,
    /// Emission and cap.
    pub schedule: Schedule,
    /// The anti-sybil limits (the admin may change them).
    pub limits: Limits,
}

impl TryFrom<PoolConfig> for Settings {
    type Error = PoolError;

    /// `InvalidConfig` for a zero epoch length or halving interval, an epoch longer than a
    /// year or a dispute window longer than 30 days (`psp::limits`).
    fn try_from(config: PoolConfig) -> Result<Self, PoolError> {
        use psp::limits::{MAX_DISPUTE_WINDOW, MAX_EPOCH_LENGTH};
        if config.epoch_length == 0
            || config.halving_interval == 0
            || config.epoch_length > MAX_EPOCH_LENGTH
            || config.dispute_window > MAX_DISPUTE_WINDOW
        {
            return Err(PoolError::InvalidConfig);
        }
        Ok(Self {
            token: config.token,
            epochs: Epochs {
                genesis: config.genesis,
                length: config.epoch_length,
                dispute_window: config.dispute_window,
            },
            domain: config.domain,
            schedule: Schedule {
                initial_emission: config.initial_emission,
                halving_interval: config.halving_interval,
                cap: config.cap,
            },
            limits: Limits {
                max_points_per_account: config.max_points_per_account,
            },
        })
    }
}

impl From<&Settings> for PoolConfig {
    fn from(settings: &Settings) -> Self {
        let Settings {
            token,
            epochs,
            domain,
            schedule,
            limits,
        } = *settings;
        Self {
            token,
            genesis: epochs.genesis,
            epoch_length: epochs.length,
            initial_emission: schedule.initial_emission,
            halving_interval: schedule.halving_interval,
            cap: schedule.cap,
            max_points_per_account: limits.max_points_per_account,
            dispute_window: epochs.dispute_window,
            domain,
        }
    }
}

/// A community project the pool pays for: registered by the admin, attested by its lead.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Project {
    /// What the project is: a name or a URI (at most [`crate::MAX_PROJECT_URI`] bytes).
    pub uri: String,
    /// The account that attests contributions to it, directly or by signed voucher.
    pub lead: AccountId,
    /// Most points the project may hand out in one epoch.
    pub budget: u128,
    /// Whether it takes new attestations.
    pub active: bool,
}

/// A voucher a project's lead signs off chain.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Voucher {
    /// The project the contribution is to; its lead signs.
    pub project: u32,
    pub contributor: AccountId,
    pub epoch: u32,
    pub points: u128,
    /// Hash of the off-chain evidence.
    pub reference: [u8; 32],
    /// Unique per signer.
    pub nonce: u64,
    /// Last timestamp at which the voucher is accepted (ms).
    pub deadline: u64,
}

/// One recorded attestation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Attestation {
    pub project: u32,
    pub attester: AccountId,
    pub contributor: AccountId,
    pub epoch: u32,
    pub points: u128,
    pub voided: bool,
}

/// Emitted for every attestation (direct or by voucher).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Attested {
    #[ink(topic)]
    pub id: u64,
    /// The project paying for the contribution.
    #[ink(topic)]
    pub project: u32,
    /// The project's lead, who attested or signed the voucher.
    pub attester: AccountId,
    #[ink(topic)]
    pub contributor: AccountId,
    pub epoch: u32,
    pub points: u128,
    /// Hash of the off-chain evidence.
    pub reference: [u8; 32],
}

/// Emitted when the admin voids an attestation.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct AttestationVoided {
    #[ink(topic)]
    pub id: u64,
    pub reason: String,
}

/// Emitted when a contributor claims minted tokens.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Claimed {
    #[ink(topic)]
    pub account: AccountId,
    pub epoch: u32,
    pub amount: u128,
}

/// Emitted when the admin changes the anti-sybil limit.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct LimitsChanged {
    pub max_points_per_account: u128,
}

/// Emitted when the admin registers a project.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ProjectRegistered {
    #[ink(topic)]
    pub id: u32,
    #[ink(topic)]
    pub lead: AccountId,
    /// Points per epoch.
    pub budget: u128,
    pub uri: String,
}

/// Emitted when the admin changes a project's lead, budget or state.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ProjectUpdated {
    #[ink(topic)]
    pub id: u32,
    #[ink(topic)]
    pub lead: AccountId,
    /// Points per epoch, from now on.
    pub budget: u128,
    pub active: bool,
}

/// A mint the token refused is `Mint` with its reason; a mint that did not complete (the token
/// trapped, is not a contract, or is the pool itself) is `MintCallFailed`.
impl From<psp::CallError> for PoolError {
    fn from(error: psp::CallError) -> Self {
        match error {
            psp::CallError::Refused(error) => Self::Mint(error),
            psp::CallError::Failed(_) => Self::MintCallFailed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> PoolConfig {
        PoolConfig {
            token: AccountId::from([0xAA; 32]),
            genesis: 1_000,
            epoch_length: 100,
            initial_emission: 7,
            halving_interval: 10,
            cap: 1_000_000,
            max_points_per_account: 100,
            dispute_window: 50,
            domain: 42,
        }
    }

    #[test]
    fn settings_keep_the_whole_configuration() {
        let settings = Settings::try_from(config()).expect("valid");
        assert_eq!(PoolConfig::from(&settings), config());
        let zero_length = PoolConfig {
            epoch_length: 0,
            ..config()
        };
        let zero_interval = PoolConfig {
            halving_interval: 0,
            ..config()
        };
        // L-7 of the security review: the time bounds of `psp::limits`.
        let endless_epoch = PoolConfig {
            epoch_length: psp::limits::MAX_EPOCH_LENGTH + 1,
            ..config()
        };
        let endless_disputes = PoolConfig {
            dispute_window: psp::limits::MAX_DISPUTE_WINDOW + 1,
            ..config()
        };
        let longest = PoolConfig {
            epoch_length: psp::limits::MAX_EPOCH_LENGTH,
            dispute_window: psp::limits::MAX_DISPUTE_WINDOW,
            ..config()
        };
        assert!(Settings::try_from(longest).is_ok());
        for bad in [zero_length, zero_interval, endless_epoch, endless_disputes] {
            assert_eq!(Settings::try_from(bad), Err(PoolError::InvalidConfig));
        }
    }

    #[test]
    fn settings_encode_as_the_unpacked_fields_did() {
        use ink::scale::Encode;
        let c = config();
        let unpacked = (
            c.token,
            c.genesis,
            c.epoch_length,
            c.dispute_window,
            c.domain,
            (c.initial_emission, c.halving_interval, c.cap),
            c.max_points_per_account,
        );
        let settings = Settings::try_from(config()).expect("valid");
        assert_eq!(settings.encode(), unpacked.encode());
    }

    #[test]
    fn refusals_and_failures_of_a_mint_map_to_the_pool_errors() {
        use psp::{CallError, CallFailure};
        let refused = CallError::Refused(PSP22Error::Custom("Cap exceeded".into()));
        assert_eq!(
            PoolError::from(refused),
            PoolError::Mint(PSP22Error::Custom("Cap exceeded".into()))
        );
        for failure in CallFailure::ALL {
            assert_eq!(
                PoolError::from(CallError::Failed(failure)),
                PoolError::MintCallFailed
            );
        }
    }
}
