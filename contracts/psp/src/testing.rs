//! Off-chain test helpers and shared behaviour suites (Cardinal's `tests!`, OpenZeppelin's
//! `shouldBehaveLike*`) for the contracts' `#[ink::test]` suites.
//!
//! Each suite is a macro that expands to a module of `#[ink::test]` functions inside the
//! implementer's own test module, so every contract that implements a standard proves the same
//! behaviour with one line:
//!
//! ```ignore
//! psp::psp22_tests!(CreatorToken, |supply| token_with(supply));
//! psp::ownable_tests!(CreatorToken, || token_with(0));
//! ```
//!
//! The constructor expressions run with `alice` (the off-chain default caller) as caller; she
//! must come out as the owner and the `DEFAULT_ADMIN_ROLE` holder, and, for `psp22_tests!`,
//! as the holder of the whole supply. Paths in the expressions resolve in the invoking module.

use ink::env::{
    test::{self, DefaultAccounts},
    DefaultEnvironment,
};
use ink::primitives::AccountId;

/// Every event of type `E` recorded by the off-chain environment so far, decoded, in order
/// (matched by `E`'s signature topic).
pub fn emitted<E: ink::env::Event + ink::scale::Decode>() -> Vec<E> {
    ink::env::test::recorded_events()
        .filter_map(|event| {
            let signature = E::SIGNATURE_TOPIC?;
            (event.topics.first()?.as_slice() == signature.as_slice())
                .then(|| E::decode(&mut &event.data[..]).ok())?
        })
        .collect()
}

/// The events of type `E` after the first `mark` of them (`mark` from `emitted::<E>().len()`).
pub fn emitted_since<E: ink::env::Event + ink::scale::Decode>(mark: usize) -> Vec<E> {
    emitted::<E>().into_iter().skip(mark).collect()
}

/// How many events of any type were recorded so far (a mark for "emitted nothing since").
pub fn event_count() -> usize {
    ink::env::test::recorded_events().count()
}

/// The off-chain environment's named accounts (alice, bob, charlie, ...).
pub fn accounts() -> DefaultAccounts<DefaultEnvironment> {
    test::default_accounts::<DefaultEnvironment>()
}

/// Makes `account` the caller of the next messages.
pub fn set_caller(account: AccountId) {
    test::set_caller::<DefaultEnvironment>(account);
}

/// Sets the block timestamp (ms).
pub fn set_time(timestamp: u64) {
    test::set_block_timestamp::<DefaultEnvironment>(timestamp);
}

