//! # Creator token
//!
//! A creator's social token: a standard PSP22 (so every wallet shows it) with metadata, a
//! supply cap fixed at construction, role-gated mint and burn, and pause.
//!
//! * Roles (OpenBrush `AccessControl`): `DEFAULT_ADMIN_ROLE` (0) grants and revokes roles;
//!   `MINTER` may mint up to the cap; `BURNER` may burn from any account (it is meant for the
//!   suite's market, which burns only what a seller sells); `PAUSER` may pause. The `admin`
//!   given at construction receives all four and becomes the `Ownable` owner, the creator's
//!   public identity. The factory's fair launch leaves no admin: `MINTER` with the mining pool
//!   and the market, `BURNER` with the market, `PAUSER` with the creator, no upgrades.
//! * Anyone may `burn` their own tokens, or another's within the allowance given to them.
//! * A pause stops `transfer`, `transfer_from`, `mint` and `burn` for at most 24 hours
//!   (`psp::limits::MAX_PAUSE`) and the next cannot start until 24 hours after it ended
//!   (`PAUSE_GAP`), so no pauser can stop holders from selling for longer; approvals, role
//!   management and ownership still work during a pause.
//! * A zero-value transfer, a transfer to oneself and `transfer_from` with `from == to` succeed
//!   without any change or event. `transfer_from` by `from` itself needs no allowance.
//! * Refusals are typed: the standard `PSP22Error`, with the suite's reasons in `Custom`
//!   (OpenBrush's `"AC::MissingRole"`, `"P::Paused"`, `"Cap exceeded"`).
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

