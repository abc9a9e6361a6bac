//! Who may do what: `Ownable`, `AccessControl` and `Pausable`, with OpenBrush's trait names,
//! selectors, argument types, errors and events, so tools written for OpenBrush contracts work.
//!
//! Roles are `u32` ids, OpenBrush-style: `DEFAULT_ADMIN_ROLE` is `0` and administers every role;
//! the others are `ink::selector_id!` of their name.

use ink::{primitives::AccountId, storage::Mapping};

pub use errors::{AccessControlError, OwnableError, PausableError};

/// A role id.
pub type RoleType = u32;

/// Grants and revokes every role.
pub const DEFAULT_ADMIN_ROLE: RoleType = 0;
/// May create tokens (`PSP22Mintable::mint`).
pub const MINTER: RoleType = ink::selector_id!("MINTER");
/// May destroy tokens (`PSP22Burnable::burn`).
pub const BURNER: RoleType = ink::selector_id!("BURNER");
/// May pause and unpause.
pub const PAUSER: RoleType = ink::selector_id!("PAUSER");

mod errors {
    // See `psp22::errors`: the codec derive on enums trips `cast_possible_truncation`.
    #![allow(clippy::cast_possible_truncation)]
    /// OpenBrush's `OwnableError`.
    #[derive(Debug, PartialEq, Eq, Clone, Copy)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum OwnableError {
        /// The caller is not the owner.
        CallerIsNotOwner,
        /// The new owner is `None`.
        NewOwnerIsNotSet,
    }

    /// OpenBrush's `AccessControlError`.
    #[derive(Debug, PartialEq, Eq, Clone, Copy)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum AccessControlError {
        /// The caller may not act for this account (renouncing another's role, or `None`).
        InvalidCaller,
        /// The caller, or the account, lacks the role.
        MissingRole,
        /// The account already has the role.
        RoleRedundant,
    }

    /// OpenBrush's `PausableError`, with `MissingRole` appended for callers without `PAUSER`.
    #[derive(Debug, PartialEq, Eq, Clone, Copy)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum PausableError {
        /// Already paused.
        Paused,
        /// Not paused.
        NotPaused,
        /// The caller lacks the `PAUSER` role.
        MissingRole,
        /// The last pause ended less than `psp::limits::PAUSE_GAP` ago.
        TooSoon,
    }
}

/// Emitted when ownership moves (`new` is `None` after renouncing).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct OwnershipTransferred {
    /// The previous owner.
    #[ink(topic)]
    pub previous: Option<AccountId>,
    /// The new owner.
    #[ink(topic)]
    pub new: Option<AccountId>,
}

/// Emitted when `grantee` receives `role` from `grantor` (`None` at construction).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RoleGranted {
    /// The role.
    #[ink(topic)]
    pub role: RoleType,
    /// The account that received it.
    #[ink(topic)]
    pub grantee: Option<AccountId>,
    /// The admin that granted it.
    #[ink(topic)]
    pub grantor: Option<AccountId>,
}

/// Emitted when `account` loses `role`, revoked by `admin` (the account itself on renounce).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RoleRevoked {
    /// The role.
    #[ink(topic)]
    pub role: RoleType,
    /// The account that lost it.
    #[ink(topic)]
    pub account: Option<AccountId>,
    /// Who revoked it.
    #[ink(topic)]
    pub admin: AccountId,
}

/// Emitted when `account` pauses the contract.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Paused {
    /// The pauser.
    pub account: AccountId,
}

/// Emitted when `account` unpauses the contract.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Unpaused {
    /// The pauser.
    pub account: AccountId,
}

/// OpenBrush's `Ownable` (selectors `Ownable::*`).
#[ink::trait_definition]
pub trait Ownable {
    /// The current owner, `None` once renounced.
    #[ink(message)]
    fn owner(&self) -> Option<AccountId>;

    /// Gives up ownership for good. Owner only.
    #[ink(message)]
    fn renounce_ownership(&mut self) -> Result<(), OwnableError>;

    /// Hands ownership to `new_owner`. Owner only; `None` is refused (use renounce).
    #[ink(message)]
    fn transfer_ownership(&mut self, new_owner: Option<AccountId>) -> Result<(), OwnableError>;
}

/// OpenBrush's `AccessControl` (selectors `AccessControl::*`).
#[ink::trait_definition]
pub trait AccessControl {
    /// Whether `address` has `role`.
    #[ink(message)]
    fn has_role(&self, role: RoleType, address: Option<AccountId>) -> bool;

    /// The role that administers `role` (always `DEFAULT_ADMIN_ROLE` here).
    #[ink(message)]
    fn get_role_admin(&self, role: RoleType) -> RoleType;

    /// Gives `role` to `account`. Admin only.
    #[ink(message)]
    fn grant_role(
        &mut self,
        role: RoleType,
        account: Option<AccountId>,
    ) -> Result<(), AccessControlError>;