/// The PSP22 behaviour: balances, transfers, allowances, their events and no-ops.
/// `$new` is `|supply: u128| -> $contract` with the supply held by alice.
#[macro_export]
macro_rules! psp22_tests {
    ($contract:ty, $new:expr) => {
        mod psp22_behaviour {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::ink::primitives::AccountId;
            use $crate::psp22::{Approval, Transfer};
            use $crate::testing::{accounts, emitted, emitted_since, event_count, set_caller};
            use $crate::{PSP22Error, PSP22};

            fn token(supply: u128) -> $contract {
                set_caller(accounts().alice);
                let new: fn(u128) -> $contract = $new;
                new(supply)
            }

            fn transfer(from: Option<AccountId>, to: Option<AccountId>, value: u128) -> Transfer {
                Transfer { from, to, value }
            }

            fn approval(owner: AccountId, spender: AccountId, amount: u128) -> Approval {
                Approval {
                    owner,
                    spender,
                    amount,
                }
            }

            fn transfers_since(mark: usize) -> Vec<Transfer> {
                emitted_since::<Transfer>(mark)
            }

            fn approvals_since(mark: usize) -> Vec<Approval> {
                emitted_since::<Approval>(mark)
            }

            #[ink::test]
            fn the_supply_starts_with_its_holder() {
                let t = token(100);
                assert_eq!(PSP22::total_supply(&t), 100);
                assert_eq!(PSP22::balance_of(&t, accounts().alice), 100);
                assert_eq!(PSP22::balance_of(&t, accounts().bob), 0);
                assert_eq!(PSP22::allowance(&t, accounts().alice, accounts().bob), 0);
            }

            #[ink::test]
            fn transfer_moves_balance_and_emits() {
                let mut t = token(100);
                let (alice, bob) = (accounts().alice, accounts().bob);
                let mark = emitted::<Transfer>().len();
                assert_eq!(PSP22::transfer(&mut t, bob, 30, vec![1, 2, 3]), Ok(()));
                assert_eq!(PSP22::balance_of(&t, alice), 70);
                assert_eq!(PSP22::balance_of(&t, bob), 30);
                assert_eq!(PSP22::transfer(&mut t, bob, 70, vec![]), Ok(()));
                assert_eq!(PSP22::balance_of(&t, alice), 0);
                assert_eq!(PSP22::total_supply(&t), 100);
                assert_eq!(
                    transfers_since(mark),
                    vec![
                        transfer(Some(alice), Some(bob), 30),
                        transfer(Some(alice), Some(bob), 70)
                    ]
                );
            }

            #[ink::test]
            fn transfer_refusals_and_no_ops() {
                let mut t = token(100);
                let (alice, bob) = (accounts().alice, accounts().bob);
                let mark = event_count();
                assert_eq!(
                    PSP22::transfer(&mut t, bob, 101, vec![]),
                    Err(PSP22Error::InsufficientBalance)
                );
                assert_eq!(
                    PSP22::transfer(&mut t, bob, u128::MAX, vec![]),
                    Err(PSP22Error::InsufficientBalance)
                );
                // Zero value and self-transfer: success, no change, no event (even above
                // the balance).
                assert_eq!(PSP22::transfer(&mut t, bob, 0, vec![]), Ok(()));
                assert_eq!(PSP22::transfer(&mut t, alice, 500, vec![]), Ok(()));
                assert_eq!(PSP22::balance_of(&t, alice), 100);
                assert_eq!(PSP22::balance_of(&t, bob), 0);
                assert_eq!(event_count(), mark);
            }

            #[ink::test]
            fn approve_and_allowance_changes() {
                let mut t = token(100);
                let (alice, bob) = (accounts().alice, accounts().bob);
                let mark = emitted::<Approval>().len();
                assert_eq!(PSP22::approve(&mut t, bob, 50), Ok(()));
                assert_eq!(PSP22::allowance(&t, alice, bob), 50);
                assert_eq!(PSP22::increase_allowance(&mut t, bob, 25), Ok(()));
                assert_eq!(PSP22::allowance(&t, alice, bob), 75);
                assert_eq!(PSP22::decrease_allowance(&mut t, bob, 70), Ok(()));
                assert_eq!(PSP22::allowance(&t, alice, bob), 5);
                assert_eq!(
                    PSP22::decrease_allowance(&mut t, bob, 6),
                    Err(PSP22Error::InsufficientAllowance)
                );
                assert_eq!(PSP22::increase_allowance(&mut t, bob, u128::MAX), Ok(()));
                assert_eq!(PSP22::allowance(&t, alice, bob), u128::MAX, "saturates");
                assert_eq!(PSP22::approve(&mut t, bob, 0), Ok(()));
                assert_eq!(PSP22::allowance(&t, alice, bob), 0);
                assert_eq!(
                    approvals_since(mark),
                    vec![
                        approval(alice, bob, 50),
                        approval(alice, bob, 75),
                        approval(alice, bob, 5),
                        approval(alice, bob, u128::MAX),
                        approval(alice, bob, 0),
                    ]
                );
                // No-ops: approving oneself, zero deltas.
                let mark = event_count();
                assert_eq!(PSP22::approve(&mut t, alice, 10), Ok(()));
                assert_eq!(PSP22::increase_allowance(&mut t, bob, 0), Ok(()));
                assert_eq!(PSP22::decrease_allowance(&mut t, bob, 0), Ok(()));
                assert_eq!(PSP22::allowance(&t, alice, alice), 0);
                assert_eq!(event_count(), mark);
            }

            #[ink::test]
            fn transfer_from_spends_allowance() {
                let mut t = token(100);
                let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
                PSP22::approve(&mut t, bob, 60).expect("approve");
                let (transfers, approvals) =
                    (emitted::<Transfer>().len(), emitted::<Approval>().len());
                set_caller(bob);
                assert_eq!(
                    PSP22::transfer_from(&mut t, alice, charlie, 45, vec![]),
                    Ok(())
                );
                assert_eq!(PSP22::balance_of(&t, alice), 55);
                assert_eq!(PSP22::balance_of(&t, charlie), 45);
                assert_eq!(PSP22::allowance(&t, alice, bob), 15);
                assert_eq!(approvals_since(approvals), vec![approval(alice, bob, 15)]);
                assert_eq!(
                    transfers_since(transfers),
                    vec![transfer(Some(alice), Some(charlie), 45)]
                );
            }

            #[ink::test]
            fn transfer_from_refusals_change_nothing() {
                let mut t = token(100);
                let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
                PSP22::approve(&mut t, bob, 500).expect("approve");
                PSP22::approve(&mut t, charlie, 10).expect("approve");
                let mark = event_count();
                set_caller(charlie);
                assert_eq!(
                    PSP22::transfer_from(&mut t, alice, bob, 11, vec![]),
                    Err(PSP22Error::InsufficientAllowance)
                );
                set_caller(bob);
                assert_eq!(
                    PSP22::transfer_from(&mut t, alice, charlie, 101, vec![]),
                    Err(PSP22Error::InsufficientBalance)
                );
                assert_eq!(
                    PSP22::transfer_from(&mut t, charlie, alice, 1, vec![]),
                    Err(PSP22Error::InsufficientAllowance)
                );
                assert_eq!(PSP22::allowance(&t, alice, bob), 500);
                assert_eq!(PSP22::allowance(&t, alice, charlie), 10);
                assert_eq!(PSP22::balance_of(&t, alice), 100);
                assert_eq!(event_count(), mark);
            }

            #[ink::test]
            fn transfer_from_no_ops_and_own_tokens() {
                let mut t = token(100);
                let (alice, bob) = (accounts().alice, accounts().bob);
                let mark = event_count();
                set_caller(bob);
                // from == to and zero value: success, no change, no event, no allowance.
                assert_eq!(
                    PSP22::transfer_from(&mut t, alice, alice, 5, vec![]),
                    Ok(())
                );
                assert_eq!(PSP22::transfer_from(&mut t, alice, bob, 0, vec![]), Ok(()));
                assert_eq!(event_count(), mark);
                // The holder moving its own tokens needs no allowance.
                let transfers = emitted::<Transfer>().len();
                set_caller(alice);
                assert_eq!(PSP22::transfer_from(&mut t, alice, bob, 5, vec![]), Ok(()));
                assert_eq!(PSP22::balance_of(&t, bob), 5);
                assert_eq!(
                    transfers_since(transfers),
                    vec![transfer(Some(alice), Some(bob), 5)]
                );
                assert_eq!(event_count(), mark + 1);
            }
        }
    };
}