#[ink::contract]
mod creator_token {
    use ink::{
        prelude::{string::String, vec::Vec},
        storage::Lazy,
    };
    use psp::upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable};
    use psp::{
        access::{Paused, Unpaused},
        AccessControl, AccessControlError, Ownable, OwnableError, Ownership, PSP22Burnable,
        PSP22Capped, PSP22Data, PSP22Error, PSP22Events, PSP22Metadata, PSP22Mintable, Pausable,
        PausableError, PauseClock, RoleType, Roles, BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER,
        PSP22,
    };

    /// Name, symbol and decimals: read by wallets, never by transfers, so kept out of the
    /// storage root that every call loads.
    #[derive(Debug, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct TokenMetadata {
        name: Option<String>,
        symbol: Option<String>,
        decimals: u8,
    }

    #[ink(storage)]
    pub struct CreatorToken {
        ledger: PSP22Data,
        cap: Balance,
        pause: PauseClock,
        ownership: Ownership,
        roles: Roles,
        metadata: Lazy<TokenMetadata>,
        upgrades: UpgradeTimelock,
    }

    impl CreatorToken {
        /// Creates the token with no supply. `admin` receives every role (admin, minter,
        /// burner, pauser) and ownership; `cap` bounds the total supply forever.
        #[ink(constructor)]
        pub fn new(
            name: Option<String>,
            symbol: Option<String>,
            decimals: u8,
            cap: Balance,
            admin: AccountId,
        ) -> Self {
            let (ownership, ownership_event) = Ownership::new(admin);
            let mut token = Self {
                ledger: PSP22Data::default(),
                cap,
                pause: PauseClock::default(),
                ownership,
                roles: Roles::default(),
                upgrades: UpgradeTimelock::default(),
                metadata: Lazy::default(),
            };
            token.metadata.set(&TokenMetadata {
                name,
                symbol,
                decimals,
            });
            for role in [DEFAULT_ADMIN_ROLE, MINTER, BURNER, PAUSER] {
                psp::emit(token.roles.setup(role, admin));
            }
            psp::emit(ownership_event);
            token
        }

        /// The code version; only the upgrade test's second build has this message.
        #[cfg(feature = "upgrade-test-v2")]
        #[ink(message)]
        pub fn code_version(&self) -> u32 {
            2
        }

        /// The one path of every balance change (transfer, mint, burn), OpenZeppelin's
        /// `_update`: refuses during a pause, applies `change` to the ledger (whose mint refuses
        /// a supply beyond the cap before writing anything) and emits its events.
        fn update(
            &mut self,
            change: impl FnOnce(&mut PSP22Data) -> Result<PSP22Events, PSP22Error>,
        ) -> Result<(), PSP22Error> {
            if self.is_paused() {
                return Err(PSP22Error::custom(PSP22Error::PAUSED));
            }
            change(&mut self.ledger)?.emit();
            Ok(())
        }

        /// Whether a pause is in force (the clock is read only if there ever was one).
        fn is_paused(&self) -> bool {
            self.pause.until != 0 && self.pause.is_paused(self.env().block_timestamp())
        }

        /// Allowance changes are not balance changes: they work while paused.
        fn approve_with(
            &mut self,
            change: impl FnOnce(&mut PSP22Data) -> Result<PSP22Events, PSP22Error>,
        ) -> Result<(), PSP22Error> {
            change(&mut self.ledger)?.emit();
            Ok(())
        }

        fn ensure_role(&self, role: RoleType) -> Result<(), PSP22Error> {
            self.roles
                .check(role, self.env().caller())
                .map_err(|_| PSP22Error::custom(PSP22Error::MISSING_ROLE))
        }

        fn set_paused(&mut self, paused: bool) -> Result<(), PausableError> {
            let account = self.env().caller();
            if !self.roles.has(PAUSER, account) {
                return Err(PausableError::MissingRole);
            }
            let now = self.env().block_timestamp();
            if paused {
                self.pause.pause(now)?;
            } else {
                self.pause.unpause(now)?;
            }
            if paused {
                psp::emit(Paused { account });
            } else {
                psp::emit(Unpaused { account });
            }
            Ok(())
        }
    }

    impl PSP22 for CreatorToken {
        /// Total number of tokens in existence.
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.ledger.total_supply()
        }

        /// Number of tokens `owner` holds.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> Balance {
            self.ledger.balance_of(owner)
        }

        /// How many of `owner`'s tokens `spender` may still spend.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.ledger.allowance(owner, spender)
        }

        /// Moves `value` of the caller's tokens to `to`; `data` is ignored. Refused while
        /// paused. A zero `value` or a transfer to oneself succeeds and changes nothing.
        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: Balance,
            data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let _ = data; // named `data`, not `_data`, so the metadata shows the standard's name
            let caller = self.env().caller();
            self.update(|ledger| ledger.transfer(caller, to, value))
        }

        /// Moves `value` of `from`'s tokens to `to`, spending the caller's allowance, and
        /// emits `Approval` with what is left. Refused while paused.
        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
            data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let _ = data; // kept as `data` for the metadata, as in `transfer`
            let caller = self.env().caller();
            self.update(|ledger| ledger.transfer_from(caller, from, to, value))
        }

        /// Lets `spender` spend up to `value` of the caller's tokens (replacing the allowance).
        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error> {
            let caller = self.env().caller();
            self.approve_with(|ledger| ledger.approve(caller, spender, value))
        }

        /// Raises `spender`'s allowance by `delta_value`, saturating at `u128::MAX`.
        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let caller = self.env().caller();
            self.approve_with(|ledger| ledger.increase_allowance(caller, spender, delta_value))
        }

        /// Lowers `spender`'s allowance by `delta_value`; `InsufficientAllowance` if smaller.
        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let caller = self.env().caller();
            self.approve_with(|ledger| ledger.decrease_allowance(caller, spender, delta_value))
        }
    }

    impl PSP22Metadata for CreatorToken {
        /// The token's name.
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.metadata.get().and_then(|metadata| metadata.name)
        }

        /// The token's ticker symbol.
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.metadata.get().and_then(|metadata| metadata.symbol)
        }

        /// How many decimals a display unit has.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.metadata.get().unwrap_or_default().decimals
        }
    }

    impl PSP22Mintable for CreatorToken {
        /// Creates `amount` tokens for `account`. `MINTER` only; refused while paused and
        /// beyond the cap (`Custom("CapExceeded")`).
        #[ink(message)]
        fn mint(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error> {
            self.ensure_role(MINTER)?;
            let cap = self.cap;
            self.update(|ledger| ledger.mint(account, amount, cap))
        }
    }

    impl PSP22Burnable for CreatorToken {
        /// Destroys `amount` of `account`'s tokens: the caller's own, or within the allowance
        /// `account` gave the caller (spent; `InsufficientAllowance` beyond it); a `BURNER`
        /// (the market) may burn from any account. Refused during a pause.
        #[ink(message)]
        fn burn(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error> {
            let caller = self.env().caller();
            if self.roles.has(BURNER, caller) {
                return self.update(|ledger| ledger.burn(account, amount));
            }
            self.update(|ledger| ledger.burn_from(caller, account, amount))
        }
    }

    impl PSP22Capped for CreatorToken {
        /// The most tokens that can ever exist at once.
        #[ink(message)]
        fn cap(&self) -> Balance {
            self.cap
        }
    }

    impl Ownable for CreatorToken {
        /// The creator's account, `None` once ownership is renounced.
        #[ink(message)]
        fn owner(&self) -> Option<AccountId> {
            self.ownership.owner()
        }

        /// Gives up ownership for good. Owner only.
        #[ink(message)]
        fn renounce_ownership(&mut self) -> Result<(), OwnableError> {
            psp::emit_ok(self.ownership.renounce(self.env().caller()))
        }

        /// Hands ownership to `new_owner`. Owner only; `None` is refused (`NewOwnerIsNotSet`).
        #[ink(message)]
        fn transfer_ownership(&mut self, new_owner: Option<AccountId>) -> Result<(), OwnableError> {
            psp::emit_ok(self.ownership.transfer(self.env().caller(), new_owner))
        }
    }

    impl AccessControl for CreatorToken {
        /// Whether `address` has `role`.
        #[ink(message)]
        fn has_role(&self, role: RoleType, address: Option<AccountId>) -> bool {
            address.is_some_and(|account| self.roles.has(role, account))
        }

        /// The role administering `role`: always `DEFAULT_ADMIN_ROLE` (0).
        #[ink(message)]
        fn get_role_admin(&self, role: RoleType) -> RoleType {
            let _ = role;
            DEFAULT_ADMIN_ROLE
        }

        /// Gives `role` to `account`. Admin only; `RoleRedundant` if it already has it.
        #[ink(message)]
        fn grant_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.grant(self.env().caller(), role, account))
        }

        /// Takes `role` from `account`. Admin only; `MissingRole` if it does not have it.
        #[ink(message)]
        fn revoke_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.revoke(self.env().caller(), role, account))
        }

        /// The caller gives up its own `role`; `account` must be the caller.
        #[ink(message)]
        fn renounce_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.renounce(self.env().caller(), role, account))
        }
    }

    impl Pausable for CreatorToken {
        /// Whether transfers, mint and burn are stopped now.
        #[ink(message)]
        fn paused(&self) -> bool {
            self.is_paused()
        }

        /// Stops transfers, mint and burn for 24 hours at most. `PAUSER` only; `Paused` during
        /// a pause, `TooSoon` within 24 hours after the last one ended.
        #[ink(message)]
        fn pause(&mut self) -> Result<(), PausableError> {
            self.set_paused(true)
        }

        /// Ends the pause early. `PAUSER` only; `NotPaused` if not paused.
        #[ink(message)]
        fn unpause(&mut self) -> Result<(), PausableError> {
            self.set_paused(false)
        }
    }
    impl Upgradeable for CreatorToken {
        /// Proposes moving to `code_hash`, executable after 48 hours (fans see it coming).
        /// Admin only; replaces an earlier proposal.
        #[ink(message)]
        fn propose_upgrade(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            self.upgrades
                .propose_by(&self.roles, self.env().caller(), code_hash)
        }

        /// Moves to the proposed code once its delay has passed; storage stays. Admin only.
        #[ink(message)]
        fn execute_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.upgrades.execute_by(&self.roles, self.env().caller())
        }

        /// Withdraws the proposed upgrade. Admin only.
        #[ink(message)]
        fn cancel_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.upgrades.cancel_by(&self.roles, self.env().caller())
        }

        /// The proposed upgrade and when it can be executed, if any.
        #[ink(message)]
        fn pending_upgrade(&self) -> Option<PendingUpgrade> {
            self.upgrades.pending()
        }
    }
}

/// The typed reference other contracts instantiate and call this contract through (with the
/// `ink-as-dependency` feature): the factory builds `CreatorTokenRef::new(..)`, so a changed
/// constructor is a compile error there.
pub use crate::creator_token::CreatorTokenRef;

// The hot code (`psp::split`): what fans and the suite's contracts call on every trade.
// `increase_allowance` and `decrease_allowance` are left to the full code: no contract of the
// suite calls them, wallets use `approve`, and hot they cost every transfer 1,097 bytes.
psp::split_entry_points!(
    creator_token::CreatorToken,
    "PSP22::transfer",
    "PSP22::transfer_from",
    "PSP22::approve",
    "PSP22::balance_of",
    "PSP22::allowance",
    "PSP22::total_supply",
    "PSP22Mintable::mint",
    "PSP22Burnable::burn",
);

#[cfg(test)]
mod tests;
