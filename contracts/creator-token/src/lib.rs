//! # Creator token
//!
//! A creator's social token: a standard PSP22 (so every wallet shows it) with metadata, a
//! supply cap fixed at construction, role-gated mint and burn, and pause.
//!
//! * Roles (OpenBrush `AccessControl`): `DEFAULT_ADMIN_ROLE` (0) grants and revokes roles;
//!   `MINTER` may mint up to the cap; `BURNER` may burn from any account (it is meant for the
//!   suite's market and for the creator); `PAUSER` may pause. The `admin` given at construction
//!   receives all four and becomes the `Ownable` owner, the creator's public identity.
//! * Pause stops `transfer`, `transfer_from`, `mint` and `burn`; approvals, role management and
//!   ownership still work, so a paused token can be repaired.
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
    use psp::upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable, Upgraded};
    use psp::{
        access::{Paused, Unpaused},
        AccessControl, AccessControlError, Ownable, OwnableError, Ownership, PSP22Burnable,
        PSP22Capped, PSP22Data, PSP22Error, PSP22Event, PSP22Metadata, PSP22Mintable, Pausable,
        PausableError, RoleType, Roles, BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER, PSP22,
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
        paused: bool,
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
                paused: false,
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
                let event = token.roles.setup(role, admin);
                token.env().emit_event(event);
            }
            token.env().emit_event(ownership_event);
            token
        }

        /// The code version; only the upgrade test's second build has this message.
        #[cfg(feature = "upgrade-test-v2")]
        #[ink(message)]
        pub fn code_version(&self) -> u32 {
            2
        }

        fn emit(&self, events: Vec<PSP22Event>) {
            for event in events {
                match event {
                    PSP22Event::Transfer(event) => self.env().emit_event(event),
                    PSP22Event::Approval(event) => self.env().emit_event(event),
                }
            }
        }

        fn ensure_not_paused(&self) -> Result<(), PSP22Error> {
            if self.paused {
                return Err(PSP22Error::custom(PSP22Error::PAUSED));
            }
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
            match (self.paused, paused) {
                (true, true) => return Err(PausableError::Paused),
                (false, false) => return Err(PausableError::NotPaused),
                _ => {}
            }
            self.paused = paused;
            if paused {
                self.env().emit_event(Paused { account });
            } else {
                self.env().emit_event(Unpaused { account });
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
            let _ = data;
            self.ensure_not_paused()?;
            let events = self.ledger.transfer(self.env().caller(), to, value)?;
            self.emit(events);
            Ok(())
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
            let _ = data;
            self.ensure_not_paused()?;
            let events = self
                .ledger
                .transfer_from(self.env().caller(), from, to, value)?;
            self.emit(events);
            Ok(())
        }

        /// Lets `spender` spend up to `value` of the caller's tokens (replacing the allowance).
        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error> {
            let events = self.ledger.approve(self.env().caller(), spender, value)?;
            self.emit(events);
            Ok(())
        }

        /// Raises `spender`'s allowance by `delta_value`, saturating at `u128::MAX`.
        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let events =
                self.ledger
                    .increase_allowance(self.env().caller(), spender, delta_value)?;
            self.emit(events);
            Ok(())
        }

        /// Lowers `spender`'s allowance by `delta_value`; `InsufficientAllowance` if smaller.
        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let events =
                self.ledger
                    .decrease_allowance(self.env().caller(), spender, delta_value)?;
            self.emit(events);
            Ok(())
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
            self.ensure_not_paused()?;
            let within_cap = self
                .ledger
                .total_supply()
                .checked_add(amount)
                .is_some_and(|supply| supply <= self.cap);
            if !within_cap {
                return Err(PSP22Error::custom(PSP22Error::CAP_EXCEEDED));
            }
            let events = self.ledger.mint(account, amount, self.cap)?;
            self.emit(events);
            Ok(())
        }
    }

    impl PSP22Burnable for CreatorToken {
        /// Destroys `amount` of `account`'s tokens. `BURNER` only; refused while paused.
        #[ink(message)]
        fn burn(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error> {
            self.ensure_role(BURNER)?;
            self.ensure_not_paused()?;
            let events = self.ledger.burn(account, amount)?;
            self.emit(events);
            Ok(())
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
            let event = self.ownership.renounce(self.env().caller())?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Hands ownership to `new_owner`. Owner only; `None` is refused (`NewOwnerIsNotSet`).
        #[ink(message)]
        fn transfer_ownership(&mut self, new_owner: Option<AccountId>) -> Result<(), OwnableError> {
            let event = self.ownership.transfer(self.env().caller(), new_owner)?;
            self.env().emit_event(event);
            Ok(())
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
            let event = self.roles.grant(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Takes `role` from `account`. Admin only; `MissingRole` if it does not have it.
        #[ink(message)]
        fn revoke_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            let event = self.roles.revoke(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The caller gives up its own `role`; `account` must be the caller.
        #[ink(message)]
        fn renounce_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            let event = self.roles.renounce(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }
    }

    impl Pausable for CreatorToken {
        /// Whether transfers, mint and burn are stopped.
        #[ink(message)]
        fn paused(&self) -> bool {
            self.paused
        }

        /// Stops transfers, mint and burn. `PAUSER` only; `Paused` if already paused.
        #[ink(message)]
        fn pause(&mut self) -> Result<(), PausableError> {
            self.set_paused(true)
        }

        /// Resumes transfers, mint and burn. `PAUSER` only; `NotPaused` if not paused.
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
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let event = self
                .upgrades
                .propose(code_hash, self.env().block_timestamp());
            self.env().emit_event(event);
            Ok(())
        }

        /// Moves to the proposed code once its delay has passed; storage stays. Admin only.
        #[ink(message)]
        fn execute_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let code_hash = self.upgrades.take_ready(self.env().block_timestamp())?;
            self.env()
                .set_code_hash(&code_hash)
                .map_err(|_| UpgradeError::SetCodeHashFailed)?;
            self.env().emit_event(Upgraded { code_hash });
            Ok(())
        }

        /// Withdraws the proposed upgrade. Admin only.
        #[ink(message)]
        fn cancel_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let event = self.upgrades.cancel()?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The proposed upgrade and when it can be executed, if any.
        #[ink(message)]
        fn pending_upgrade(&self) -> Option<PendingUpgrade> {
            self.upgrades.pending()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::{
            test::{self, DefaultAccounts},
            DefaultEnvironment, Event,
        };
        use psp::{
            access::{OwnershipTransferred, RoleGranted, RoleRevoked},
            psp22::{Approval, Transfer},
        };

        const CAP: Balance = 1_000_000;

        /// Every event this contract emits, decoded.
        #[derive(Debug, PartialEq)]
        enum Emitted {
            Transfer(Transfer),
            Approval(Approval),
            RoleGranted(RoleGranted),
            RoleRevoked(RoleRevoked),
            OwnershipTransferred(OwnershipTransferred),
            Paused(Paused),
            Unpaused(Unpaused),
        }

        fn decode<E: Event + ink::scale::Decode>(topics: &[Vec<u8>], data: &[u8]) -> Option<E> {
            let signature = E::SIGNATURE_TOPIC?;
            (topics.first()?.as_slice() == signature.as_slice())
                .then(|| E::decode(&mut &data[..]).expect("event decodes"))
        }

        fn events() -> Vec<Emitted> {
            test::recorded_events()
                .map(|event| {
                    let (t, d) = (&event.topics, &event.data[..]);
                    None.or_else(|| decode(t, d).map(Emitted::Transfer))
                        .or_else(|| decode(t, d).map(Emitted::Approval))
                        .or_else(|| decode(t, d).map(Emitted::RoleGranted))
                        .or_else(|| decode(t, d).map(Emitted::RoleRevoked))
                        .or_else(|| decode(t, d).map(Emitted::OwnershipTransferred))
                        .or_else(|| decode(t, d).map(Emitted::Paused))
                        .or_else(|| decode(t, d).map(Emitted::Unpaused))
                        .expect("known event")
                })
                .collect()
        }

        /// Events emitted since `mark` (a count of events seen before).
        fn events_since(mark: usize) -> Vec<Emitted> {
            events().into_iter().skip(mark).collect()
        }

        fn accounts() -> DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(account: AccountId) {
            test::set_caller::<DefaultEnvironment>(account);
        }

        /// A token administered by alice, with `supply` minted to alice; returns the event mark.
        fn setup(supply: Balance) -> (CreatorToken, usize) {
            let alice = accounts().alice;
            set_caller(alice);
            let mut token =
                CreatorToken::new(Some("Creator".into()), Some("CRT".into()), 12, CAP, alice);
            if supply > 0 {
                token.mint(alice, supply).expect("mint");
            }
            let mark = events().len();
            (token, mark)
        }

        fn custom(reason: &str) -> PSP22Error {
            PSP22Error::Custom(reason.into())
        }

        fn transfer_event(
            from: Option<AccountId>,
            to: Option<AccountId>,
            value: Balance,
        ) -> Emitted {
            Emitted::Transfer(Transfer { from, to, value })
        }

        fn approval_event(owner: AccountId, spender: AccountId, amount: Balance) -> Emitted {
            Emitted::Approval(Approval {
                owner,
                spender,
                amount,
            })
        }

        #[ink::test]
        fn constructor_sets_metadata_cap_roles_and_owner() {
            let (token, _) = setup(0);
            let alice = accounts().alice;
            assert_eq!(token.token_name(), Some("Creator".into()));
            assert_eq!(token.token_symbol(), Some("CRT".into()));
            assert_eq!(token.token_decimals(), 12);
            assert_eq!(token.cap(), CAP);
            assert_eq!(token.total_supply(), 0);
            assert_eq!(token.owner(), Some(alice));
            assert!(!token.paused());
            for role in [DEFAULT_ADMIN_ROLE, MINTER, BURNER, PAUSER] {
                assert!(token.has_role(role, Some(alice)));
                assert!(!token.has_role(role, Some(accounts().bob)));
            }
            assert!(!token.has_role(MINTER, None));
            let granted = |role| {
                Emitted::RoleGranted(RoleGranted {
                    role,
                    grantee: Some(alice),
                    grantor: None,
                })
            };
            assert_eq!(
                events(),
                vec![
                    granted(DEFAULT_ADMIN_ROLE),
                    granted(MINTER),
                    granted(BURNER),
                    granted(PAUSER),
                    Emitted::OwnershipTransferred(OwnershipTransferred {
                        previous: None,
                        new: Some(alice)
                    }),
                ]
            );
        }

        #[ink::test]
        fn metadata_may_be_absent() {
            let mut token = CreatorToken::new(None, None, 0, CAP, accounts().alice);
            assert_eq!(token.token_name(), None);
            assert_eq!(token.token_symbol(), None);
            assert_eq!(token.token_decimals(), 0);
            assert_eq!(
                token.transfer(accounts().bob, 1, vec![]),
                Err(PSP22Error::InsufficientBalance)
            );
        }

        #[ink::test]
        fn mint_by_minter_up_to_the_cap() {
            let (mut token, mark) = setup(0);
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(token.mint(bob, 400), Ok(()));
            assert_eq!(token.mint(bob, CAP - 400), Ok(()));
            assert_eq!(token.balance_of(bob), CAP);
            assert_eq!(token.total_supply(), CAP);
            assert_eq!(token.balance_of(alice), 0);
            assert_eq!(
                events_since(mark),
                vec![
                    transfer_event(None, Some(bob), 400),
                    transfer_event(None, Some(bob), CAP - 400)
                ]
            );
        }

        #[ink::test]
        fn mint_refusals_change_nothing() {
            let (mut token, mark) = setup(10);
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(
                token.mint(bob, CAP - 9),
                Err(custom(PSP22Error::CAP_EXCEEDED))
            );
            assert_eq!(
                token.mint(bob, u128::MAX),
                Err(custom(PSP22Error::CAP_EXCEEDED))
            );
            set_caller(bob);
            assert_eq!(token.mint(bob, 1), Err(custom(PSP22Error::MISSING_ROLE)));
            set_caller(alice);
            token.pause().expect("pause");
            let mark_paused = events().len();
            assert_eq!(token.mint(bob, 1), Err(custom(PSP22Error::PAUSED)));
            assert_eq!(token.total_supply(), 10);
            assert_eq!(token.balance_of(bob), 0);
            assert_eq!(events_since(mark).len(), 1, "only the Paused event");
            assert_eq!(events().len(), mark_paused);
        }

        #[ink::test]
        fn zero_mint_and_zero_burn_succeed_without_events() {
            let (mut token, mark) = setup(10);
            assert_eq!(token.mint(accounts().bob, 0), Ok(()));
            assert_eq!(token.burn(accounts().alice, 0), Ok(()));
            assert_eq!(token.total_supply(), 10);
            assert!(events_since(mark).is_empty());
        }

        #[ink::test]
        fn burn_by_burner() {
            let (mut token, mark) = setup(100);
            let (alice, bob) = (accounts().alice, accounts().bob);
            token.transfer(bob, 40, vec![]).expect("transfer");
            assert_eq!(token.burn(bob, 15), Ok(()));
            assert_eq!(token.balance_of(bob), 25);
            assert_eq!(token.total_supply(), 85);
            assert_eq!(
                events_since(mark),
                vec![
                    transfer_event(Some(alice), Some(bob), 40),
                    transfer_event(Some(bob), None, 15)
                ]
            );
            // Burnt supply can be minted again, up to the cap.
            assert_eq!(token.mint(bob, CAP - 85), Ok(()));
        }

        #[ink::test]
        fn burn_refusals_change_nothing() {
            let (mut token, mark) = setup(100);
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(token.burn(alice, 101), Err(PSP22Error::InsufficientBalance));
            set_caller(bob);
            assert_eq!(token.burn(alice, 1), Err(custom(PSP22Error::MISSING_ROLE)));
            set_caller(alice);
            token.pause().expect("pause");
            assert_eq!(token.burn(alice, 1), Err(custom(PSP22Error::PAUSED)));
            assert_eq!(token.balance_of(alice), 100);
            assert_eq!(token.total_supply(), 100);
            assert_eq!(events_since(mark).len(), 1, "only the Paused event");
        }

        #[ink::test]
        fn transfer_moves_balance_and_emits() {
            let (mut token, mark) = setup(100);
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(token.transfer(bob, 30, vec![1, 2, 3]), Ok(()));
            assert_eq!(token.balance_of(alice), 70);
            assert_eq!(token.balance_of(bob), 30);
            assert_eq!(token.transfer(bob, 70, vec![]), Ok(()));
            assert_eq!(token.balance_of(alice), 0);
            assert_eq!(token.total_supply(), 100);
            assert_eq!(
                events_since(mark),
                vec![
                    transfer_event(Some(alice), Some(bob), 30),
                    transfer_event(Some(alice), Some(bob), 70)
                ]
            );
        }

        #[ink::test]
        fn transfer_refusals_and_no_ops() {
            let (mut token, mark) = setup(100);
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(
                token.transfer(bob, 101, vec![]),
                Err(PSP22Error::InsufficientBalance)
            );
            assert_eq!(
                token.transfer(bob, u128::MAX, vec![]),
                Err(PSP22Error::InsufficientBalance)
            );
            // Zero value and self-transfer: success, no change, no event (even above balance).
            assert_eq!(token.transfer(bob, 0, vec![]), Ok(()));
            assert_eq!(token.transfer(alice, 500, vec![]), Ok(()));
            assert_eq!(token.balance_of(alice), 100);
            assert!(events_since(mark).is_empty());
            token.pause().expect("pause");
            assert_eq!(
                token.transfer(bob, 1, vec![]),
                Err(custom(PSP22Error::PAUSED))
            );
            token.unpause().expect("unpause");
            assert_eq!(token.transfer(bob, 1, vec![]), Ok(()));
        }

        #[ink::test]
        fn approve_and_allowance_changes() {
            let (mut token, mark) = setup(100);
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(token.approve(bob, 50), Ok(()));
            assert_eq!(token.allowance(alice, bob), 50);
            assert_eq!(token.increase_allowance(bob, 25), Ok(()));
            assert_eq!(token.allowance(alice, bob), 75);
            assert_eq!(token.decrease_allowance(bob, 70), Ok(()));
            assert_eq!(token.allowance(alice, bob), 5);
            assert_eq!(
                token.decrease_allowance(bob, 6),
                Err(PSP22Error::InsufficientAllowance)
            );
            assert_eq!(token.increase_allowance(bob, u128::MAX), Ok(()));
            assert_eq!(token.allowance(alice, bob), u128::MAX, "saturates");
            assert_eq!(token.approve(bob, 0), Ok(()));
            assert_eq!(token.allowance(alice, bob), 0);
            assert_eq!(
                events_since(mark),
                vec![
                    approval_event(alice, bob, 50),
                    approval_event(alice, bob, 75),
                    approval_event(alice, bob, 5),
                    approval_event(alice, bob, u128::MAX),
                    approval_event(alice, bob, 0),
                ]
            );
            // No-ops: approving oneself, zero deltas.
            let mark = events().len();
            assert_eq!(token.approve(alice, 10), Ok(()));
            assert_eq!(token.increase_allowance(bob, 0), Ok(()));
            assert_eq!(token.decrease_allowance(bob, 0), Ok(()));
            assert_eq!(token.allowance(alice, alice), 0);
            assert!(events_since(mark).is_empty());
        }

        #[ink::test]
        fn approvals_work_while_paused() {
            let (mut token, _) = setup(100);
            token.pause().expect("pause");
            assert_eq!(token.approve(accounts().bob, 5), Ok(()));
            assert_eq!(token.increase_allowance(accounts().bob, 5), Ok(()));
            assert_eq!(token.decrease_allowance(accounts().bob, 5), Ok(()));
            assert_eq!(token.allowance(accounts().alice, accounts().bob), 5);
        }

        #[ink::test]
        fn transfer_from_spends_allowance() {
            let (mut token, _) = setup(100);
            let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
            token.approve(bob, 60).expect("approve");
            let mark = events().len();
            set_caller(bob);
            assert_eq!(token.transfer_from(alice, charlie, 45, vec![]), Ok(()));
            assert_eq!(token.balance_of(alice), 55);
            assert_eq!(token.balance_of(charlie), 45);
            assert_eq!(token.allowance(alice, bob), 15);
            assert_eq!(
                events_since(mark),
                vec![
                    approval_event(alice, bob, 15),
                    transfer_event(Some(alice), Some(charlie), 45)
                ]
            );
        }

        #[ink::test]
        fn transfer_from_refusals_change_nothing() {
            let (mut token, _) = setup(100);
            let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
            token.approve(bob, 500).expect("approve");
            token.approve(charlie, 10).expect("approve");
            let mark = events().len();
            set_caller(charlie);
            assert_eq!(
                token.transfer_from(alice, bob, 11, vec![]),
                Err(PSP22Error::InsufficientAllowance)
            );
            set_caller(bob);
            assert_eq!(
                token.transfer_from(alice, charlie, 101, vec![]),
                Err(PSP22Error::InsufficientBalance)
            );
            assert_eq!(
                token.transfer_from(charlie, alice, 1, vec![]),
                Err(PSP22Error::InsufficientAllowance)
            );
            assert_eq!(token.allowance(alice, bob), 500);
            assert_eq!(token.allowance(alice, charlie), 10);
            assert_eq!(token.balance_of(alice), 100);
            assert!(events_since(mark).is_empty());
            set_caller(alice);
            token.pause().expect("pause");
            set_caller(bob);
            assert_eq!(
                token.transfer_from(alice, bob, 1, vec![]),
                Err(custom(PSP22Error::PAUSED))
            );
        }

        #[ink::test]
        fn transfer_from_no_ops_and_own_tokens() {
            let (mut token, mark) = setup(100);
            let (alice, bob) = (accounts().alice, accounts().bob);
            set_caller(bob);
            // from == to and zero value: success, no change, no event, no allowance needed.
            assert_eq!(token.transfer_from(alice, alice, 5, vec![]), Ok(()));
            assert_eq!(token.transfer_from(alice, bob, 0, vec![]), Ok(()));
            assert!(events_since(mark).is_empty());
            // The holder moving its own tokens needs no allowance.
            set_caller(alice);
            assert_eq!(token.transfer_from(alice, bob, 5, vec![]), Ok(()));
            assert_eq!(token.balance_of(bob), 5);
            assert_eq!(
                events_since(mark),
                vec![transfer_event(Some(alice), Some(bob), 5)]
            );
        }

        #[ink::test]
        fn ownership_transfer_and_renounce() {
            let (mut token, mark) = setup(0);
            let (alice, bob) = (accounts().alice, accounts().bob);
            set_caller(bob);
            assert_eq!(
                token.transfer_ownership(Some(bob)),
                Err(OwnableError::CallerIsNotOwner)
            );
            assert_eq!(
                token.renounce_ownership(),
                Err(OwnableError::CallerIsNotOwner)
            );
            set_caller(alice);
            assert_eq!(
                token.transfer_ownership(None),
                Err(OwnableError::NewOwnerIsNotSet)
            );
            assert!(events_since(mark).is_empty());
            assert_eq!(token.transfer_ownership(Some(bob)), Ok(()));
            assert_eq!(token.owner(), Some(bob));
            assert_eq!(
                token.renounce_ownership(),
                Err(OwnableError::CallerIsNotOwner)
            );
            set_caller(bob);
            assert_eq!(token.renounce_ownership(), Ok(()));
            assert_eq!(token.owner(), None);
            assert_eq!(
                token.transfer_ownership(Some(bob)),
                Err(OwnableError::CallerIsNotOwner)
            );
            assert_eq!(
                events_since(mark),
                vec![
                    Emitted::OwnershipTransferred(OwnershipTransferred {
                        previous: Some(alice),
                        new: Some(bob)
                    }),
                    Emitted::OwnershipTransferred(OwnershipTransferred {
                        previous: Some(bob),
                        new: None
                    }),
                ]
            );
        }

        #[ink::test]
        fn admin_grants_and_revokes_roles() {
            let (mut token, mark) = setup(0);
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(token.get_role_admin(MINTER), DEFAULT_ADMIN_ROLE);
            assert_eq!(token.grant_role(MINTER, Some(bob)), Ok(()));
            assert!(token.has_role(MINTER, Some(bob)));
            assert_eq!(
                token.grant_role(MINTER, Some(bob)),
                Err(AccessControlError::RoleRedundant)
            );
            assert_eq!(
                token.grant_role(MINTER, None),
                Err(AccessControlError::InvalidCaller)
            );
            set_caller(bob);
            assert_eq!(token.mint(bob, 7), Ok(()), "a granted minter mints");
            assert_eq!(
                token.grant_role(PAUSER, Some(bob)),
                Err(AccessControlError::MissingRole),
                "a minter is not an admin"
            );
            assert_eq!(
                token.revoke_role(MINTER, Some(alice)),
                Err(AccessControlError::MissingRole)
            );
            set_caller(alice);
            assert_eq!(token.revoke_role(MINTER, Some(bob)), Ok(()));
            assert_eq!(
                token.revoke_role(MINTER, Some(bob)),
                Err(AccessControlError::MissingRole)
            );
            assert_eq!(
                token.revoke_role(MINTER, None),
                Err(AccessControlError::InvalidCaller)
            );
            set_caller(bob);
            assert_eq!(token.mint(bob, 1), Err(custom(PSP22Error::MISSING_ROLE)));
            assert_eq!(
                events_since(mark),
                vec![
                    Emitted::RoleGranted(RoleGranted {
                        role: MINTER,
                        grantee: Some(bob),
                        grantor: Some(alice)
                    }),
                    transfer_event(None, Some(bob), 7),
                    Emitted::RoleRevoked(RoleRevoked {
                        role: MINTER,
                        account: Some(bob),
                        admin: alice
                    }),
                ]
            );
        }

        #[ink::test]
        fn roles_are_renounced_only_by_their_holder() {
            let (mut token, mark) = setup(0);
            let (alice, bob) = (accounts().alice, accounts().bob);
            set_caller(bob);
            assert_eq!(
                token.renounce_role(MINTER, Some(alice)),
                Err(AccessControlError::InvalidCaller)
            );
            assert_eq!(
                token.renounce_role(MINTER, None),
                Err(AccessControlError::InvalidCaller)
            );
            assert_eq!(
                token.renounce_role(MINTER, Some(bob)),
                Err(AccessControlError::MissingRole)
            );
            set_caller(alice);
            assert_eq!(token.renounce_role(DEFAULT_ADMIN_ROLE, Some(alice)), Ok(()));
            assert!(!token.has_role(DEFAULT_ADMIN_ROLE, Some(alice)));
            assert_eq!(
                token.grant_role(MINTER, Some(bob)),
                Err(AccessControlError::MissingRole)
            );
            assert_eq!(
                events_since(mark),
                vec![Emitted::RoleRevoked(RoleRevoked {
                    role: DEFAULT_ADMIN_ROLE,
                    account: Some(alice),
                    admin: alice
                })]
            );
        }

        #[ink::test]
        fn upgrades_are_proposed_and_cancelled_by_the_admin_only() {
            use psp::upgrade::{UpgradeCancelled, UpgradeProposed, UPGRADE_DELAY};
            let (mut token, _) = setup(0);
            let hash = Hash::from([7; 32]);
            test::set_block_timestamp::<DefaultEnvironment>(1_000);
            assert_eq!(token.pending_upgrade(), None);
            assert_eq!(token.execute_upgrade(), Err(UpgradeError::NothingProposed));
            assert_eq!(token.cancel_upgrade(), Err(UpgradeError::NothingProposed));
            set_caller(accounts().bob);
            assert_eq!(token.propose_upgrade(hash), Err(UpgradeError::MissingRole));
            set_caller(accounts().alice);
            assert_eq!(token.propose_upgrade(hash), Ok(()));
            let pending = token.pending_upgrade().expect("pending");
            assert_eq!(
                (pending.code_hash, pending.ready_at),
                (hash, 1_000 + UPGRADE_DELAY)
            );
            test::set_block_timestamp::<DefaultEnvironment>(1_000 + UPGRADE_DELAY - 1);
            assert_eq!(token.execute_upgrade(), Err(UpgradeError::TooEarly));
            set_caller(accounts().bob);
            assert_eq!(token.execute_upgrade(), Err(UpgradeError::MissingRole));
            assert_eq!(token.cancel_upgrade(), Err(UpgradeError::MissingRole));
            set_caller(accounts().alice);
            assert_eq!(token.cancel_upgrade(), Ok(()));
            assert_eq!(token.pending_upgrade(), None);
            let proposed = test::recorded_events()
                .filter(|e| {
                    e.topics.first().map(|t| t.as_slice())
                        == <UpgradeProposed as Event>::SIGNATURE_TOPIC
                            .as_ref()
                            .map(|t| t.as_slice())
                })
                .count();
            let cancelled = test::recorded_events()
                .filter(|e| {
                    e.topics.first().map(|t| t.as_slice())
                        == <UpgradeCancelled as Event>::SIGNATURE_TOPIC
                            .as_ref()
                            .map(|t| t.as_slice())
                })
                .count();
            assert_eq!((proposed, cancelled), (1, 1));
        }

        #[ink::test]
        fn pause_and_unpause_by_pauser() {
            let (mut token, mark) = setup(0);
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(token.unpause(), Err(PausableError::NotPaused));
            set_caller(bob);
            assert_eq!(token.pause(), Err(PausableError::MissingRole));
            set_caller(alice);
            assert_eq!(token.pause(), Ok(()));
            assert!(token.paused());
            assert_eq!(token.pause(), Err(PausableError::Paused));
            // Role management and ownership still work while paused.
            assert_eq!(token.grant_role(PAUSER, Some(bob)), Ok(()));
            set_caller(bob);
            assert_eq!(token.unpause(), Ok(()));
            assert!(!token.paused());
            assert_eq!(
                events_since(mark),
                vec![
                    Emitted::Paused(Paused { account: alice }),
                    Emitted::RoleGranted(RoleGranted {
                        role: PAUSER,
                        grantee: Some(bob),
                        grantor: Some(alice)
                    }),
                    Emitted::Unpaused(Unpaused { account: bob }),
                ]
            );
        }
    }
}