/// The PSP34 behaviour: ownership, transfers, approvals (per token and for all), their events
/// and enumeration. `$new` is `|| -> $contract`; `$mint` is `|&mut $contract, AccountId, Id|`
/// creating a token for an account by whatever path the contract offers.
#[macro_export]
macro_rules! psp34_tests {
    ($contract:ty, $new:expr, $mint:expr) => {
        mod psp34_behaviour {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::ink::primitives::AccountId;
            use $crate::psp34::{Approval, Transfer};
            use $crate::testing::{accounts, emitted, emitted_since, event_count, set_caller};
            use $crate::{Id, PSP34Enumerable, PSP34Error, PSP34};

            /// A collection where alice holds tokens 1 and 2 and bob token 3.
            fn minted_collection() -> $contract {
                set_caller(accounts().alice);
                let new: fn() -> $contract = $new;
                let mint: fn(&mut $contract, AccountId, Id) = $mint;
                let mut c = new();
                mint(&mut c, accounts().alice, Id::U8(1));
                mint(&mut c, accounts().alice, Id::U8(2));
                mint(&mut c, accounts().bob, Id::U8(3));
                set_caller(accounts().alice);
                c
            }

            #[ink::test]
            fn owners_balances_and_enumeration() {
                let c = minted_collection();
                let (alice, bob) = (accounts().alice, accounts().bob);
                assert_eq!(PSP34::total_supply(&c), 3);
                assert_eq!(PSP34::balance_of(&c, alice), 2);
                assert_eq!(PSP34::balance_of(&c, bob), 1);
                assert_eq!(PSP34::owner_of(&c, Id::U8(3)), Some(bob));
                assert_eq!(PSP34::owner_of(&c, Id::U8(9)), None);
                assert_eq!(
                    PSP34Enumerable::owners_token_by_index(&c, alice, 1),
                    Ok(Id::U8(2))
                );
                assert_eq!(
                    PSP34Enumerable::owners_token_by_index(&c, alice, 2),
                    Err(PSP34Error::TokenNotExists)
                );
                assert_eq!(PSP34Enumerable::token_by_index(&c, 2), Ok(Id::U8(3)));
                assert_eq!(
                    PSP34Enumerable::token_by_index(&c, 3),
                    Err(PSP34Error::TokenNotExists)
                );
            }

            #[ink::test]
            fn transfer_by_the_owner_moves_the_token_and_emits() {
                let mut c = minted_collection();
                let (alice, bob) = (accounts().alice, accounts().bob);
                let mark = emitted::<Transfer>().len();
                assert_eq!(PSP34::transfer(&mut c, bob, Id::U8(1), vec![]), Ok(()));
                assert_eq!(PSP34::owner_of(&c, Id::U8(1)), Some(bob));
                assert_eq!(
                    (PSP34::balance_of(&c, alice), PSP34::balance_of(&c, bob)),
                    (1, 2)
                );
                assert_eq!(
                    emitted_since::<Transfer>(mark),
                    vec![Transfer {
                        from: Some(alice),
                        to: Some(bob),
                        id: Id::U8(1)
                    }]
                );
                // Moving a token to its owner: success, no change, no event.
                let mark = event_count();
                assert_eq!(PSP34::transfer(&mut c, alice, Id::U8(2), vec![]), Ok(()));
                assert_eq!(event_count(), mark);
            }

            #[ink::test]
            fn transfer_refusals_change_nothing() {
                let mut c = minted_collection();
                let (alice, bob) = (accounts().alice, accounts().bob);
                let mark = event_count();
                assert_eq!(
                    PSP34::transfer(&mut c, alice, Id::U8(3), vec![]),
                    Err(PSP34Error::NotApproved)
                );
                assert_eq!(
                    PSP34::transfer(&mut c, bob, Id::U8(9), vec![]),
                    Err(PSP34Error::TokenNotExists)
                );
                assert_eq!(PSP34::owner_of(&c, Id::U8(3)), Some(bob));
                assert_eq!(event_count(), mark);
            }

            #[ink::test]
            fn a_token_approval_lets_one_operator_move_one_token_once() {
                let mut c = minted_collection();
                let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
                let mark = emitted::<Approval>().len();
                assert_eq!(PSP34::approve(&mut c, bob, Some(Id::U8(1)), true), Ok(()));
                assert!(PSP34::allowance(&c, alice, bob, Some(Id::U8(1))));
                assert!(!PSP34::allowance(&c, alice, bob, Some(Id::U8(2))));
                assert_eq!(
                    emitted_since::<Approval>(mark),
                    vec![Approval {
                        owner: alice,
                        operator: bob,
                        id: Some(Id::U8(1)),
                        approved: true
                    }]
                );
                set_caller(bob);
                assert_eq!(
                    PSP34::transfer(&mut c, charlie, Id::U8(2), vec![]),
                    Err(PSP34Error::NotApproved)
                );
                assert_eq!(PSP34::transfer(&mut c, charlie, Id::U8(1), vec![]), Ok(()));
                // The approval ends with the transfer.
                assert!(!PSP34::allowance(&c, charlie, bob, Some(Id::U8(1))));
                set_caller(alice);
                assert_eq!(
                    PSP34::approve(&mut c, alice, None, true),
                    Err(PSP34Error::SelfApprove)
                );
                assert_eq!(
                    PSP34::approve(&mut c, bob, Some(Id::U8(3)), true),
                    Err(PSP34Error::NotApproved)
                );
                assert_eq!(
                    PSP34::approve(&mut c, bob, Some(Id::U8(9)), true),
                    Err(PSP34Error::TokenNotExists)
                );
            }

            #[ink::test]
            fn an_operator_for_all_moves_every_token_until_withdrawn() {
                let mut c = minted_collection();
                let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
                assert_eq!(PSP34::approve(&mut c, bob, None, true), Ok(()));
                assert!(PSP34::allowance(&c, alice, bob, None));
                assert!(PSP34::allowance(&c, alice, bob, Some(Id::U8(2))));
                set_caller(bob);
                assert_eq!(PSP34::transfer(&mut c, charlie, Id::U8(1), vec![]), Ok(()));
                set_caller(alice);
                assert_eq!(PSP34::approve(&mut c, bob, None, false), Ok(()));
                assert!(!PSP34::allowance(&c, alice, bob, None));
                set_caller(bob);
                assert_eq!(
                    PSP34::transfer(&mut c, charlie, Id::U8(2), vec![]),
                    Err(PSP34Error::NotApproved)
                );
            }
        }
    };
}

