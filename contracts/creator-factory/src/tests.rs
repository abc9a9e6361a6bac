//! The factory's own rules off chain: construction, the code hashes' admin gate, refusals
//! before anything is instantiated, the empty registry; the Ownable and AccessControl
//! behaviours run from `psp`'s shared suites at the end. Instantiating and wiring a suite needs
//! a real runtime: `e2e-tests/tests/creator_factory.rs` runs it on the compiled Wasm.

use crate::creator_factory::CreatorFactory;
use crate::params::tests::valid;
use crate::{CodeHashes, CodeHashesChanged, CreatorParams, FactoryError};
use ink::primitives::Hash;
use psp::access::{OwnershipTransferred, RoleGranted};
use psp::testing::{accounts, emitted, event_count, set_caller};
use psp::{AccessControl, Ownable, DEFAULT_ADMIN_ROLE};

const DOMAIN: u32 = 42;

fn hashes() -> CodeHashes {
    let hash = |byte| Hash::from([byte; 32]);
    CodeHashes {
        token: hash(1),
        collection: hash(2),
        distributor: hash(3),
        pool: hash(4),
        vesting: hash(5),
        market: hash(6),
        pow: hash(7),
        creations: hash(8),
    }
}

/// A factory administered by alice (the caller).
fn factory() -> CreatorFactory {
    set_caller(accounts().alice);
    CreatorFactory::new(accounts().alice, DOMAIN)
}

#[ink::test]
fn new_gives_the_admin_role_and_ownership() {
    let alice = accounts().alice;
    let factory = factory();
    assert_eq!(Ownable::owner(&factory), Some(alice));
    assert!(AccessControl::has_role(
        &factory,
        DEFAULT_ADMIN_ROLE,
        Some(alice)
    ));
    assert_eq!(
        emitted::<RoleGranted>(),
        vec![RoleGranted {
            role: DEFAULT_ADMIN_ROLE,
            grantee: Some(alice),
            grantor: None
        }]
    );
    assert_eq!(
        emitted::<OwnershipTransferred>(),
        vec![OwnershipTransferred {
            previous: None,
            new: Some(alice)
        }]
    );
    assert_eq!(event_count(), 2);
    assert_eq!(factory.code_hashes(), None);
    assert_eq!(factory.creator_count(), 0);
}

#[ink::test]
fn only_the_admin_sets_code_hashes() {
    let mut factory = factory();
    set_caller(accounts().bob);
    let mark = event_count();
    assert_eq!(
        factory.set_code_hashes(hashes()),
        Err(FactoryError::MissingRole)
    );
    assert_eq!(event_count(), mark);
    assert_eq!(factory.code_hashes(), None);

    set_caller(accounts().alice);
    assert_eq!(factory.set_code_hashes(hashes()), Ok(()));
    assert_eq!(factory.code_hashes(), Some(hashes()));
    assert_eq!(
        emitted::<CodeHashesChanged>(),
        vec![CodeHashesChanged { hashes: hashes() }]
    );
    // A later registration replaces the earlier one.
    let mut newer = hashes();
    newer.market = Hash::from([9; 32]);
    assert_eq!(factory.set_code_hashes(newer), Ok(()));
    assert_eq!(factory.code_hashes(), Some(newer));
}

#[ink::test]
fn a_bob_granted_admin_sets_code_hashes() {
    let mut factory = factory();
    let bob = accounts().bob;
    assert_eq!(
        AccessControl::grant_role(&mut factory, DEFAULT_ADMIN_ROLE, Some(bob)),
        Ok(())
    );
    set_caller(bob);
    assert_eq!(factory.set_code_hashes(hashes()), Ok(()));
}

/// Nothing is registered after a refusal.
fn assert_nothing_registered(factory: &CreatorFactory) {
    let creator = accounts().bob;
    assert_eq!(factory.suite_of(creator), None);
    assert_eq!(factory.nonce_of(creator), 0);
    assert_eq!(factory.creator_count(), 0);
    assert_eq!(factory.creators(0, 100), vec![]);
}

#[ink::test]
fn create_creator_needs_code_hashes_first() {
    let mut factory = factory();
    set_caller(accounts().bob);
    let mark = event_count();
    assert_eq!(
        factory.create_creator(valid(), hashes()),
        Err(FactoryError::CodeHashesNotSet)
    );
    // Checked before the parameters.
    let bad = CreatorParams {
        name: String::new(),
        ..valid()
    };
    assert_eq!(
        factory.create_creator(bad, hashes()),
        Err(FactoryError::CodeHashesNotSet)
    );
    assert_eq!(event_count(), mark);
    assert_nothing_registered(&factory);
}

#[ink::test]
fn create_creator_refuses_bad_params_before_instantiating() {
    let mut factory = factory();
    assert_eq!(factory.set_code_hashes(hashes()), Ok(()));
    set_caller(accounts().bob);
    let mark = event_count();
    let cases = [
        (
            CreatorParams {
                symbol: " ".into(),
                ..valid()
            },
            FactoryError::EmptyName,
        ),
        (
            CreatorParams { cap: 0, ..valid() },
            FactoryError::CapBelowAllocation,
        ),
        (
            CreatorParams {
                treasury_bps: 0,
                ..valid()
            },
            FactoryError::InvalidShares,
        ),
        (
            CreatorParams {
                reward_duration: psp::limits::MAX_REWARD_DURATION + 1,
                ..valid()
            },
            FactoryError::InvalidSchedule,
        ),
        (
            CreatorParams {
                unstake_cooldown: psp::limits::MAX_COOLDOWN + 1,
                ..valid()
            },
            FactoryError::InvalidSchedule,
        ),
        (
            CreatorParams {
                decimals: 39,
                ..valid()
            },
            FactoryError::InvalidMarket,
        ),
    ];
    for (params, error) in cases {
        assert_eq!(factory.create_creator(params, hashes()), Err(error));
    }
    // Refused before any instantiation (the off-chain engine cannot instantiate: reaching it
    // would not answer a typed refusal), and nothing emitted.
    assert_eq!(event_count(), mark);
    assert_nothing_registered(&factory);
}

/// L-8 of the security review: a creator names the code hashes they reviewed; when the
/// platform registered others (say, front-running the creator's call), nothing is created.
#[ink::test]
fn create_creator_refuses_code_the_creator_did_not_expect() {
    let mut factory = factory();
    assert_eq!(factory.set_code_hashes(hashes()), Ok(()));
    set_caller(accounts().bob);
    let mark = event_count();
    let swapped = CodeHashes {
        token: [0xEE; 32].into(),
        ..hashes()
    };
    assert_eq!(
        factory.create_creator(valid(), swapped),
        Err(FactoryError::UnexpectedCodeHashes)
    );
    // Checked before the parameters.
    let bad = CreatorParams {
        name: String::new(),
        ..valid()
    };
    assert_eq!(
        factory.create_creator(bad, swapped),
        Err(FactoryError::UnexpectedCodeHashes)
    );
    assert_eq!(event_count(), mark);
    assert_nothing_registered(&factory);
}

#[ink::test]
fn the_empty_registry_pages() {
    let factory = factory();
    assert_eq!(factory.creators(0, 0), vec![]);
    assert_eq!(factory.creators(u32::MAX, u32::MAX), vec![]);
    assert_eq!(factory.nonce_of(accounts().alice), 0);
}

psp::ownable_tests!(CreatorFactory, || factory());
psp::access_control_tests!(CreatorFactory, || factory());
