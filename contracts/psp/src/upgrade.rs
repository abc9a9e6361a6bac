//! Time-locked code upgrades: an admin proposes a new code hash, anyone can see it for
//! [`UPGRADE_DELAY`], then the admin executes it with `set_code_hash` (storage survives) or
//! cancels it. Fans who distrust the new code have the delay to leave.
//!
//! * The code must be on chain when it is proposed, so fans can review the very Wasm that will
//!   run (and its published source) for the whole delay: a proposal of a hash with no uploaded
//!   code is refused with `SetCodeHashFailed`.
//! * A proposal lapses [`UPGRADE_WINDOW`] after it became ready: one the community saw and
//!   thought abandoned cannot be executed months later without a fresh notice.
//! * A split contract (`psp::split`) runs its hot code with the full code that hot code pins,
//!   and keeps that full code locked. Executing an upgrade to another hot code first checks
//!   that its full code is on chain (`FullCodeMissing` otherwise: moving would leave every
//!   message that is not hot, the upgrade messages included, without code), locks it and
//!   releases the old one, so the contract always holds exactly the lock of the code it needs.

use crate::access::{Roles, DEFAULT_ADMIN_ROLE};
use ink::{
    env::DefaultEnvironment,
    primitives::{AccountId, Hash},
};

pub use errors::UpgradeError;

/// How long a proposed upgrade waits before it can be executed: 48 hours.
pub const UPGRADE_DELAY: u64 = 48 * 60 * 60 * 1000;

/// How long a ready proposal stays executable: 7 days after `ready_at`, then it lapses.
pub const UPGRADE_WINDOW: u64 = 7 * 24 * 60 * 60 * 1000;

mod errors {
    // See `psp22::errors`: the codec derive on enums trips `cast_possible_truncation`.
    #![allow(clippy::cast_possible_truncation)]

    /// Why an upgrade message was refused.
    #[derive(Debug, PartialEq, Eq, Clone, Copy)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum UpgradeError {
        /// The caller lacks the admin role.
        MissingRole,
        /// No upgrade is proposed.
        NothingProposed,
        /// The delay has not passed yet.
        TooEarly,
        /// The runtime refused the code hash (no such code uploaded).
        SetCodeHashFailed,
        /// The proposal lapsed: `UPGRADE_WINDOW` passed after it became ready. Propose again.
        Expired,
        /// The proposed code is a split contract's hot code (`psp::split`) whose full code is
        /// not uploaded: upload it (`<name>.full.wasm`), then execute again.
        FullCodeMissing,
    }
}

/// A proposed upgrade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PendingUpgrade {
    /// The code the contract will run.
    pub code_hash: Hash,
    /// From when it can be executed (ms); it lapses [`UPGRADE_WINDOW`] later.
    pub ready_at: u64,
}

/// Emitted when an admin proposes an upgrade.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct UpgradeProposed {
    #[ink(topic)]
    pub code_hash: Hash,
    pub ready_at: u64,
}

/// Emitted when an admin cancels the proposed upgrade.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct UpgradeCancelled {
    #[ink(topic)]
    pub code_hash: Hash,
}

/// Emitted when the contract moves to new code.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Upgraded {
    #[ink(topic)]
    pub code_hash: Hash,
}

/// Time-locked upgrades (selectors `Upgradeable::*`).
#[ink::trait_definition]
pub trait Upgradeable {
    /// Proposes moving to `code_hash`, whose code must already be uploaded; executable after
    /// the delay (48 h) for a window of 7 days. Admin only. Replaces any earlier proposal (and
    /// restarts the delay).
    #[ink(message)]
    fn propose_upgrade(&mut self, code_hash: Hash) -> Result<(), UpgradeError>;

    /// Moves the contract to the proposed code once the delay has passed and before the
    /// proposal lapses; storage stays. Admin only.
    #[ink(message)]
    fn execute_upgrade(&mut self) -> Result<(), UpgradeError>;

    /// Withdraws the proposal. Admin only.
    #[ink(message)]
    fn cancel_upgrade(&mut self) -> Result<(), UpgradeError>;

    /// The proposed upgrade, if any.
    #[ink(message)]
    fn pending_upgrade(&self) -> Option<PendingUpgrade>;
}

/// The proposal a contract keeps (outside its storage root: read only by upgrade messages).
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct UpgradeTimelock {
    pending: ink::storage::Lazy<Option<PendingUpgrade>>,
}

impl UpgradeTimelock {
    /// The proposal, if any.
    pub fn pending(&self) -> Option<PendingUpgrade> {
        self.pending.get().flatten()
    }

    /// Records a proposal for `code_hash` made at `now`.
    pub fn propose(&mut self, code_hash: Hash, now: u64) -> UpgradeProposed {
        let ready_at = now.saturating_add(UPGRADE_DELAY);
        self.pending.set(&Some(PendingUpgrade {
            code_hash,
            ready_at,
        }));
        UpgradeProposed {
            code_hash,
            ready_at,
        }
    }