/// The `Ownable` behaviour: only the owner transfers or renounces; `None` is refused; events.
/// `$new` is `|| -> $contract` with alice as the owner.
#[macro_export]
macro_rules! ownable_tests {
    ($contract:ty, $new:expr) => {
        mod ownable_behaviour {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::ink::primitives::AccountId;
            use $crate::access::OwnershipTransferred;
            use $crate::testing::{accounts, emitted, emitted_since, event_count, set_caller};
            use $crate::{Ownable, OwnableError};

            #[ink::test]
            fn ownership_transfer_and_renounce() {
                set_caller(accounts().alice);
                let new: fn() -> $contract = $new;
                let mut c = new();
                let (alice, bob) = (accounts().alice, accounts().bob);
                assert_eq!(Ownable::owner(&c), Some(alice));
                let (mark, transfers) = (event_count(), emitted::<OwnershipTransferred>().len());
                set_caller(bob);
                assert_eq!(
                    Ownable::transfer_ownership(&mut c, Some(bob)),
                    Err(OwnableError::CallerIsNotOwner)
                );
                assert_eq!(
                    Ownable::renounce_ownership(&mut c),
                    Err(OwnableError::CallerIsNotOwner)
                );
                set_caller(alice);
                assert_eq!(
                    Ownable::transfer_ownership(&mut c, None),
                    Err(OwnableError::NewOwnerIsNotSet)
                );
                assert_eq!(event_count(), mark);
                assert_eq!(Ownable::transfer_ownership(&mut c, Some(bob)), Ok(()));
                assert_eq!(Ownable::owner(&c), Some(bob));
                assert_eq!(
                    Ownable::renounce_ownership(&mut c),
                    Err(OwnableError::CallerIsNotOwner)
                );
                set_caller(bob);
                assert_eq!(Ownable::renounce_ownership(&mut c), Ok(()));
                assert_eq!(Ownable::owner(&c), None);
                assert_eq!(
                    Ownable::transfer_ownership(&mut c, Some(bob)),
                    Err(OwnableError::CallerIsNotOwner)
                );
                assert_eq!(
                    emitted_since::<OwnershipTransferred>(transfers),
                    vec![
                        OwnershipTransferred {
                            previous: Some(alice),
                            new: Some(bob)
                        },
                        OwnershipTransferred {
                            previous: Some(bob),
                            new: None
                        },
                    ]
                );
                assert_eq!(event_count(), mark + 2);
            }
        }
    };
}