    /// Takes `role` from `account`. Admin only.
    #[ink(message)]
    fn revoke_role(
        &mut self,
        role: RoleType,
        account: Option<AccountId>,
    ) -> Result<(), AccessControlError>;

    /// The caller gives up its own `role`; `account` must be the caller.
    #[ink(message)]
    fn renounce_role(
        &mut self,
        role: RoleType,
        account: Option<AccountId>,
    ) -> Result<(), AccessControlError>;
}

/// OpenBrush's `Pausable::paused`, plus `pause`/`unpause` for `PAUSER`s with the selectors of
/// OpenBrush's examples, where they are plain messages (`blake2b("pause")`, `blake2b("unpause")`).
#[ink::trait_definition]
pub trait Pausable {
    /// Whether the contract is paused.
    #[ink(message)]
    fn paused(&self) -> bool;

    /// Pauses the contract. `PAUSER` only.
    #[ink(message, selector = 0x81e0c604)]
    fn pause(&mut self) -> Result<(), PausableError>;

    /// Unpauses the contract. `PAUSER` only.
    #[ink(message, selector = 0x67616649)]
    fn unpause(&mut self) -> Result<(), PausableError>;
}

/// A pause that ends by itself: it lasts at most [`MAX_PAUSE`](crate::limits::MAX_PAUSE), and
/// the next cannot start until [`PAUSE_GAP`](crate::limits::PAUSE_GAP) after the last ended.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PauseClock {
    /// When the current or last pause ends (ms); 0 if there never was one.
    pub until: u64,
}

impl PauseClock {
    /// Whether a pause is in force at `now`.
    pub fn is_paused(&self, now: u64) -> bool {
        now < self.until
    }

    /// Starts a pause at `now`, ending at the latest [`MAX_PAUSE`](crate::limits::MAX_PAUSE)
    /// later. `Paused` during one, `TooSoon` within the gap after the last.
    pub fn pause(&mut self, now: u64) -> Result<(), PausableError> {
        if self.is_paused(now) {
            return Err(PausableError::Paused);
        }
        if self.until != 0 && now < self.until.saturating_add(crate::limits::PAUSE_GAP) {
            return Err(PausableError::TooSoon);
        }
        self.until = now.saturating_add(crate::limits::MAX_PAUSE);
        Ok(())
    }

    /// Ends the pause in force at `now` (the gap counts from now); `NotPaused` without one.
    pub fn unpause(&mut self, now: u64) -> Result<(), PausableError> {
        if !self.is_paused(now) {
            return Err(PausableError::NotPaused);
        }
        self.until = now;
        Ok(())
    }
}

/// Role membership. Every role is administered by `DEFAULT_ADMIN_ROLE`.
///
/// The methods check the caller's authority, change storage and return the event to emit.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Roles {
    members: Mapping<(RoleType, AccountId), ()>,
}

impl Roles {
    /// Whether `account` has `role`.
    pub fn has(&self, role: RoleType, account: AccountId) -> bool {
        self.members.contains((role, account))
    }

    /// `Ok` if `account` has `role`, else `MissingRole`.
    pub fn check(&self, role: RoleType, account: AccountId) -> Result<(), AccessControlError> {
        if self.has(role, account) {
            Ok(())
        } else {
            Err(AccessControlError::MissingRole)
        }
    }

    /// Gives `role` to `account` without an authority check, for constructors.
    pub fn setup(&mut self, role: RoleType, account: AccountId) -> RoleGranted {
        self.members.insert((role, account), &());
        RoleGranted {
            role,
            grantee: Some(account),
            grantor: None,
        }
    }

    /// `caller` (an admin) gives `role` to `account`.
    pub fn grant(
        &mut self,
        caller: AccountId,
        role: RoleType,
        account: Option<AccountId>,
    ) -> Result<RoleGranted, AccessControlError> {
        self.check(DEFAULT_ADMIN_ROLE, caller)?;
        let account = account.ok_or(AccessControlError::InvalidCaller)?;
        if self.has(role, account) {
            return Err(AccessControlError::RoleRedundant);
        }
        self.members.insert((role, account), &());
        Ok(RoleGranted {
            role,
            grantee: Some(account),
            grantor: Some(caller),
        })
    }

    /// `caller` (an admin) takes `role` from `account`.
    pub fn revoke(
        &mut self,
        caller: AccountId,
        role: RoleType,
        account: Option<AccountId>,
    ) -> Result<RoleRevoked, AccessControlError> {
        self.check(DEFAULT_ADMIN_ROLE, caller)?;
        let account = account.ok_or(AccessControlError::InvalidCaller)?;
        self.remove(caller, role, account)
    }