    /// Takes the proposal if its delay has passed at `now` and it has not lapsed.
    pub fn take_ready(&mut self, now: u64) -> Result<Hash, UpgradeError> {
        let pending = self.pending().ok_or(UpgradeError::NothingProposed)?;
        if now < pending.ready_at {
            return Err(UpgradeError::TooEarly);
        }
        if now > pending.ready_at.saturating_add(UPGRADE_WINDOW) {
            return Err(UpgradeError::Expired);
        }
        self.pending.set(&None);
        Ok(pending.code_hash)
    }

    /// Withdraws the proposal.
    pub fn cancel(&mut self) -> Result<UpgradeCancelled, UpgradeError> {
        let pending = self.pending().ok_or(UpgradeError::NothingProposed)?;
        self.pending.set(&None);
        Ok(UpgradeCancelled {
            code_hash: pending.code_hash,
        })
    }

    // The whole job of each `Upgradeable` message, so a contract's shell is one call each.

    /// `caller` (an admin in `roles`) proposes `code_hash`; emits `UpgradeProposed`.
    pub fn propose_by(
        &mut self,
        roles: &Roles,
        caller: AccountId,
        code_hash: Hash,
    ) -> Result<(), UpgradeError> {
        ensure_admin(roles, caller)?;
        ensure_uploaded(code_hash)?;
        let now = ink::env::block_timestamp::<DefaultEnvironment>();
        crate::emit::emit(self.propose(code_hash, now));
        Ok(())
    }

    /// `caller` (an admin in `roles`) moves the executing contract to the proposed code once
    /// its delay has passed (`set_code_hash`: storage stays); emits `Upgraded`.
    pub fn execute_by(&mut self, roles: &Roles, caller: AccountId) -> Result<(), UpgradeError> {
        ensure_admin(roles, caller)?;
        let now = ink::env::block_timestamp::<DefaultEnvironment>();
        let code_hash = self.take_ready(now)?;
        move_full_code_lock(code_hash)?;
        ink::env::set_code_hash::<DefaultEnvironment>(&code_hash)
            .map_err(|_| UpgradeError::SetCodeHashFailed)?;
        crate::emit::emit(Upgraded { code_hash });
        Ok(())
    }

    /// `caller` (an admin in `roles`) withdraws the proposal; emits `UpgradeCancelled`.
    pub fn cancel_by(&mut self, roles: &Roles, caller: AccountId) -> Result<(), UpgradeError> {
        ensure_admin(roles, caller)?;
        crate::emit::emit(self.cancel()?);
        Ok(())
    }
}

/// Refuses `code_hash` unless its code is on chain. pallet-contracts has no query for that, so
/// the executing contract moves to the code and straight back within the call: the runtime
/// answers `CodeNotFound` for a missing code (mapped to `SetCodeHashFailed`), and the contract
/// ends the call on its own code (the chain records two `ContractCodeUpdated` events).
/// The off-chain test engine has no code store: there the check is skipped, and
/// `e2e-tests/tests/upgrades.rs` tests it on the compiled Wasm.
fn ensure_uploaded(code_hash: Hash) -> Result<(), UpgradeError> {
    #[cfg(not(feature = "std"))]
    {
        let own = ink::env::own_code_hash::<DefaultEnvironment>()
            .map_err(|_| UpgradeError::SetCodeHashFailed)?;
        ink::env::set_code_hash::<DefaultEnvironment>(&code_hash)
            .map_err(|_| UpgradeError::SetCodeHashFailed)?;
        ink::env::set_code_hash::<DefaultEnvironment>(&own)
            .map_err(|_| UpgradeError::SetCodeHashFailed)?;
    }
    #[cfg(feature = "std")]
    let _ = code_hash;
    Ok(())
}

/// Before the executing contract moves to `code_hash`: if that is a split contract's hot
/// code, its full code must be on chain (`FullCodeMissing`) and is locked; the lock on the
/// full code of the code it leaves is released (unless both pin the same full code). Run only
/// after the delay: the question goes to the proposed code by delegate call. Skipped off chain
/// (no code store there), like [`ensure_uploaded`].
fn move_full_code_lock(code_hash: Hash) -> Result<(), UpgradeError> {
    #[cfg(not(feature = "std"))]
    {
        use crate::split::full_code_of;
        let refused = |_| UpgradeError::SetCodeHashFailed;
        let own = ink::env::own_code_hash::<DefaultEnvironment>().map_err(refused)?;
        let (old_full, new_full) = (
            full_code_of(own).map_err(refused)?,
            full_code_of(code_hash).map_err(refused)?,
        );
        if old_full == new_full {
            return Ok(());
        }
        if let Some(full) = new_full {
            ensure_uploaded(full).map_err(|_| UpgradeError::FullCodeMissing)?;
            ink::env::lock_delegate_dependency::<DefaultEnvironment>(&full);
        }
        if let Some(full) = old_full {
            ink::env::unlock_delegate_dependency::<DefaultEnvironment>(&full);
        }
    }
    #[cfg(feature = "std")]
    let _ = code_hash;
    Ok(())
}

/// Upgrades are the admin's: `MissingRole` for anyone else.
fn ensure_admin(roles: &Roles, caller: AccountId) -> Result<(), UpgradeError> {
    roles
        .check(DEFAULT_ADMIN_ROLE, caller)
        .map_err(|_| UpgradeError::MissingRole)
}