/// The `AccessControl` behaviour: the admin grants and revokes, holders renounce, every refusal
/// typed, events. `$new` is `|| -> $contract` with alice holding `DEFAULT_ADMIN_ROLE`.
#[macro_export]
macro_rules! access_control_tests {
    ($contract:ty, $new:expr) => {
        mod access_control_behaviour {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::ink::primitives::AccountId;
            use $crate::access::{RoleGranted, RoleRevoked};
            use $crate::testing::{accounts, emitted, emitted_since, event_count, set_caller};
            use $crate::{AccessControl, AccessControlError, RoleType, DEFAULT_ADMIN_ROLE};

            /// A role no contract of the suite gives a meaning to.
            const ROLE: RoleType = 0x5EED;

            fn contract() -> $contract {
                set_caller(accounts().alice);
                let new: fn() -> $contract = $new;
                new()
            }

            #[ink::test]
            fn admin_grants_and_revokes_roles() {
                let mut c = contract();
                let (alice, bob) = (accounts().alice, accounts().bob);
                assert!(AccessControl::has_role(&c, DEFAULT_ADMIN_ROLE, Some(alice)));
                assert!(!AccessControl::has_role(&c, ROLE, None));
                assert_eq!(AccessControl::get_role_admin(&c, ROLE), DEFAULT_ADMIN_ROLE);
                let (granted, revoked) = (
                    emitted::<RoleGranted>().len(),
                    emitted::<RoleRevoked>().len(),
                );
                let mark = event_count();
                assert_eq!(AccessControl::grant_role(&mut c, ROLE, Some(bob)), Ok(()));
                assert!(AccessControl::has_role(&c, ROLE, Some(bob)));
                assert_eq!(
                    AccessControl::grant_role(&mut c, ROLE, Some(bob)),
                    Err(AccessControlError::RoleRedundant)
                );
                assert_eq!(
                    AccessControl::grant_role(&mut c, ROLE, None),
                    Err(AccessControlError::InvalidCaller)
                );
                set_caller(bob);
                assert_eq!(
                    AccessControl::grant_role(&mut c, ROLE, Some(accounts().charlie)),
                    Err(AccessControlError::MissingRole),
                    "a role holder is not an admin"
                );
                assert_eq!(
                    AccessControl::revoke_role(&mut c, DEFAULT_ADMIN_ROLE, Some(alice)),
                    Err(AccessControlError::MissingRole)
                );
                set_caller(alice);
                assert_eq!(AccessControl::revoke_role(&mut c, ROLE, Some(bob)), Ok(()));
                assert!(!AccessControl::has_role(&c, ROLE, Some(bob)));
                assert_eq!(
                    AccessControl::revoke_role(&mut c, ROLE, Some(bob)),
                    Err(AccessControlError::MissingRole)
                );
                assert_eq!(
                    AccessControl::revoke_role(&mut c, ROLE, None),
                    Err(AccessControlError::InvalidCaller)
                );
                assert_eq!(
                    emitted_since::<RoleGranted>(granted),
                    vec![RoleGranted {
                        role: ROLE,
                        grantee: Some(bob),
                        grantor: Some(alice)
                    }]
                );
                assert_eq!(
                    emitted_since::<RoleRevoked>(revoked),
                    vec![RoleRevoked {
                        role: ROLE,
                        account: Some(bob),
                        admin: alice
                    }]
                );
                assert_eq!(event_count(), mark + 2);
            }

            #[ink::test]
            fn roles_are_renounced_only_by_their_holder() {
                let mut c = contract();
                let (alice, bob) = (accounts().alice, accounts().bob);
                let revoked = emitted::<RoleRevoked>().len();
                let mark = event_count();
                set_caller(bob);
                assert_eq!(
                    AccessControl::renounce_role(&mut c, DEFAULT_ADMIN_ROLE, Some(alice)),
                    Err(AccessControlError::InvalidCaller)
                );
                assert_eq!(
                    AccessControl::renounce_role(&mut c, ROLE, None),
                    Err(AccessControlError::InvalidCaller)
                );
                assert_eq!(
                    AccessControl::renounce_role(&mut c, ROLE, Some(bob)),
                    Err(AccessControlError::MissingRole)
                );
                assert_eq!(event_count(), mark);
                set_caller(alice);
                assert_eq!(
                    AccessControl::renounce_role(&mut c, DEFAULT_ADMIN_ROLE, Some(alice)),
                    Ok(())
                );
                assert!(!AccessControl::has_role(
                    &c,
                    DEFAULT_ADMIN_ROLE,
                    Some(alice)
                ));
                assert_eq!(
                    AccessControl::grant_role(&mut c, ROLE, Some(bob)),
                    Err(AccessControlError::MissingRole)
                );
                assert_eq!(
                    emitted_since::<RoleRevoked>(revoked),
                    vec![RoleRevoked {
                        role: DEFAULT_ADMIN_ROLE,
                        account: Some(alice),
                        admin: alice
                    }]
                );
                assert_eq!(event_count(), mark + 1);
            }
        }
    };
}