    /// `caller` gives up its own `role`; `account` must be `caller`.
    pub fn renounce(
        &mut self,
        caller: AccountId,
        role: RoleType,
        account: Option<AccountId>,
    ) -> Result<RoleRevoked, AccessControlError> {
        if account != Some(caller) {
            return Err(AccessControlError::InvalidCaller);
        }
        self.remove(caller, role, caller)
    }

    fn remove(
        &mut self,
        sender: AccountId,
        role: RoleType,
        account: AccountId,
    ) -> Result<RoleRevoked, AccessControlError> {
        self.check(role, account)?;
        self.members.remove((role, account));
        Ok(RoleRevoked {
            role,
            account: Some(account),
            admin: sender,
        })
    }
}

/// The single owner of a contract (OpenBrush's `Ownable` state).
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Ownership {
    owner: Option<AccountId>,
}

impl Ownership {
    /// Starts owned by `owner`; returns the event to emit.
    pub fn new(owner: AccountId) -> (Self, OwnershipTransferred) {
        let event = OwnershipTransferred {
            previous: None,
            new: Some(owner),
        };
        (Self { owner: Some(owner) }, event)
    }

    /// The current owner.
    pub fn owner(&self) -> Option<AccountId> {
        self.owner
    }

    /// `Ok` if `caller` is the owner.
    pub fn check(&self, caller: AccountId) -> Result<(), OwnableError> {
        if self.owner == Some(caller) {
            Ok(())
        } else {
            Err(OwnableError::CallerIsNotOwner)
        }
    }

    /// The owner hands ownership to `new_owner` (`None` is refused: renounce instead).
    pub fn transfer(
        &mut self,
        caller: AccountId,
        new_owner: Option<AccountId>,
    ) -> Result<OwnershipTransferred, OwnableError> {
        self.check(caller)?;
        if new_owner.is_none() {
            return Err(OwnableError::NewOwnerIsNotSet);
        }
        Ok(self.set(new_owner))
    }

    /// The owner gives up ownership for good.
    pub fn renounce(&mut self, caller: AccountId) -> Result<OwnershipTransferred, OwnableError> {
        self.check(caller)?;
        Ok(self.set(None))
    }

    fn set(&mut self, new: Option<AccountId>) -> OwnershipTransferred {
        let previous = core::mem::replace(&mut self.owner, new);
        OwnershipTransferred { previous, new }
    }
}

#[cfg(test)]
mod tests {
    use super::{PausableError, PauseClock};
    use crate::limits::{MAX_PAUSE, PAUSE_GAP};
    use proptest::prelude::*;

    #[test]
    fn a_pause_ends_by_itself_and_the_next_waits_for_the_gap() {
        let mut clock = PauseClock::default();
        assert_eq!(clock.unpause(5), Err(PausableError::NotPaused));
        assert_eq!(clock.pause(5), Ok(()));
        assert!(clock.is_paused(5) && clock.is_paused(5 + MAX_PAUSE - 1));
        assert_eq!(clock.pause(6), Err(PausableError::Paused));
        assert!(!clock.is_paused(5 + MAX_PAUSE), "over after MAX_PAUSE");
        let ended = 5 + MAX_PAUSE;
        assert_eq!(
            clock.pause(ended + PAUSE_GAP - 1),
            Err(PausableError::TooSoon)
        );
        assert_eq!(clock.pause(ended + PAUSE_GAP), Ok(()));
        let now = ended + PAUSE_GAP + 10;
        assert_eq!(clock.unpause(now), Ok(()));
        assert!(!clock.is_paused(now));
        assert_eq!(
            clock.pause(now + PAUSE_GAP - 1),
            Err(PausableError::TooSoon)
        );
        assert_eq!(clock.pause(now + PAUSE_GAP), Ok(()));
    }

    proptest! {
        /// Whatever a pauser tries and whenever, no pause lasts beyond `MAX_PAUSE` and every
        /// pause is followed by at least `PAUSE_GAP` unpaused.
        #[test]
        fn no_pause_outlasts_the_bound(steps in prop::collection::vec((1u64..3 * MAX_PAUSE, any::<bool>()), 1..50)) {
            let mut clock = PauseClock::default();
            let (mut now, mut started, mut ended) = (1u64, None::<u64>, None::<u64>);
            for (wait, pause) in steps {
                now += wait;
                if let Some(start) = started {
                    if !clock.is_paused(now) {
                        prop_assert!(clock.until <= start + MAX_PAUSE);
                        ended = Some(clock.until);
                        started = None;
                    }
                }
                if pause {
                    if clock.pause(now).is_ok() {
                        if let Some(end) = ended {
                            prop_assert!(now >= end + PAUSE_GAP);
                        }
                        started = Some(now);
                    }
                } else if clock.unpause(now).is_ok() {
                    ended = Some(now);
                    started = None;
                }
            }
        }
    }
}
