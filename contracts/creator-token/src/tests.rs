//! The token's own rules (cap, mint, burn, pause, metadata, roles' meaning); the standard
//! behaviours run from `psp`'s shared suites at the end.

use crate::creator_token::CreatorToken;
use ink::primitives::AccountId;
use psp::access::{Paused, Unpaused};
use psp::{
    AccessControl, AccessControlError, Ownable, PSP22Burnable, PSP22Capped, PSP22Error,
    PSP22Metadata, PSP22Mintable, Pausable, PausableError, BURNER, DEFAULT_ADMIN_ROLE, MINTER,
    PAUSER, PSP22,
};

type Balance = u128;
use ink::env::{test, Event};
use psp::{
    access::{OwnershipTransferred, RoleGranted, RoleRevoked},
    psp22::{Approval, Transfer},
    testing::{accounts, set_caller},
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

/// A token administered by alice, with `supply` minted to alice; returns the event mark.
fn setup(supply: Balance) -> (CreatorToken, usize) {
    let alice = accounts().alice;
    set_caller(alice);
    let mut token = CreatorToken::new(Some("Creator".into()), Some("CRT".into()), 12, CAP, alice);
    if supply > 0 {
        token.mint(alice, supply).expect("mint");
    }
    let mark = events().len();
    (token, mark)
}

fn custom(reason: &str) -> PSP22Error {
    PSP22Error::Custom(reason.into())
}

fn transfer_event(from: Option<AccountId>, to: Option<AccountId>, value: Balance) -> Emitted {
    Emitted::Transfer(Transfer { from, to, value })
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
fn a_burner_burns_from_any_account() {
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
    assert_eq!(
        token.burn(alice, 1),
        Err(PSP22Error::InsufficientAllowance),
        "no role, no allowance: nobody burns another's tokens"
    );
    set_caller(alice);
    token.pause().expect("pause");
    assert_eq!(token.burn(alice, 1), Err(custom(PSP22Error::PAUSED)));
    assert_eq!(token.balance_of(alice), 100);
    assert_eq!(token.total_supply(), 100);
    assert_eq!(events_since(mark).len(), 1, "only the Paused event");
}

/// Fair launch: without `BURNER`, a holder burns its own tokens, or another's only within the
/// allowance given to it.
#[ink::test]
fn anyone_burns_their_own_tokens_or_within_an_allowance() {
    let (mut token, _) = setup(100);
    let (alice, bob) = (accounts().alice, accounts().bob);
    token.transfer(bob, 40, vec![]).expect("transfer");
    token.approve(bob, 10).expect("approve");
    set_caller(bob);
    let mark = events().len();
    assert_eq!(token.burn(bob, 5), Ok(()), "its own");
    assert_eq!(
        token.burn(alice, 11),
        Err(PSP22Error::InsufficientAllowance)
    );
    assert_eq!(token.burn(alice, 10), Ok(()), "within the allowance");
    assert_eq!(token.allowance(alice, bob), 0, "spent");
    assert_eq!(token.burn(alice, 1), Err(PSP22Error::InsufficientAllowance));
    assert_eq!((token.balance_of(alice), token.balance_of(bob)), (50, 35));
    assert_eq!(token.total_supply(), 85);
    assert_eq!(
        events_since(mark),
        vec![
            transfer_event(Some(bob), None, 5),
            Emitted::Approval(Approval {
                owner: alice,
                spender: bob,
                amount: 0
            }),
            transfer_event(Some(alice), None, 10),
        ]
    );
}

/// A pause ends by itself after `MAX_PAUSE`, and the next waits `PAUSE_GAP` after it.
#[ink::test]
fn a_pause_ends_by_itself_and_cannot_be_renewed_at_once() {
    use psp::limits::{MAX_PAUSE, PAUSE_GAP};
    let (mut token, _) = setup(100);
    let bob = accounts().bob;
    test::set_block_timestamp::<ink::env::DefaultEnvironment>(1_000);
    token.pause().expect("pause");
    assert!(token.paused());
    test::set_block_timestamp::<ink::env::DefaultEnvironment>(1_000 + MAX_PAUSE - 1);
    assert_eq!(
        token.transfer(bob, 1, vec![]),
        Err(custom(PSP22Error::PAUSED))
    );
    test::set_block_timestamp::<ink::env::DefaultEnvironment>(1_000 + MAX_PAUSE);
    assert!(!token.paused(), "over without anyone unpausing");
    assert_eq!(token.transfer(bob, 1, vec![]), Ok(()));
    assert_eq!(token.unpause(), Err(PausableError::NotPaused));
    assert_eq!(token.pause(), Err(PausableError::TooSoon));
    test::set_block_timestamp::<ink::env::DefaultEnvironment>(1_000 + MAX_PAUSE + PAUSE_GAP);
    assert_eq!(token.pause(), Ok(()));
}

#[ink::test]
fn transfers_are_refused_while_paused_and_resume_after() {
    let (mut token, mark) = setup(100);
    let bob = accounts().bob;
    token.approve(bob, 10).expect("approve");
    token.pause().expect("pause");
    let mark_paused = events().len();
    assert_eq!(
        token.transfer(bob, 1, vec![]),
        Err(custom(PSP22Error::PAUSED))
    );
    set_caller(bob);
    assert_eq!(
        token.transfer_from(accounts().alice, bob, 1, vec![]),
        Err(custom(PSP22Error::PAUSED))
    );
    assert_eq!(events().len(), mark_paused, "a refusal emits nothing");
    set_caller(accounts().alice);
    token.unpause().expect("unpause");
    assert_eq!(token.transfer(bob, 1, vec![]), Ok(()));
    assert_eq!(token.balance_of(bob), 1);
    assert_eq!(
        events_since(mark).len(),
        4,
        "approval, paused, unpaused, transfer"
    );
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

/// A token with `supply` minted to alice, its admin.
fn token_with(supply: Balance) -> CreatorToken {
    setup(supply).0
}

psp::psp22_tests!(CreatorToken, |supply| token_with(supply));
psp::ownable_tests!(CreatorToken, || token_with(0));
psp::access_control_tests!(CreatorToken, || token_with(0));
psp::upgradeable_tests!(CreatorToken, || token_with(0));