/// The `Upgradeable` behaviour off chain: proposals by the admin only, the delay, cancel,
/// typed refusals, events. (`execute_upgrade` past the delay calls `set_code_hash`, which only
/// a real runtime has: `e2e-tests/tests/upgrades.rs` runs it on the compiled Wasm.)
/// `$new` is `|| -> $contract` with alice holding `DEFAULT_ADMIN_ROLE`.
#[macro_export]
macro_rules! upgradeable_tests {
    ($contract:ty, $new:expr) => {
        mod upgradeable_behaviour {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::ink::primitives::AccountId;
            use $crate::testing::{accounts, emitted, set_caller, set_time};
            use $crate::upgrade::{UpgradeCancelled, UpgradeProposed, UPGRADE_DELAY};
            use $crate::{UpgradeError, Upgradeable};

            #[ink::test]
            fn upgrades_are_proposed_and_cancelled_by_the_admin_only() {
                set_caller(accounts().alice);
                let new: fn() -> $contract = $new;
                let mut c = new();
                let hash = ink::primitives::Hash::from([7; 32]);
                set_time(1_000);
                assert_eq!(Upgradeable::pending_upgrade(&c), None);
                assert_eq!(
                    Upgradeable::execute_upgrade(&mut c),
                    Err(UpgradeError::NothingProposed)
                );
                assert_eq!(
                    Upgradeable::cancel_upgrade(&mut c),
                    Err(UpgradeError::NothingProposed)
                );
                set_caller(accounts().bob);
                assert_eq!(
                    Upgradeable::propose_upgrade(&mut c, hash),
                    Err(UpgradeError::MissingRole)
                );
                set_caller(accounts().alice);
                assert_eq!(Upgradeable::propose_upgrade(&mut c, hash), Ok(()));
                let pending = Upgradeable::pending_upgrade(&c).expect("pending");
                assert_eq!(
                    (pending.code_hash, pending.ready_at),
                    (hash, 1_000 + UPGRADE_DELAY)
                );
                set_time(1_000 + UPGRADE_DELAY - 1);
                assert_eq!(
                    Upgradeable::execute_upgrade(&mut c),
                    Err(UpgradeError::TooEarly)
                );
                set_caller(accounts().bob);
                assert_eq!(
                    Upgradeable::execute_upgrade(&mut c),
                    Err(UpgradeError::MissingRole)
                );
                assert_eq!(
                    Upgradeable::cancel_upgrade(&mut c),
                    Err(UpgradeError::MissingRole)
                );
                set_caller(accounts().alice);
                assert_eq!(Upgradeable::cancel_upgrade(&mut c), Ok(()));
                assert_eq!(Upgradeable::pending_upgrade(&c), None);
                assert_eq!(
                    emitted::<UpgradeProposed>(),
                    vec![UpgradeProposed {
                        code_hash: hash,
                        ready_at: 1_000 + UPGRADE_DELAY
                    }]
                );
                assert_eq!(
                    emitted::<UpgradeCancelled>(),
                    vec![UpgradeCancelled { code_hash: hash }]
                );
            }
        }
    };
}
